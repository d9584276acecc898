package storetest

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

// LoadArticle builds article n of a load test: 30 statements, 40 actors
// and 200 actor mentions, with a unique hash and URL.
func LoadArticle(feedID int64, n int) *briefbot.Article {
	a := &briefbot.Article{
		FeedID:      feedID,
		FeedName:    "Load",
		Hash:        fmt.Sprintf("load-%d", n),
		URL:         fmt.Sprintf("https://load.example/%d", n),
		Title:       fmt.Sprintf("Load article %d", n),
		Text:        "Body text of a load-test article about talks, sanctions and a ceasefire.",
		Summary:     "A summary.",
		PublishedAt: t0.Add(time.Duration(n) * time.Second),
		FetchedAt:   t0.Add(time.Duration(n) * time.Second),
	}
	for i := range 30 {
		a.Statements = append(a.Statements, briefbot.Statement{
			Text:  fmt.Sprintf("Statement %d: the sides agreed to continue negotiations on the ceasefire", i),
			Start: i * 100, End: i*100 + 70, Kind: briefbot.Indirect,
			Cue:     briefbot.Span{Text: "said", Start: i*100 + 71, End: i*100 + 75},
			Speaker: fmt.Sprintf("Speaker Number%d", i%12), Score: float64(i) / 30,
			SpeakerMention: briefbot.Span{Text: fmt.Sprintf("Number%d", i%12), Start: i*100 + 76, End: i*100 + 84},
			SpeakerRole:    "Spokesperson", SpeakerAffiliation: "Ministry",
		})
	}
	for i := range 40 {
		ac := briefbot.Actor{Name: fmt.Sprintf("Actor %d", i), Type: briefbot.Person, Role: "Minister",
			Affiliation: "Somewhere", Aliases: []string{fmt.Sprintf("A%d", i)}}
		for j := range 5 {
			ac.Mentions = append(ac.Mentions, briefbot.Span{Text: ac.Name, Start: i*50 + j*10, End: i*50 + j*10 + 7})
		}
		a.Actors = append(a.Actors, ac)
	}
	return a
}

// loadFeed stores the feed benchmark articles belong to.
func loadFeed(b *testing.B, s store.Store) int64 {
	feeds, err := s.SyncFeeds(b.Context(), []briefbot.Feed{{Name: "Load", URL: "https://load.example/rss"}})
	if err != nil {
		b.Fatal(err)
	}
	return feeds[0].ID
}

// loadArticles makes b.N LoadArticles of the load feed, not yet stored.
func loadArticles(b *testing.B, s store.Store) []*briefbot.Article {
	feedID := loadFeed(b, s)
	arts := make([]*briefbot.Article, b.N)
	for i := range arts {
		arts[i] = LoadArticle(feedID, i)
	}
	return arts
}

// BenchSaveArticle measures SaveArticle of LoadArticle-sized articles.
func BenchSaveArticle(b *testing.B, s store.Store) {
	arts := loadArticles(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		ok, err := s.SaveArticle(b.Context(), arts[i])
		if err != nil || !ok {
			b.Fatalf("SaveArticle %d: %v %v", i, ok, err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchClaimDueFeeds measures claiming and releasing 1,000 due feeds.
func BenchClaimDueFeeds(b *testing.B, s store.Store) {
	var feeds []briefbot.Feed
	for i := range 1000 {
		feeds = append(feeds, briefbot.Feed{Name: fmt.Sprint(i), URL: fmt.Sprintf("https://f%d.example/rss", i)})
	}
	if _, err := s.SyncFeeds(b.Context(), feeds); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		// Each round is an hour later: every claim of the previous round has expired.
		got, err := s.ClaimDueFeeds(b.Context(), "bench", t0.Add(time.Duration(i)*time.Hour), time.Minute, 1000)
		if err != nil || len(got) != 1000 {
			b.Fatalf("claimed %d feeds: %v", len(got), err)
		}
	}
}

// BenchSaveArticleParallel measures SaveArticle throughput with concurrent
// callers, as the ingest workers of a cold cycle call it.
func BenchSaveArticleParallel(b *testing.B, s store.Store) {
	feedID := loadFeed(b, s)
	var next atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			a := LoadArticle(feedID, int(next.Add(1)))
			if ok, err := s.SaveArticle(b.Context(), a); err != nil || !ok {
				b.Errorf("SaveArticle: %v %v", ok, err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchSaveArticlesBatch measures SaveArticles with 25 articles per call,
// as the poller saves one feed's new items; one op is one article.
func BenchSaveArticlesBatch(b *testing.B, s store.Store) {
	bs, ok := s.(BatchSaver)
	if !ok {
		b.Skipf("%T does not implement SaveArticles", s)
	}
	arts := loadArticles(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for start := 0; start < b.N; start += 25 {
		batch := arts[start:min(start+25, b.N)]
		created, err := bs.SaveArticles(b.Context(), batch)
		if err != nil || !slices.Equal(created, slices.Repeat([]bool{true}, len(batch))) {
			b.Fatalf("SaveArticles: %v %v", created, err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
