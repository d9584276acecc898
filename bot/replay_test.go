package bot

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/internal/fakeclock"
	"github.com/briefbot/briefbot/store/sqlite"
)

func TestReplayGuardRefusesASecondUseWithinTheWindow(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for name, withStore := range map[string]bool{"store": true, "memory": false} {
		t.Run(name, func(t *testing.T) {
			clock := fakeclock.New(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
			g := NewReplayGuard(nil, clock.Now)
			other := NewReplayGuard(nil, clock.Now) // a second replica
			if withStore {
				g, other = NewReplayGuard(st, clock.Now), NewReplayGuard(st, clock.Now)
			}
			signed := clock.Now()
			fresh := func(g *ReplayGuard, sig string) bool {
				t.Helper()
				ok, err := g.Fresh(ctx, "slack", sig+name, signed)
				if err != nil {
					t.Fatal(err)
				}
				return ok
			}
			if !fresh(g, "v0=abc") {
				t.Fatal("first request refused")
			}
			clock.Advance(4 * time.Minute)
			if fresh(g, "v0=abc") {
				t.Fatal("replay 4 minutes later accepted")
			}
			if withStore && fresh(other, "v0=abc") {
				t.Fatal("replay to another replica accepted")
			}
			if !fresh(g, "v0=def") {
				t.Fatal("a different signature refused")
			}
			clock.Advance(7 * time.Minute) // past the window: the timestamp check refuses it now, memory may forget
			if !fresh(g, "v0=abc") {
				t.Fatal("signature still remembered long after its window")
			}
		})
	}
}
