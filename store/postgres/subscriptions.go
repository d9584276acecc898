package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

func scanSubscription(row pgx.CollectableRow) (briefbot.Subscription, error) {
	return rowmap.Subscription(row, goTime)
}

// AddSubscription creates or replaces the subscription of a channel to a
// topic; a replaced subscription keeps its ID. A zero CreatedAt is stamped
// with the current time. The channel is recorded in channels.
func (s *Store) AddSubscription(ctx context.Context, sub briefbot.Subscription) (briefbot.Subscription, error) {
	if sub.CreatedAt.IsZero() {
		sub.CreatedAt = time.Now()
	}
	rows, _ := s.pool.Query(ctx, `WITH ch AS (
			INSERT INTO channels (platform, channel, first_seen) VALUES ($1, $2, $10)
			ON CONFLICT DO NOTHING)
		INSERT INTO subscriptions (platform, channel, topic, query, mode, daily_at, timezone, follow, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (platform, channel, topic) DO UPDATE SET query = excluded.query, mode = excluded.mode,
			daily_at = excluded.daily_at, timezone = excluded.timezone, follow = excluded.follow,
			created_by = excluded.created_by, created_at = excluded.created_at
		RETURNING `+rowmap.SubscriptionColumns,
		sub.Platform, sub.Channel, sub.Topic, sub.Query, sub.Mode, sub.DailyAt, sub.Timezone, sub.Follow,
		sub.CreatedBy, sub.CreatedAt.UTC())
	out, err := pgx.CollectExactlyOneRow(rows, scanSubscription)
	if err != nil {
		return briefbot.Subscription{}, fmt.Errorf("postgres: add subscription %s/%s/%q: %w", sub.Platform, sub.Channel, sub.Topic, err)
	}
	return out, nil
}

// RemoveSubscription deletes a subscription; false when there was none.
func (s *Store) RemoveSubscription(ctx context.Context, platform, channel, topic string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM subscriptions WHERE platform = $1 AND channel = $2 AND topic = $3`,
		platform, channel, topic)
	if err != nil {
		return false, fmt.Errorf("postgres: remove subscription: %w", err)
	}
	return tag.RowsAffected() > 0, nil
}

// Subscriptions lists subscriptions by platform, channel and topic; an
// empty platform or channel matches all.
func (s *Store) Subscriptions(ctx context.Context, platform, channel string) ([]briefbot.Subscription, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+rowmap.SubscriptionColumns+` FROM subscriptions
		WHERE ($1 = '' OR platform = $1) AND ($2 = '' OR channel = $2)
		ORDER BY platform, channel, topic`, platform, channel)
	subs, err := pgx.CollectRows(rows, scanSubscription)
	if err != nil {
		return nil, fmt.Errorf("postgres: subscriptions: %w", err)
	}
	return subs, nil
}

// AcquireLease takes the named lease when it is free or expired, or renews
// it when owner already holds it.
func (s *Store) AcquireLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (bool, error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
		WHERE leases.owner = excluded.owner OR leases.expires_at <= $4`,
		name, owner, now.Add(ttl).UTC(), now.UTC())
	if err != nil {
		return false, fmt.Errorf("postgres: acquire lease %q: %w", name, err)
	}
	return tag.RowsAffected() > 0, nil
}

// ReleaseLease drops the lease if owner holds it.
func (s *Store) ReleaseLease(ctx context.Context, name, owner string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE name = $1 AND owner = $2`, name, owner); err != nil {
		return fmt.Errorf("postgres: release lease %q: %w", name, err)
	}
	return nil
}
