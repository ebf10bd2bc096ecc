package analysis

// The -update flag, so that `go test ./... -run Cases -update` runs here too.
import _ "github.com/stancemap/stancemap/internal/testutil"
