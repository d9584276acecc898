package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

func syncFeeds(t *testing.T, s store.Store, feeds ...briefbot.Feed) []briefbot.Feed {
	t.Helper()
	got, err := s.SyncFeeds(ctx(t), feeds)
	check(t, err)
	if len(got) != len(feeds) {
		t.Fatalf("SyncFeeds returned %d feeds, want %d", len(got), len(feeds))
	}
	return got
}

func claimFeeds(t *testing.T, s store.Store, owner string, now time.Time, limit int) []briefbot.Feed {
	t.Helper()
	got, err := s.ClaimDueFeeds(ctx(t), owner, now, time.Minute, limit)
	check(t, err)
	return got
}

func feedURLs(feeds []briefbot.Feed) []string {
	var urls []string
	for _, f := range feeds {
		urls = append(urls, f.URL)
	}
	slices.Sort(urls)
	return urls
}

func testSyncFeeds(t *testing.T, s store.Store) {
	first := syncFeeds(t, s,
		briefbot.Feed{Name: "Alpha", URL: "https://a.example/rss", Tags: []string{"asia"}, Interval: 10 * time.Minute},
		briefbot.Feed{Name: "Beta", URL: "https://b.example/rss"},
	)
	a := first[0]
	if a.ID == 0 || a.Name != "Alpha" || !slices.Equal(a.Tags, []string{"asia"}) || a.Interval != 10*time.Minute {
		t.Fatalf("new feed stored as %+v", a)
	}
	if a.Primed || !a.NextCheckAt.IsZero() {
		t.Fatalf("new feed should be due now and not primed: %+v", a)
	}

	// The poller fetches Alpha once.
	a.ETag, a.LastStatus, a.Primed = `"v1"`, "ok: 3 new", true
	a.LastFetchedAt, a.NextCheckAt = t0, t0.Add(10*time.Minute)
	check(t, s.SaveFeedState(ctx(t), a))

	// New config: Alpha renamed and retagged, Beta gone, Gamma added.
	second := syncFeeds(t, s,
		briefbot.Feed{Name: "Alpha Wire", URL: "https://a.example/rss", Tags: []string{"asia", "china"}, Interval: 5 * time.Minute},
		briefbot.Feed{Name: "Gamma", URL: "https://c.example/atom"},
	)
	got := second[0]
	if got.ID != a.ID {
		t.Errorf("feed ID changed on resync: %d → %d", a.ID, got.ID)
	}
	if got.Name != "Alpha Wire" || !slices.Equal(got.Tags, []string{"asia", "china"}) || got.Interval != 5*time.Minute {
		t.Errorf("config fields not updated: %+v", got)
	}
	if got.ETag != `"v1"` || !got.Primed || !got.LastFetchedAt.Equal(t0) || !got.NextCheckAt.Equal(t0.Add(10*time.Minute)) || got.LastStatus != "ok: 3 new" {
		t.Errorf("fetch state lost on resync: %+v", got)
	}

	listed, err := s.ListFeeds(ctx(t))
	check(t, err)
	if names := []string{listed[0].Name, listed[1].Name}; len(listed) != 2 || !slices.Equal(names, []string{"Alpha Wire", "Gamma"}) {
		t.Errorf("ListFeeds = %v, want Alpha Wire and Gamma by name", listed)
	}

	// Beta is no longer configured: never claimed. Gamma is due now.
	claimed := claimFeeds(t, s, "w1", t0.Add(time.Hour), 0)
	if urls := feedURLs(claimed); !slices.Equal(urls, []string{"https://a.example/rss", "https://c.example/atom"}) {
		t.Errorf("claimed %v, want Alpha and Gamma only", urls)
	}
}

func testClaimDueFeeds(t *testing.T, s store.Store) {
	feeds := syncFeeds(t, s,
		briefbot.Feed{Name: "due", URL: "https://due.example/rss"},
		briefbot.Feed{Name: "later", URL: "https://later.example/rss"},
		briefbot.Feed{Name: "disabled", URL: "https://disabled.example/rss"},
		briefbot.Feed{Name: "due2", URL: "https://due2.example/rss"},
	)
	later, disabled := feeds[1], feeds[2]
	later.NextCheckAt = t0.Add(time.Hour)
	check(t, s.SaveFeedState(ctx(t), later))
	disabled.Disabled, disabled.LastError = true, "410 Gone"
	check(t, s.SaveFeedState(ctx(t), disabled))

	// The limit is honoured, and the second caller gets what is left.
	one := claimFeeds(t, s, "w1", t0, 1)
	if len(one) != 1 {
		t.Fatalf("limit 1 claimed %d feeds", len(one))
	}
	rest := claimFeeds(t, s, "w2", t0, 10)
	all := append(one, rest...)
	if urls := feedURLs(all); !slices.Equal(urls, []string{"https://due.example/rss", "https://due2.example/rss"}) {
		t.Fatalf("claimed %v, want the two due feeds (not later, not disabled)", urls)
	}
	if again := claimFeeds(t, s, "w3", t0.Add(30*time.Second), 10); len(again) != 0 {
		t.Fatalf("claimed feeds returned again within lease: %v", feedURLs(again))
	}

	// Releasing one (due again now) makes it claimable; the other's claim
	// expires after the lease.
	released := one[0]
	released.LastFetchedAt, released.NextCheckAt = t0, t0
	check(t, s.SaveFeedState(ctx(t), released))
	if got := claimFeeds(t, s, "w3", t0.Add(30*time.Second), 10); len(got) != 1 || got[0].ID != released.ID {
		t.Fatalf("after SaveFeedState claimed %v, want only %s", feedURLs(got), released.URL)
	}
	if got := claimFeeds(t, s, "w4", t0.Add(61*time.Second), 10); len(got) != 1 || got[0].ID != rest[0].ID {
		t.Fatalf("after lease expiry claimed %v, want %s", feedURLs(got), rest[0].URL)
	}
	// The later feed becomes due in an hour (and both other claims have expired by then).
	if got := claimFeeds(t, s, "w5", t0.Add(time.Hour), 10); !slices.Contains(feedURLs(got), "https://later.example/rss") || slices.Contains(feedURLs(got), "https://disabled.example/rss") {
		t.Fatalf("at t0+1h claimed %v: want later, never disabled", feedURLs(got))
	}
}

func testClaimDueFeedsConcurrent(t *testing.T, s store.Store) {
	const n = 120
	var feeds []briefbot.Feed
	for i := range n {
		feeds = append(feeds, briefbot.Feed{Name: fmt.Sprintf("feed %03d", i), URL: fmt.Sprintf("https://f%03d.example/rss", i)})
	}
	syncFeeds(t, s, feeds...)

	got := claimConcurrently(t, "feed", 6, n, func(owner string) ([]briefbot.Feed, error) {
		return s.ClaimDueFeeds(ctx(t), owner, t0, time.Minute, 7)
	}, func(f briefbot.Feed) int64 { return f.ID })
	if got != n {
		t.Errorf("claimed %d distinct feeds, want %d", got, n)
	}
}

func testSaveFeedState(t *testing.T, s store.Store) {
	f := syncFeeds(t, s, briefbot.Feed{Name: "state", URL: "https://state.example/rss", Tags: []string{"x"}})[0]
	want := f
	want.ETag = `W/"abc"`
	want.LastModified = "Sat, 14 Mar 2026 09:00:00 GMT"
	want.LastFetchedAt = t0.Add(123456 * time.Microsecond)
	want.LastStatus = "failed: 503"
	want.NextCheckAt = t0.In(time.FixedZone("CET", 3600)).Add(15 * time.Minute) // stored as UTC
	want.ErrorCount = 3
	want.LastError = "503 Service Unavailable"
	want.Disabled = true
	want.Primed = true
	check(t, s.SaveFeedState(ctx(t), want))

	got := listFeed(t, s, f.ID)
	want.NextCheckAt = want.NextCheckAt.UTC()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	if got.NextCheckAt.Location() != time.UTC {
		t.Errorf("NextCheckAt location %v, want UTC", got.NextCheckAt.Location())
	}

	// Zero times come back zero.
	want.LastFetchedAt, want.NextCheckAt = time.Time{}, time.Time{}
	want.Disabled, want.ErrorCount, want.LastError = false, 0, ""
	check(t, s.SaveFeedState(ctx(t), want))
	if got := listFeed(t, s, f.ID); !got.LastFetchedAt.IsZero() || !got.NextCheckAt.IsZero() || got.Disabled || got.ErrorCount != 0 {
		t.Errorf("zero state round trip: %+v", got)
	}

	if err := s.SaveFeedState(ctx(t), briefbot.Feed{ID: f.ID + 1000}); err == nil {
		t.Error("SaveFeedState of an unknown feed: no error")
	}
}

func listFeed(t *testing.T, s store.Store, id int64) briefbot.Feed {
	t.Helper()
	feeds, err := s.ListFeeds(ctx(t))
	check(t, err)
	for _, f := range feeds {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("feed %d not listed", id)
	return briefbot.Feed{}
}
