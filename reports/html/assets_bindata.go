//go:build bindata

package html

import _ "embed"

// echartsJS is echarts' dist/echarts.min.js and echartsNotice its
// licence texts, copied here by scripts/build-assets.sh (make assets).
var (
	//go:embed assets/echarts.min.js
	echartsJS []byte
	//go:embed assets/THIRD_PARTY.txt
	echartsNotice []byte
	//go:embed assets/VERSION
	echartsVersion string
)
