package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Store is what the probes need from the store: Ping (reachable, schema
// migrated) and a real write. A ping alone stays green while every write
// fails ("database or disk is full"), so readiness also takes and gives back
// a lease of its own: two committed writes through the same path as the
// daemon's work, on a table every store already has.
type Store interface {
	Ping(ctx context.Context) error
	AcquireLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, owner string) error
}

// readyCacheFor bounds how often probes touch the store: callers are not
// authenticated, so a flood of /readyz must not become a flood of writes.
const readyCacheFor = time.Second

// readiness answers /readyz. The body says which check failed, never why in
// detail: errors name the database (host, user, path), and this endpoint is
// public; the log has the details.
type readiness struct {
	store  Store
	logger *slog.Logger
	lease  string // this process's probe lease

	mu      sync.Mutex
	checked time.Time
	problem string // "" when ready
}

func newReadiness(store Store, logger *slog.Logger) *readiness {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return &readiness{store: store, logger: logger, lease: "readyz/" + hex.EncodeToString(b)}
}

func (rd *readiness) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if problem := rd.check(r.Context()); problem != "" {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("not ready: " + problem + "\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}

func (rd *readiness) check(ctx context.Context) string {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if !rd.checked.IsZero() && time.Since(rd.checked) < readyCacheFor {
		return rd.problem
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	rd.problem = ""
	if err := rd.store.Ping(ctx); err != nil {
		rd.logger.Warn("readiness: store ping failed", "err", err)
		rd.problem = "store unreachable or not migrated (see the daemon's log)"
	} else if err := rd.probeWrite(ctx); err != nil {
		rd.logger.Warn("readiness: store cannot write", "err", err)
		rd.problem = "store cannot write (see the daemon's log)"
	}
	rd.checked = time.Now()
	return rd.problem
}

func (rd *readiness) probeWrite(ctx context.Context) error {
	if _, err := rd.store.AcquireLease(ctx, rd.lease, rd.lease, time.Now(), time.Minute); err != nil {
		return err
	}
	return rd.store.ReleaseLease(ctx, rd.lease, rd.lease)
}
