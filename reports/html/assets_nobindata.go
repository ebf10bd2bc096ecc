//go:build !bindata

package html

// Built without the tag bindata there is no script to inline: reports
// link echarts from the network (see Options.Assets).
var (
	echartsJS      []byte
	echartsNotice  []byte
	echartsVersion string
)
