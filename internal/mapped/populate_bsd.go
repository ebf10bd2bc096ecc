//go:build darwin || freebsd

package mapped

const populate = 0
