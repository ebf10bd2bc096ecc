package extract

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stancemap/stancemap/data"
)

func newTestExtractor(t testing.TB, opt Options) *Extractor {
	t.Helper()
	reg, err := data.DefaultRegistry()
	if err != nil {
		t.Fatal(err)
	}
	cb, err := data.DefaultCodebook()
	if err != nil {
		t.Fatal(err)
	}
	x, err := New(cb, reg, opt)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func extractText(t *testing.T, x *Extractor, text string, doc Document) *DocResult {
	t.Helper()
	doc.Text = text
	if doc.Ref == "" {
		doc.Ref = "t.txt"
	}
	doc.Clean = true
	if doc.Date.IsZero() {
		doc.Date, _ = data.ParseDate("2020-01-01")
	}
	return x.Extract(&doc)
}

func TestStem(t *testing.T) {
	cases := map[string]string{
		"calls": "call", "called": "call", "calling": "call", "call": "call",
		"policies": "polici", "policy": "polici", "countries": "countri", "country": "countri",
		"closing": "clos", "close": "clos", "norms": "norm", "norm": "norm",
		"added": "add", "add": "add", "stopped": "stop", "noted": "noted", "note": "note",
		"access": "access", "us": "us", "sovereignty": "sovereignti", "sovereign": "sovereign",
		"urged": "urg", "urge": "urg", "needs": "need", "needed": "need",
	}
	for in, want := range cases {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTokenizeAcronymsContractionsAndQuotes(t *testing.T) {
	text := `The U.N. chief can't agree: "no," he said, multi-stakeholder.`
	toks := tokenize(text, 0, len(text), nil)
	var words []string
	kinds := map[tokKind]int{}
	for _, tk := range toks {
		kinds[tk.kind]++
		if tk.kind == tWord {
			words = append(words, foldWord(text[tk.start:tk.end]))
		}
	}
	want := "the un chief ca not agree no he said multi stakeholder"
	if got := strings.Join(words, " "); got != want {
		t.Errorf("words %q, want %q", got, want)
	}
	if kinds[tQuoteOpen] != 1 || kinds[tQuoteClose] != 1 || kinds[tBreak] != 1 {
		t.Errorf("marks %v: want one opening and one closing quote and one break", kinds)
	}
}

func TestSplitSentences(t *testing.T) {
	x := newTestExtractor(t, Options{})
	text := "Prof. Jane Doe spoke at the U.N. Office on Oct. 17 with W. Hague. Then the talks ended! " +
		"Did they agree? \"Yes,\" said one delegate. Agreement, e.g. on norms, was reached.\n\n" +
		"第一句。第二句。"
	var got []string
	for _, s := range x.segment(text, true, nil) {
		got = append(got, text[s.start:s.end])
	}
	want := []string{
		"Prof. Jane Doe spoke at the U.N. Office on Oct. 17 with W. Hague.",
		"Then the talks ended!",
		"Did they agree?",
		"\"Yes,\" said one delegate.",
		"Agreement, e.g. on norms, was reached.",
		"第一句。", "第二句。",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences\n got %q\nwant %q", got, want)
	}
}

func TestCleaningDropsBoilerplateAndRepeatedParagraphs(t *testing.T) {
	x := newTestExtractor(t, Options{})
	text := "Home >> World\n\nEmail|Print|Comments\n\nA long first paragraph that the page repeats as a teaser above the article.\n\n" +
		"A long first paragraph that the page repeats as a teaser above the article.\n\nRelated reading\n\nsomeone@example.org\n\n<All rights reserved by Example>\n"
	var got []string
	for _, s := range x.segment(text, true, nil) {
		got = append(got, text[s.start:s.end])
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "A long first") {
		t.Errorf("kept %q, want only the first copy of the paragraph", got)
	}
	if n := len(x.segment(text, false, nil)); n != 7 {
		t.Errorf("without cleaning %d sentences, want 7", n)
	}
}

// codes returns actor/theme/stance of a result, one string per statement.
func codes(r *DocResult) []string {
	var out []string
	for _, c := range r.Coded {
		out = append(out, c.Actor+"/"+c.Theme+"/"+itoa(c.Stance))
	}
	return out
}

func itoa(v int) string {
	if v > 0 {
		return "+" + string(rune('0'+v))
	}
	if v < 0 {
		return "-" + string(rune('0'-v))
	}
	return "0"
}

func TestSpeakerAttribution(t *testing.T) {
	x := newTestExtractor(t, Options{})
	cases := []struct {
		name, text, actor, speaker, how string
	}{
		{"demonym and title before an unknown name", "South Korean President Kim Minho pledged to close the digital divide.", "KOR", "Kim Minho", "named"},
		{"possessive country and lower-case title", "China's assistant foreign minister Li Wei said every state must respect national sovereignty.", "CHN", "Li Wei", "named"},
		{"British Foreign Secretary", "British Foreign Secretary John Smith said the internet must stay open and free.", "GBR", "John Smith", "named"},
		{"the UN chief", "The digital divide must be closed, the UN chief said.", "UN", "the UN chief", "title"},
		{"according to", "Capacity building is a priority, according to the Indian government.", "IND", "the Indian government", "according"},
		{"registered official", "Qian Hongshan said that sovereign equality must guide cyberspace governance.", "qian_hongshan", "Qian Hongshan", "named"},
		{"apposition after the name", "Qian Hongshan, China's assistant foreign minister, said respect for sovereignty matters.", "qian_hongshan", "Qian Hongshan", "named"},
		{"said after the quotation", "\"We want an open and free internet,\" said Ban Ki-moon.", "ban_ki_moon", "Ban Ki-moon", "named"},
		{"no speaker", "Sovereignty is debated in many forums.", "", "", ""},
		{"a description with no actor", "Sovereignty matters most, a senior diplomat said.", "", "a senior diplomat", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := extractText(t, x, c.text, Document{})
			if len(r.Coded) == 0 {
				t.Fatalf("no statement from %q", c.text)
			}
			got := r.Coded[0]
			if got.Actor != c.actor || got.Speaker != c.speaker || got.How != c.how {
				t.Errorf("actor %q speaker %q how %q, want %q %q %q", got.Actor, got.Speaker, got.How, c.actor, c.speaker, c.how)
			}
		})
	}
}

func TestAttributionCarriesAcrossSentences(t *testing.T) {
	x := newTestExtractor(t, Options{})
	text := "Cai Mingzhao spoke first.\n\n" +
		"\"Sovereignty over cyberspace must be respected,\" he said. \"Each state decides its public policies.\"\n\n" +
		"\"The normative gap grows. It is exploited,\" said Kim Won-soo, an adviser to Ban Ki-moon.\n\n" +
		"Cai said that the internet belongs to different countries. Sovereign states keep order online.\n\n" +
		"Nearly 70 participants attended. They felt the digital divide must be closed."
	r := extractText(t, x, text, Document{Group: "igf2008_ws33_participants"})
	got := map[string]string{}
	for _, c := range r.Coded {
		got[c.Sentence[:12]] = c.Actor + " " + c.How
	}
	want := map[string]string{
		"\"Sovereignty": "cai_mingzhao pronoun",
		"\"Each state ": "cai_mingzhao quote",
		"\"The normati": "kim_won_soo quote",
		"Sovereign st":  "cai_mingzhao continued",
		"They felt th":  "igf2008_ws33_participants pronoun",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%q… coded %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}

func TestStanceCues(t *testing.T) {
	x := newTestExtractor(t, Options{})
	cases := []struct {
		text, theme string
		stance      int
	}{
		{"France supports the multistakeholder model.", "multistakeholder", 1},
		{"France rejects the multistakeholder model.", "multistakeholder", -1},
		{"France does not support cyber sovereignty.", "sovereignty", -1},
		{"France says appeals to sovereignty are a pretext for control.", "sovereignty", -1},
		{"Brazil wants to close the digital divide.", "digital_divide", 1},
		{"Brazil must bridge the digital divide.", "digital_divide", 2},
		{"Brazil thinks the digital divide is not a priority.", "digital_divide", -1},
		{"Russia calls for a new treaty and a legally binding instrument.", "international_law", 2},
		{"Norway says existing international law applies to cyberspace.", "international_law", -2},
		{"Norway may perhaps call for a new treaty.", "international_law", 1},
		{"Chile mentions the digital divide.", "digital_divide", 0},
		{"Iran says content control keeps public order.", "openness", -2},
	}
	for _, c := range cases {
		r := extractText(t, x, c.text, Document{Actor: "FRA"})
		found := false
		for _, cd := range r.Coded {
			if cd.Theme == c.theme {
				found = true
				if cd.Stance != c.stance {
					t.Errorf("%q: %s stance %+d, want %+d (%s)", c.text, c.theme, cd.Stance, c.stance, cd.Note)
				}
			}
		}
		if !found {
			t.Errorf("%q: theme %s not found (got %v)", c.text, c.theme, codes(r))
		}
	}
}

func TestExclusionsAndWholeWords(t *testing.T) {
	x := newTestExtractor(t, Options{})
	r := extractText(t, x, "Attacks on critical infrastructure worry the government of Chile today.", Document{Actor: "CHL"})
	if len(r.Coded) != 0 {
		t.Errorf("critical infrastructure coded as %v", codes(r))
	}
	r = extractText(t, x, "The accessory market and its sovereigns were discussed at length in Chile.", Document{Actor: "CHL"})
	for _, c := range r.Coded {
		if c.Theme == "digital_divide" {
			t.Errorf("%q matched digital_divide: a keyword must match whole words (%s)", c.Sentence, c.Note)
		}
	}
}

func TestDefaultActorAndFlagged(t *testing.T) {
	x := newTestExtractor(t, Options{})
	text := "Capacity building for developing countries is needed, the report finds."
	r := extractText(t, x, text, Document{})
	if len(r.Coded) != 1 || !r.Coded[0].Flagged() {
		t.Fatalf("without a default actor: %v, want one flagged statement", codes(r))
	}
	r = extractText(t, x, text, Document{Actor: "ICT4PEACE"})
	if len(r.Coded) != 1 || r.Coded[0].Actor != "ICT4PEACE" || r.Coded[0].How != "default" {
		t.Fatalf("with a default actor: %v %q", codes(r), r.Coded[0].How)
	}
}

func TestOfficialsAsOrganisation(t *testing.T) {
	x := newTestExtractor(t, Options{OfficialsAsOrganisation: true})
	r := extractText(t, x, "Qian Hongshan said that sovereign equality must guide cyberspace governance.", Document{})
	if len(r.Coded) == 0 || r.Coded[0].Actor != "CHN" || r.Coded[0].Speaker != "Qian Hongshan" {
		t.Fatalf("got %v", codes(r))
	}
}

func TestEvidenceOffsetsCountCharacters(t *testing.T) {
	x := newTestExtractor(t, Options{})
	text := "人民网 报道\n\nÉtats et société: France must respect national sovereignty in cyberspace."
	r := extractText(t, x, text, Document{Actor: "FRA", Ref: "fr.txt"})
	if len(r.Coded) == 0 {
		t.Fatal("nothing coded")
	}
	c := r.Coded[0]
	runes := []rune(text)
	if got := string(runes[c.Start:c.End]); got != c.Sentence {
		t.Errorf("runes %d..%d are %q, want the sentence %q", c.Start, c.End, got, c.Sentence)
	}
	doc, s, e, ok := data.ParseEvidence(c.URL)
	if !ok || doc != "fr.txt" || s != c.Start || e != c.End {
		t.Errorf("evidence %q parsed as %q %d %d %v", c.URL, doc, s, e, ok)
	}
	if d, s, e, ok := data.ParseEvidence(data.Evidence("c.csv.gz#row=4", 1, 9)); !ok || d != "c.csv.gz#row=4" || s != 1 || e != 9 {
		t.Errorf("table evidence round trip: %q %d %d %v", d, s, e, ok)
	}
	if _, _, _, ok := data.ParseEvidence("http://example.org/page"); ok {
		t.Error("a plain URL parsed as evidence")
	}
}

func TestNewsFixtureEndToEnd(t *testing.T) {
	x := newTestExtractor(t, Options{})
	reg := x.Registry()
	in, ps := CollectInputs([]string{"testdata/news.txt"}, TextOptions{}, reg)
	if ps.Errors() > 0 {
		t.Fatal(ps)
	}
	var got []string
	st, err := x.RunFiles(in, func(c *Coded) error {
		got = append(got, c.Actor+"/"+c.Theme+"/"+itoa(c.Stance))
		return nil
	}, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"CHN/sovereignty/+2", "CHN/international_law/+1", "GBR/openness/+2", "KOR/digital_divide/+1", "UN/digital_divide/0"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("coded %v\nwant  %v", got, want)
	}
	var dated bool
	for _, p := range st.Problems {
		dated = dated || p.Code == "date-from-text"
	}
	if !dated {
		t.Error("the date printed in the page was not used (or not reported)")
	}
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBadInputs(t *testing.T) {
	x := newTestExtractor(t, Options{})
	reg := x.Registry()
	dir := t.TempDir()
	good := writeFile(t, dir, "good.txt", []byte("France must respect national sovereignty in cyberspace, the minister said.\n"))
	long := bytes.Repeat([]byte("sovereignty matters to every state and "), 3<<20/39)
	cases := []struct {
		name, file string
		body       []byte
		opt        TextOptions
		code, msg  string
	}{
		{"binary", "bin.txt", []byte("abc\x00\x01\x02def"), TextOptions{}, "binary", "binary file"},
		{"pdf", "doc.txt", []byte("%PDF-1.7 ..."), TextOptions{}, "binary", "PDF document"},
		{"empty", "empty.txt", nil, TextOptions{}, "empty-file", "empty"},
		{"blank", "blank.md", []byte("  \n\n \t\n"), TextOptions{}, "empty-file", "no text"},
		{"invalid UTF-8", "latin.txt", []byte("line one\ncaf\xe9 cr\xe8me\n"), TextOptions{}, "bad-encoding", "byte 0xE9 at line 2, column 4"},
		{"too large", "big.txt", bytes.Repeat([]byte("a"), 2<<20), TextOptions{MaxFileSize: 1 << 20}, "too-large", "larger than 1 MB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, dir, c.file, c.body)
			c.opt.Date, _ = data.ParseDate("2020")
			in, _ := CollectInputs([]string{p}, c.opt, reg)
			doc, ps := in.Load(p)
			if doc != nil || ps.Errors() == 0 {
				t.Fatalf("read as a document (%v)", ps)
			}
			e := FirstError(ps)
			if string(e.Code) != c.code || !strings.Contains(e.Error(), c.msg) || !strings.HasPrefix(e.Error(), p) {
				t.Errorf("problem %q (%s), want code %s mentioning %q", e.Error(), e.Code, c.code, c.msg)
			}
		})
	}
	t.Run("windows-1252 when asked", func(t *testing.T) {
		p := writeFile(t, dir, "cp.txt", []byte("caf\xe9 policy on sovereignty.\n"))
		in, _ := CollectInputs([]string{p}, TextOptions{Encoding: "windows-1252", Date: data.Date{Year: 2020, Precision: data.PrecisionYear}}, reg)
		doc, ps := in.Load(p)
		if doc == nil || !strings.Contains(doc.Text, "café") {
			t.Fatalf("not decoded: %v", ps)
		}
	})
	t.Run("one long line is read, with a warning, and cut", func(t *testing.T) {
		p := writeFile(t, dir, "oneline.txt", long)
		in, _ := CollectInputs([]string{p}, TextOptions{Date: data.Date{Year: 2020, Precision: data.PrecisionYear}, Actor: "FRA"}, reg)
		doc, ps := in.Load(p)
		if doc == nil || len(ps) != 1 || ps[0].Code != "one-line" {
			t.Fatalf("doc %v problems %v", doc != nil, ps)
		}
		r := x.Extract(doc)
		for _, c := range r.Coded {
			if n := c.End - c.Start; n > 2000 {
				t.Fatalf("a sentence of %d characters", n)
			}
		}
		if len(r.Coded) < 1000 {
			t.Errorf("only %d statements from the long line", len(r.Coded))
		}
	})
	t.Run("skip-invalid goes on with the rest", func(t *testing.T) {
		bad := writeFile(t, dir, "bad.txt", []byte("\x00\x00binary"))
		in, _ := CollectInputs([]string{bad, good}, TextOptions{Date: data.Date{Year: 2020, Precision: data.PrecisionYear}}, reg)
		n := 0
		st, err := x.RunFiles(in, func(*Coded) error { n++; return nil }, RunOptions{SkipInvalid: true})
		if err != nil || st.Documents != 1 || st.Skipped != 1 || n != 1 {
			t.Errorf("err %v, %d documents, %d skipped, %d statements", err, st.Documents, st.Skipped, n)
		}
		_, err = x.RunFiles(in, func(*Coded) error { return nil }, RunOptions{})
		if err == nil || !strings.Contains(err.Error(), "bad.txt") {
			t.Errorf("without skip-invalid: %v, want a stop naming bad.txt", err)
		}
	})
	t.Run("manifest naming a missing file", func(t *testing.T) {
		in, ps := CollectInputs(nil, TextOptions{Manifest: "testdata/manifest_missing.csv"}, reg)
		if len(in.Files) != 1 || ps.Errors() != 1 || !strings.Contains(ps[0].Error(), "manifest_missing.csv:3:file: the manifest names a file that cannot be read") {
			t.Errorf("files %v, problems %v", in.Files, ps)
		}
	})
	t.Run("no date anywhere", func(t *testing.T) {
		p := writeFile(t, dir, "undated.txt", []byte("France must respect national sovereignty, the minister said.\n"))
		in, _ := CollectInputs([]string{p}, TextOptions{}, reg)
		if _, ps := in.Load(p); ps.Errors() != 1 || ps[0].Code != "no-date" {
			t.Errorf("problems %v, want no-date", ps)
		}
	})
}

func TestHTMLInput(t *testing.T) {
	x := newTestExtractor(t, Options{})
	dir := t.TempDir()
	p := writeFile(t, dir, "page.html", []byte(`<html><head><title>T</title><script>var x = "sovereignty";</script></head>
<body><nav>Home | News</nav><article><p>The minister of Chile said that every state must respect national sovereignty.</p>
<p>Share</p></article><footer>© 2020</footer></body></html>`))
	in, _ := CollectInputs([]string{dir}, TextOptions{Date: data.Date{Year: 2020, Precision: data.PrecisionYear}}, x.Registry())
	var got []string
	if _, err := x.RunFiles(in, func(c *Coded) error { got = append(got, c.Actor+"/"+c.Theme+"/"+c.Sentence); return nil }, RunOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "CHL/sovereignty/The minister of Chile") {
		t.Errorf("got %q", got)
	}
	_ = p
}

func gzipBytes(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestRunTableStreamsRows(t *testing.T) {
	x := newTestExtractor(t, Options{})
	dir := t.TempDir()
	csv := "session,year,country,text\n" +
		"70,2015,FRA,\"We must bridge the digital divide.\nWe support an open and free internet.\"\n" +
		"70,2015,ZZZ,We respect national sovereignty.\n" +
		"71,2016,Chile,Existing international law applies to cyberspace.\n"
	p := writeFile(t, dir, "corpus.csv.gz", gzipBytes(t, []byte(csv)))
	topt := TableOptions{TextCol: "text", ActorCol: "country", DateCol: "year"}
	var got []string
	st, err := x.RunTable(p, topt, func(c *Coded) error {
		got = append(got, c.Actor+"/"+c.Theme+"/"+itoa(c.Stance)+"/"+c.Date.String()+"/"+c.URL)
		return nil
	}, RunOptions{SkipInvalid: true, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"FRA/digital_divide/+2/2015/corpus.csv.gz#row=2;char=0,34",
		"FRA/openness/+1/2015/corpus.csv.gz#row=2;char=35,72",
		"CHL/international_law/-2/2016/corpus.csv.gz#row=5;char=0,49",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if st.Skipped != 1 || st.Documents != 2 || len(st.Problems) != 1 || !strings.Contains(st.Problems[0].Error(), "corpus.csv.gz:4:country: actor is not in the actor registry") {
		t.Errorf("stats %+v problems %v", st, st.Problems)
	}
	if _, err := x.RunTable(p, topt, func(*Coded) error { return nil }, RunOptions{}); err == nil || !strings.Contains(err.Error(), "ZZZ") {
		t.Errorf("without skip-invalid: %v", err)
	}
	if _, err := x.RunTable(p, TableOptions{TextCol: "speech", ActorCol: "country", DateCol: "year"}, func(*Coded) error { return nil }, RunOptions{}); err == nil ||
		!strings.Contains(err.Error(), `no column "speech" (named by --text-col)`) {
		t.Errorf("missing column: %v", err)
	}
}

func TestRulesFile(t *testing.T) {
	if _, err := DefaultRules(); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseRules([]byte("stance:\n  suport: [x]\n"), "r.yaml"); err == nil || !strings.Contains(err.Error(), "r.yaml:2") {
		t.Errorf("misspelt field: %v", err)
	}
	if _, err := ParseRules([]byte("cleaning:\n  boilerplate: ['(']\n"), "r.yaml"); err == nil || !strings.Contains(err.Error(), "cleaning.boilerplate[0]") {
		t.Errorf("bad regexp: %v", err)
	}
	r, _ := ParseRules([]byte("themes:\n  nonsense: {keywords: [x]}\n"), "r.yaml")
	reg, _ := data.DefaultRegistry()
	cb, _ := data.DefaultCodebook()
	if _, err := New(cb, reg, Options{Rules: r}); err == nil || !strings.Contains(err.Error(), `theme "nonsense"`) {
		t.Errorf("unknown theme in rules: %v", err)
	}
}

func TestRequireContext(t *testing.T) {
	x := newTestExtractor(t, Options{RequireContext: true})
	r := extractText(t, x, "We defend our sovereignty. We defend sovereignty in cyberspace.", Document{Actor: "FRA", Speech: true})
	if len(r.Coded) != 1 || !strings.Contains(r.Coded[0].Sentence, "cyberspace") {
		t.Errorf("got %v", codes(r))
	}
}

func BenchmarkExtractSpeech1MB(b *testing.B) {
	x := newTestExtractor(b, Options{})
	para := "Mr. President, my delegation believes that every state must respect the sovereignty of others. " +
		"We call for closing the digital divide through capacity building and technology transfer for developing countries. " +
		"The rule of law and the Charter of the United Nations remain the basis of peace, and we reject unilateral measures. " +
		"An open, free and secure internet serves all peoples, but information must not be used to interfere in internal affairs.\n\n"
	text := strings.Repeat(para, (1<<20)/len(para))
	doc := &Document{Ref: "s", Text: text, Actor: "FRA", Speech: true, Date: data.Date{Year: 2020, Precision: data.PrecisionYear}}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for range b.N {
		x.Extract(doc)
	}
}
