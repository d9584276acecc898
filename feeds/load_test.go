package feeds

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/fakeclock"
	"github.com/briefbot/briefbot/internal/pgtest"
)

// Load harness: 1,000 feeds × 50 items over loopback, spread over 20
// hosts (ports) as real feeds are. Documents are generated per request so
// the server holds no corpus in memory. Items carry their full content
// (no page fetch), like most news feeds with content:encoded.
//
//	go test ./feeds -run '^$' -bench 'Cycle1000' -benchtime 1x
const (
	loadFeeds = 1000
	loadItems = 50
	loadHosts = 20
)

type loadSite struct {
	servers []*httptest.Server
}

func newLoadSite(tb testing.TB) *loadSite {
	s := &loadSite{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"feed-%d-v1"`, id)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write(loadFeedDoc(id))
	})
	for range loadHosts {
		srv := httptest.NewServer(h)
		tb.Cleanup(srv.Close)
		s.servers = append(s.servers, srv)
	}
	return s
}

func (s *loadSite) feeds() []briefbot.Feed {
	out := make([]briefbot.Feed, loadFeeds)
	for i := range out {
		srv := s.servers[i%len(s.servers)]
		out[i] = briefbot.Feed{Name: fmt.Sprintf("Load feed %d", i), URL: fmt.Sprintf("%s/feed/%d", srv.URL, i), Interval: time.Minute}
	}
	return out
}

// loadFeedDoc renders feed id: 50 items of about 180 words in three
// paragraphs, with HTML markup and entities as real feeds have.
func loadFeedDoc(id int) []byte {
	var b bytes.Buffer
	b.Grow(64 << 10)
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Load feed %d</title><link>https://load%d.example.org/</link>`, id, id%loadHosts)
	published := time.Date(2024, 4, 9, 12, 0, 0, 0, time.UTC)
	for j := range loadItems {
		fmt.Fprintf(&b, `<item><title>Minister %d of feed %d speaks on trade &amp; security</title><link>https://load%d.example.org/%d/story-%d?utm_source=rss</link><guid isPermaLink="false">load-%d-%d</guid><pubDate>%s</pubDate><dc:creator>Desk %d</dc:creator><description>The minister said talks would continue&#8230;</description><content:encoded><![CDATA[`,
			j, id, id%loadHosts, id, j, id, j, published.Add(-time.Duration(j)*time.Hour).Format(time.RFC1123Z), id)
		for p := range 3 {
			fmt.Fprintf(&b, `<p>"We will keep working with our partners on trade and security," the minister said on day %d, adding that <a href="https://example.org/x">the talks</a> in round %d had covered grain exports, energy prices, shipping lanes and the release of detained sailors. Officials from both delegations told reporters that a joint statement was being drafted and could be published later in the week if the remaining differences were settled.</p>`, j, p)
		}
		b.WriteString(`]]></content:encoded></item>`)
	}
	b.WriteString(`</channel></rss>`)
	return b.Bytes()
}

func newLoadPoller(st PollStore, clock *fakeclock.Clock) *Poller {
	p := &Poller{Store: st, Fetcher: NewFetcher("bench"), Clock: clock.Now, Owner: "bench", Logger: quietLogger()}
	return p
}

func checkLoadCycle(b *testing.B, rep CycleReport, wantNew int, wantNotModified bool) {
	b.Helper()
	if len(rep.Feeds) != loadFeeds {
		b.Fatalf("polled %d feeds, want %d", len(rep.Feeds), loadFeeds)
	}
	for _, r := range rep.Feeds {
		if r.Err != nil || r.New != wantNew || r.NotModified != wantNotModified {
			b.Fatalf("feed %s: %+v", r.Feed.URL, r)
		}
	}
}

// loadStores are the stores the load benchmarks run against: the real
// SQLite store (the deployment default), PostgreSQL when
// BRIEFBOT_TEST_POSTGRES_DSN is set, and the in-memory one, which isolates
// the poller's own cost.
var loadStores = map[string]func(b *testing.B) testStore{
	"sqlite": func(b *testing.B) testStore { return openSQLiteTestStore(b) },
	"memory": func(b *testing.B) testStore { return newMemStore() },
	"postgres": func(b *testing.B) testStore {
		return openRealTestStore(b, pgtest.Schema(b, "briefbot_feeds_test_"))
	},
}

func BenchmarkCycle1000x50Cold(b *testing.B) {
	site := newLoadSite(b)
	ctx := context.Background()
	for name, open := range loadStores {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				st := open(b)
				st.addFeeds(site.feeds())
				p := newLoadPoller(st, newFakeClock())
				b.StartTimer()
				rep, err := p.Cycle(ctx)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				checkLoadCycle(b, rep, loadItems, false)
				if n := st.count(); n != loadFeeds*loadItems {
					b.Fatalf("stored %d articles, want %d", n, loadFeeds*loadItems)
				}
				b.StartTimer()
			}
			reportRSS(b)
		})
	}
}

func BenchmarkCycle1000x50NotModified(b *testing.B) {
	site := newLoadSite(b)
	ctx := context.Background()
	for name, open := range loadStores {
		b.Run(name, func(b *testing.B) {
			st := open(b)
			st.addFeeds(site.feeds())
			clock := newFakeClock()
			p := newLoadPoller(st, clock)
			if _, err := p.Cycle(ctx); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				b.StopTimer()
				clock.Advance(time.Minute)
				b.StartTimer()
				rep, err := p.Cycle(ctx)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				checkLoadCycle(b, rep, 0, true)
				b.StartTimer()
			}
			reportRSS(b)
		})
	}
}

// reportRSS reports the process's peak resident set (server included).
func reportRSS(b *testing.B) {
	status, err := os.ReadFile(filepath.Join("/proc", "self", "status"))
	if err != nil {
		return
	}
	for line := range strings.SplitSeq(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
		}
	}
}
