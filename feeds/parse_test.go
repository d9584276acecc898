package feeds

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html/charset"

	"github.com/briefbot/briefbot/internal/testcorpus"
)

// Fixtures written for these tests.
const (
	rss2Fixture = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Desk</title><link>https://news.example.org/</link>
<item><title>Ministers meet at the harbour</title><link>https://news.example.org/a/1</link>
<guid isPermaLink="false">harbour-1</guid><pubDate>Tue, 09 Apr 2024 10:30:00 +0000</pubDate>
<description>Two ministers met &amp; talked.</description><dc:creator>Ana Ruiz</dc:creator></item>
<item><title>Second story</title><link>/a/2</link><description>Short & unescaped teaser</description></item>
</channel></rss>`

	atomFixture = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><link href="https://atom.example.org/"/>
<entry><title>Envoy arrives</title><id>tag:atom.example.org,2024:1</id><link href="https://atom.example.org/envoy"/>
<updated>2024-04-09T08:00:00Z</updated><summary>The envoy arrived on Monday.</summary></entry></feed>`

	rdfFixture = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example.org/"><title>RDF Desk</title><link>https://rdf.example.org/</link></channel>
<item rdf:about="https://rdf.example.org/1"><title>Council votes</title><link>https://rdf.example.org/1</link>
<dc:date>2024-04-09T07:00:00Z</dc:date><description>The council voted.</description></item></rdf:RDF>`

	cyrillicFixture = `<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости</title><link>https://ru.example.org/</link>
<item><title>Министр заявил о переговорах</title><link>https://ru.example.org/1</link><description>Краткое описание</description></item>
</channel></rss>`

	latinNoDeclFixture = `<rss version="2.0"><channel><title>Café</title><link>https://fr.example.org/</link>
<item><title>Élection à Besançon</title><link>https://fr.example.org/1</link></item></channel></rss>`

	truncatedFixture = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cut off</title><link>https://cut.example.org/</link>
<item><title>Whole item</title><link>https://cut.example.org/1</link></item>
<item><title>Half item</title><link>https://cut.exa`

	brokenFixture = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>No items and cut`
)

func encode(t *testing.T, label, s string) []byte {
	t.Helper()
	enc, _ := charset.Lookup(label)
	if enc == nil {
		t.Fatalf("no encoding %s", label)
	}
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

func TestParseFixtures(t *testing.T) {
	tests := map[string]struct {
		body        []byte
		contentType string
		wantTitles  []string
	}{
		"rss 2.0":                     {body: []byte(rss2Fixture), wantTitles: []string{"Ministers meet at the harbour", "Second story"}},
		"atom":                        {body: []byte(atomFixture), wantTitles: []string{"Envoy arrives"}},
		"rdf":                         {body: []byte(rdfFixture), wantTitles: []string{"Council votes"}},
		"windows-1251 declared":       {body: encode(t, "windows-1251", cyrillicFixture), wantTitles: []string{"Министр заявил о переговорах"}},
		"latin-1 with no declaration": {body: encode(t, "iso-8859-1", latinNoDeclFixture), wantTitles: []string{"Élection à Besançon"}},
		"charset only in header": {
			body:        encode(t, "windows-1251", strings.Replace(cyrillicFixture, ` encoding="windows-1251"`, "", 1)),
			contentType: "application/rss+xml; charset=windows-1251",
			wantTitles:  []string{"Министр заявил о переговорах"},
		},
		// A body that is valid UTF-8 is read as UTF-8 whatever it claims:
		// decoding it as windows-1251 gave "Р›Р°РІСЂРѕРІ".
		"utf-8 declared windows-1251": {body: []byte(cyrillicFixture), wantTitles: []string{"Министр заявил о переговорах"}},
		"utf-8 labelled windows-1251": {
			body:        []byte(strings.Replace(cyrillicFixture, ` encoding="windows-1251"`, "", 1)),
			contentType: "application/rss+xml; charset=windows-1251",
			wantTitles:  []string{"Министр заявил о переговорах"},
		},
		"utf-8 BOM":                       {body: append([]byte{0xEF, 0xBB, 0xBF}, rss2Fixture...), wantTitles: []string{"Ministers meet at the harbour", "Second story"}},
		"junk before the declaration":     {body: []byte("Warning: headers already sent\n" + atomFixture), wantTitles: []string{"Envoy arrives"}},
		"utf-16 with BOM":                 {body: append([]byte{0xFF, 0xFE}, encode(t, "utf-16le", strings.Replace(atomFixture, `encoding="utf-8"`, `encoding="utf-16"`, 1))...), wantTitles: []string{"Envoy arrives"}},
		"truncated keeps the whole items": {body: []byte(truncatedFixture), wantTitles: []string{"Whole item"}},
		"json feed": {
			body:       []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"Json item","url":"https://j.example.org/1"}]}`),
			wantTitles: []string{"Json item"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			feed, err := Parse(tc.body, tc.contentType)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got []string
			for _, it := range feed.Items {
				got = append(got, it.Title)
			}
			if len(got) < len(tc.wantTitles) {
				t.Fatalf("titles = %q, want at least %q", got, tc.wantTitles)
			}
			for i, want := range tc.wantTitles {
				if got[i] != want {
					t.Errorf("item %d title = %q, want %q", i, got[i], want)
				}
			}
		})
	}
}

func TestParseFailuresCarryReason(t *testing.T) {
	tests := map[string]struct {
		body       string
		wantReason string
	}{
		"truncated with no items": {body: brokenFixture, wantReason: "EOF"},
		"html page":               {body: "<!DOCTYPE html><html><body><p>Hello</p></body></html>", wantReason: "not a feed"},
		"empty":                   {body: "  \n", wantReason: "empty body"},
		"plain text":              {body: "Service Unavailable", wantReason: "no XML"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.body), "")
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *ParseError", err)
			}
			if !strings.Contains(pe.Reason, tc.wantReason) {
				t.Errorf("reason = %q, want it to mention %q", pe.Reason, tc.wantReason)
			}
		})
	}
}

// brokenCorpusFeeds hold no item at all (cut off before the first one).
var brokenCorpusFeeds = map[string]bool{"feed-rs_rss_2.0_invalid_1.xml": true}

// mojibake is UTF-8 read as Latin-1 ("Ã©" for "é").
var mojibake = regexp.MustCompile(`Ã[\x{80}-\x{BF}]`)

// TestParseCorpus runs every real-world feed of the shared corpus: each
// must parse with items or fail with a reason, and none may panic.
func TestParseCorpus(t *testing.T) {
	files := testcorpus.Glob(t, "corpus/feeds/*")
	parsed := 0
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			feed, err := Parse(body, "")
			if err != nil {
				if !brokenCorpusFeeds[filepath.Base(path)] {
					t.Errorf("readable feed failed: %v", err)
				}
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Reason == "" {
					t.Fatalf("failure without a reason: %v", err)
				}
				t.Logf("fails: %s", pe.Reason)
				return
			}
			if len(feed.Items) == 0 {
				t.Fatalf("parsed with no items and no error")
			}
			for i, it := range feed.Items {
				if strings.ContainsRune(it.Title, '\uFFFD') || mojibake.MatchString(it.Title) {
					t.Errorf("item %d title is mis-decoded: %q", i, it.Title)
				}
			}
			parsed++
		})
	}
	if failed := len(files) - parsed; failed > len(brokenCorpusFeeds) {
		t.Errorf("%d of %d corpus feeds failed to parse", failed, len(files))
	}
}
