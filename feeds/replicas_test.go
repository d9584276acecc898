package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/pgtest"
)

// replicaStore is what the replica test needs of a store.
type replicaStore interface {
	PollStore
	SyncFeeds(ctx context.Context, feeds []briefbot.Feed) ([]briefbot.Feed, error)
	CountArticles(ctx context.Context) (int, error)
}

// TestReplicasShareFeedsSQLite runs two pollers, each with its own handle
// on one SQLite file, over 200 feeds of 5 items due every 2 s.
func TestReplicasShareFeedsSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for several seconds of wall time")
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	testReplicasShareFeeds(t, openRealTestStore(t, path), openRealTestStore(t, path))
}

// TestReplicasShareFeedsPostgres is the deployment the scale requirement
// names: two replicas, each with its own connection pool, on one
// PostgreSQL database (a fresh schema).
func TestReplicasShareFeedsPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for several seconds of wall time")
	}
	dsn := pgtest.Schema(t, "briefbot_feeds_test_")
	testReplicasShareFeeds(t, openRealTestStore(t, dsn), openRealTestStore(t, dsn))
}

// testReplicasShareFeeds checks the scale requirement of two replicas:
// no feed is fetched twice within 1 s, every feed is polled on schedule,
// both replicas take part, and each item is stored exactly once.
func testReplicasShareFeeds(t *testing.T, a, b replicaStore) {
	const (
		nFeeds   = 200
		nItems   = 5
		interval = 2 * time.Second
		runFor   = 4500 * time.Millisecond
	)
	var mu sync.Mutex
	fetches := map[string][]time.Time{}
	docs := map[string]string{}
	for i := range nFeeds {
		var items []testItem
		for j := range nItems {
			items = append(items, testItem{
				GUID:    fmt.Sprintf("feed%d-item%d", i, j),
				Title:   fmt.Sprintf("Story %d of feed %d", j, i),
				Link:    fmt.Sprintf("https://news.example.org/%d/%d", i, j),
				Content: longBody(fmt.Sprintf("topic %d", j)),
			})
		}
		docs[fmt.Sprintf("/f/%d", i)] = rssDoc(fmt.Sprintf("Feed %d", i), items...)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetches[r.URL.Path] = append(fetches[r.URL.Path], time.Now())
		mu.Unlock()
		doc, ok := docs[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		etag := `"` + r.URL.Path + `"`
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Write([]byte(doc))
	}))
	defer srv.Close()

	var configured []briefbot.Feed
	for i := range nFeeds {
		configured = append(configured, briefbot.Feed{Name: fmt.Sprintf("Feed %d", i), URL: fmt.Sprintf("%s/f/%d", srv.URL, i), Interval: interval})
	}
	ctx := context.Background()
	if _, err := a.SyncFeeds(ctx, configured); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(ctx, runFor)
	defer cancel()
	polled := map[string]int{}
	var wg sync.WaitGroup
	for owner, st := range map[string]replicaStore{"replica-a": a, "replica-b": b} {
		p := &Poller{Store: st, Fetcher: NewFetcher("test"), Owner: owner, Logger: quietLogger(), Concurrency: 16, Lease: 30 * time.Second}
		p.Fetcher.PerHost = 16
		wg.Go(func() {
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				rep, err := p.Cycle(ctx)
				for _, r := range rep.Feeds {
					if r.Err != nil && ctx.Err() == nil {
						t.Errorf("%s: feed %s: %v", owner, r.Feed.URL, r.Err)
					}
				}
				mu.Lock()
				polled[owner] += len(rep.Feeds)
				mu.Unlock()
				if err != nil && ctx.Err() == nil {
					t.Errorf("%s: cycle: %v", owner, err)
				}
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
			}
		})
	}
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	for path, times := range fetches {
		sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
		for i := 1; i < len(times); i++ {
			if gap := times[i].Sub(times[i-1]); gap < time.Second {
				t.Errorf("%s fetched twice within %v", path, gap)
			}
		}
	}
	if len(fetches) != nFeeds {
		t.Errorf("%d feeds fetched, want %d", len(fetches), nFeeds)
	}
	// Due at 0 s, 2 s and 4 s: every feed is polled at least twice.
	var late []string
	for path, times := range fetches {
		if len(times) < 2 {
			late = append(late, path)
		}
	}
	if len(late) > 0 {
		t.Errorf("%d feeds polled only once in %v with a %v interval, e.g. %s", len(late), runFor, interval, strings.Join(late[:min(3, len(late))], ", "))
	}
	if polled["replica-a"] == 0 || polled["replica-b"] == 0 {
		t.Errorf("work not shared: %v", polled)
	}
	n, err := a.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n != nFeeds*nItems {
		t.Errorf("articles stored = %d, want exactly %d", n, nFeeds*nItems)
	}
	t.Logf("polls per replica: %v", polled)
}
