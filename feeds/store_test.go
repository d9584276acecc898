package feeds

import (
	"context"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
)

// testStore is a PollStore the poller tests can also set up and inspect.
type testStore interface {
	PollStore
	addFeed(f briefbot.Feed) briefbot.Feed
	addFeeds(fs []briefbot.Feed) []briefbot.Feed
	feed(id int64) briefbot.Feed
	allArticles() []briefbot.Article // in storage order
	count() int
}

// forEachStore runs a poller test against the in-memory store (with and
// without the optional BatchSaver), the real
// SQLite store (a file in t.TempDir()) and, when BRIEFBOT_TEST_POSTGRES_DSN
// is set, the real PostgreSQL store (a fresh schema).
func forEachStore(t *testing.T, test func(t *testing.T, st testStore)) {
	t.Run("memory", func(t *testing.T) { test(t, newMemStore()) })
	t.Run("memory-batch", func(t *testing.T) { test(t, &batchMemStore{memStore: newMemStore()}) })
	t.Run("sqlite", func(t *testing.T) { test(t, openSQLiteTestStore(t)) })
	t.Run("postgres", func(t *testing.T) { test(t, openRealTestStore(t, pgtest.Schema(t, "briefbot_feeds_test_"))) })
}

// realTestStore adds the test helpers to a real store.
type realTestStore struct {
	store.Store
	t          testing.TB
	mu         sync.Mutex
	configured []briefbot.Feed
}

func openSQLiteTestStore(t testing.TB) *realTestStore {
	t.Helper()
	return openRealTestStore(t, filepath.Join(t.TempDir(), "briefbot.db"))
}

func openRealTestStore(t testing.TB, dataSource string) *realTestStore {
	t.Helper()
	st, err := store.Open(context.Background(), dataSource)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return &realTestStore{Store: st, t: t}
}

// addFeeds configures more feeds; SyncFeeds takes the whole list.
func (s *realTestStore) addFeeds(fs []briefbot.Feed) []briefbot.Feed {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.configured = append(s.configured, fs...)
	synced, err := s.SyncFeeds(context.Background(), s.configured)
	if err != nil {
		s.t.Fatalf("sync feeds: %v", err)
	}
	return synced[len(synced)-len(fs):]
}

func (s *realTestStore) addFeed(f briefbot.Feed) briefbot.Feed {
	return s.addFeeds([]briefbot.Feed{f})[0]
}

func (s *realTestStore) feed(id int64) briefbot.Feed {
	feeds, err := s.ListFeeds(context.Background())
	if err != nil {
		s.t.Fatalf("list feeds: %v", err)
	}
	for _, f := range feeds {
		if f.ID == id {
			return f
		}
	}
	s.t.Fatalf("feed %d not found", id)
	return briefbot.Feed{}
}

func (s *realTestStore) allArticles() []briefbot.Article {
	arts, err := s.RecentArticles(context.Background(), time.Time{}, 1_000_000)
	if err != nil {
		s.t.Fatalf("recent articles: %v", err)
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].ID < arts[j].ID })
	return arts
}

func (s *realTestStore) count() int {
	n, err := s.CountArticles(context.Background())
	if err != nil {
		s.t.Fatalf("count articles: %v", err)
	}
	return n
}

// SaveArticles forwards to the store's BatchSaver when it has one, so the
// poller sees the real store's capabilities through this wrapper.
func (s *realTestStore) SaveArticles(ctx context.Context, arts []*briefbot.Article) ([]bool, error) {
	if bs, ok := s.Store.(BatchSaver); ok {
		return bs.SaveArticles(ctx, arts)
	}
	created := make([]bool, len(arts))
	for i, a := range arts {
		c, err := s.SaveArticle(ctx, a)
		if err != nil {
			return created, err
		}
		created[i] = c
	}
	return created, nil
}
