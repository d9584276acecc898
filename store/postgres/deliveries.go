package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

// StartAttempt stamps started_at (when unset) on a
// delivery owner still holds a live claim on.
func (s *Store) StartAttempt(ctx context.Context, id int64, owner string, now time.Time) (briefbot.Delivery, bool, error) {
	rows, _ := s.pool.Query(ctx, `UPDATE deliveries
		SET started_at = COALESCE(started_at, $1)
		WHERE id = $2 AND status = 'pending' AND claim_owner = $3 AND claim_expires > $1
		RETURNING `+rowmap.DeliveryColumns, now.UTC(), id, owner)
	ds, err := pgx.CollectRows(rows, scanDelivery)
	if err != nil {
		return briefbot.Delivery{}, false, fmt.Errorf("postgres: start attempt %d: %w", id, err)
	}
	if len(ds) == 0 {
		return briefbot.Delivery{}, false, nil
	}
	return ds[0], true, nil
}

// Postpone releases the claim until next; attempts stay as they are.
func (s *Store) Postpone(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.updateDelivery(ctx, id, `UPDATE deliveries SET last_error = $1, next_try = $2,
		claim_owner = '', claim_expires = NULL WHERE id = $3`, reason, dbTime(next), id)
}

// DeliveriesByStatus lists deliveries of one status, newest first.
func (s *Store) DeliveriesByStatus(ctx context.Context, status string, limit int) ([]briefbot.Delivery, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+rowmap.DeliveryColumns+` FROM deliveries
		WHERE status = $1 ORDER BY id DESC LIMIT $2`, status, limitArg(limit))
	ds, err := pgx.CollectRows(rows, scanDelivery)
	if err != nil {
		return nil, fmt.Errorf("postgres: deliveries by status %q: %w", status, err)
	}
	return ds, nil
}

// RetryFailed requeues failed deliveries (one, or all when id is 0).
func (s *Store) RetryFailed(ctx context.Context, id int64, now time.Time) (int, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE deliveries SET status = 'pending', next_try = $1, failing_since = NULL,
		claim_owner = '', claim_expires = NULL
		WHERE status = 'failed' AND ($2 = 0 OR id = $2)`, dbTime(now), id)
	if err != nil {
		return 0, fmt.Errorf("postgres: retry failed deliveries: %w", err)
	}
	return int(tag.RowsAffected()), nil
}

// CountDeliveries counts pending and failed deliveries (partial indexes).
func (s *Store) CountDeliveries(ctx context.Context) (map[string]int, error) {
	counts := map[string]int{}
	for _, status := range []string{briefbot.DeliveryPending, briefbot.DeliveryFailed} {
		var n int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM deliveries WHERE status = $1`, status).Scan(&n); err != nil {
			return nil, fmt.Errorf("postgres: count %s deliveries: %w", status, err)
		}
		counts[status] = n
	}
	return counts, nil
}

// RememberRequest inserts key unless an unexpired copy exists; the
// primary key makes two replicas receiving the same replay agree.
func (s *Store) RememberRequest(ctx context.Context, key string, now, expires time.Time) (bool, error) {
	var fresh bool
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM seen_requests WHERE expires_at <= $1`, now.UTC()); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO seen_requests (key, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
			key, expires.UTC())
		fresh = tag.RowsAffected() > 0
		return err
	})
	if err != nil {
		return false, fmt.Errorf("postgres: remember request: %w", err)
	}
	return fresh, nil
}
