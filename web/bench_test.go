package web

import (
	"context"
	"net/http/httptest"
	"os"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/store"
)

// BenchmarkPages times every page against a filled store, server side
// (handler in process, no network), reporting p50 and p99 per page. Fill
// the store with the lookups benchmark, then point the benchmark at it:
//
//	go run ./cmd/loadfeeds -lookups -statements 1000000 -dsn /tmp/lookups1m.db
//	BRIEFBOT_WEB_BENCH_DSN=/tmp/lookups1m.db go test ./web -run '^$' -bench Pages -benchtime 200x
//
// Without BRIEFBOT_WEB_BENCH_DSN it skips.
func BenchmarkPages(b *testing.B) {
	dsn := os.Getenv("BRIEFBOT_WEB_BENCH_DSN")
	if dsn == "" {
		b.Skip("set BRIEFBOT_WEB_BENCH_DSN to a store filled by `loadfeeds -lookups`")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountArticles(ctx)
	if err != nil || n == 0 {
		b.Fatalf("store %s holds %d articles (%v)", dsn, n, err)
	}
	// The most quoted speaker is the worst case for a speaker page; a
	// middling one is the usual case.
	sps, err := st.Speakers(ctx, "", 200)
	if err != nil || len(sps) < 2 {
		b.Fatalf("speakers: %v %v", sps, err)
	}
	topID, midID := speakerIDOf(b, st, sps[0]), speakerIDOf(b, st, sps[len(sps)/2])
	recent, err := st.RecentArticles(ctx, time.Time{}, 1)
	if err != nil || len(recent) == 0 {
		b.Fatalf("recent article: %v", err)
	}
	w := &Web{Store: st, Cycles: NewCycles(10), Topics: map[string]string{"ukraine": "Ukraine OR Kyiv", "ceasefire": "ceasefire OR truce", "sanctions": "sanction*"}}
	h, err := w.Handler()
	if err != nil {
		b.Fatal(err)
	}
	pages := []struct{ name, path string }{
		{"status", "/"},
		{"search-word", "/search?q=ceasefire"},
		{"search-word-page5", "/search?q=ceasefire&page=5"},
		{"search-two-words", "/search?q=" + urlQuery("foreign minister")},
		{"search-not-phrase", "/search?q=" + urlQuery(`talks NOT "prime minister"`)},
		{"search-speaker", "/search?speaker=" + urlQuery(sps[0])},
		{"search-speaker-word-dates", "/search?q=ceasefire&speaker=" + urlQuery(sps[len(sps)/2]) + "&from=2025-01-01&to=2026-12-31"},
		{"speaker-top", speakerPath(topID)},
		{"speaker-top-page10", speakerPath(topID) + "?page=10"},
		{"speaker-top-page500", speakerPath(topID) + "?page=500"},
		{"speaker-mid", speakerPath(midID)},
		{"article", articlePath(recent[0].ID)},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			times := make([]time.Duration, 0, b.N)
			cpu0 := processCPU()
			for range b.N {
				req := httptest.NewRequest("GET", p.path, nil)
				req.RemoteAddr = "127.0.0.1:1"
				rec := httptest.NewRecorder()
				start := time.Now()
				h.ServeHTTP(rec, req)
				times = append(times, time.Since(start))
				if rec.Code != 200 {
					b.Fatalf("GET %s: %d %s", p.path, rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
				}
			}
			cpu := processCPU() - cpu0
			slices.Sort(times)
			ms := func(q float64) float64 {
				return float64(times[min(len(times)-1, int(q*float64(len(times))))].Microseconds()) / 1000
			}
			b.ReportMetric(ms(0.5), "p50-ms")
			b.ReportMetric(ms(0.99), "p99-ms")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(0, "ns/op")
		})
	}
}

func speakerIDOf(b *testing.B, st store.Store, name string) int64 {
	sps, _, err := st.FindSpeakers(context.Background(), name, 1)
	if err != nil || len(sps) == 0 {
		b.Fatalf("speaker %q: %v", name, err)
	}
	return sps[0].ID
}

// processCPU is the user and system CPU time the process used so far: on
// a loaded machine wall time includes waiting for a core, CPU time does
// not.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
