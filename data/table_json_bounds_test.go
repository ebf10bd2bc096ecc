package data

import (
	"fmt"
	"strings"
	"testing"
)

// One record object, one string value and one JSON Lines line are each
// bounded (maxJSONValueBytes, lowered here to 64 bytes): the file is
// refused, or the line skipped, naming the line.
func TestJSONValueBounds(t *testing.T) {
	defer func(n int) { maxJSONValueBytes = n }(maxJSONValueBytes)
	maxJSONValueBytes = 64
	long := strings.Repeat("x", 100)
	for _, c := range []struct {
		name, file, text string
		unusable         bool
		want             string // in the problem
		records          int
	}{
		{"a long string in an element", "a.json", "[\n{\"actor\": \"CHN\", \"theme\": \"openness\"},\n{\"actor\": \"USA\", \"text\": \"" + long + "\"}\n]", true,
			"a.json:3: line 3: a string value starting here is larger than 0 KB", 0},
		{"an escaped quote does not end the string", "a.json", "[{\"actor\": \"USA\", \"text\": \"" + long[:40] + "\\\"" + long[:40] + "\"}]", true,
			"a.json:1: line 1: a string value starting here is larger than 0 KB", 0},
		{"an element of many short strings", "a.json", "[\n{\"actor\": \"CHN\"},\n{" + strings.Repeat("\"actor\": \"USA\", ", 10) + "\"theme\": \"openness\"}\n]", true,
			"a.json:3: line 3: an element of the array starting here is larger than 0 KB", 0},
		{"an element holding a long number", "a.json", "[\n{\"actor\": \"CHN\"},\n{\"stance\": 1" + strings.Repeat("0", 100) + "}\n]", true,
			"a.json:3: line 3: an element of the array starting here is larger than 0 KB", 0},
		{"elements within the bound", "a.json", "[\n{\"actor\": \"CHN\", \"theme\": \"openness\"},\n{\"actor\": \"USA\", \"text\": \"sh\\\\\"}\n]", false, "", 2},
		{"many small elements make a large array", "a.json", "[" + strings.Repeat("{\"actor\": \"CHN\", \"theme\": \"openness\"},\n", 50) + "{\"actor\": \"USA\"}]", false, "", 51},
		{"string member of the wrapper", "w.json", "{\"title\": \"" + long + "\",\n \"statements\": [{\"actor\": \"CHN\"}]}", true,
			"w.json:1: line 1: a string value starting here is larger than 0 KB", 0},
		{"number member of the wrapper", "w.json", "{\"n\": 1" + strings.Repeat("0", 100) + ",\n \"statements\": [{\"actor\": \"CHN\"}]}", true,
			"w.json:1: line 1: the value of \"n\" starting here is larger than 0 KB", 0},
		{"element in the wrapper's list", "w.json", "{\"statements\": [\n{\"actor\": \"CHN\"},\n{" + strings.Repeat("\"actor\": \"USA\", ", 10) + "\"theme\": \"x\"}]}", true,
			"w.json:3: line 3: an element of the array starting here is larger than 0 KB", 0},
		{"JSON Lines line", "l.jsonl", "{\"actor\": \"CHN\"}\n{\"actor\": \"" + long + "\"}\n{\"actor\": \"USA\"}\n", false,
			"l.jsonl:2: the line is larger than 0 KB and was skipped", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab, _, err := parseTableText(c.text, c.file, TableOptions{}, false)
			if c.unusable {
				if err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("error %v, want %q", err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(tab.Records) != c.records {
				t.Errorf("%d records, want %d", len(tab.Records), c.records)
			}
			if got := fmt.Sprint(tab.Problems); !strings.Contains(got, c.want) {
				t.Errorf("problems %q lack %q", got, c.want)
			}
		})
	}
}
