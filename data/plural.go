package data

// Plural is one when n is 1 and many otherwise: the noun or verb that
// agrees with a count in the sentences the project writes, as in
// fmt.Sprintf("%d %s", n, Plural(n, "statement", "statements")). Every
// package uses this one.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
