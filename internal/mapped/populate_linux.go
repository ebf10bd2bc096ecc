package mapped

import "syscall"

// populate maps every page in one call instead of one fault per page.
const populate = syscall.MAP_POPULATE
