package web

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/sqlite"
	"golang.org/x/net/html"
)

var testNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// fixture is a store with hand-written content: two feeds (one failing),
// Lavrov quoted in 30 articles over 30 weeks, Wang Yi in one, two
// subscriptions, one pending and one failed delivery.
type fixture struct {
	web      *Web
	handler  http.Handler
	articles []briefbot.Article
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "briefbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	feeds, err := st.SyncFeeds(ctx, []briefbot.Feed{
		{Name: "Wire One", URL: "https://one.example/rss"},
		{Name: "Broken Wire", URL: "https://broken.example/rss"},
	})
	if err != nil {
		t.Fatal(err)
	}
	ok := feeds[0]
	ok.LastFetchedAt, ok.LastStatus, ok.NextCheckAt = testNow.Add(-3*time.Minute), "ok: 2 new", testNow.Add(7*time.Minute)
	bad := feeds[1]
	bad.LastFetchedAt, bad.ErrorCount, bad.LastError, bad.LastStatus = testNow.Add(-time.Minute), 3, "HTTP 503 Service Unavailable", "failed"
	for _, f := range []briefbot.Feed{ok, bad} {
		if err := st.SaveFeedState(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	arts := make([]briefbot.Article, 30) // arts[i] is i weeks old
	for k := range 30 {
		i := 29 - k // stored oldest first, as a running bot stores them
		at := testNow.AddDate(0, 0, -7*i)
		text := fmt.Sprintf("Russia is ready to discuss a ceasefire, round %d", i)
		if i%3 == 0 {
			text = fmt.Sprintf("Moscow will not accept a ceasefire under pressure, round %d", i)
		}
		a := briefbot.Article{FeedID: feeds[0].ID, FeedName: "Wire One", URL: fmt.Sprintf("https://one.example/news/%d", i),
			Hash: fmt.Sprintf("h%d", i), Title: fmt.Sprintf("Lavrov on talks, week %d", i), PublishedAt: at, FetchedAt: at,
			Summary: "Lavrov spoke about the talks.",
			Statements: []briefbot.Statement{{Text: text, Speaker: "Sergei Lavrov", SpeakerRole: "Foreign Minister",
				SpeakerAffiliation: "Russia", Kind: briefbot.Direct, Cue: briefbot.Span{Text: "said"}, Score: 0.5 + float64(i%5)/10,
				SpeakerMention: briefbot.Span{Text: "Lavrov"}}},
			Actors: []briefbot.Actor{
				{Name: "Sergei Lavrov", Type: briefbot.Person, Role: "Foreign Minister", Affiliation: "Russia", Mentions: []briefbot.Span{{Text: "Lavrov"}, {Text: "he"}}},
				{Name: "Ukraine", Type: briefbot.Country, Mentions: []briefbot.Span{{Text: "Ukraine"}}},
			}}
		if i == 0 {
			a.Statements = append(a.Statements, briefbot.Statement{Text: "Dialogue <b>remains</b> the only way & the best", Speaker: "Wang Yi", Score: 0.7})
			a.Actors = append(a.Actors, briefbot.Actor{Name: "Wang Yi", Type: briefbot.Person, Role: "Foreign Minister", Affiliation: "China"})
		}
		if saved, err := st.SaveArticle(ctx, &a); err != nil || !saved {
			t.Fatalf("save %d: %v %v", i, saved, err)
		}
		arts[i] = a
	}
	for _, s := range []briefbot.Subscription{
		{Platform: "slack", Channel: "C0NEWS", Topic: "russia", Query: "Russia OR Moscow", Mode: briefbot.ModeInstant},
		{Platform: "slack", Channel: "C0NEWS", Topic: "Sergei Lavrov", Query: `speaker:"Sergei Lavrov"`, Mode: briefbot.ModeInstant, Follow: true},
		{Platform: "discord", Channel: "112233", Topic: "china", Query: "China", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "Europe/Paris"},
	} {
		if _, err := st.AddSubscription(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for i, key := range []string{"pending-1", "failed-1"} {
		d, _, err := st.Enqueue(ctx, briefbot.Delivery{Platform: "slack", Channel: "C0NEWS", Key: key, CreatedAt: testNow, NextTry: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if err := st.MarkRetry(ctx, d.ID, "channel_not_found", testNow, testNow, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	cycles := NewCycles(5)
	cycles.Record(Cycle{Started: testNow.Add(-10 * time.Minute), Duration: 1200 * time.Millisecond, Feeds: 2, New: 5, Failed: 1})
	cycles.Record(Cycle{Started: testNow.Add(-5 * time.Minute), Duration: 300 * time.Millisecond, Feeds: 2, New: 0, Failed: 1})
	w := &Web{Store: st, Cycles: cycles, Clock: func() time.Time { return testNow },
		Topics: map[string]string{"ceasefire": "ceasefire OR truce", "gaza": "Gaza"}}
	h, err := w.Handler()
	if err != nil {
		t.Fatal(err)
	}
	return fixture{web: w, handler: h, articles: arts}
}

// pathOf is the page of the registry speaker named exactly name.
func (f fixture) pathOf(t *testing.T, name string) string {
	t.Helper()
	sps, _, err := f.web.Store.FindSpeakers(context.Background(), name, 1)
	if err != nil || len(sps) == 0 || sps[0].Name != name {
		t.Fatalf("speaker %q: %+v %v", name, sps, err)
	}
	return speakerPath(sps[0].ID)
}

func TestStatusPage(t *testing.T) {
	f := newFixture(t)
	rec, doc := get(t, f.handler, "/")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	checkAccessible(t, doc)
	feedsTable := find(t, find(t, doc, "section", hasAttr("aria-labelledby", "feeds-h")), "table", nil)
	rows := texts(findAll(feedsTable, "tr", nil))
	if len(rows) != 3 {
		t.Fatalf("feed rows %q", rows)
	}
	if !strings.Contains(rows[1], "Broken Wire 3 failures in a row 1m ago") || !strings.Contains(rows[1], "HTTP 503 Service Unavailable") {
		t.Errorf("failing feed row: %q", rows[1])
	}
	if !strings.Contains(rows[2], "Wire One ok: 2 new 3m ago in 7m") {
		t.Errorf("healthy feed row: %q", rows[2])
	}
	if got := text(find(t, doc, "h2", hasAttr("id", "feeds-h"))); got != "Feeds 2, 1 failing" {
		t.Errorf("feeds heading %q", got)
	}
	cycleRows := texts(findAll(find(t, doc, "section", hasAttr("aria-labelledby", "cycles-h")), "tr", nil))
	if len(cycleRows) != 3 || !strings.HasPrefix(cycleRows[1], "2026-11-29 11:55 UTC 300ms 2 0 1") {
		t.Errorf("cycle rows %q", cycleRows)
	}
	outbox := text(find(t, doc, "section", hasAttr("aria-labelledby", "outbox-h")))
	if !strings.Contains(outbox, "Pending 1") || !strings.Contains(outbox, "Failed for good 1") || !strings.Contains(outbox, "slack C0NEWS, 1 attempts") || !strings.Contains(outbox, "channel_not_found") {
		t.Errorf("outbox section %q", outbox)
	}
	subs := find(t, doc, "section", hasAttr("aria-labelledby", "subs-h"))
	if got := texts(findAll(subs, "h3", nil)); !slices.Equal(got, []string{"discord · 112233", "slack · C0NEWS"}) {
		t.Errorf("channels %q", got)
	}
	if got := text(subs); !strings.Contains(got, "topic china China — daily at 08:00 Europe/Paris") || !strings.Contains(got, "follows Sergei Lavrov — instant") {
		t.Errorf("subscriptions %q", got)
	}
}

func TestSearchPage(t *testing.T) {
	f := newFixture(t)
	rec, doc := get(t, f.handler, "/search?q=ceasefire")
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	checkAccessible(t, doc)
	items := findAll(find(t, doc, "ol", hasClass("statements")), "li", nil)
	if len(items) != pageSize {
		t.Fatalf("%d results on page 1, want %d", len(items), pageSize)
	}
	first := text(items[0])
	if !strings.Contains(first, "Moscow will not accept a ceasefire under pressure, round 0") || !strings.Contains(first, "Sergei Lavrov, Foreign Minister · 2026-11-29") {
		t.Errorf("first result %q", first)
	}
	if href := attr(find(t, items[0], "a", nil), "href"); href != f.pathOf(t, "Sergei Lavrov") {
		t.Errorf("speaker link %q", href)
	}
	next := attr(find(t, doc, "a", hasAttr("rel", "next")), "href")
	if next != "/search?page=2&q=ceasefire" {
		t.Errorf("next page link %q", next)
	}
	_, doc = get(t, f.handler, next)
	items = findAll(find(t, doc, "ol", hasClass("statements")), "li", nil)
	if len(items) != 10 || len(findAll(doc, "a", hasAttr("rel", "next"))) != 0 || attr(find(t, doc, "a", hasAttr("rel", "prev")), "href") != "/search?page=1&q=ceasefire" {
		t.Errorf("page 2: %d results", len(items))
	}

	// The query language: NOT and a phrase are applied to each statement.
	_, doc = get(t, f.handler, "/search?q="+urlQuery(`ceasefire NOT "will not"`)+"&from=2026-10-01&to=2026-11-22")
	got := texts(findAll(doc, "blockquote", nil))
	want := []string{"Russia is ready to discuss a ceasefire, round 1", "Russia is ready to discuss a ceasefire, round 2",
		"Russia is ready to discuss a ceasefire, round 4", "Russia is ready to discuss a ceasefire, round 5",
		"Russia is ready to discuss a ceasefire, round 7", "Russia is ready to discuss a ceasefire, round 8"}
	if !slices.Equal(got, want) {
		t.Errorf("NOT query with dates:\n got %q\nwant %q", got, want)
	}

	// Speaker filter by part of a name; statements are escaped, not markup.
	rec, doc = get(t, f.handler, "/search?speaker=wang")
	got = texts(findAll(doc, "blockquote", nil))
	if !slices.Equal(got, []string{"Dialogue <b>remains</b> the only way & the best"}) || strings.Contains(body(rec), "<b>remains") {
		t.Errorf("speaker filter: %q", got)
	}
	if v := attr(find(t, doc, "input", hasAttr("id", "speaker")), "value"); v != "Wang Yi" {
		t.Errorf("speaker field shows %q", v)
	}

	for path, msg := range map[string]string{
		"/search?q=" + urlQuery("(ceasefire"):    `"(ceasefire" is not a valid query`,
		"/search?q=talks&from=yesterday":         `From date "yesterday" is not a date`,
		"/search?q=talks&page=0":                 `Page "0" does not exist`,
		"/search?speaker=nobody":                 `Nobody called "nobody" has been quoted`,
		"/search?q=" + urlQuery("NOT ceasefire"): "has no word to search for",
	} {
		rec, doc := get(t, f.handler, path)
		if rec.Code != http.StatusBadRequest || !strings.Contains(text(find(t, doc, "p", hasClass("error"))), msg) {
			t.Errorf("%s: %d, want 400 saying %q; got %q", path, rec.Code, msg, text(doc))
		}
	}
}

func TestSpeakerPage(t *testing.T) {
	f := newFixture(t)
	rec, doc := get(t, f.handler, f.pathOf(t, "Sergei Lavrov"))
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, text(doc))
	}
	checkAccessible(t, doc)
	if h1 := text(find(t, doc, "h1", nil)); h1 != "Sergei Lavrov" {
		t.Errorf("h1 %q", h1)
	}
	facts := text(find(t, doc, "dl", hasClass("facts")))
	if facts != "Statements 30 Articles 30 First seen 2026-05-10 Last seen 2026-11-29" {
		t.Errorf("facts %q", facts)
	}
	about := text(find(t, doc, "dl", hasClass("about")))
	if !strings.Contains(about, "Speaks most about ceasefire (30)") || strings.Contains(about, "gaza") || !strings.Contains(about, "Most often with Ukraine (30), Wang Yi (1)") {
		t.Errorf("about %q", about)
	}
	svg := find(t, doc, "svg", nil)
	bars := findAll(svg, "rect", hasClass("bar"))
	weeks := findAll(svg, "g", hasClass("week"))
	// A year of weeks; the 30 weekly statements fall in the last 30.
	if len(weeks) != speakerWeeks || len(bars) != 30 {
		t.Errorf("%d weeks, %d bars; want %d and 30", len(weeks), len(bars), speakerWeeks)
	}
	last := text(find(t, weeks[len(weeks)-1], "title", nil))
	if last != "Week of 23 Nov 2026: 1 statement Nov 29: “Moscow will not accept a ceasefire under pressure, round 0”" {
		t.Errorf("last bar title %q", last)
	}
	if first := text(find(t, weeks[0], "title", nil)); !strings.HasSuffix(first, ": 0 statements") {
		t.Errorf("first bar title %q", first)
	}
	if d := text(find(t, svg, "desc", nil)); !strings.HasPrefix(d, "30 statements in 53 weeks") {
		t.Errorf("chart description %q", d)
	}
	all := find(t, doc, "section", hasAttr("aria-labelledby", "all-h"))
	if n := len(findAll(all, "blockquote", nil)); n != pageSize {
		t.Errorf("%d statements listed, want %d", n, pageSize)
	}
	next := attr(find(t, all, "a", hasAttr("rel", "next")), "href")
	_, doc = get(t, f.handler, next)
	all = find(t, doc, "section", hasAttr("aria-labelledby", "all-h"))
	if got := texts(findAll(all, "blockquote", nil)); len(got) != 10 || got[9] != "Russia is ready to discuss a ceasefire, round 29" {
		t.Errorf("page 2 via %s: %q", next, got)
	}

	for path, msg := range map[string]string{
		"/speakers/999999":          "There is no speaker 999999.",
		"/speakers/sergei%20lavrov": `"sergei lavrov" is not a speaker number`,
	} {
		rec, doc = get(t, f.handler, path)
		if rec.Code != 404 || !strings.Contains(text(doc), msg) {
			t.Errorf("%s: %d %q", path, rec.Code, text(doc))
		}
	}
}

func TestArticlePage(t *testing.T) {
	f := newFixture(t)
	a := f.articles[0]
	rec, doc := get(t, f.handler, fmt.Sprintf("/articles/%d", a.ID))
	if rec.Code != 200 {
		t.Fatalf("status %d", rec.Code)
	}
	checkAccessible(t, doc)
	if h1 := text(find(t, doc, "h1", nil)); h1 != a.Title {
		t.Errorf("h1 %q", h1)
	}
	if href := attr(find(t, doc, "a", func(n *html.Node) bool { return text(n) == "Read at the source" }), "href"); href != a.URL {
		t.Errorf("source link %q", href)
	}
	stmts := texts(findAll(find(t, doc, "ol", hasClass("statements")), "li", nil))
	if len(stmts) != 2 || stmts[0] != "Moscow will not accept a ceasefire under pressure, round 0 Sergei Lavrov, Foreign Minister, Russia · direct · “said”" {
		t.Errorf("statements %q", stmts)
	}
	rows := texts(findAll(find(t, doc, "tbody", nil), "tr", nil))
	want := []string{"Sergei Lavrov person Foreign Minister, Russia 2", "Wang Yi person Foreign Minister, China 0", "Ukraine country 1"}
	if !slices.Equal(rows, want) {
		t.Errorf("actors %q, want %q", rows, want)
	}
	for _, path := range []string{"/articles/999999", "/articles/abc", "/articles/-1"} {
		if rec, _ := get(t, f.handler, path); rec.Code != 404 {
			t.Errorf("%s: %d, want 404", path, rec.Code)
		}
	}
}

func TestAccessControl(t *testing.T) {
	f := newFixture(t)
	serve := func(h http.Handler, remote string, header ...string) int {
		req, _ := http.NewRequest("GET", "/", nil)
		req.RemoteAddr = remote
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := newRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	// No token: loopback only, and not through a forwarding proxy.
	for remote, want := range map[string]int{"127.0.0.1:1": 200, "[::1]:1": 200, "192.0.2.7:1": 403, "10.0.0.1:1": 403} {
		if got := serve(f.handler, remote); got != want {
			t.Errorf("no token, from %s: %d, want %d", remote, got, want)
		}
	}
	if got := serve(f.handler, "127.0.0.1:1", "X-Forwarded-For", "192.0.2.7"); got != 403 {
		t.Errorf("forwarded without token: %d, want 403", got)
	}
	// With a token: everyone must present it.
	f.web.Token = "s3cret-token"
	h, err := f.web.Handler()
	if err != nil {
		t.Fatal(err)
	}
	basic := func(user, pass string) string {
		req, _ := http.NewRequest("GET", "/", nil)
		req.SetBasicAuth(user, pass)
		return req.Header.Get("Authorization")
	}
	for name, tc := range map[string]struct {
		auth string
		want int
	}{
		"none":         {"", 401},
		"basic right":  {basic("anyone", "s3cret-token"), 200},
		"basic wrong":  {basic("anyone", "s3cret-toke"), 401},
		"bearer right": {"Bearer s3cret-token", 200},
		"bearer wrong": {"Bearer s3cret-token2", 401},
	} {
		header := []string{}
		if tc.auth != "" {
			header = []string{"Authorization", tc.auth}
		}
		if got := serve(h, "192.0.2.7:1", header...); got != tc.want {
			t.Errorf("%s: %d, want %d", name, got, tc.want)
		}
	}
}
