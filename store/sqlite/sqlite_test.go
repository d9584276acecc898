package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"

	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlite"
	"github.com/briefbot/briefbot/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "briefbot.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// An in-memory database (one connection serves reads and writes) passes too.
func TestStoreInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return openAt(t, ":memory:")
	})
}

func openAt(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Reopening applies nothing twice, and Ping notices a schema behind the code.
func TestMigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db", "briefbot.db")
	first := openAt(t, path)
	first.Close()
	second := openAt(t, path)
	if err := second.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}

	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var rows, max int
	if err := raw.QueryRow(`SELECT count(*), max(version) FROM schema_migrations`).Scan(&rows, &max); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || rows != max {
		t.Fatalf("schema_migrations: %d rows up to version %d", rows, max)
	}
	var journal string
	if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&journal); err != nil || journal != "wal" {
		t.Errorf("journal_mode = %q (%v), want wal", journal, err)
	}
	if _, err := raw.Exec(`DELETE FROM schema_migrations WHERE version = ?`, max); err != nil {
		t.Fatal(err)
	}
	if err := second.Ping(t.Context()); err == nil || !strings.Contains(err.Error(), "schema version") {
		t.Errorf("Ping with a missing migration = %v, want a schema version error", err)
	}
}

// Two stores on one file behave like two processes: their claims never
// overlap and neither sees SQLITE_BUSY.
func TestTwoHandlesShareClaims(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	a, b := openAt(t, path), openAt(t, path)
	var feeds []briefbot.Feed
	for i := range 100 {
		feeds = append(feeds, briefbot.Feed{Name: fmt.Sprint(i), URL: fmt.Sprintf("https://%d.example/rss", i)})
	}
	if _, err := a.SyncFeeds(t.Context(), feeds); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var (
		mu   sync.Mutex
		seen = map[int64]int{}
		wg   sync.WaitGroup
	)
	for i, s := range []*sqlite.Store{a, b, a, b} {
		wg.Go(func() {
			for {
				got, err := s.ClaimDueFeeds(t.Context(), fmt.Sprint("w", i), now, time.Minute, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				// Interleave writes from the same handle.
				art := briefbot.Article{Hash: fmt.Sprint("h", got[0].ID), FeedID: got[0].ID, Statements: []briefbot.Statement{{Text: "x", Speaker: "y"}}}
				if _, err := s.SaveArticle(t.Context(), &art); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, f := range got {
					seen[f.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != 100 {
		t.Errorf("claimed %d feeds, want 100", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("feed %d claimed %d times", id, n)
		}
	}
}

// The poller saves a feed's items in one transaction when the store can.
var _ storetest.BatchSaver = (*sqlite.Store)(nil)
