package feeds

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
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
// no feed is fetched twice for one due time, every feed is polled on
// schedule, both replicas take part, and each item is stored exactly once.
//
// Time is a fake clock shared by both replicas, advanced one interval per
// round once both have finished their cycle; the cycles of a round run
// concurrently and contend for the same claims. A wall-clock window (it
// was 4.5 s) failed under load: the schedule is saved before the fetch
// waits for a host slot, so gaps between fetches measured in real time
// shrink with the machine's load. Counting fetches per round is exact.
func testReplicasShareFeeds(t *testing.T, a, b replicaStore) {
	const (
		nFeeds   = 200
		nItems   = 5
		interval = 2 * time.Second
		rounds   = 3
	)
	var mu sync.Mutex
	fetches := map[string]int{} // this round's fetches per feed path
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
		fetches[r.URL.Path]++
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

	clock := newFakeClock()
	pollers := map[string]*Poller{}
	for owner, st := range map[string]replicaStore{"replica-a": a, "replica-b": b} {
		// Small claim batches so the two replicas interleave within a round.
		p := &Poller{Store: st, Fetcher: NewFetcher("test"), Owner: owner, Logger: quietLogger(), Concurrency: 16, Lease: 30 * time.Second, ClaimBatch: 8, Clock: clock.Now}
		p.Fetcher.PerHost = 16
		pollers[owner] = p
	}
	polled := map[string]int{}
	for round := range rounds {
		var wg sync.WaitGroup
		for owner, p := range pollers {
			wg.Go(func() {
				rep, err := p.Cycle(ctx)
				if err != nil {
					t.Errorf("round %d: %s: cycle: %v", round, owner, err)
				}
				for _, r := range rep.Feeds {
					if r.Err != nil {
						t.Errorf("round %d: %s: feed %s: %v", round, owner, r.Feed.URL, r.Err)
					}
				}
				mu.Lock()
				polled[owner] += len(rep.Feeds)
				mu.Unlock()
			})
		}
		wg.Wait()

		mu.Lock()
		var twice, missed []string
		for i := range nFeeds {
			path := fmt.Sprintf("/f/%d", i)
			switch n := fetches[path]; {
			case n > 1:
				twice = append(twice, fmt.Sprintf("%s ×%d", path, n))
			case n == 0:
				missed = append(missed, path)
			}
		}
		clear(fetches)
		mu.Unlock()
		if len(twice) > 0 {
			t.Errorf("round %d: %d feeds fetched more than once for one due time, e.g. %s", round, len(twice), strings.Join(twice[:min(3, len(twice))], ", "))
		}
		if len(missed) > 0 {
			t.Errorf("round %d: %d feeds due but not polled, e.g. %s", round, len(missed), strings.Join(missed[:min(3, len(missed))], ", "))
		}
		clock.Advance(interval)
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
	t.Logf("polls per replica over %d rounds: %v", rounds, polled)
}
