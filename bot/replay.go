package bot

import (
	"context"
	"sync"
	"time"

	"github.com/briefbot/briefbot/store"
)

// SignedWindow is how old (or how far ahead) a signed chat request's
// timestamp may be: Slack and Discord both use five minutes.
const SignedWindow = 5 * time.Minute

// ReplayGuard refuses a signed request seen before: a replay carries the
// same signature (which covers its timestamp and body) within the window
// in which the timestamp check still accepts it. With a store, replicas
// share what they have seen; without one, it remembers in memory (one
// process). Safe for concurrent use.
type ReplayGuard struct {
	store store.ReplayStore
	now   func() time.Time

	mu   sync.Mutex
	seen map[string]time.Time // key → expiry, when there is no store
}

// NewReplayGuard returns a guard backed by st (nil: memory) with clock now
// (nil: time.Now).
func NewReplayGuard(st store.ReplayStore, now func() time.Time) *ReplayGuard {
	if now == nil {
		now = time.Now
	}
	return &ReplayGuard{store: st, now: now, seen: map[string]time.Time{}}
}

// Fresh records platform's request signature, signed at signedAt, and
// reports whether it is new. It is remembered until the timestamp check
// would refuse the request anyway (signedAt plus the window, plus the
// window again for clocks running ahead).
func (g *ReplayGuard) Fresh(ctx context.Context, platform, signature string, signedAt time.Time) (bool, error) {
	key := platform + ":" + signature
	now := g.now()
	expires := signedAt.Add(2 * SignedWindow)
	if g.store != nil {
		return g.store.RememberRequest(ctx, key, now, expires)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for k, exp := range g.seen {
		if !exp.After(now) {
			delete(g.seen, k)
		}
	}
	if exp, ok := g.seen[key]; ok && exp.After(now) {
		return false, nil
	}
	g.seen[key] = expires
	return true, nil
}
