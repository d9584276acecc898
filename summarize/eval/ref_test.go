package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeShared lays out a fake shared corpus with one JSON-lines record and
// a gold file referencing it.
func writeShared(t *testing.T, gold string) (goldPath string) {
	t.Helper()
	root := t.TempDir()
	corpus := filepath.Join(root, "shared", "corpus")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	rec := `{"id": "a1", "text": "Lin said the talks went well.\n\n“We agree,” Lin added."}` + "\n" + `{"id": "b2", "text": "other"}` + "\n"
	if err := os.WriteFile(filepath.Join(corpus, "recs.jsonl"), []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "page.html"), []byte("<p>x</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "repo", "testdata")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	goldPath = filepath.Join(dir, "a1.gold.json")
	if err := os.WriteFile(goldPath, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	return goldPath
}

const refGold = `{"text_file": "../../shared/corpus/recs.jsonl", "text_id": "a1",
 "statements": [
  {"speaker": "Lin", "kind": "indirect", "start": 9, "end": 28, "cue": {"start": 4, "end": 8}},
  {"speaker": "Lin", "kind": "direct", "start": 31, "end": 42}
 ]}`

func TestGoldTextFileKeepsKindAndCue(t *testing.T) {
	docs, err := LoadPath(writeShared(t, refGold))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if !strings.HasPrefix(d.Text, "Lin said the talks") {
		t.Fatalf("text = %q, want record a1's text", d.Text)
	}
	rs := []rune(d.Text)
	if got := string(rs[9:28]); got != "the talks went well" {
		t.Errorf("span 9-28 = %q", got)
	}
	if d.Statements[0].Kind != "indirect" || len(d.Statements[0].Cue) != 1 || string(rs[4:8]) != "said" {
		t.Errorf("statement 0 = %+v, want kind and cue kept", d.Statements[0])
	}
}

func TestGoldPageMapsSpansOntoThePageText(t *testing.T) {
	gold := strings.Replace(refGold, `"text_file"`, `"page": "../../shared/corpus/page.html", "text_file"`, 1)
	path := writeShared(t, gold)
	if _, err := LoadPath(path); err == nil || !strings.Contains(err.Error(), "HTML") {
		t.Fatalf("LoadPath without HTML reading: err = %v, want one naming HTML", err)
	}
	// The page adds furniture before the article and wraps lines differently.
	page := "READ MORE: something else\n\nLin said the talks\nwent well.\n\n“We agree,” Lin added."
	l := Loader{HTML: func([]byte) (string, error) { return page, nil }}
	docs, err := l.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Text != page || len(d.Statements) != 2 {
		t.Fatalf("doc = %q with %d statements, want the page text and both statements", d.Text, len(d.Statements))
	}
	rs := []rune(page)
	c := d.Statements[0].Content[0]
	if got := string(rs[c.Start:c.End]); got != "the talks\nwent well" {
		t.Errorf("mapped span = %q, want the page's own wrapping", got)
	}
	c = d.Statements[1].Content[0]
	if got := string(rs[c.Start:c.End]); got != "“We agree,”" {
		t.Errorf("mapped span = %q", got)
	}
}
