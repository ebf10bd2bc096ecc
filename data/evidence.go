package data

import (
	"path"
	"strconv"
	"strings"
)

// Evidence is the url column of an extracted statement: where its
// sentence is, as an RFC 5147 fragment on the document's reference:
// "report.txt#char=120,245" (code points, end exclusive), or for a row of
// a table "corpus.csv.gz#row=12;char=120,245".
func Evidence(ref string, start, end int) string {
	sep := "#"
	if strings.Contains(ref, "#") {
		sep = ";"
	}
	return ref + sep + "char=" + strconv.Itoa(start) + "," + strconv.Itoa(end)
}

// ParseEvidence reads the document reference and the character span back
// from an evidence string. ok is false when s holds no char= fragment.
func ParseEvidence(s string) (doc string, start, end int, ok bool) {
	i := strings.LastIndex(s, "char=")
	if i <= 0 || (s[i-1] != '#' && s[i-1] != ';') {
		return "", 0, 0, false
	}
	doc = s[:i-1]
	a, b, found := strings.Cut(s[i+len("char="):], ",")
	if !found {
		return "", 0, 0, false
	}
	var err1, err2 error
	start, err1 = strconv.Atoi(a)
	end, err2 = strconv.Atoi(b)
	if err1 != nil || err2 != nil || start < 0 || end < start {
		return "", 0, 0, false
	}
	return doc, start, end, true
}

// EvidenceDoc is the part of an evidence reference that two codings of
// the same material share: the file's base name (folders differ between
// machines), and the row for a table ("c.csv#row=4").
func EvidenceDoc(ref string) string {
	file, rest, _ := strings.Cut(ref, "#")
	k := path.Base(strings.ReplaceAll(file, "\\", "/"))
	if rest != "" {
		k += "#" + rest
	}
	return k
}
