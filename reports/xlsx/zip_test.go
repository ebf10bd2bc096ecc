package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"testing"
)

// A part compressed in many blocks reads back whole with archive/zip,
// and the file's bytes do not depend on how the part was handed over.
func TestSortedZipBlocks(t *testing.T) {
	defer func(n int) { deflateBlock = n }(deflateBlock)
	deflateBlock = 1000
	var text bytes.Buffer
	for i := range 3000 { // about 80 blocks
		fmt.Fprintf(&text, `<row r="%d"><c t="inlineStr"><is><t>statement %d of %d</t></is></c></row>`, i, i*7%1000, i)
	}
	parts := map[string][]byte{"xl/worksheets/sheet1.xml": text.Bytes(), "xl/empty.xml": nil, "docProps/app.xml": []byte("<Properties/>")}
	write := func(chunk int) []byte {
		var out bytes.Buffer
		z := &sortedZip{w: &out}
		for _, name := range []string{"xl/worksheets/sheet1.xml", "xl/empty.xml", "docProps/app.xml"} {
			w, err := z.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			for b := parts[name]; len(b) > 0; b = b[min(chunk, len(b)):] {
				if _, err := w.Write(b[:min(chunk, len(b))]); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := z.Close(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	first := write(4096)
	r, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.File) != len(parts) {
		t.Fatalf("%d parts, want %d", len(r.File), len(parts))
	}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC too
		rc.Close()
		if err != nil || !bytes.Equal(got, parts[f.Name]) {
			t.Errorf("%s: %d bytes back (%v), want %d", f.Name, len(got), err, len(parts[f.Name]))
		}
	}
	for _, chunk := range []int{1, 999, 1000, 1001, 1 << 20} {
		if again := write(chunk); !bytes.Equal(again, first) {
			t.Errorf("written %d bytes at a time, the file differs", chunk)
		}
	}
}
