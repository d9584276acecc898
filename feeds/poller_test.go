package feeds

import (
	"context"
	"crypto/sha256"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/fakeclock"
	"github.com/briefbot/briefbot/internal/testcorpus"
)

// newFakeClock returns a clock tests move by hand, at the feeds tests'
// epoch: 2024-04-09 12:00 UTC, the seed article's day.
func newFakeClock() *fakeclock.Clock {
	return fakeclock.New(time.Date(2024, 4, 9, 12, 0, 0, 0, time.UTC))
}

// testSite serves feeds and article pages over loopback. Feeds get an ETag
// derived from their body and honour If-None-Match.
type testSite struct {
	srv *httptest.Server

	mu          sync.Mutex
	feeds       map[string]string // path → body
	pages       map[string]string // path → HTML
	feedHits    map[string]int
	notModified map[string]int
	pageHits    map[string]int
	onFeed      func(path string) // called while a feed request is served
}

func newTestSite(t testing.TB) *testSite {
	s := &testSite{
		feeds: map[string]string{}, pages: map[string]string{},
		feedHits: map[string]int{}, notModified: map[string]int{}, pageHits: map[string]int{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	feed, isFeed := s.feeds[r.URL.Path]
	page, isPage := s.pages[r.URL.Path]
	onFeed := s.onFeed
	switch {
	case isFeed:
		s.feedHits[r.URL.Path]++
	case isPage:
		s.pageHits[r.URL.Path]++
	}
	s.mu.Unlock()
	switch {
	case isFeed:
		if onFeed != nil {
			onFeed(r.URL.Path)
		}
		etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(feed)))
		if r.Header.Get("If-None-Match") == etag {
			s.mu.Lock()
			s.notModified[r.URL.Path]++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, feed)
	case isPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	default:
		http.NotFound(w, r)
	}
}

func (s *testSite) setFeed(path, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path] = body
}

func (s *testSite) setPage(path, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = body
}

func (s *testSite) hits(path string) (feed, notModified, page int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.feedHits[path], s.notModified[path], s.pageHits[path]
}

func (s *testSite) url(path string) string { return s.srv.URL + path }

type testItem struct{ GUID, Title, Link, Description, Content string }

// rssDoc renders an RSS 2.0 document of items.
func rssDoc(title string, items ...testItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>`)
	b.WriteString("<title>" + html.EscapeString(title) + "</title>")
	for _, it := range items {
		b.WriteString("<item><title>" + html.EscapeString(it.Title) + "</title>")
		if it.GUID != "" {
			b.WriteString(`<guid isPermaLink="false">` + html.EscapeString(it.GUID) + "</guid>")
		}
		if it.Link != "" {
			b.WriteString("<link>" + html.EscapeString(it.Link) + "</link>")
		}
		b.WriteString("<description>" + html.EscapeString(it.Description) + "</description>")
		if it.Content != "" {
			b.WriteString("<content:encoded><![CDATA[" + it.Content + "]]></content:encoded>")
		}
		b.WriteString("</item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// longBody is item content long enough not to be a teaser.
func longBody(topic string) string {
	return strings.Repeat("<p>Officials discussed "+topic+" in a long meeting that covered many related questions.</p>", 20)
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newTestPoller(st PollStore, clock *fakeclock.Clock) *Poller {
	return &Poller{
		Store:           st,
		Fetcher:         NewFetcher("test"),
		Clock:           clock.Now,
		Owner:           "test",
		DefaultInterval: time.Minute,
		Logger:          quietLogger(),
	}
}

func cycle(t *testing.T, p *Poller) CycleReport {
	t.Helper()
	rep, err := p.Cycle(context.Background())
	if err != nil {
		t.Fatalf("Cycle: %v", err)
	}
	return rep
}

func resultFor(t *testing.T, rep CycleReport, feedID int64) FeedResult {
	t.Helper()
	for _, r := range rep.Feeds {
		if r.Feed.ID == feedID {
			return r
		}
	}
	t.Fatalf("feed %d not polled in cycle (%d feeds polled)", feedID, len(rep.Feeds))
	return FeedResult{}
}

func TestPollerFirstPollSilentThenAlerts(t *testing.T) {
	forEachStore(t, testPollerFirstPollSilentThenAlerts)
}

func testPollerFirstPollSilentThenAlerts(t *testing.T, st testStore) {
	site := newTestSite(t)
	old1 := testItem{GUID: "old-1", Title: "Old one", Link: site.url("/a/1"), Content: longBody("trade")}
	old2 := testItem{GUID: "old-2", Title: "Old two", Link: site.url("/a/2"), Content: longBody("grain")}
	site.setFeed("/feed", rssDoc("Desk", old2, old1))
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Desk", URL: site.url("/feed")})
	p := newTestPoller(st, clock)

	first := resultFor(t, cycle(t, p), feed.ID)
	if first.Err != nil || first.New != 2 || !first.Silent {
		t.Fatalf("first poll = %+v, want 2 silent articles", first)
	}
	for _, a := range st.allArticles() {
		if !a.Silent {
			t.Errorf("article %q of the first poll alerts", a.Title)
		}
	}
	if got := st.feed(feed.ID); !got.Primed || got.LastStatus != "ok: 2 new" || got.ETag == "" {
		t.Errorf("feed after first poll = %+v", got)
	}

	// Nothing is due before the interval has passed.
	if rep := cycle(t, p); len(rep.Feeds) != 0 {
		t.Fatalf("feed polled again before its interval: %+v", rep.Feeds)
	}

	fresh := testItem{GUID: "new-1", Title: "Fresh", Link: site.url("/a/3"), Content: longBody("ceasefire")}
	site.setFeed("/feed", rssDoc("Desk", fresh, old2, old1))
	clock.Advance(time.Minute)
	second := resultFor(t, cycle(t, p), feed.ID)
	if second.Err != nil || second.New != 1 || second.Silent || second.Items != 3 {
		t.Fatalf("second poll = %+v, want 1 alerting article of 3 items", second)
	}
	arts := st.allArticles()
	if len(arts) != 3 || arts[2].Title != "Fresh" || arts[2].Silent {
		t.Fatalf("stored %d articles, last %+v", len(arts), arts[len(arts)-1])
	}

	clock.Advance(time.Minute)
	third := resultFor(t, cycle(t, p), feed.ID)
	if !third.NotModified || third.New != 0 || third.Feed.LastStatus != "not modified" {
		t.Fatalf("third poll = %+v, want not modified", third)
	}
	if full, conditional, _ := site.hits("/feed"); full != 3 || conditional != 1 {
		t.Errorf("server saw %d fetches, %d answered 304; want 3 and 1", full, conditional)
	}
}

func TestPollerDedup(t *testing.T) { forEachStore(t, testPollerDedup) }

func testPollerDedup(t *testing.T, st testStore) {
	site := newTestSite(t)
	shared := site.url("/story/summit")
	// Two feeds carry the same story under different GUIDs and tracking
	// parameters; a third item has no GUID and no link.
	site.setFeed("/wire", rssDoc("Wire",
		testItem{GUID: "wire-77", Title: "Summit opens", Link: shared + "?utm_source=wire", Content: longBody("the summit")},
		testItem{Title: "Linkless note", Content: longBody("a note")}))
	site.setFeed("/agency", rssDoc("Agency",
		testItem{GUID: "agency-9", Title: "Summit opens (agency)", Link: shared + "#top", Content: longBody("the summit")}))
	clock := newFakeClock()
	wire := st.addFeed(briefbot.Feed{Name: "Wire", URL: site.url("/wire")})
	agency := st.addFeed(briefbot.Feed{Name: "Agency", URL: site.url("/agency")})
	p := newTestPoller(st, clock)

	rep := cycle(t, p)
	if got := resultFor(t, rep, wire.ID).New + resultFor(t, rep, agency.ID).New; got != 2 {
		t.Fatalf("first cycle stored %d articles, want 2 (one summit story, one note)", got)
	}
	// The server stops sending validators: every re-poll downloads and
	// parses the items again, and still stores nothing new.
	site.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del("If-None-Match")
		site.serve(w, r)
	})
	for range 2 {
		clock.Advance(time.Minute)
		rep := cycle(t, p)
		for _, id := range []int64{wire.ID, agency.ID} {
			if r := resultFor(t, rep, id); r.Err != nil || r.NotModified || r.New != 0 {
				t.Fatalf("re-poll of feed %d = %+v, want a full fetch with 0 new", id, r)
			}
		}
	}
	arts := st.allArticles()
	if len(arts) != 2 {
		t.Fatalf("stored %d articles, want 2", len(arts))
	}
	summits := 0
	for _, a := range arts {
		if a.URL == shared {
			summits++
		}
	}
	if summits != 1 {
		t.Errorf("summit story stored %d times under its canonical URL %s", summits, shared)
	}
}

func TestPollerTeaserFullText(t *testing.T) { forEachStore(t, testPollerTeaserFullText) }

func testPollerTeaserFullText(t *testing.T, st testStore) {
	site := newTestSite(t)
	site.setPage("/2024/talks", articlePage)
	site.setFeed("/feed", rssDoc("Wire",
		testItem{GUID: "talks", Title: "Talks resume", Link: site.url("/2024/talks"), Description: "Delegations returned to Geneva on Monday…"},
		testItem{GUID: "gone", Title: "Gone", Link: site.url("/2024/missing"), Description: "This page no longer exists…"}))
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Wire", URL: site.url("/feed")})
	p := newTestPoller(st, clock)

	res := resultFor(t, cycle(t, p), feed.ID)
	if res.Err != nil || res.New != 2 {
		t.Fatalf("poll = %+v, want 2 new and no failure (a missing page is not a feed failure)", res)
	}
	_, wantText, err := Readable(strings.NewReader(articlePage), nil)
	if err != nil {
		t.Fatal(err)
	}
	byGUID := map[string]briefbot.Article{}
	for _, a := range st.allArticles() {
		byGUID[a.GUID] = a
	}
	talks := byGUID["talks"]
	if talks.Text != wantText {
		t.Errorf("stored text is not the page body:\n%q\nwant\n%q", talks.Text, wantText)
	}
	if talks.Teaser != "Delegations returned to Geneva on Monday…" {
		t.Errorf("teaser = %q", talks.Teaser)
	}
	if gone := byGUID["gone"]; gone.Text != "This page no longer exists…" {
		t.Errorf("unfetchable page: text = %q, want the teaser", gone.Text)
	}
	if _, _, pages := site.hits("/2024/talks"); pages != 1 {
		t.Errorf("article page fetched %d times, want 1", pages)
	}

	// Items carrying their full content need no page fetch.
	site.setFeed("/full", rssDoc("Full", testItem{GUID: "full", Title: "Full", Link: site.url("/2024/full"), Description: "Short…", Content: longBody("ports")}))
	site.setPage("/2024/full", articlePage)
	full := st.addFeed(briefbot.Feed{Name: "Full", URL: site.url("/full")})
	if res := resultFor(t, cycle(t, p), full.ID); res.New != 1 {
		t.Fatalf("full feed = %+v", res)
	}
	if _, _, pages := site.hits("/2024/full"); pages != 0 {
		t.Errorf("page of a full-content item fetched %d times", pages)
	}
}

func TestPollerBackoffAndDisable(t *testing.T) { forEachStore(t, testPollerBackoffAndDisable) }

func testPollerBackoffAndDisable(t *testing.T, st testStore) {
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer failing.Close()
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Flaky", URL: failing.URL, Interval: time.Minute})
	p := newTestPoller(st, clock)
	p.MaxErrors = 4

	for n := 1; n <= 4; n++ {
		now := clock.Now()
		res := resultFor(t, cycle(t, p), feed.ID)
		if res.Err == nil {
			t.Fatalf("failure %d not reported", n)
		}
		got := st.feed(feed.ID)
		base := time.Minute << (n - 1)
		if wait := got.NextCheckAt.Sub(now); wait < base-base/10 || wait > base {
			t.Errorf("after failure %d next check in %v, want %v less at most 10%% jitter", n, wait, base)
		}
		if got.ErrorCount != n || got.LastError != "HTTP 500 Internal Server Error" {
			t.Errorf("after failure %d: errors %d, last error %q", n, got.ErrorCount, got.LastError)
		}
		if got.Disabled != (n == 4) {
			t.Errorf("after failure %d: disabled = %v", n, got.Disabled)
		}
		if n < 4 && got.LastStatus != "failed: HTTP 500 Internal Server Error" {
			t.Errorf("status = %q", got.LastStatus)
		}
		// Not retried before the backoff has passed.
		clock.Set(got.NextCheckAt.Add(-time.Second))
		if rep := cycle(t, p); len(rep.Feeds) != 0 {
			t.Fatalf("retried during backoff after failure %d", n)
		}
		clock.Set(got.NextCheckAt)
	}
	if got := st.feed(feed.ID).LastStatus; got != "disabled after 4 consecutive failures: HTTP 500 Internal Server Error" {
		t.Errorf("disabled status = %q", got)
	}
	clock.Advance(24 * time.Hour)
	if rep := cycle(t, p); len(rep.Feeds) != 0 {
		t.Error("disabled feed polled again")
	}
}

func TestPollerRecoversAfterFailure(t *testing.T) { forEachStore(t, testPollerRecoversAfterFailure) }

func testPollerRecoversAfterFailure(t *testing.T, st testStore) {
	site := newTestSite(t)
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Late", URL: site.url("/feed")})
	p := newTestPoller(st, clock)
	for range 2 { // 404 twice
		resultFor(t, cycle(t, p), feed.ID)
		clock.Set(st.feed(feed.ID).NextCheckAt)
	}
	site.setFeed("/feed", rssDoc("Late", testItem{GUID: "1", Title: "Up", Link: site.url("/a"), Content: longBody("x")}))
	res := resultFor(t, cycle(t, p), feed.ID)
	got := st.feed(feed.ID)
	if res.Err != nil || got.ErrorCount != 0 || got.LastError != "" || got.LastStatus != "ok: 1 new" {
		t.Fatalf("after recovery: %+v", got)
	}
	// Failed polls did not prime the feed: its first good poll is silent.
	if !res.Silent || !st.allArticles()[0].Silent {
		t.Error("first successful poll after failures must be silent")
	}
	if want := clock.Now().Add(time.Minute); !got.NextCheckAt.Equal(want) {
		t.Errorf("next check %v, want the normal interval (%v)", got.NextCheckAt, want)
	}
}

func TestPollerParseFailureReason(t *testing.T) { forEachStore(t, testPollerParseFailureReason) }

func testPollerParseFailureReason(t *testing.T, st testStore) {
	site := newTestSite(t)
	site.setFeed("/broken", brokenFixture)
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Broken", URL: site.url("/broken")})
	res := resultFor(t, cycle(t, newTestPoller(st, clock)), feed.ID)
	got := st.feed(feed.ID)
	if res.Err == nil || got.LastError != "parse feed: XML syntax error on line 2: unexpected EOF" {
		t.Fatalf("result %v, last error %q: want the parser's reason", res.Err, got.LastError)
	}
	if got.LastStatus != "failed: "+got.LastError || got.Primed {
		t.Errorf("feed state = %+v", got)
	}
}

func TestPollerSchedulesBeforeFetch(t *testing.T) { forEachStore(t, testPollerSchedulesBeforeFetch) }

func testPollerSchedulesBeforeFetch(t *testing.T, st testStore) {
	site := newTestSite(t)
	site.setFeed("/feed", rssDoc("Desk", testItem{GUID: "1", Title: "One", Link: site.url("/a"), Content: longBody("x")}))
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Desk", URL: site.url("/feed"), Interval: 10 * time.Minute})
	var during briefbot.Feed
	site.onFeed = func(string) { during = st.feed(feed.ID) }
	resultFor(t, cycle(t, newTestPoller(st, clock)), feed.ID)
	if want := clock.Now().Add(10 * time.Minute); !during.NextCheckAt.Equal(want) {
		t.Errorf("while fetching, stored next check = %v, want %v", during.NextCheckAt, want)
	}
}

func TestPollerEnrich(t *testing.T) { forEachStore(t, testPollerEnrich) }

func testPollerEnrich(t *testing.T, st testStore) {
	site := newTestSite(t)
	site.setFeed("/feed", rssDoc("Desk", testItem{GUID: "1", Title: "One", Link: site.url("/a"), Content: longBody("x")}))
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Desk", URL: site.url("/feed")})
	p := newTestPoller(st, clock)
	p.Enrich = func(ctx context.Context, a *briefbot.Article) {
		a.Summary = "summary of " + a.Title
	}
	resultFor(t, cycle(t, p), feed.ID)
	if arts := st.allArticles(); len(arts) != 1 || arts[0].Summary != "summary of One" {
		t.Fatalf("articles = %+v", arts)
	}
}

// TestPollerCorpusFeeds serves every feed of the shared corpus over
// loopback and runs one cycle: each yields items or fails with a reason.
func TestPollerCorpusFeeds(t *testing.T) { forEachStore(t, testPollerCorpusFeeds) }

func testPollerCorpusFeeds(t *testing.T, st testStore) {
	files := testcorpus.Glob(t, "corpus/feeds/*")
	mux := http.NewServeMux()
	clock := newFakeClock()
	ids := map[int64]string{}
	for _, path := range files {
		name := filepath.Base(path)
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		mux.HandleFunc("/"+name, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			w.Write(body)
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for _, path := range files {
		name := filepath.Base(path)
		f := st.addFeed(briefbot.Feed{Name: name, URL: srv.URL + "/" + name})
		ids[f.ID] = name
	}
	p := newTestPoller(st, clock)
	p.NoFullText = true // item links point at the real sites

	rep := cycle(t, p)
	if len(rep.Feeds) != len(files) {
		t.Fatalf("polled %d feeds, want %d", len(rep.Feeds), len(files))
	}
	for _, r := range rep.Feeds {
		name := ids[r.Feed.ID]
		switch {
		case r.Err != nil:
			if r.Feed.LastError == "" || !brokenCorpusFeeds[name] {
				t.Errorf("%s: failed (%v), last error %q", name, r.Err, r.Feed.LastError)
			}
		case r.Items == 0:
			t.Errorf("%s: no items and no failure", name)
		case r.Feed.LastStatus != fmt.Sprintf("ok: %d new", r.New):
			t.Errorf("%s: status %q", name, r.Feed.LastStatus)
		}
	}
	if n := len(st.allArticles()); n < 500 {
		t.Errorf("stored %d articles from the corpus, expected hundreds", n)
	}
}

// flakyStore fails SaveArticle while broken is set.
type flakyStore struct {
	*memStore
	mu     sync.Mutex
	broken bool
}

func (s *flakyStore) SaveArticle(ctx context.Context, a *briefbot.Article) (bool, error) {
	s.mu.Lock()
	broken := s.broken
	s.mu.Unlock()
	if broken {
		return false, fmt.Errorf("database is locked")
	}
	return s.memStore.SaveArticle(ctx, a)
}

func TestPollerStoreFailureIsNotTheFeeds(t *testing.T) {
	site := newTestSite(t)
	site.setFeed("/feed", rssDoc("Desk", testItem{GUID: "1", Title: "One", Link: site.url("/a"), Content: longBody("x")}))
	st := &flakyStore{memStore: newMemStore(), broken: true}
	clock := newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Desk", URL: site.url("/feed")})
	p := newTestPoller(st, clock)
	p.MaxErrors = 1

	res := resultFor(t, cycle(t, p), feed.ID)
	got := st.feed(feed.ID)
	if res.Err == nil || got.ErrorCount != 0 || got.Disabled || got.ETag != "" {
		t.Fatalf("store failure: result %v, feed %+v; want an error that leaves the feed's health and validators alone", res.Err, got)
	}
	st.mu.Lock()
	st.broken = false
	st.mu.Unlock()
	clock.Advance(time.Minute)
	if res := resultFor(t, cycle(t, p), feed.ID); res.Err != nil || res.New != 1 || res.NotModified {
		t.Fatalf("after the store recovers: %+v, want the item stored", res)
	}
}

func TestPollerSavesInBatchesWhenTheStoreCan(t *testing.T) {
	site := newTestSite(t)
	site.setFeed("/feed", rssDoc("Desk",
		testItem{GUID: "1", Title: "One", Link: site.url("/a/1"), Content: longBody("x")},
		testItem{GUID: "2", Title: "Two", Link: site.url("/a/2"), Content: longBody("y")},
		testItem{GUID: "3", Title: "Three", Link: site.url("/a/3"), Content: longBody("z")}))
	st := &batchMemStore{memStore: newMemStore()}
	feed := st.addFeed(briefbot.Feed{Name: "Desk", URL: site.url("/feed")})
	res := resultFor(t, cycle(t, newTestPoller(st, newFakeClock())), feed.ID)
	if res.New != 3 || st.batches != 1 {
		t.Fatalf("stored %d articles in %d batches, want 3 in 1", res.New, st.batches)
	}
	arts := st.allArticles()
	if arts[0].Title != "Three" || arts[2].Title != "One" {
		t.Errorf("storage order %q, %q, %q: want oldest (last listed) first", arts[0].Title, arts[1].Title, arts[2].Title)
	}
}

// Beyond MaxPagesPerFeed, teaser items are left for the next polls of
// the feed, which fetch their pages then: none stays a teaser for good,
// and a first poll's backlog stays silent however many polls it takes.
func TestPollerPageBudget(t *testing.T) {
	site := newTestSite(t)
	var items []testItem
	for i := range 30 { // listed newest first
		path := fmt.Sprintf("/p/%d", i)
		site.setPage(path, articlePage)
		items = append(items, testItem{GUID: fmt.Sprint(i), Title: fmt.Sprint("Story ", i), Link: site.url(path), Description: "Teaser…"})
	}
	site.setFeed("/feed", rssDoc("Big", items...))
	st := newMemStore()
	feed := st.addFeed(briefbot.Feed{Name: "Big", URL: site.url("/feed")})
	clock := newFakeClock()
	p := newTestPoller(st, clock)
	p.MaxPagesPerFeed = 10
	for round, want := range []int{10, 10, 10} {
		res := resultFor(t, cycle(t, p), feed.ID)
		if res.New != want || res.Deferred != 20-10*round {
			t.Fatalf("poll %d = %d new, %d deferred; want %d new, %d deferred", round+1, res.New, res.Deferred, want, 20-10*round)
		}
		// The newest 10 of what is left each time.
		for i := range 30 {
			_, _, pages := site.hits(fmt.Sprintf("/p/%d", i))
			if want := 0; i < 10*(round+1) {
				want = 1
				if pages != want {
					t.Errorf("poll %d: page of item %d fetched %d times, want once", round+1, i, pages)
				}
			} else if pages != want {
				t.Errorf("poll %d: page of item %d fetched %d times, beyond the limit", round+1, i, pages)
			}
		}
		clock.Set(st.feed(feed.ID).NextCheckAt)
	}
	arts := st.allArticles()
	if len(arts) != 30 {
		t.Fatalf("%d articles stored, want 30", len(arts))
	}
	for _, a := range arts {
		if a.Text == "Teaser…" || !a.Silent {
			t.Errorf("%s: text %.30q silent=%v; want the full page, silently (first poll's backlog)", a.Title, a.Text, a.Silent)
		}
	}
	if got := st.feed(feed.ID); !got.Primed || got.ETag == "" {
		t.Errorf("feed after the backlog: primed=%v etag=%q, want primed with validators", got.Primed, got.ETag)
	}
}

func TestPollerSkipsUnreachableHosts(t *testing.T) {
	// A host that accepts connections and drops them at once.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var accepted atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	site := newTestSite(t)
	var items []testItem
	for i := range 10 {
		items = append(items, testItem{GUID: fmt.Sprint(i), Title: "T", Link: fmt.Sprintf("http://%s/story/%d", ln.Addr(), i), Description: "Teaser…"})
	}
	site.setFeed("/feed", rssDoc("Dead links", items...))
	st := newMemStore()
	feed := st.addFeed(briefbot.Feed{Name: "Dead links", URL: site.url("/feed")})
	p := newTestPoller(st, newFakeClock())
	p.PageConcurrency = 1
	// The dead host is another loopback port: internal, so open loopback.
	p.Fetcher.Guard.AllowPrivate = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	res := resultFor(t, cycle(t, p), feed.ID)
	if res.Err != nil || res.New != 10 {
		t.Fatalf("poll = %+v, want 10 stored with their teasers", res)
	}
	if n := accepted.Load(); n == 0 || n > 2 {
		t.Errorf("dead host contacted %d times for 10 pages, want once (plus at most one transport retry)", n)
	}
	for _, a := range st.allArticles() {
		if a.Text != "Teaser…" {
			t.Errorf("text = %q, want the teaser", a.Text)
		}
	}
}

func TestPollerShutdownIsNotAFailure(t *testing.T) {
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done()
	}))
	defer srv.Close()
	st, clock := newMemStore(), newFakeClock()
	feed := st.addFeed(briefbot.Feed{Name: "Slow", URL: srv.URL, Interval: time.Minute})
	p := newTestPoller(st, clock)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	rep, err := p.Cycle(ctx)
	if err == nil || len(rep.Feeds) != 1 || rep.Feeds[0].Err == nil {
		t.Fatalf("cancelled cycle: %v, %+v", err, rep.Feeds)
	}
	got := st.feed(feed.ID)
	if got.ErrorCount != 0 || got.LastError != "" {
		t.Errorf("shutdown counted as a feed failure: %+v", got)
	}
	if want := clock.Now().Add(time.Minute); !got.NextCheckAt.Equal(want) {
		t.Errorf("next check %v, want the schedule saved before fetching (%v)", got.NextCheckAt, want)
	}
}

func TestPollerFeedLocalGUIDs(t *testing.T) { forEachStore(t, testPollerFeedLocalGUIDs) }

// Two feeds numbering their items the same way carry different stories;
// a GUID that is a URL names one story wherever it appears.
func testPollerFeedLocalGUIDs(t *testing.T, st testStore) {
	site := newTestSite(t)
	site.setFeed("/one", rssDoc("One",
		testItem{GUID: "1", Title: "Harbour story", Link: site.url("/one/harbour"), Content: longBody("the harbour")},
		testItem{GUID: "https://wire.example.org/s/9", Title: "Wire story", Link: site.url("/one/wire"), Content: longBody("the wire")}))
	site.setFeed("/two", rssDoc("Two",
		testItem{GUID: "1", Title: "Council story", Link: site.url("/two/council"), Content: longBody("the council")},
		testItem{GUID: "https://wire.example.org/s/9", Title: "Wire story again", Link: site.url("/two/wire"), Content: longBody("the wire")}))
	clock := newFakeClock()
	one := st.addFeed(briefbot.Feed{Name: "One", URL: site.url("/one")})
	rep := cycle(t, newTestPoller(st, clock))
	two := st.addFeed(briefbot.Feed{Name: "Two", URL: site.url("/two")})
	rep2 := cycle(t, newTestPoller(st, clock))
	if n1, n2 := resultFor(t, rep, one.ID).New, resultFor(t, rep2, two.ID).New; n1 != 2 || n2 != 1 {
		t.Fatalf("stored %d then %d articles, want 2 then 1 (the council story; the wire story is known)", n1, n2)
	}
	var titles []string
	for _, a := range st.allArticles() {
		titles = append(titles, a.Title)
	}
	if len(titles) != 3 || titles[2] != "Council story" {
		t.Errorf("stored %q", titles)
	}
}
