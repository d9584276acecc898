package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

// oneFeed syncs a single feed and returns its ID (articles reference feeds).
func oneFeed(t *testing.T, s store.Store) int64 {
	t.Helper()
	return syncFeeds(t, s, briefbot.Feed{Name: "Wire", URL: "https://wire.example/rss"})[0].ID
}

func article(feedID int64, n int, fetched time.Time) briefbot.Article {
	return briefbot.Article{
		FeedID:      feedID,
		FeedName:    "Wire",
		Hash:        fmt.Sprintf("hash-%d", n),
		URL:         fmt.Sprintf("https://wire.example/news/%d", n),
		Title:       fmt.Sprintf("Story %d", n),
		Text:        fmt.Sprintf("Body of story %d.", n),
		PublishedAt: fetched.Add(-time.Hour),
		FetchedAt:   fetched,
	}
}

func save(t *testing.T, s store.Store, a *briefbot.Article) bool {
	t.Helper()
	ok, err := s.SaveArticle(ctx(t), a)
	check(t, err)
	return ok
}

func testSaveArticleDedup(t *testing.T, s store.Store) {
	feeds := syncFeeds(t, s,
		briefbot.Feed{Name: "One", URL: "https://one.example/rss"},
		briefbot.Feed{Name: "Two", URL: "https://two.example/rss"},
	)
	first := article(feeds[0].ID, 1, t0)
	if !save(t, s, &first) || first.ID == 0 {
		t.Fatalf("first save: stored=false or no ID (%d)", first.ID)
	}

	sameHash := article(feeds[1].ID, 1, t0)
	sameHash.URL = "https://elsewhere.example/1"
	if save(t, s, &sameHash) || sameHash.ID != 0 {
		t.Errorf("same hash stored again (ID %d)", sameHash.ID)
	}
	sameURL := article(feeds[1].ID, 2, t0)
	sameURL.URL = first.URL
	sameURL.Statements = []briefbot.Statement{{Text: "should not be stored", Speaker: "Nobody Ghost"}}
	if save(t, s, &sameURL) {
		t.Error("same URL from another feed stored again")
	}
	if hits, err := s.StatementsBySpeaker(ctx(t), "ghost", 10); err != nil || len(hits) != 0 {
		t.Errorf("rejected article left statements behind: %v %v", hits, err)
	}

	// An empty URL is not an identity: two such articles with distinct hashes are both kept.
	for n := 3; n <= 4; n++ {
		a := article(feeds[0].ID, n, t0)
		a.URL = ""
		if !save(t, s, &a) {
			t.Errorf("article %d with empty URL not stored", n)
		}
	}
	if known, err := s.KnownArticles(ctx(t), []string{""}); err != nil || len(known) != 0 {
		t.Errorf("KnownArticles(\"\") = %v, %v: an empty URL is no key", known, err)
	}
	// An article without a feed is allowed (e.g. fetched on request).
	loose := article(0, 5, t0)
	if !save(t, s, &loose) {
		t.Error("article without feed not stored")
	}
	n, err := s.CountArticles(ctx(t))
	check(t, err)
	if n != 4 {
		t.Errorf("CountArticles = %d, want 4", n)
	}
}

func richArticle(feedID int64) briefbot.Article {
	a := article(feedID, 7, t0)
	a.GUID = "urn:wire:7"
	a.Author = "Li Wei"
	a.Teaser = "Teaser."
	a.Summary = "Lavrov and Wang met."
	a.Silent = true
	a.Statements = []briefbot.Statement{
		{
			Text: "dialogue is the only way", Start: 40, End: 64, Kind: briefbot.Indirect,
			Cue: briefbot.Span{Text: "said", Start: 35, End: 39}, Speaker: "Sergei Lavrov",
			SpeakerMention: briefbot.Span{Text: "Lavrov", Start: 28, End: 34}, Score: 0.8125,
			SpeakerRole: "Foreign Minister", SpeakerAffiliation: "Russia",
		},
		{
			Text: "“We oppose unilateral sanctions”", Start: 100, End: 132, Kind: briefbot.Direct,
			Cue: briefbot.Span{Text: "told", Start: 140, End: 144}, Speaker: "Wang Yi",
			SpeakerMention: briefbot.Span{Text: "Wang", Start: 134, End: 138}, Score: 0.5,
		},
	}
	a.Actors = []briefbot.Actor{
		{Name: "Sergei Lavrov", Type: briefbot.Person, Role: "Foreign Minister", Affiliation: "Russia",
			Aliases: []string{"Lavrov"}, Mentions: []briefbot.Span{{Text: "Sergei Lavrov", Start: 0, End: 13}, {Text: "Lavrov", Start: 28, End: 34}}},
		{Name: "Russia", Type: briefbot.Country, Mentions: []briefbot.Span{{Text: "Russian", Start: 200, End: 207}}},
		{Name: "United Nations", Type: briefbot.Organization, Aliases: []string{"UN", "U.N."}},
	}
	return a
}

func testArticleRoundTrip(t *testing.T, s store.Store) {
	a := richArticle(oneFeed(t, s))
	want := a
	want.Statements = slices.Clone(a.Statements)
	if !save(t, s, &a) {
		t.Fatal("not stored")
	}
	got, err := s.RecentArticles(ctx(t), time.Time{}, 10)
	check(t, err)
	if len(got) != 1 {
		t.Fatalf("RecentArticles returned %d articles, want 1", len(got))
	}
	want.ID = a.ID
	for i := range want.Statements {
		if got[0].Statements[i].ID == 0 {
			t.Errorf("statement %d has no ID", i)
		}
		want.Statements[i].ID = got[0].Statements[i].ID
		want.Statements[i].ArticleID = a.ID
		// The registry sets the speaker, on the saved article and in the store.
		if id := got[0].Statements[i].SpeakerID; id == 0 || id != a.Statements[i].SpeakerID {
			t.Errorf("statement %d: stored SpeakerID %d, saved article's %d", i, id, a.Statements[i].SpeakerID)
		}
		want.Statements[i].SpeakerID = got[0].Statements[i].SpeakerID
	}
	// Nil and empty alias lists are the same thing.
	for i := range got[0].Actors {
		if len(got[0].Actors[i].Aliases) == 0 {
			got[0].Actors[i].Aliases = want.Actors[i].Aliases
		}
		if len(got[0].Actors[i].Mentions) == 0 {
			got[0].Actors[i].Mentions = want.Actors[i].Mentions
		}
	}
	if !reflect.DeepEqual(got[0], want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got[0], want)
	}
}

func testRecentArticles(t *testing.T, s store.Store) {
	feed := oneFeed(t, s)
	for i, at := range []time.Duration{0, 3 * time.Hour, time.Hour, 2 * time.Hour} {
		a := article(feed, i, t0.Add(at))
		save(t, s, &a)
	}
	titles := func(arts []briefbot.Article) []string {
		var out []string
		for _, a := range arts {
			out = append(out, a.Title)
		}
		return out
	}
	tests := map[string]struct {
		since time.Time
		limit int
		want  []string
	}{
		"all newest first": {since: time.Time{}, limit: 10, want: []string{"Story 1", "Story 3", "Story 2", "Story 0"}},
		"since inclusive":  {since: t0.Add(time.Hour), limit: 10, want: []string{"Story 1", "Story 3", "Story 2"}},
		"limit":            {since: time.Time{}, limit: 2, want: []string{"Story 1", "Story 3"}},
		"nothing after":    {since: t0.Add(4 * time.Hour), limit: 10, want: nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := s.RecentArticles(ctx(t), tc.since, tc.limit)
			check(t, err)
			if !slices.Equal(titles(got), tc.want) {
				t.Errorf("got %q, want %q", titles(got), tc.want)
			}
		})
	}
}

func testKnownArticles(t *testing.T, s store.Store) {
	a := article(oneFeed(t, s), 1, t0)
	save(t, s, &a)
	got, err := s.KnownArticles(ctx(t), []string{a.Hash, a.URL, "hash-2", "https://wire.example/news/2", ""})
	check(t, err)
	want := map[string]bool{a.Hash: true, a.URL: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("KnownArticles = %v, want %v", got, want)
	}
	// Many keys at once (more than one SQL chunk).
	var keys []string
	for i := range 1200 {
		keys = append(keys, fmt.Sprintf("unknown-%d", i))
	}
	keys = append(keys, a.Hash)
	got, err = s.KnownArticles(ctx(t), keys)
	check(t, err)
	if len(got) != 1 || !got[a.Hash] {
		t.Errorf("KnownArticles over 1201 keys = %v", got)
	}
}

func testUndispatchedArticles(t *testing.T, s store.Store) {
	feed := oneFeed(t, s)
	var ids []int64
	for i := range 4 {
		a := article(feed, i, t0.Add(time.Duration(-i)*time.Minute))
		a.Silent = i == 1
		a.Statements = []briefbot.Statement{{Text: "x", Speaker: "Someone"}}
		save(t, s, &a)
		ids = append(ids, a.ID)
	}
	got, err := s.UndispatchedArticles(ctx(t), 10)
	check(t, err)
	var gotIDs []int64
	for _, a := range got {
		gotIDs = append(gotIDs, a.ID)
		if len(a.Statements) != 1 {
			t.Errorf("article %d came without its statements", a.ID)
		}
	}
	if want := []int64{ids[0], ids[2], ids[3]}; !slices.Equal(gotIDs, want) {
		t.Fatalf("undispatched = %v, want %v (silent skipped, stored order)", gotIDs, want)
	}
	check(t, s.MarkDispatched(ctx(t), []int64{ids[0], ids[3]}))
	got, err = s.UndispatchedArticles(ctx(t), 10)
	check(t, err)
	if len(got) != 1 || got[0].ID != ids[2] {
		t.Errorf("after MarkDispatched: %d articles, want only %d", len(got), ids[2])
	}
	check(t, s.MarkDispatched(ctx(t), nil))
}

// BatchSaver is the optional many-articles-per-transaction save both
// stores implement (the poller's feeds.BatchSaver).
type BatchSaver interface {
	SaveArticles(ctx context.Context, arts []*briefbot.Article) ([]bool, error)
}

func testSaveArticles(t *testing.T, s store.Store) {
	bs, ok := s.(BatchSaver)
	if !ok {
		t.Skipf("%T does not implement SaveArticles", s)
	}
	feed := oneFeed(t, s)
	stored := article(feed, 1, t0)
	save(t, s, &stored)

	fresh := article(feed, 2, t0)
	fresh.Statements = []briefbot.Statement{{Text: "batched statement", Speaker: "Batch Speaker"}}
	sameHashInBatch := article(feed, 2, t0)
	sameHashInBatch.URL = "https://wire.example/other"
	sameURLAsStored := article(feed, 3, t0)
	sameURLAsStored.URL = stored.URL
	another := article(feed, 4, t0)
	another.Actors = []briefbot.Actor{{Name: "Batch Actor", Mentions: []briefbot.Span{{Text: "Batch", Start: 1, End: 6}}}}
	batch := []*briefbot.Article{&fresh, &sameHashInBatch, &sameURLAsStored, &another}

	created, err := bs.SaveArticles(ctx(t), batch)
	check(t, err)
	if want := []bool{true, false, false, true}; !slices.Equal(created, want) {
		t.Fatalf("created = %v, want %v", created, want)
	}
	if fresh.ID == 0 || another.ID == 0 || fresh.ID == another.ID || sameHashInBatch.ID != 0 || sameURLAsStored.ID != 0 {
		t.Errorf("IDs: fresh %d, another %d, duplicates %d %d", fresh.ID, another.ID, sameHashInBatch.ID, sameURLAsStored.ID)
	}
	if fresh.Statements[0].ArticleID != fresh.ID {
		t.Errorf("statement ArticleID = %d, want %d", fresh.Statements[0].ArticleID, fresh.ID)
	}
	if n, _ := s.CountArticles(ctx(t)); n != 3 {
		t.Errorf("CountArticles = %d, want 3", n)
	}
	got, err := s.RecentArticles(ctx(t), time.Time{}, 10)
	check(t, err)
	byID := map[int64]briefbot.Article{}
	for _, a := range got {
		byID[a.ID] = a
	}
	if a := byID[fresh.ID]; len(a.Statements) != 1 || a.Statements[0].Speaker != "Batch Speaker" {
		t.Errorf("batched article lost its statements: %+v", a.Statements)
	}
	if a := byID[another.ID]; len(a.Actors) != 1 || len(a.Actors[0].Mentions) != 1 {
		t.Errorf("batched article lost its actors: %+v", a.Actors)
	}

	// A batch of only duplicates stores nothing.
	again := article(feed, 2, t0)
	created, err = bs.SaveArticles(ctx(t), []*briefbot.Article{&again})
	check(t, err)
	if created[0] {
		t.Error("duplicate batch reported created")
	}

	// Same hash twice: the first refused (its URL is stored), the second
	// new; and two new articles with the same URL. Each outcome is the
	// row's own.
	urlTaken := article(feed, 5, t0)
	urlTaken.URL = stored.URL
	sameHashNewURL := article(feed, 5, t0)
	sameHashNewURL.Statements = []briefbot.Statement{{Text: "second of a hash", Speaker: "Batch Speaker"}}
	firstOfURL := article(feed, 6, t0)
	secondOfURL := article(feed, 7, t0)
	secondOfURL.URL = firstOfURL.URL
	created, err = bs.SaveArticles(ctx(t), []*briefbot.Article{&urlTaken, &sameHashNewURL, &firstOfURL, &secondOfURL})
	check(t, err)
	if want := []bool{false, true, true, false}; !slices.Equal(created, want) {
		t.Fatalf("created = %v, want %v", created, want)
	}
	if urlTaken.ID != 0 || sameHashNewURL.ID == 0 || firstOfURL.ID == 0 || secondOfURL.ID != 0 {
		t.Errorf("IDs: %d %d %d %d", urlTaken.ID, sameHashNewURL.ID, firstOfURL.ID, secondOfURL.ID)
	}
	got, err = s.RecentArticles(ctx(t), time.Time{}, 10)
	check(t, err)
	for _, a := range got {
		if a.ID == sameHashNewURL.ID && (a.URL != sameHashNewURL.URL || len(a.Statements) != 1) {
			t.Errorf("article %d: URL %q, %d statements", a.ID, a.URL, len(a.Statements))
		}
	}
}

// Feeds in odd encodings can leave NUL or invalid UTF-8 in extracted text:
// storing it must not fail, and the article stays searchable.
func testDirtyText(t *testing.T, s store.Store) {
	a := article(oneFeed(t, s), 1, t0)
	a.Text = "broken \x00 text \xff\xfe here"
	a.Title = "Title\x00"
	a.Statements = []briefbot.Statement{{Text: "sanctions \xff remain\x00", Speaker: "Dirty\x00 Speaker", Cue: briefbot.Span{Text: "said\xff"}}}
	a.Actors = []briefbot.Actor{{Name: "Bad\xffName", Mentions: []briefbot.Span{{Text: "Bad\x00", Start: 0, End: 4}}}}
	if !save(t, s, &a) {
		t.Fatal("not stored")
	}
	hits, err := s.SearchStatements(ctx(t), "sanctions", 10)
	check(t, err)
	if len(hits) != 1 {
		t.Errorf("dirty statement not found by word: %d hits", len(hits))
	}
	hits, err = s.StatementsBySpeaker(ctx(t), "dirty", 10)
	check(t, err)
	if len(hits) != 1 {
		t.Errorf("dirty speaker not found: %d hits", len(hits))
	}
	if _, err := s.StatementsBySpeaker(ctx(t), "x\x00\xff", 10); err != nil {
		t.Errorf("StatementsBySpeaker with NUL: %v", err)
	}
}
