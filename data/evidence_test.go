package data

import "testing"

func TestEvidence(t *testing.T) {
	if got := Evidence("dir/r.txt", 3, 9); got != "dir/r.txt#char=3,9" {
		t.Errorf("Evidence %q", got)
	}
	if d, s, e, ok := ParseEvidence(Evidence("c.csv.gz#row=4", 1, 9)); !ok || d != "c.csv.gz#row=4" || s != 1 || e != 9 {
		t.Errorf("table evidence round trip: %q %d %d %v", d, s, e, ok)
	}
	for _, bad := range []string{"http://example.org/page", "r.txt#char=9,3", "r.txt#char=1", "char=1,2", "r.txt#char=a,2"} {
		if _, _, _, ok := ParseEvidence(bad); ok {
			t.Errorf("%q parsed as evidence", bad)
		}
	}
	for ref, want := range map[string]string{`C:\docs\r.txt`: "r.txt", "a/b/c.csv#row=4": "c.csv#row=4", "r.txt": "r.txt"} {
		if got := EvidenceDoc(ref); got != want {
			t.Errorf("EvidenceDoc(%q) = %q, want %q", ref, got, want)
		}
	}
}
