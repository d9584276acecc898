package postgres_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/postgres"
	"github.com/briefbot/briefbot/store/storetest"
)

func open(t testing.TB, dsn string) *postgres.Store {
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	pgtest.DSN(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, pgtest.Schema(t, "briefbot_test_"))
	})
}

// Replicas starting together on a fresh schema migrate it once, without
// errors, under the advisory lock.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	dsn := pgtest.Schema(t, "briefbot_test_")
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			s, err := postgres.Open(context.Background(), dsn)
			if err == nil {
				err = s.Ping(context.Background())
				s.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	s := open(t, dsn)
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	var rows, max int
	if err := conn.QueryRow(context.Background(), `SELECT count(*), max(version) FROM schema_migrations`).Scan(&rows, &max); err != nil {
		t.Fatal(err)
	}
	if rows != max || rows == 0 {
		t.Errorf("schema_migrations has %d rows up to version %d: a step ran twice or not at all", rows, max)
	}

	// Ping fails when the schema is behind the code.
	if _, err := conn.Exec(context.Background(), `DELETE FROM schema_migrations WHERE version = $1`, max); err != nil {
		t.Fatal(err)
	}
	if err := s.Ping(context.Background()); err == nil || !strings.Contains(err.Error(), "schema version") {
		t.Errorf("Ping with a missing migration = %v, want a schema version error", err)
	}
}

// A DSN naming a database that does not exist yet gets it created.
func TestOpenCreatesDatabase(t *testing.T) {
	base := pgtest.DSN(t)
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	name := pgtest.RandomName("briefbot_db_")
	u.Path = "/" + name
	admin, err := pgx.Connect(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	t.Cleanup(func() {
		admin, err := pgx.Connect(context.Background(), base)
		if err != nil {
			return
		}
		defer admin.Close(context.Background())
		admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})

	// Three replicas start together on a fresh server.
	stores := make(chan *postgres.Store, 3)
	errs := make(chan error, 3)
	for range 3 {
		go func() {
			s, err := postgres.Open(context.Background(), u.String())
			if err != nil {
				errs <- err
				return
			}
			stores <- s
		}()
	}
	for range 3 {
		select {
		case err := <-errs:
			t.Errorf("Open on a missing database: %v", err)
		case s := <-stores:
			defer s.Close()
			if err := s.Ping(context.Background()); err != nil {
				t.Error(err)
			}
		}
	}
	var exists bool
	if err := admin.QueryRow(context.Background(), `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil || !exists {
		t.Errorf("database %s not created (%v)", name, err)
	}
}

func TestOpenErrorRedactsPassword(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://bob:hunter2@127.0.0.1:1/x?sslmode=disable&connect_timeout=2")
	if err == nil {
		t.Fatal("Open of an unreachable server: no error")
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("password in error: %v", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("error does not name the server: %v", err)
	}
}

// The poller saves a feed's items in one transaction when the store can.
var _ storetest.BatchSaver = (*postgres.Store)(nil)
