package extract

import "testing"

func TestCollapseJoinsWhiteSpace(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"single spaces are kept as they are", "We call for an open internet.", "We call for an open internet."},
		{"runs of spaces become one", "We  call   for it.", "We call for it."},
		{"line breaks and tabs become spaces", "We call\nfor\tit.", "We call for it."},
		{"space at the ends is dropped", " We call for it. ", "We call for it."},
		{"a no-break space is white space", "We\u00a0call for it.", "We call for it."},
		{"a space next to an ideographic space", "We \u3000call", "We call"},
		{"other non-ASCII letters stay", "Côte d’Ivoire — 中国", "Côte d’Ivoire — 中国"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := collapse(tc.in); got != tc.want {
				t.Errorf("collapse(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
