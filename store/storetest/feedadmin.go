package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

func syncConfig(t *testing.T, s store.Store, owner string, feeds ...briefbot.Feed) []briefbot.Feed {
	t.Helper()
	got, err := s.SyncConfigFeeds(ctx(t), owner, feeds)
	check(t, err)
	if len(got) != len(feeds) {
		t.Fatalf("SyncConfigFeeds(%s) returned %d feeds, want %d", owner, len(got), len(feeds))
	}
	return got
}

func listedByURL(t *testing.T, s store.Store) map[string]briefbot.Feed {
	t.Helper()
	list, err := s.ListFeeds(ctx(t))
	check(t, err)
	out := map[string]briefbot.Feed{}
	for _, f := range list {
		out[f.URL] = f
	}
	return out
}

func addFeed(t *testing.T, s store.Store, f briefbot.Feed) (briefbot.Feed, bool) {
	t.Helper()
	got, created, err := s.AddFeed(ctx(t), f)
	check(t, err)
	return got, created
}

// A configuration's sync changes only its own feeds: run-time feeds and
// another configuration's feeds stay listed and claimable.
func testSyncKeepsOtherOwners(t *testing.T, s store.Store) {
	cfgA, cfgB := briefbot.ConfigOwner("/etc/a.toml"), briefbot.ConfigOwner("/tmp/b.toml")
	syncConfig(t, s, cfgA,
		briefbot.Feed{Name: "A1", URL: "https://a1.example/rss"},
		briefbot.Feed{Name: "A2", URL: "https://a2.example/rss"})
	syncConfig(t, s, cfgB, briefbot.Feed{Name: "B1", URL: "https://b1.example/rss"})
	rt, created := addFeed(t, s, briefbot.Feed{Name: "Crisis", URL: "https://crisis.example/feed", Tags: []string{"sahel"}, AddedBy: "slack:U1"})
	if !created || rt.Owner != briefbot.OwnerRuntime || rt.AddedBy != "slack:U1" || rt.Primed || !rt.NextCheckAt.IsZero() {
		t.Fatalf("AddFeed = %+v, created %v; want a new run-time feed, due now, not primed", rt, created)
	}

	// Config A drops A2 (and is re-read); config B is synced empty.
	syncConfig(t, s, cfgA, briefbot.Feed{Name: "A1", URL: "https://a1.example/rss"})
	listed := listedByURL(t, s)
	want := []string{"https://a1.example/rss", "https://b1.example/rss", "https://crisis.example/feed"}
	if got := feedURLs(mapValues(listed)); !slices.Equal(got, want) {
		t.Fatalf("after re-sync of A listed %v, want %v", got, want)
	}
	if listed["https://a1.example/rss"].Owner != cfgA || listed["https://b1.example/rss"].Owner != cfgB || listed["https://crisis.example/feed"].Owner != briefbot.OwnerRuntime {
		t.Errorf("owners after sync: %+v", listed)
	}
	syncConfig(t, s, cfgB)
	claimed := claimFeeds(t, s, "w1", t0, 0)
	if got := feedURLs(claimed); !slices.Equal(got, []string{"https://a1.example/rss", "https://crisis.example/feed"}) {
		t.Errorf("claimed %v after B synced empty: want A1 and the run-time feed", got)
	}

	// The plain SyncFeeds of one configuration never touches the others.
	syncFeeds(t, s, briefbot.Feed{Name: "Solo", URL: "https://solo.example/rss"})
	if _, ok := listedByURL(t, s)["https://crisis.example/feed"]; !ok {
		t.Error("SyncFeeds retired a run-time feed")
	}
}

// A configuration is authoritative for its entries: listing a URL that a
// run-time feed has takes it over, keeping its fetch state.
func testSyncTakesOverRuntimeURL(t *testing.T, s store.Store) {
	rt, _ := addFeed(t, s, briefbot.Feed{Name: "added", URL: "https://x.example/rss"})
	rt.Primed, rt.ETag = true, `"e1"`
	check(t, s.SaveFeedState(ctx(t), rt))
	cfg := briefbot.ConfigOwner("embedded default")
	got := syncConfig(t, s, cfg, briefbot.Feed{Name: "X Wire", URL: "https://x.example/rss", Tags: []string{"x"}})[0]
	if got.ID != rt.ID || got.Owner != cfg || got.Name != "X Wire" || !got.Primed || got.ETag != `"e1"` || got.AddedBy != "" {
		t.Errorf("config over a run-time URL: %+v", got)
	}
	if ok, err := s.RemoveFeed(ctx(t), rt.ID, briefbot.OwnerRuntime); err != nil || ok {
		t.Errorf("RemoveFeed as runtime of a now-configured feed = %v, %v; want false", ok, err)
	}
}

func testAddRemoveFeed(t *testing.T, s store.Store) {
	cfg := briefbot.ConfigOwner("/etc/briefbot.toml")
	conf := syncConfig(t, s, cfg, briefbot.Feed{Name: "Wire", URL: "https://wire.example/rss"})[0]

	// Adding a URL that is already active changes nothing.
	got, created := addFeed(t, s, briefbot.Feed{Name: "Other name", URL: "https://wire.example/rss"})
	if created || got.ID != conf.ID || got.Name != "Wire" || got.Owner != cfg {
		t.Errorf("AddFeed of a configured URL = %+v, %v; want the configured feed unchanged", got, created)
	}

	rt, created := addFeed(t, s, briefbot.Feed{Name: "Sahel", URL: "https://sahel.example/atom", Interval: 10 * time.Minute, Tags: []string{"africa", "sahel"}, AddedBy: "cli"})
	if !created || rt.Interval != 10*time.Minute || !slices.Equal(rt.Tags, []string{"africa", "sahel"}) {
		t.Fatalf("AddFeed = %+v, %v", rt, created)
	}
	// It polls once (primed), then is removed.
	rt.Primed, rt.ETag, rt.LastFetchedAt, rt.NextCheckAt, rt.ErrorCount = true, `"v9"`, t0, t0.Add(time.Hour), 2
	check(t, s.SaveFeedState(ctx(t), rt))

	// Nobody removes a feed they do not own.
	if ok, err := s.RemoveFeed(ctx(t), conf.ID, briefbot.OwnerRuntime); err != nil || ok {
		t.Errorf("RemoveFeed of a config feed as runtime = %v, %v; want false", ok, err)
	}
	if ok, err := s.RemoveFeed(ctx(t), rt.ID, cfg); err != nil || ok {
		t.Errorf("RemoveFeed of a run-time feed as a config = %v, %v; want false", ok, err)
	}
	if ok, err := s.RemoveFeed(ctx(t), rt.ID, briefbot.OwnerRuntime); err != nil || !ok {
		t.Fatalf("RemoveFeed = %v, %v; want true", ok, err)
	}
	if ok, _ := s.RemoveFeed(ctx(t), rt.ID, briefbot.OwnerRuntime); ok {
		t.Error("second RemoveFeed of the same feed returned true")
	}
	if _, ok := listedByURL(t, s)[rt.URL]; ok {
		t.Error("removed feed still listed")
	}
	if c := claimFeeds(t, s, "w", t0.Add(2*time.Hour), 0); slices.Contains(feedURLs(c), rt.URL) {
		t.Error("removed feed claimed")
	}

	// Added again: the same row, as new (first poll silent again).
	again, created := addFeed(t, s, briefbot.Feed{Name: "Sahel 2", URL: rt.URL, AddedBy: "discord:42"})
	if !created || again.ID != rt.ID || again.Name != "Sahel 2" || again.Primed || again.ETag != "" || !again.NextCheckAt.IsZero() || again.ErrorCount != 0 || again.AddedBy != "discord:42" {
		t.Errorf("re-added feed = %+v, %v; want the old row reset as new", again, created)
	}
}

// Feeds synced before ownership existed (the unnamed configuration) are
// adopted by the first named configuration that syncs.
func testSyncAdoptsUnnamedConfig(t *testing.T, s store.Store) {
	syncFeeds(t, s,
		briefbot.Feed{Name: "Old1", URL: "https://old1.example/rss"},
		briefbot.Feed{Name: "Old2", URL: "https://old2.example/rss"})
	if l := listedByURL(t, s); l["https://old1.example/rss"].Owner != briefbot.OwnerConfig {
		t.Fatalf("SyncFeeds without owner stored owner %q, want %q", l["https://old1.example/rss"].Owner, briefbot.OwnerConfig)
	}
	named := briefbot.ConfigOwner("/srv/briefbot.toml")
	syncConfig(t, s, named, briefbot.Feed{Name: "Old1", URL: "https://old1.example/rss"})
	l := listedByURL(t, s)
	if len(l) != 1 || l["https://old1.example/rss"].Owner != named {
		t.Errorf("after the named sync listed %+v; want Old1 owned by %s only", l, named)
	}
}

func mapValues(m map[string]briefbot.Feed) []briefbot.Feed {
	out := make([]briefbot.Feed, 0, len(m))
	for _, f := range m {
		out = append(out, f)
	}
	return out
}
