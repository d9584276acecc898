package postgres

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/pgtest"
)

// A database from before feed ownership moves forward: its configured
// feeds belong to the unnamed configuration, its unconfigured ones stay
// retired, and the first named configuration adopts them.
func TestOwnershipMigrationMovesDatabaseForward(t *testing.T) {
	dsn := pgtest.Schema(t, "briefbot_test_")
	all := migrations
	step := -1
	for i, m := range all {
		if strings.Contains(m, "ADD COLUMN owner") {
			step = i
		}
	}
	if step < 0 {
		t.Fatal("no ownership migration")
	}
	migrations = all[:step]
	old, err := Open(t.Context(), dsn)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.pool.Exec(t.Context(), `INSERT INTO feeds (url, name, configured, primed, etag) VALUES
		('https://kept.example/rss', 'Kept', true, true, '"e"'), ('https://dropped.example/rss', 'Dropped', false, true, '')`); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s, err := Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.ListFeeds(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].URL != "https://kept.example/rss" || list[0].Owner != briefbot.OwnerConfig || !list[0].Primed {
		t.Fatalf("after migration listed %+v; want Kept, owned by the unnamed config, state kept", list)
	}
	owner := briefbot.ConfigOwner("/etc/briefbot.toml")
	got, err := s.SyncConfigFeeds(t.Context(), owner, []briefbot.Feed{{Name: "Kept", URL: "https://kept.example/rss"}})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].ID != list[0].ID || got[0].Owner != owner || got[0].ETag != `"e"` {
		t.Errorf("first named sync = %+v; want the old row adopted with its state", got[0])
	}
}
