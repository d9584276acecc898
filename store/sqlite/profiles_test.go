package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/sqlite"
	"github.com/briefbot/briefbot/store/storetest"
)

func TestProfiles(t *testing.T) {
	storetest.RunProfiles(t, func(t *testing.T) store.Store {
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "briefbot.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestSpeakerWeeksEdits(t *testing.T) {
	storetest.RunSpeakerWeeksEdits(t, func(t *testing.T) (store.Store, storetest.Exec) {
		path := filepath.Join(t.TempDir(), "briefbot.db")
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return s, func(t *testing.T, query string) {
			t.Helper()
			if _, err := db.ExecContext(t.Context(), query); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		}
	})
}
