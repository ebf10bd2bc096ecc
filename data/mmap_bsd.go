//go:build darwin || freebsd

package data

const mapPopulate = 0
