package store

import (
	"context"
	"time"

	"github.com/briefbot/briefbot"
)

// DeliveryStore is the outbox's crash-safety and operator side: what the
// Dispatcher records around each post so that a restart neither loses nor
// repeats a message, and what `briefbot deliveries` shows and retries.
type DeliveryStore interface {
	// StartAttempt records, before posting, that owner is about to post
	// the delivery it claimed: StartedAt is set when unset. It returns the delivery as stored, and false (nothing
	// changed) when owner's claim on it is gone or expired at now.
	StartAttempt(ctx context.Context, id int64, owner string, now time.Time) (briefbot.Delivery, bool, error)
	// Postpone releases the claim until next without counting an attempt:
	// the platform asked us to wait (429), nothing failed.
	Postpone(ctx context.Context, id int64, reason string, next time.Time) error
	// DeliveriesByStatus lists deliveries of one status, newest first.
	DeliveriesByStatus(ctx context.Context, status string, limit int) ([]briefbot.Delivery, error)
	// RetryFailed makes failed deliveries pending again, due at now, with a
	// fresh give-up window: the one with id, or all failed ones when id is
	// 0. It returns how many were requeued.
	RetryFailed(ctx context.Context, id int64, now time.Time) (int, error)
	// CountDeliveries counts deliveries by status (pending, failed; sent
	// ones are not counted).
	CountDeliveries(ctx context.Context) (map[string]int, error)
}

// ReplayStore remembers signed chat requests so that one replayed within
// its validity window is refused, by whichever replica receives it.
type ReplayStore interface {
	// RememberRequest records key until expires. It returns false when key
	// is already recorded and not expired at now: a replay. Expired keys
	// are forgotten on the way.
	RememberRequest(ctx context.Context, key string, now, expires time.Time) (bool, error)
}
