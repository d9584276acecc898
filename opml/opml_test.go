package opml

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestReadFlattensFoldersIntoTags(t *testing.T) {
	f, err := os.Open("testdata/reader-export.opml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []Feed{
		{Title: "Sahel Monitor", XMLURL: "https://sahel.example/en/rss.xml", HTMLURL: "https://sahel.example/", Tags: []string{"world-news"}},
		{Title: "Brussels Desk", XMLURL: "https://brussels.example/feed", Tags: []string{"world-news", "europe", "eu", "diplomacy", "summits"}},
		{Title: "Gulf Wire", XMLURL: "https://gulf.example/atom.xml"},
		{Title: "Empty folder"},
		{Title: "Old style", XMLURL: "https://old.example/rss"},
	}
	if len(got) != len(want) {
		t.Fatalf("Read returned %d outlines, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !reflect.DeepEqual(got[i].Feed, want[i]) {
			t.Errorf("outline %d = %+v, want %+v", i, got[i].Feed, want[i])
		}
		if invalid := want[i].XMLURL == ""; invalid != (got[i].Reason != "") {
			t.Errorf("outline %d (%s): reason %q", i, want[i].Title, got[i].Reason)
		}
	}
	if got[3].Line != 13 {
		t.Errorf("empty folder reported at line %d, want 13", got[3].Line)
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	feeds := []Feed{
		{Title: "UN News", XMLURL: "https://news.un.example/rss.xml?lang=en&x=1", Tags: []string{"un", "world"}},
		{Title: `Quotes "and" <brackets>`, XMLURL: "https://q.example/feed"},
	}
	var buf bytes.Buffer
	if err := Write(&buf, "briefbot feeds", feeds, time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, w := range []string{`<opml version="2.0">`, "<title>briefbot feeds</title>", "<dateCreated>Sat, 14 Mar 2026 09:00:00 +0000</dateCreated>", `category="/un,/world"`, `xmlUrl="https://news.un.example/rss.xml?lang=en&amp;x=1"`} {
		if !strings.Contains(out, w) {
			t.Errorf("written OPML lacks %s:\n%s", w, out)
		}
	}
	back, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || !reflect.DeepEqual(back[0].Feed, feeds[0]) || !reflect.DeepEqual(back[1].Feed, feeds[1]) {
		t.Errorf("round trip = %+v", back)
	}
}

func TestReadRefusesWhatIsNotOPML(t *testing.T) {
	for name, doc := range map[string]string{
		"html":  "<!doctype html><html><body><outline xmlUrl='x'/></body></html>",
		"rss":   `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>`,
		"empty": "",
	} {
		if got, err := Read(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: Read = %+v, want an error", name, got)
		}
	}
}
