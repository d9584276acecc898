package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

// sharedStores opens the same database twice, as two replicas would: the
// same SQLite file, or (when BRIEFBOT_TEST_POSTGRES_DSN is set) one fresh
// PostgreSQL schema.
func sharedStores(t *testing.T, backend string) (store.Store, store.Store) {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch backend {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "shared.db")
	case "postgres":
		dsn = isolatedPostgres(t)
	}
	open := func() store.Store {
		st, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatalf("open %s: %v", backend, err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	a := open()
	return a, open()
}

// isolatedPostgres creates a schema dropped at cleanup and returns a DSN
// whose search_path points at it, or skips without a test server.
func isolatedPostgres(t *testing.T) string {
	t.Helper()
	base := os.Getenv("BRIEFBOT_TEST_POSTGRES_DSN")
	if base == "" {
		t.Skip("BRIEFBOT_TEST_POSTGRES_DSN not set; e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to BRIEFBOT_TEST_POSTGRES_DSN: %v", err)
	}
	buf := make([]byte, 6)
	rand.Read(buf)
	schema := "briefbot_bot_test_" + hex.EncodeToString(buf)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close(context.Background())
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("BRIEFBOT_TEST_POSTGRES_DSN must be a URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestReplicasDeliverEachArticleOnce runs two replicas' Dispatch and
// Flush concurrently over one database: every channel gets every matching
// article exactly once.
func TestReplicasDeliverEachArticleOnce(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			stA, stB := sharedStores(t, backend)
			ctx := context.Background()
			now := day.Add(13 * time.Hour)
			clock := func() time.Time { return now }
			const channels, articles = 6, 12
			for c := range channels {
				if _, err := stA.AddSubscription(ctx, briefbot.Subscription{
					Platform: Slack, Channel: fmt.Sprint("C", c), Topic: "russia", Query: "Russia", Mode: briefbot.ModeInstant,
				}); err != nil {
					t.Fatal(err)
				}
			}
			var want []int64
			for i := range articles {
				a := russianArticle(i, now)
				a.Hash = a.URL
				if _, err := stA.SaveArticle(ctx, &a); err != nil {
					t.Fatal(err)
				}
				want = append(want, a.ID)
			}
			sender := &recordingSender{}
			replicas := []*Dispatcher{
				{Store: stA, Senders: map[string]Sender{Slack: sender}, Clock: clock, Owner: "A"},
				{Store: stB, Senders: map[string]Sender{Slack: sender}, Clock: clock, Owner: "B"},
			}
			var wg sync.WaitGroup
			errs := make(chan error, 2*len(replicas))
			for _, d := range replicas {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if _, err := d.Dispatch(ctx); err != nil {
						errs <- err
					}
					if _, err := d.Flush(ctx); err != nil {
						errs <- err
					}
				}()
			}
			wg.Wait()
			// Whatever one replica enqueued after the other's flush.
			for _, d := range replicas {
				if _, err := d.Flush(ctx); err != nil {
					errs <- err
				}
			}
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			got := map[string][]int64{}
			for _, m := range sender.Sent() {
				got[m.Channel] = append(got[m.Channel], digestArticleIDs(m.Digest)...)
			}
			for c := range channels {
				ch := fmt.Sprint("C", c)
				ids := got[ch]
				slices.Sort(ids)
				if !slices.Equal(ids, want) {
					t.Errorf("channel %s received articles %v, want each of %v exactly once", ch, ids, want)
				}
			}
		})
	}
}

// TestCrashedReplicaOnPostgres is the simulated crash on the shared
// database: replica A claims a delivery and dies; B sends it once after
// the lease.
func TestCrashedReplicaOnPostgres(t *testing.T) {
	stA, stB := sharedStores(t, "postgres")
	ctx := context.Background()
	now := day.Add(13 * time.Hour)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	if _, err := stA.AddSubscription(ctx, briefbot.Subscription{Platform: Discord, Channel: "D1", Topic: "russia", Query: "Russia", Mode: briefbot.ModeInstant}); err != nil {
		t.Fatal(err)
	}
	a := russianArticle(1, now)
	a.Hash = a.URL
	if _, err := stA.SaveArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	dead := &Dispatcher{Store: stA, Clock: clock, Owner: "A"}
	if _, err := dead.Dispatch(ctx); err != nil {
		t.Fatal(err)
	}
	if claimed, err := stA.ClaimDeliveries(ctx, "A", now, time.Minute, 10); err != nil || len(claimed) != 1 {
		t.Fatalf("A claims: %d, %v", len(claimed), err)
	}
	stA.Close() // A is gone

	sender := &recordingSender{}
	alive := &Dispatcher{Store: stB, Senders: map[string]Sender{Discord: sender}, Clock: clock, Owner: "B", Lease: time.Minute}
	if n, err := alive.Flush(ctx); err != nil || n != 0 {
		t.Fatalf("B flushed %d, %v under A's live claim", n, err)
	}
	mu.Lock()
	now = now.Add(time.Minute + time.Second)
	mu.Unlock()
	if n, err := alive.Flush(ctx); err != nil || n != 1 {
		t.Fatalf("B after lease expiry: %d, %v; want 1", n, err)
	}
	if n, _ := alive.Flush(ctx); n != 0 || len(sender.Sent()) != 1 {
		t.Errorf("delivery sent %d times", len(sender.Sent()))
	}
}
