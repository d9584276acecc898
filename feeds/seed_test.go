package feeds

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
)

// TestPollerSeedArticle is the walk-through at package level: a
// local RSS file whose single item links, with a teaser description, to an
// HTML page holding the seed article. The first poll stores one article
// with the page's full text; the second stores nothing new.
func TestPollerSeedArticle(t *testing.T) { forEachStore(t, testPollerSeedArticle) }

func testPollerSeedArticle(t *testing.T, st testStore) {
	page, paras := seedPage(t)
	site := newTestSite(t)
	site.setPage("/2024/04/xi-lavrov.html", page)
	site.setFeed("/rss.xml", rssDoc("Seed desk", testItem{
		Title:       "Xi meets Lavrov in Beijing",
		Link:        site.url("/2024/04/xi-lavrov.html?utm_source=rss"),
		Description: "Chinese President Xi Jinping met Russian Foreign Minister Sergei Lavrov in Beijing on Tuesday…",
	}))
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Seed desk", URL: site.url("/rss.xml")})
	p := newTestPoller(st, clock)

	first := resultFor(t, cycle(t, p), feed.ID)
	if first.Err != nil || first.New != 1 {
		t.Fatalf("first poll = %+v, want 1 new article", first)
	}
	clock.Advance(p.DefaultInterval)
	second := resultFor(t, cycle(t, p), feed.ID)
	if second.Err != nil || second.New != 0 {
		t.Fatalf("second poll = %+v, want 0 new", second)
	}
	arts := st.allArticles()
	if len(arts) != 1 {
		t.Fatalf("stored %d articles, want 1", len(arts))
	}
	a := arts[0]
	if a.URL != site.url("/2024/04/xi-lavrov.html") || !a.Silent {
		t.Errorf("article URL %q silent %v: want the canonical link, stored silently (first poll)", a.URL, a.Silent)
	}
	// The stored text is the page body, paragraph by paragraph, not the teaser.
	body := paras[1:] // readability may drop the photo caption
	for _, p := range body {
		if !strings.Contains(a.Text, p) {
			t.Fatalf("stored text misses a seed paragraph: %.60q…", p)
		}
	}
	if got, want := strings.Count(a.Text, "\n\n"), len(body)-1; got < want {
		t.Errorf("text has %d paragraph breaks, want at least %d", got, want)
	}
}
