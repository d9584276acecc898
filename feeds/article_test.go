package feeds

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/mmcdole/gofeed"
	ext "github.com/mmcdole/gofeed/extensions"
)

func TestCanonicalURL(t *testing.T) {
	base, _ := url.Parse("https://News.example.org/world/")
	tests := map[string]struct{ in, want string }{
		"already canonical":     {"https://news.example.org/a/1", "https://news.example.org/a/1"},
		"case of scheme, host":  {"HTTPS://NEWS.Example.org/A/1", "https://news.example.org/A/1"},
		"fragment dropped":      {"https://news.example.org/a/1#comments", "https://news.example.org/a/1"},
		"tracking dropped":      {"https://news.example.org/a/1?utm_source=rss&utm_medium=feed&fbclid=x&gclid=y", "https://news.example.org/a/1"},
		"real query kept":       {"https://news.example.org/a?id=7&utm_campaign=z", "https://news.example.org/a?id=7"},
		"relative resolved":     {"../a/2", "https://news.example.org/a/2"},
		"root relative":         {"/a/3", "https://news.example.org/a/3"},
		"default port dropped":  {"http://news.example.org:80/a", "http://news.example.org/a"},
		"other port kept":       {"http://news.example.org:8080/a", "http://news.example.org:8080/a"},
		"empty path gets slash": {"https://news.example.org", "https://news.example.org/"},
		"not http":              {"mailto:desk@example.org", ""},
		"empty":                 {"  ", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := CanonicalURL(tc.in, base); got != tc.want {
				t.Errorf("CanonicalURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestArticleHashPrecedence(t *testing.T) {
	byGUID := ArticleHash("g-1", "https://x.example/a", "T", "C")
	if byGUID != ArticleHash("g-1", "https://x.example/other", "T2", "C2") {
		t.Error("a GUID must identify the article whatever its link and text")
	}
	byURL := ArticleHash("", "https://x.example/a", "T", "C")
	if byURL != ArticleHash("", "https://x.example/a", "T2", "C2") {
		t.Error("without GUID the canonical link must identify the article")
	}
	if byURL == byGUID {
		t.Error("GUID and URL keys must not collide")
	}
	byText := ArticleHash("", "", "T", "C")
	if byText == ArticleHash("", "", "T", "C2") {
		t.Error("without GUID and link, different content must hash differently")
	}
	if len(byText) != 64 {
		t.Errorf("hash %q is not hex sha256", byText)
	}
}

func TestIsTeaser(t *testing.T) {
	long := strings.Repeat("The delegation discussed trade and security at length. ", 30)
	tests := map[string]struct {
		text string
		want bool
	}{
		"empty":              {"", true},
		"short":              {"Ministers met on Monday.", true},
		"long":               {long, false},
		"long with ellipsis": {long + "and then…", true},
		"long with [...]":    {long + "[...]", true},
		"long read more":     {long + "Read more", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := IsTeaser(briefbot.Article{Text: tc.text}); got != tc.want {
				t.Errorf("IsTeaser = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestItemArticle(t *testing.T) {
	fetched := time.Date(2024, 4, 9, 12, 0, 0, 0, time.UTC)
	published := time.Date(2024, 4, 9, 10, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	base, _ := url.Parse("https://news.example.org/")
	feed := briefbot.Feed{ID: 7, Name: "Desk", URL: "https://news.example.org/feed.xml"}
	long := strings.Repeat("<p>Paragraph with enough words to count as a full article body here.</p>", 20)

	tests := map[string]struct {
		item      gofeed.Item
		check     func(t *testing.T, a briefbot.Article)
		wantTease bool
	}{
		"full content": {
			item: gofeed.Item{GUID: "g1", Title: " A &amp; B ", Link: "/a/1?utm_source=rss", Description: "<b>Short</b> teaser", Content: long, PublishedParsed: &published,
				Authors: []*gofeed.Person{{Name: "Ana Ruiz"}}},
			check: func(t *testing.T, a briefbot.Article) {
				if a.URL != "https://news.example.org/a/1" || a.Title != "A & B" || a.Teaser != "Short teaser" || a.Author != "Ana Ruiz" {
					t.Errorf("got %+v", a)
				}
				if !a.PublishedAt.Equal(published) || a.PublishedAt.Location() != time.UTC {
					t.Errorf("PublishedAt = %v, want %v in UTC", a.PublishedAt, published)
				}
				if n := strings.Count(a.Text, "\n\n"); n != 19 {
					t.Errorf("text has %d paragraph breaks, want 19", n)
				}
				if a.Hash != ArticleHash("https://news.example.org/feed.xml g1", "", "", "") || a.FeedID != 7 || a.FeedName != "Desk" {
					t.Errorf("identity: %+v", a)
				}
			},
		},
		"teaser only, no date": {
			item: gofeed.Item{Title: "B", Link: "https://news.example.org/b", Description: "Ministers met…"},
			check: func(t *testing.T, a briefbot.Article) {
				if a.Text != "Ministers met…" || !a.PublishedAt.Equal(fetched) {
					t.Errorf("got text %q published %v", a.Text, a.PublishedAt)
				}
				if a.Hash != ArticleHash("", "https://news.example.org/b", "", "") {
					t.Error("hash must come from the canonical link")
				}
			},
			wantTease: true,
		},
		"localised date": {
			item: gofeed.Item{Title: "C", Link: "https://news.example.org/c", Published: "Mi, 12 März 2025 10:15:00 +0100"},
			check: func(t *testing.T, a briefbot.Article) {
				want := time.Date(2025, 3, 12, 9, 15, 0, 0, time.UTC)
				if !a.PublishedAt.Equal(want) {
					t.Errorf("PublishedAt = %v, want %v", a.PublishedAt, want)
				}
			},
			wantTease: true,
		},
		"atom link inside rss": {
			item: gofeed.Item{Title: "E", Extensions: map[string]map[string][]ext.Extension{
				"a10": {"link": {{Name: "link", Attrs: map[string]string{"href": "/e"}}}},
			}},
			check: func(t *testing.T, a briefbot.Article) {
				if a.URL != "https://news.example.org/e" {
					t.Errorf("URL = %q", a.URL)
				}
			},
			wantTease: true,
		},
		"link only in guid": {
			item: gofeed.Item{GUID: "https://news.example.org/d#x", Title: "D"},
			check: func(t *testing.T, a briefbot.Article) {
				if a.URL != "https://news.example.org/d" {
					t.Errorf("URL = %q", a.URL)
				}
			},
			wantTease: true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			a := ItemArticle(feed, &tc.item, base, fetched)
			tc.check(t, a)
			if got := IsTeaser(a); got != tc.wantTease {
				t.Errorf("IsTeaser = %v, want %v", got, tc.wantTease)
			}
		})
	}
}

func TestParseLocalizedDate(t *testing.T) {
	tests := map[string]struct {
		in   string
		want time.Time
	}{
		"german":     {"Mi, 12 März 2025 10:15:00 +0100", time.Date(2025, 3, 12, 10, 15, 0, 0, time.FixedZone("", 3600))},
		"portuguese": {"12 de março de 2025 10:15", time.Date(2025, 3, 12, 10, 15, 0, 0, time.UTC)},
		"french":     {"mardi 9 avril 2024", time.Date(2024, 4, 9, 0, 0, 0, 0, time.UTC)},
		"spanish":    {"9 de abril de 2024, 08:30", time.Date(2024, 4, 9, 8, 30, 0, 0, time.UTC)},
		"russian":    {"9 апреля 2024 г.", time.Date(2024, 4, 9, 0, 0, 0, 0, time.UTC)},
		"numeric":    {"09.04.2024 08:30", time.Date(2024, 4, 9, 8, 30, 0, 0, time.UTC)},
		"english":    {"Tue, 12 Mar 2024 08:30:00", time.Date(2024, 3, 12, 8, 30, 0, 0, time.UTC)},
		"12-hour":    {"Sat, Dec 16 2023 02:02:33 PM", time.Date(2023, 12, 16, 14, 2, 33, 0, time.UTC)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := parseLocalizedDate(tc.in)
			if !ok || !got.Equal(tc.want) {
				t.Errorf("parseLocalizedDate(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
			}
		})
	}
	if _, ok := parseLocalizedDate("sometime soon"); ok {
		t.Error("nonsense must not parse")
	}
}

func TestScopedGUID(t *testing.T) {
	const feed = "https://a.example.org/rss"
	tests := map[string]struct{ guid, want string }{
		"local id":   {"1234", feed + " 1234"},
		"url":        {"https://a.example.org/story/1", "https://a.example.org/story/1"},
		"tag uri":    {"tag:a.example.org,2024:1", "tag:a.example.org,2024:1"},
		"urn":        {"urn:uuid:0b1c", "urn:uuid:0b1c"},
		"empty":      {"", ""},
		"other word": {"post-17", feed + " post-17"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := scopedGUID(feed, tc.guid); got != tc.want {
				t.Errorf("scopedGUID(%q) = %q, want %q", tc.guid, got, tc.want)
			}
		})
	}
}
