package feeds

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

// budgets are the Fetcher's two memory budgets: feeds wait only on feeds
// and pages only on pages, so a feed holding its share while its pages
// are fetched can never starve them.
type budgets struct{ feeds, pages *byteBudget }

// byteBudget is a weighted semaphore on bytes of response bodies held at
// once. It counts how often a reservation had to wait, for the poller's
// "limit reached" log line.
type byteBudget struct {
	size  int64
	sem   *semaphore.Weighted
	inUse atomic.Int64
	peak  atomic.Int64
	waits atomic.Int64
}

func newByteBudget(size int64) *byteBudget {
	return &byteBudget{size: size, sem: semaphore.NewWeighted(size)}
}

// reservation is a share of a byteBudget; the nil reservation is a valid
// empty one. Release gives it back; it is safe to call more than once.
type reservation struct {
	b  *byteBudget
	mu sync.Mutex
	n  int64
}

// reserve waits for n bytes (at most the whole budget: a body larger than
// the budget runs alone).
func (b *byteBudget) reserve(ctx context.Context, n int64) (*reservation, error) {
	n = min(max(n, 1), b.size)
	if !b.sem.TryAcquire(n) {
		b.waits.Add(1)
		if err := b.sem.Acquire(ctx, n); err != nil {
			return nil, err
		}
	}
	used := b.inUse.Add(n)
	for {
		p := b.peak.Load()
		if used <= p || b.peak.CompareAndSwap(p, used) {
			break
		}
	}
	return &reservation{b: b, n: n}, nil
}

// shrink gives back what is above n bytes.
func (r *reservation) shrink(n int64) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if extra := r.n - max(n, 1); extra > 0 {
		r.n -= extra
		r.b.inUse.Add(-extra)
		r.b.sem.Release(extra)
	}
}

// Release gives the whole reservation back.
func (r *reservation) Release() {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n > 0 {
		r.b.inUse.Add(-r.n)
		r.b.sem.Release(r.n)
		r.n = 0
	}
}

// BudgetStats reports on the Fetcher's memory budgets since it was made:
// the most bytes held at once and how many bodies had to wait for their
// share (the budget's limit was hit).
type BudgetStats struct {
	FeedPeak, PagePeak   int64
	FeedWaits, PageWaits int64
}

// BudgetStats returns the memory budgets' figures.
func (f *Fetcher) BudgetStats() BudgetStats {
	b := f.budget()
	return BudgetStats{
		FeedPeak: b.feeds.peak.Load(), PagePeak: b.pages.peak.Load(),
		FeedWaits: b.feeds.waits.Load(), PageWaits: b.pages.waits.Load(),
	}
}

// timeoutError is the cause given to a request's context when its
// Fetcher.Timeout runs out.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("no complete answer within %s (timeout)", e.after)
}
func (e *timeoutError) Timeout() bool   { return true }
func (e *timeoutError) Temporary() bool { return true }

// fetchTimer is a request deadline that can be paused while the request
// waits for the memory budget: waiting our turn is not the server's
// slowness.
type fetchTimer struct {
	ctx       context.Context
	d         time.Duration
	cancel    context.CancelCauseFunc
	mu        sync.Mutex
	timer     *time.Timer
	remaining time.Duration
	started   time.Time
}

// withFetchTimeout returns a context canceled d after now, not counting
// paused time. d ≤ 0 means no timeout.
func withFetchTimeout(ctx context.Context, d time.Duration) (context.Context, *fetchTimer) {
	ctx, cancel := context.WithCancelCause(ctx)
	t := &fetchTimer{ctx: ctx, d: d, cancel: cancel, remaining: d}
	if d > 0 {
		t.started = time.Now()
		t.timer = time.AfterFunc(d, func() { cancel(&timeoutError{after: d}) })
	}
	return ctx, t
}

func (t *fetchTimer) pause() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer != nil && t.timer.Stop() {
		t.remaining -= time.Since(t.started)
	}
}

func (t *fetchTimer) resume() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.timer != nil && t.remaining > 0 {
		t.started = time.Now()
		t.timer.Reset(t.remaining)
	}
}

func (t *fetchTimer) stop() {
	t.mu.Lock()
	if t.timer != nil {
		t.timer.Stop()
	}
	t.mu.Unlock()
	t.cancel(nil)
}

// explain turns the cancellation our own timer caused into the timeout
// it stands for.
func (t *fetchTimer) explain(err error) error {
	if t == nil || err == nil {
		return err
	}
	var te *timeoutError
	if errors.As(context.Cause(t.ctx), &te) {
		return te
	}
	return err
}
