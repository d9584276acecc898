package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

func scanSubscription(row rowmap.Row) (briefbot.Subscription, error) {
	return rowmap.Subscription(row, goTime)
}

// AddSubscription creates or replaces the subscription of a channel to a
// topic; a replaced subscription keeps its ID. A zero CreatedAt is stamped
// with the current time. The channel is recorded in channels.
func (s *Store) AddSubscription(ctx context.Context, sub briefbot.Subscription) (briefbot.Subscription, error) {
	if sub.CreatedAt.IsZero() {
		sub.CreatedAt = time.Now()
	}
	var out briefbot.Subscription
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := noteChannel(ctx, tx, sub.Platform, sub.Channel, sub.CreatedAt); err != nil {
			return err
		}
		var err error
		out, err = scanSubscription(tx.QueryRowContext(ctx, `INSERT INTO subscriptions
				(platform, channel, topic, query, mode, daily_at, timezone, follow, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (platform, channel, topic) DO UPDATE SET query = excluded.query, mode = excluded.mode,
				daily_at = excluded.daily_at, timezone = excluded.timezone, follow = excluded.follow,
				created_by = excluded.created_by, created_at = excluded.created_at
			RETURNING `+rowmap.SubscriptionColumns,
			sub.Platform, sub.Channel, sub.Topic, sub.Query, sub.Mode, sub.DailyAt, sub.Timezone, sub.Follow,
			sub.CreatedBy, dbTime(sub.CreatedAt)))
		return err
	})
	if err != nil {
		return briefbot.Subscription{}, fmt.Errorf("sqlite: add subscription %s/%s/%q: %w", sub.Platform, sub.Channel, sub.Topic, err)
	}
	return out, nil
}

// noteChannel records the first time a channel was seen.
func noteChannel(ctx context.Context, tx *sql.Tx, platform, channel string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO channels (platform, channel, first_seen) VALUES (?, ?, ?)
		ON CONFLICT DO NOTHING`, platform, channel, dbTime(at))
	return err
}

// RemoveSubscription deletes a subscription; false when there was none.
func (s *Store) RemoveSubscription(ctx context.Context, platform, channel, topic string) (bool, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM subscriptions WHERE platform = ? AND channel = ? AND topic = ?`,
			platform, channel, topic)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("sqlite: remove subscription: %w", err)
	}
	return n > 0, nil
}

// Subscriptions lists subscriptions by platform, channel and topic; an
// empty platform or channel matches all.
func (s *Store) Subscriptions(ctx context.Context, platform, channel string) ([]briefbot.Subscription, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+rowmap.SubscriptionColumns+` FROM subscriptions
		WHERE (? = '' OR platform = ?) AND (? = '' OR channel = ?)
		ORDER BY platform, channel, topic`, platform, platform, channel, channel)
	if err != nil {
		return nil, fmt.Errorf("sqlite: subscriptions: %w", err)
	}
	defer rows.Close()
	var subs []briefbot.Subscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: subscriptions: %w", err)
		}
		subs = append(subs, sub)
	}
	return subs, rows.Err()
}
