package feeds

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/briefbot/briefbot"
)

// memStore is an in-memory PollStore with the claim and dedup semantics
// store.Store documents. Tests that exercise real storage use SQLite (see
// openTestStore); this one keeps the unit tests independent of it.
type memStore struct {
	mu       sync.Mutex
	feeds    map[int64]*memFeed
	articles []briefbot.Article
	keys     map[string]bool // hashes and non-empty URLs of articles
	nextID   int64
}

type memFeed struct {
	feed         briefbot.Feed
	claimOwner   string
	claimExpires time.Time
}

func newMemStore() *memStore {
	return &memStore{feeds: map[int64]*memFeed{}, keys: map[string]bool{}}
}

// addFeeds adds feeds due now and not primed, like SyncFeeds.
func (s *memStore) addFeeds(fs []briefbot.Feed) []briefbot.Feed {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]briefbot.Feed, len(fs))
	for i, f := range fs {
		s.nextID++
		f.ID = s.nextID
		s.feeds[f.ID] = &memFeed{feed: f}
		out[i] = f
	}
	return out
}

func (s *memStore) addFeed(f briefbot.Feed) briefbot.Feed { return s.addFeeds([]briefbot.Feed{f})[0] }

func (s *memStore) feed(id int64) briefbot.Feed {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.feeds[id].feed
}

func (s *memStore) allArticles() []briefbot.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]briefbot.Article(nil), s.articles...)
}

func (s *memStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.articles)
}

func (s *memStore) ClaimDueFeeds(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Feed, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var due []*memFeed
	for _, m := range s.feeds {
		if m.feed.Disabled || m.feed.NextCheckAt.After(now) || m.claimOwner != "" && m.claimExpires.After(now) {
			continue
		}
		due = append(due, m)
	}
	sort.Slice(due, func(i, j int) bool { return due[i].feed.ID < due[j].feed.ID })
	if limit > 0 && len(due) > limit {
		due = due[:limit]
	}
	out := make([]briefbot.Feed, 0, len(due))
	for _, m := range due {
		m.claimOwner, m.claimExpires = owner, now.Add(lease)
		out = append(out, m.feed)
	}
	return out, nil
}

func (s *memStore) SaveFeedState(ctx context.Context, f briefbot.Feed) error {
	s.mu.Lock()
	m := s.feeds[f.ID]
	m.feed = f
	m.claimOwner, m.claimExpires = "", time.Time{}
	s.mu.Unlock()
	return nil
}

func (s *memStore) KnownArticles(ctx context.Context, keys []string) (map[string]bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	known := map[string]bool{}
	for _, k := range keys {
		if s.keys[k] {
			known[k] = true
		}
	}
	return known, nil
}

func (s *memStore) SaveArticle(ctx context.Context, a *briefbot.Article) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys[a.Hash] || a.URL != "" && s.keys[a.URL] {
		return false, nil
	}
	a.ID = int64(len(s.articles) + 1)
	s.articles = append(s.articles, *a)
	s.keys[a.Hash] = true
	if a.URL != "" {
		s.keys[a.URL] = true
	}
	return true, nil
}

// batchMemStore is memStore with SaveArticles, the optional BatchSaver.
type batchMemStore struct {
	*memStore
	batches int
}

func (s *batchMemStore) SaveArticles(ctx context.Context, arts []*briefbot.Article) ([]bool, error) {
	s.mu.Lock()
	s.batches++
	s.mu.Unlock()
	created := make([]bool, len(arts))
	for i, a := range arts {
		created[i], _ = s.memStore.SaveArticle(ctx, a)
	}
	return created, nil
}
