package eval

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestOverlap(t *testing.T) {
	tests := map[string]struct {
		pred Range
		gold []Range
		want float64
	}{
		"half shifted":     {Range{0, 10}, []Range{{5, 15}}, 0.5},   // 5 / max(10, 10)
		"pred inside gold": {Range{2, 4}, []Range{{0, 10}}, 0.2},    // 2 / 10
		"gold inside pred": {Range{0, 40}, []Range{{10, 20}}, 0.25}, // 10 / 40
		"disjoint":         {Range{0, 5}, []Range{{5, 9}}, 0},
		"discontinuous":    {Range{0, 15}, []Range{{0, 5}, {10, 15}}, 10.0 / 15}, // gold length 10, pred 15
		"empty":            {Range{3, 3}, []Range{{3, 3}}, 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Overlap(tc.pred, tc.gold); !near(got, tc.want) {
				t.Errorf("Overlap = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMatchGreedyOneToOne(t *testing.T) {
	// A=[0,10) B=[0,20); G1=[0,10) G2=[10,20).
	// Overlaps: A-G1 1.0, B-G1 0.5, B-G2 0.5, A-G2 0.
	// Greedy takes A-G1 first, so B can only pair with G2.
	pred := []Range{{0, 10}, {0, 20}}
	gold := []GoldStatement{{Content: []Range{{0, 10}}}, {Content: []Range{{10, 20}}}}
	got := Match(pred, gold, 0.3)
	if len(got) != 2 || got[0] != (Pair{0, 0, 1}) || got[1] != (Pair{1, 1, 0.5}) {
		t.Errorf("Match@0.3 = %+v, want A-G1 (1.0) then B-G2 (0.5)", got)
	}
	if got := Match(pred, gold, 0.8); len(got) != 1 || got[0] != (Pair{0, 0, 1}) {
		t.Errorf("Match@0.8 = %+v, want only A-G1", got)
	}
}

func TestEvaluateScores(t *testing.T) {
	// One document, two gold statements; the fake extractor finds one of
	// them exactly (right source and speaker) and one spurious statement.
	doc := Doc{
		Name:     "d",
		Text:     "0123456789012345678901234567890123456789",
		Speakers: true,
		Statements: []GoldStatement{
			{Content: []Range{{0, 10}}, Source: []Range{{20, 24}}, Speaker: "President Xi Jinping"},
			{Content: []Range{{30, 40}}, Source: []Range{{25, 28}}, Speaker: "Wang Yi"},
		},
		Actors: []GoldActor{{"Xi Jinping", briefbot.Person}, {"China", briefbot.Country}, {"BRICS", briefbot.Organization}},
	}
	extract := func(string) briefbot.Extraction {
		return briefbot.Extraction{
			Statements: []briefbot.Statement{
				{Start: 0, End: 10, Speaker: "xi jinping", SpeakerMention: briefbot.Span{Start: 22, End: 23}},
				{Start: 12, End: 18, Speaker: "Wang Yi", SpeakerMention: briefbot.Span{Start: 25, End: 28}},
			},
			Actors: []briefbot.Actor{{Name: "Xi Jinping", Type: briefbot.Person}, {Name: "Wang Yi", Type: briefbot.Person}, {Name: "china", Type: briefbot.Country}},
		}
	}
	r := Evaluate("t", []Doc{doc}, extract, Taus)
	for _, s := range r.Scores {
		if s.Matched != 1 || !near(s.Precision, 0.5) || !near(s.Recall, 0.5) || !near(s.F1, 0.5) {
			t.Errorf("tau %.1f: matched %d P %v R %v F1 %v, want 1, 0.5, 0.5, 0.5", s.Tau, s.Matched, s.Precision, s.Recall, s.F1)
		}
		if s.SourceHits != 1 || s.SourceTotal != 1 || s.SpeakerHits != 1 || s.SpeakerTotal != 1 {
			t.Errorf("tau %.1f: source %d/%d speaker %d/%d, want 1/1 and 1/1", s.Tau, s.SourceHits, s.SourceTotal, s.SpeakerHits, s.SpeakerTotal)
		}
	}
	person := r.Actors[briefbot.Person]
	if person.Matched != 1 || !near(person.Precision, 0.5) || !near(person.Recall, 1) {
		t.Errorf("person actors %+v, want 1 match, P 0.5, R 1", person)
	}
	if c := r.Actors[briefbot.Country]; c.Matched != 1 || !near(c.F1, 1) {
		t.Errorf("country actors %+v, want F1 1 (names match case-insensitively)", c)
	}
	if o := r.Actors[briefbot.Organization]; o.Matched != 0 || o.Gold != 1 || o.F1 != 0 {
		t.Errorf("organization actors %+v, want 0 of 1", o)
	}
}

func TestSameSpeaker(t *testing.T) {
	tests := map[string]struct {
		a, b string
		want bool
	}{
		"title dropped": {"President Xi Jinping", "xi jinping", true},
		"honorific":     {"Mr. Wang Yi", "Wang Yi", true},
		"surname only":  {"Wang", "Wang Yi", false},
		"group":         {"experts", "Experts", true},
		"other person":  {"Wang Yi", "Wang Wenbin", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := SameSpeaker(tc.a, tc.b); got != tc.want {
				t.Errorf("SameSpeaker(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoadBrat(t *testing.T) {
	dir := t.TempDir()
	// "Zoë said “no” … " — the ë and curly quotes make byte and code-point
	// offsets differ; brat offsets are code points.
	text := "Zoë said “no way” and left.\nShe added that talks would go on."
	writeFile(t, filepath.Join(dir, "text", "doc_one.txt"), text)
	writeFile(t, filepath.Join(dir, "attributions", "doc_one_a1.ann"),
		"T1\tSource 0 3\tZoë\n"+
			"T2\tCue 4 8\tsaid\n"+
			"T3\tContent 9 17\t“no way”\n"+
			"T4\tAttribution 4 8\tsaid\n"+
			"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"+
			"T5\tCue 32 37\tadded\n"+
			"T6\tContent 38 43;48 61\tthat … would go on\n"+
			"continued span text on a second line\n"+
			"T7\tContent2 43 47\ttalk\n"+
			"E2\tAttribution:T5 Content:T6 Cue:T5 Content2:T7\n"+
			"#1\tAnnotatorNotes T1\tnote\n")
	// A second annotator of the same text is ignored.
	writeFile(t, filepath.Join(dir, "attributions", "doc_one_b2.ann"), "T1\tContent 0 5\tZoë s\nE1\tAttribution:T1 Content:T1\n")
	docs, err := LoadBrat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].Name != "doc_one" || docs[0].Text != text {
		t.Fatalf("docs = %+v, want one doc_one with its text", docs)
	}
	st := docs[0].Statements
	if len(st) != 2 {
		t.Fatalf("statements = %+v, want 2", st)
	}
	runes := []rune(text)
	if got := string(runes[st[0].Content[0].Start:st[0].Content[0].End]); got != "“no way”" {
		t.Errorf("content 1 = %q, want “no way” (code-point offsets)", got)
	}
	if len(st[0].Source) != 1 || st[0].Source[0] != (Range{0, 3}) {
		t.Errorf("source 1 = %v, want [0,3)", st[0].Source)
	}
	if want := []Range{{38, 43}, {48, 61}, {43, 47}}; len(st[1].Content) != 3 || st[1].Content[0] != want[0] || st[1].Content[1] != want[1] || st[1].Content[2] != want[2] {
		t.Errorf("content 2 = %v, want %v (discontinuous + Content2)", st[1].Content, want)
	}
	if len(st[1].Source) != 0 {
		t.Errorf("source 2 = %v, want none", st[1].Source)
	}
}

func TestLoadGoldJSON(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "Some text here.")
	writeFile(t, filepath.Join(dir, "a.gold.json"), `{"statements":[{"speaker":"Wang Yi","text":"text","start":5,"end":9}],"actors":[{"name":"Wang Yi","type":"person"}]}`)
	docs, err := LoadPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d docs, want 1", len(docs))
	}
	d := docs[0]
	if d.Text != "Some text here." || !d.Speakers || len(d.Statements) != 1 || d.Statements[0].Speaker != "Wang Yi" || d.Statements[0].Content[0] != (Range{5, 9}) {
		t.Errorf("doc = %+v", d)
	}
	if len(d.Actors) != 1 || d.Actors[0] != (GoldActor{"Wang Yi", "person"}) {
		t.Errorf("actors = %+v", d.Actors)
	}
	if _, err := LoadPath(filepath.Join(dir, "a.txt")); err == nil {
		t.Error("LoadPath accepted a .txt file")
	}
	if _, err := LoadPath(t.TempDir()); err == nil {
		t.Error("LoadPath accepted an empty directory")
	}
}

// Dev sets in the repository reference texts outside it: a plain file or
// one record of a JSON-lines file, relative to the gold file.
func TestLoadGoldJSONTextFile(t *testing.T) {
	shared, repo := t.TempDir(), t.TempDir()
	writeFile(t, filepath.Join(shared, "a.txt"), "Wang Yi said the talks went well, adding more.")
	writeFile(t, filepath.Join(shared, "b.jsonl"), `{"id":"x","text":"other"}`+"\n"+`{"id":"y","text":"Lin Jian spoke."}`+"\n")
	rel, err := filepath.Rel(repo, shared)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(repo, "a.gold.json"), `{"text_file":"`+rel+`/a.txt","statements":[{"start":13,"end":45,"spans":[[13,32],[41,45]],"source":[[0,7]],"speaker":"Wang Yi"}]}`)
	writeFile(t, filepath.Join(repo, "b.gold.json"), `{"text_file":"`+rel+`/b.jsonl","text_id":"y","actor_types":["person"],"actors":[{"name":"Lin Jian","type":"person"}]}`)
	docs, err := LoadPath(repo)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d docs, want 2", len(docs))
	}
	a, b := docs[0], docs[1]
	if a.Text != "Wang Yi said the talks went well, adding more." {
		t.Errorf("text = %q", a.Text)
	}
	if st := a.Statements[0]; len(st.Content) != 2 || st.Content[1] != (Range{41, 45}) || len(st.Source) != 1 || st.Source[0] != (Range{0, 7}) || st.Speaker != "Wang Yi" {
		t.Errorf("statement = %+v", st)
	}
	if b.Text != "Lin Jian spoke." || len(b.ActorTypes) != 1 {
		t.Errorf("jsonl doc = %+v", b)
	}
	// actor_types limits the report to the annotated types.
	r := Evaluate("b", docs[1:], func(string) briefbot.Extraction {
		return briefbot.Extraction{Actors: []briefbot.Actor{{Name: "Lin Jian", Type: briefbot.Person}, {Name: "China", Type: briefbot.Country}}}
	}, Taus)
	if _, ok := r.Actors[briefbot.Country]; ok || r.Actors[briefbot.Person].F1 != 1 {
		t.Errorf("actors = %+v, want person only with F1 1", r.Actors)
	}
	writeFile(t, filepath.Join(repo, "c.gold.json"), `{"text_file":"`+rel+`/b.jsonl","text_id":"zz"}`)
	if _, err := LoadPath(filepath.Join(repo, "c.gold.json")); err == nil || !strings.Contains(err.Error(), "zz") {
		t.Errorf("missing text_id: err = %v, want one naming the id", err)
	}
}
