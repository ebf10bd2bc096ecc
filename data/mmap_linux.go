package data

import "syscall"

// mapPopulate maps every page at once instead of one fault per page.
const mapPopulate = syscall.MAP_POPULATE
