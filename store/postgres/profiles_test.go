package postgres_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/storetest"
)

func TestProfiles(t *testing.T) {
	pgtest.DSN(t)
	storetest.RunProfiles(t, func(t *testing.T) store.Store {
		return open(t, pgtest.Schema(t, "briefbot_test_"))
	})
}

func TestSpeakerWeeksEdits(t *testing.T) {
	pgtest.DSN(t)
	storetest.RunSpeakerWeeksEdits(t, func(t *testing.T) (store.Store, storetest.Exec) {
		dsn := pgtest.Schema(t, "briefbot_test_")
		s := open(t, dsn)
		conn, err := pgx.Connect(t.Context(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close(context.Background()) })
		return s, func(t *testing.T, query string) {
			t.Helper()
			if _, err := conn.Exec(t.Context(), query); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		}
	})
}
