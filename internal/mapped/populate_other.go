//go:build !linux

package mapped

import "github.com/stancemap/stancemap/data"

const populateMap = 0

func populate([]data.Statement) {}
