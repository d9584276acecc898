package bot

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/pgtest"
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
		dsn = pgtest.Schema(t, "briefbot_bot_test_")
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
