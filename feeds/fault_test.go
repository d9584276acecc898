package feeds

// The fault suite: the real poller and fetcher against internal/faultfeed,
// a loopback server that hangs, drips, fails, floods and redirects. Each
// test asserts what a bad server may cost: one timeout, one capped body,
// a refusal, never the process or the other feeds.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/faultfeed"
)

func newFaultServer(t *testing.T) *faultfeed.Server {
	s := faultfeed.New()
	t.Cleanup(s.Close)
	return s
}

// One feed per fault: each fails alone, with a reason naming the fault,
// within one timeout, and the healthy feed next to them is stored.
func TestFaultFeedsFailAlone(t *testing.T) {
	srv := newFaultServer(t)
	other := newFaultServer(t) // another loopback port: internal
	const timeout = 2 * time.Second
	cases := []struct {
		path  string
		class ErrorClass
		text  string // in the feed's LastError
	}{
		{"/hang/a", ClassTimeout, "timeout"},
		{"/drip/a", ClassTimeout, "timeout"},
		{"/status/503", ClassStatus, "HTTP 503"},
		{"/status/500", ClassStatus, "HTTP 500"},
		{"/huge/a", ClassTooLarge, "exceeds size cap"},
		{"/gzip-bomb/a", ClassTooLarge, "exceeds size cap"},
		{"/loop/a", ClassRedirect, "redirects"},
		{"/redirect?to=" + url.QueryEscape(other.URL+"/ok/x"), ClassBlocked, "internal address"},
		{"/redirect?to=" + url.QueryEscape("http://169.254.169.254/latest/meta-data/"), ClassBlocked, "internal address"},
	}
	st := newMemStore()
	ids := map[int64]int{}
	for i, c := range cases {
		f := st.addFeed(briefbot.Feed{Name: fmt.Sprint("fault ", i), URL: srv.URL + c.path})
		ids[f.ID] = i
	}
	healthy := st.addFeed(briefbot.Feed{Name: "healthy", URL: srv.URL + "/ok/good"})
	p := newTestPoller(st, newFakeClock())
	p.Fetcher.Timeout = timeout
	p.Fetcher.MaxBytes = 1 << 20
	p.Fetcher.PerHost = len(cases) + 1 // this test is about faults, not host slots
	start := time.Now()
	rep := cycle(t, p)
	took := time.Since(start)
	for _, r := range rep.Feeds {
		if r.Feed.ID == healthy.ID {
			if r.Err != nil || r.New != 3 {
				t.Errorf("healthy feed: %+v, want 3 new", r)
			}
			continue
		}
		c := cases[ids[r.Feed.ID]]
		if got := Classify(r.Err); got != c.class {
			t.Errorf("%s: class %q (err %v), want %q", c.path, got, r.Err, c.class)
		}
		if saved := st.feed(r.Feed.ID); !strings.Contains(saved.LastError, c.text) || saved.ErrorCount != 1 {
			t.Errorf("%s: status %q after %d errors, want one error naming %q", c.path, saved.LastError, saved.ErrorCount, c.text)
		}
	}
	if len(rep.Feeds) != len(cases)+1 {
		t.Errorf("%d feeds polled, want %d", len(rep.Feeds), len(cases)+1)
	}
	// Everything runs at once: the cycle lasts about one timeout (the hang
	// and the drip), not one per fault.
	if took > 2*timeout {
		t.Errorf("cycle took %v, want about one timeout (%v)", took, timeout)
	}
	if n := other.Hits("ok"); n != 0 {
		t.Errorf("internal server got %d requests through a redirect", n)
	}
}

// Links in a feed to internal addresses are not followed; the items are
// stored with their teasers.
func TestFaultFeedLinksToInternalAddresses(t *testing.T) {
	srv := newFaultServer(t)
	internal := newFaultServer(t)
	links := []string{
		internal.URL + "/page/secret/1",
		strings.Replace(internal.URL, "127.0.0.1", "localhost", 1) + "/page/secret/2",
		"http://169.254.169.254/latest/meta-data/iam/",
		"http://[::1]:" + internal.URL[strings.LastIndex(internal.URL, ":")+1:] + "/page/secret/3",
		"http://10.0.0.1/admin",
	}
	q := url.Values{"to": links}
	st := newMemStore()
	feed := st.addFeed(briefbot.Feed{Name: "links", URL: srv.URL + "/links?" + q.Encode()})
	p := newTestPoller(st, newFakeClock())
	res := resultFor(t, cycle(t, p), feed.ID)
	if res.Err != nil || res.New != len(links) {
		t.Fatalf("poll = %+v, want %d items stored", res, len(links))
	}
	if n := internal.Hits("page"); n != 0 {
		t.Errorf("internal pages requested %d times", n)
	}
	for _, a := range st.allArticles() {
		if a.Text != "A short teaser…" {
			t.Errorf("%s: text %.40q, want the teaser", a.URL, a.Text)
		}
	}
}

// Eight feeds on one host that accept the connection and never answer
// cost one timeout, use at most PerHost fetch slots, and do not delay a
// healthy feed on another host: its result (which cmd turns into a
// dispatch) comes while they still hang.
func TestFaultHangingHostIsolated(t *testing.T) {
	hanging := newFaultServer(t)
	good := newFaultServer(t)
	const timeout = 3 * time.Second
	st := newMemStore()
	for i := range 8 {
		st.addFeed(briefbot.Feed{Name: fmt.Sprint("hang ", i), URL: fmt.Sprintf("%s/hang/%d", hanging.URL, i)})
	}
	healthy := st.addFeed(briefbot.Feed{Name: "healthy", URL: good.URL + "/ok/g"})
	p := newTestPoller(st, newFakeClock())
	p.Fetcher.Timeout = timeout
	p.Fetcher.PerHost = 4
	p.Concurrency = 5 // the hanging host may hold 4; one is left for the rest
	var mu sync.Mutex
	var order []string
	healthyAt := time.Duration(0)
	start := time.Now()
	p.OnFeed = func(fp FeedProgress) {
		mu.Lock()
		defer mu.Unlock()
		order = append(order, fp.Result.Feed.Name)
		if fp.Result.Feed.ID == healthy.ID {
			healthyAt = time.Since(start)
		}
		if fp.Claimed != 9 || fp.Done < 1 || fp.Done > 9 {
			t.Errorf("progress %d of %d, want n of 9", fp.Done, fp.Claimed)
		}
	}
	rep := cycle(t, p)
	took := time.Since(start)
	if len(order) != 9 || order[0] != "healthy" {
		t.Fatalf("results in order %q: want the healthy feed first, before any hanging one times out", order)
	}
	if healthyAt > timeout/2 {
		t.Errorf("healthy feed done after %v, want well before the hanging ones' timeout (%v)", healthyAt, timeout)
	}
	// Four requests hung; when the first timed out the host was marked
	// down and the four feeds waiting for it failed without a request.
	if n := hanging.Hits("hang"); n != 4 {
		t.Errorf("hanging host got %d requests, want 4 (PerHost)", n)
	}
	failed := 0
	for _, r := range rep.Feeds {
		if r.Feed.ID != healthy.ID {
			if !Classify(r.Err).HostDown() && !errors.Is(r.Err, errHostDown) {
				t.Errorf("%s: err %v, want a timeout or the host marked down", r.Feed.Name, r.Err)
			}
			failed++
		}
	}
	if failed != 8 {
		t.Errorf("%d hanging feeds failed, want 8", failed)
	}
	// Before: (8 ÷ 4) × timeout. Now: one timeout, plus slack for a
	// loaded machine.
	if took >= timeout*3/2 {
		t.Errorf("cycle took %v, want about one timeout (%v), not one per %d hanging feeds", took, timeout, 4)
	}
}

// Big bodies wait for their share of the memory budget: the bytes held at
// once never exceed it, and every feed is still stored in full.
func TestFaultBigFeedsStayWithinMemoryBudget(t *testing.T) {
	srv := newFaultServer(t)
	st := newMemStore()
	const feedsN, size = 6, 2 << 20
	for i := range feedsN {
		st.addFeed(briefbot.Feed{Name: fmt.Sprint("big ", i), URL: fmt.Sprintf("%s/big/b%d?bytes=%d&item=20000", srv.URL, i, size)})
	}
	p := newTestPoller(st, newFakeClock())
	p.Fetcher.MemoryBudget = 4 << 20 // 3 MiB for feeds: one big body at a time
	rep := cycle(t, p)
	stored := 0
	for _, r := range rep.Feeds {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Feed.Name, r.Err)
		}
		stored += r.New
	}
	if per := size / 20000; stored < feedsN*(per-5) {
		t.Errorf("%d articles stored, want about %d", stored, feedsN*per)
	}
	stats := p.Fetcher.BudgetStats()
	if budget := int64(3 << 20); stats.FeedPeak > budget || stats.FeedPeak < size/2 {
		t.Errorf("feed bodies peaked at %d bytes held, want between %d and the budget %d", stats.FeedPeak, size/2, budget)
	}
	if stats.FeedWaits == 0 {
		t.Error("no body waited for the budget: the test does not exercise it")
	}
}

// The timeout does not count time spent waiting for the memory budget: a
// body that waits longer than Timeout for its share is still read.
func TestFaultBudgetWaitIsNotTimeout(t *testing.T) {
	srv := newFaultServer(t)
	f := NewFetcher("test")
	f.MemoryBudget = 2 << 20 // 1.5 MiB for feeds
	f.Timeout = time.Second
	hold, err := f.budget().feeds.reserve(context.Background(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(2 * time.Second) // longer than the timeout
		hold.Release()
	}()
	resp, err := f.FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL + "/big/w?bytes=1000000&item=20000"})
	if err != nil {
		t.Fatalf("fetch after waiting for the budget: %v", err)
	}
	if len(resp.Body) < 900_000 {
		t.Errorf("body of %d bytes, want the whole feed", len(resp.Body))
	}
}

// Feeds that failed last time (hanging on eight different hosts here)
// poll in their own lane: a healthy feed does not wait for them even when
// they outnumber the fetch slots, and they hang together, not in turn.
func TestFaultFailingFeedsHaveTheirOwnLane(t *testing.T) {
	good := newFaultServer(t)
	const timeout = 3 * time.Second
	st := newMemStore()
	var hangs []*faultfeed.Server
	for i := range 8 {
		h := newFaultServer(t)
		hangs = append(hangs, h)
		st.addFeed(briefbot.Feed{Name: fmt.Sprint("hang ", i), URL: h.URL + "/hang/x", ErrorCount: 1})
	}
	healthy := st.addFeed(briefbot.Feed{Name: "healthy", URL: good.URL + "/ok/g"})
	p := newTestPoller(st, newFakeClock())
	p.Fetcher.Timeout = timeout
	p.Concurrency = 4 // fewer slots than hanging hosts
	start := time.Now()
	var healthyAt time.Duration
	p.OnFeed = func(fp FeedProgress) {
		if fp.Result.Feed.ID == healthy.ID {
			healthyAt = time.Since(start)
		}
	}
	rep := cycle(t, p)
	took := time.Since(start)
	if res := resultFor(t, rep, healthy.ID); res.Err != nil || res.New != 3 {
		t.Fatalf("healthy feed: %+v", res)
	}
	if healthyAt == 0 || healthyAt > timeout/2 {
		t.Errorf("healthy feed done after %v, want well before one timeout (%v)", healthyAt, timeout)
	}
	inFlight := 0
	for _, h := range hangs {
		inFlight += h.Hits("hang")
	}
	if inFlight != 8 {
		t.Errorf("%d hanging hosts were tried, want all 8", inFlight)
	}
	if took >= timeout*3/2 {
		t.Errorf("cycle took %v, want about one timeout (%v): failing feeds hang together", took, timeout)
	}
}

// At info a cycle logs one summary line and one line per limit hit, not a
// line per item: here 8 pages refused (internal links) and 4 items left
// for the next poll by max_pages_per_feed.
func TestCycleLogsOneLinePerLimitNotPerItem(t *testing.T) {
	srv := newFaultServer(t)
	internal := newFaultServer(t)
	q := url.Values{}
	for i := range 12 {
		q.Add("to", fmt.Sprintf("%s/page/x/%d", internal.URL, i))
	}
	st := newMemStore()
	feed := st.addFeed(briefbot.Feed{Name: "links", URL: srv.URL + "/links?" + q.Encode()})
	var buf strings.Builder
	var mu sync.Mutex
	p := newTestPoller(st, newFakeClock())
	p.Logger = slog.New(slog.NewTextHandler(&lockedWriter{w: &buf, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelInfo}))
	p.MaxPagesPerFeed = 8
	res := resultFor(t, cycle(t, p), feed.ID)
	if res.New != 8 || res.Deferred != 4 {
		t.Fatalf("poll = %d new, %d deferred; want 8 and 4", res.New, res.Deferred)
	}
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{`msg="poll cycle" feeds=1 new=8`, `msg="page limit reached`, `items=4`, `msg="article pages not fetched; teasers kept" pages=8 blocked=8`}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("log lacks %q:\n%s", w, out)
		}
	}
	if len(lines) != 3 {
		t.Errorf("%d info lines, want 3 (cycle, page limit, pages not fetched):\n%s", len(lines), out)
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
