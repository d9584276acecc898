// Command loadfeeds is briefbot's load harness: it serves N synthetic feeds
// of M items on loopback, runs the real poller (fetcher, parser, extraction,
// store) over them for one cold cycle and one all-304 cycle, and reports
// cycle time, peak memory and fetches per feed.
//
//	go run ./cmd/loadfeeds -feeds 1000 -items 50
//	go run ./cmd/loadfeeds -feeds 1000 -items 50 -dsn 'postgres://postgres@127.0.0.1:5432/loadtest?sslmode=disable'
//
// With -lookups it fills a store with statements extracted from the shared
// corpus and times the chat lookups (who, autocomplete, said):
//
//	go run ./cmd/loadfeeds -lookups -statements 1000000 -dsn /work/tmp/lookups.db
//	go run ./cmd/loadfeeds -lookups -statements 1000000 -dsn 'postgres://postgres@127.0.0.1:5432/lookups?sslmode=disable'
//
// With -serve it only serves the feeds, for `briefbot run` replicas to poll,
// writes a matching config, and reports how often each feed was fetched:
//
//	go run ./cmd/loadfeeds -serve 127.0.0.1:9100 -feeds 200 -items 5 -for 60s -config replicas.toml
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/internal/gcpolicy"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/summarize"
)

func main() {
	nFeeds := flag.Int("feeds", 1000, "number of synthetic feeds")
	nItems := flag.Int("items", 50, "items per feed")
	dsn := flag.String("dsn", "", "store DSN (default: a fresh SQLite file in a temp dir)")
	concurrency := flag.Int("concurrency", 32, "feeds fetched at once (briefbot's default [poll] concurrency)")
	extract := flag.Bool("extract", true, "run statement/actor extraction on each new article")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of both cycles to this file")
	serveAddr := flag.String("serve", "", "only serve the feeds on this address (for briefbot run replicas)")
	serveFor := flag.Duration("for", time.Minute, "with -serve: how long to serve before reporting")
	configOut := flag.String("config", "", "with -serve: write a briefbot config for the served feeds to this file")
	lookups := flag.Bool("lookups", false, "fill a store to -statements statements and time the chat lookups instead")
	nStatements := flag.Int("statements", 1_000_000, "with -lookups: statements the store must hold")
	perArticle := flag.Int("per-article", 30, "with -lookups: statements per article")
	corpus := flag.String("corpus", "../shared", "with -lookups: the shared corpus the statements are extracted from")
	queries := flag.Int("queries", 300, "with -lookups: timed calls per lookup")
	keep := flag.Bool("keep", false, "with -lookups and no -dsn: keep the temporary SQLite file")
	slowest := flag.Int("slowest", 0, "with -lookups: print the inputs of the n slowest calls per lookup (to EXPLAIN them)")
	flag.Parse()
	if *lookups {
		if err := runLookups(lookupsConfig{dsn: *dsn, statements: *nStatements, perArticle: *perArticle,
			corpus: *corpus, queries: *queries, keep: *keep, slowest: *slowest}); err != nil {
			fmt.Fprintln(os.Stderr, "loadfeeds:", err)
			os.Exit(1)
		}
		return
	}
	if *serveAddr != "" {
		if err := serve(*serveAddr, *nFeeds, *nItems, *serveFor, *configOut, *dsn); err != nil {
			fmt.Fprintln(os.Stderr, "loadfeeds:", err)
			os.Exit(1)
		}
		return
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadfeeds:", err)
			os.Exit(1)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "loadfeeds:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	// The same collector settings as briefbot run and poll (internal/gcpolicy).
	gcpolicy.Apply()
	if err := run(*nFeeds, *nItems, *dsn, *concurrency, *extract); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "loadfeeds:", err)
		os.Exit(1)
	}
}

func run(nFeeds, nItems int, dsn string, concurrency int, extract bool) error {
	ctx := context.Background()
	if dsn == "" {
		dir, err := os.MkdirTemp("", "loadfeeds")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "load.db")
	}
	site := newSite(nItems)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: site}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	st, err := store.Open(ctx, dsn)
	if err != nil {
		return fmt.Errorf("store %s: %w", dsn, err)
	}
	defer st.Close()
	list := make([]briefbot.Feed, nFeeds)
	for i := range list {
		list[i] = briefbot.Feed{Name: fmt.Sprintf("f%d", i), URL: fmt.Sprintf("%s/f%d.xml", base, i), Interval: time.Second}
	}
	if _, err := st.SyncFeeds(ctx, list); err != nil {
		return err
	}
	fetcher := feeds.NewFetcher("loadfeeds")
	fetcher.PerHost = concurrency // every synthetic feed lives on one host
	now := time.Now()
	clock := func() time.Time { return now }
	p := &feeds.Poller{
		Store: st, Fetcher: fetcher, Clock: clock, Owner: "loadfeeds",
		Concurrency: concurrency, NoFullText: true,
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	if extract {
		p.Enrich = func(_ context.Context, a *briefbot.Article) {
			ex := summarize.ExtractTitled(a.Title, a.Text)
			a.Statements, a.Actors, a.Summary = ex.Statements, ex.Actors, ex.Summary
		}
	}
	fmt.Printf("loadfeeds: %d feeds × %d items on %s, store %s, %d cores, concurrency %d, extraction %v\n",
		nFeeds, nItems, base, redact(dsn), runtime.NumCPU(), concurrency, extract)

	for i, name := range []string{"cold", "all-304"} {
		site.reset()
		if i > 0 {
			now = now.Add(2 * time.Second) // every feed due again
		}
		start := time.Now()
		rep, err := p.Cycle(ctx)
		if err != nil {
			return err
		}
		took := time.Since(start)
		var fresh, notMod, failed int
		for _, r := range rep.Feeds {
			fresh += r.New
			if r.NotModified {
				notMod++
			}
			if r.Err != nil {
				failed++
			}
		}
		minF, maxF := site.fetchSpread(nFeeds)
		fmt.Printf("%-8s %8.2fs  feeds %d  new articles %d  not modified %d  failed %d  fetches/feed min %d max %d  peak RSS %d MB\n",
			name, took.Seconds(), len(rep.Feeds), fresh, notMod, failed, minF, maxF, peakRSSMB())
	}
	n, err := st.CountArticles(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("articles stored: %d (want %d)\n", n, nFeeds*nItems)
	return nil
}

// site serves /f<N>.xml feeds with stable ETags, answering 304 to a
// matching If-None-Match, and counts fetches per feed.
type site struct {
	items   int
	mu      sync.Mutex
	fetches map[int]int
	times   map[int][]time.Time // with -serve: when each feed was fetched
	total   atomic.Int64
}

func newSite(items int) *site { return &site{items: items, fetches: map[int]int{}} }

func (s *site) reset() {
	s.mu.Lock()
	s.fetches = map[int]int{}
	s.mu.Unlock()
}

func (s *site) fetchSpread(n int) (lo, hi int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	lo = 1 << 30
	for i := 0; i < n; i++ {
		c := s.fetches[i]
		lo, hi = min(lo, c), max(hi, c)
	}
	return lo, hi
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/f"), ".xml")
	n, err := strconv.Atoi(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	s.fetches[n]++
	if s.times != nil {
		s.times[n] = append(s.times[n], time.Now())
	}
	s.mu.Unlock()
	s.total.Add(1)
	etag := fmt.Sprintf(`"feed-%d-v1"`, n)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	// Rendered per request rather than cached, so the harness's own server
	// does not inflate the poller's peak memory.
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	_, _ = w.Write(s.render(n, r.Host))
}

var speakers = []struct{ name, role, country string }{
	{"Anna Lindqvist", "Foreign Minister", "Swedish"},
	{"Kenji Sato", "Prime Minister", "Japanese"},
	{"Amara Okafor", "Ambassador", "Nigerian"},
	{"Luis Herrera", "President", "Chilean"},
}

// render writes a feed whose items carry full article text with quotes,
// so extraction has realistic work and no page fetch is needed.
func (s *site) render(n int, host string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed %d</title><link>http://%s/</link><description>synthetic</description>`, n, host)
	for i := 0; i < s.items; i++ {
		sp := speakers[(n+i)%len(speakers)]
		surname := sp.name[strings.LastIndex(sp.name, " ")+1:]
		fmt.Fprintf(&b, `<item><title>Talks %d-%d</title><link>http://%s/a/%d/%d</link><guid>f%d-i%d</guid><pubDate>Mon, 02 Jan 2006 15:04:05 GMT</pubDate><description>Talks continued.</description><content:encoded><![CDATA[`, n, i, host, n, i, n, i)
		fmt.Fprintf(&b, "<p>%s %s %s met counterparts in Geneva on Monday to discuss trade, security and a ceasefire, officials said.</p>", sp.country, sp.role, sp.name)
		fmt.Fprintf(&b, "<p>“We will not accept a deal that leaves our farmers behind,” %s told reporters after the meeting. %s said the talks would resume next week in Brussels.</p>", surname, surname)
		fmt.Fprintf(&b, "<p>According to analysts at the Institute for Strategic Studies, the negotiations are the most serious in a decade. “There is momentum,” one diplomat said.</p>")
		b.WriteString("]]></content:encoded></item>")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

// peakRSSMB reads the process's peak resident set size (Linux).
func peakRSSMB() int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb / 1024
		}
	}
	return -1
}

func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}

// serve runs the site alone for d, then reports per-feed fetch statistics:
// how many feeds were fetched, the shortest gap between two fetches of one
// feed (replicas must not fetch a feed twice within an interval), and the
// longest time any feed went unfetched.
func serve(addr string, nFeeds, nItems int, d time.Duration, configOut, dsn string) error {
	site := newSite(nItems)
	site.times = map[int][]time.Time{}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: site}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	if configOut != "" {
		if dsn == "" {
			dsn = "postgres://postgres@127.0.0.1:5432/briefbot?sslmode=disable"
		}
		var b strings.Builder
		fmt.Fprintf(&b, "[store]\ndsn = %q\n[poll]\nschedule = \"@every 2s\"\n[log]\nlevel = \"warn\"\n", dsn)
		for i := 0; i < nFeeds; i++ {
			fmt.Fprintf(&b, "[[feeds]]\nname = \"f%d\"\nurl = \"%s/f%d.xml\"\ninterval = \"2s\"\n", i, base, i)
		}
		if err := os.WriteFile(configOut, []byte(b.String()), 0o644); err != nil {
			return err
		}
		fmt.Printf("wrote %s: %d feeds at %s, store %s\n", configOut, nFeeds, base, redact(dsn))
	}
	start := time.Now()
	fmt.Printf("serving %d feeds × %d items on %s for %s\n", nFeeds, nItems, base, d)
	time.Sleep(d)
	site.mu.Lock()
	defer site.mu.Unlock()
	fetched, minGap, minFeed := 0, time.Duration(1<<62), -1
	var maxSilence time.Duration
	end := time.Now()
	for i := 0; i < nFeeds; i++ {
		ts := site.times[i]
		if len(ts) > 0 {
			fetched++
		}
		prev := start
		for j, t := range ts {
			if j > 0 && t.Sub(ts[j-1]) < minGap {
				minGap, minFeed = t.Sub(ts[j-1]), i
			}
			maxSilence = max(maxSilence, t.Sub(prev))
			prev = t
		}
		maxSilence = max(maxSilence, end.Sub(prev))
	}
	fmt.Printf("feeds fetched: %d of %d; fetches: %d; shortest gap between two fetches of one feed: %s (f%d); longest a feed went unfetched: %s\n",
		fetched, nFeeds, site.total.Load(), minGap.Round(time.Millisecond), minFeed, maxSilence.Round(time.Millisecond))
	return nil
}
