package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

// StartAttempt stamps started_at (when unset) on a
// delivery owner still holds a live claim on.
func (s *Store) StartAttempt(ctx context.Context, id int64, owner string, now time.Time) (briefbot.Delivery, bool, error) {
	var ds []briefbot.Delivery
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		ds, err = collectDeliveries(tx.QueryContext(ctx, `UPDATE deliveries
			SET started_at = COALESCE(started_at, ?1)
			WHERE id = ?2 AND status = 'pending' AND claim_owner = ?3 AND claim_expires > ?1
			RETURNING `+rowmap.DeliveryColumns, now.UTC().UnixMicro(), id, owner))
		return err
	})
	if err != nil {
		return briefbot.Delivery{}, false, fmt.Errorf("sqlite: start attempt %d: %w", id, err)
	}
	if len(ds) == 0 {
		return briefbot.Delivery{}, false, nil
	}
	return ds[0], true, nil
}

// Postpone releases the claim until next; attempts stay as they are.
func (s *Store) Postpone(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.updateDelivery(ctx, id, `UPDATE deliveries SET last_error = ?, next_try = ?,
		claim_owner = '', claim_expires = NULL WHERE id = ?`, reason, dbTime(next), id)
}

// DeliveriesByStatus lists deliveries of one status, newest first.
func (s *Store) DeliveriesByStatus(ctx context.Context, status string, limit int) ([]briefbot.Delivery, error) {
	ds, err := collectDeliveries(s.r.QueryContext(ctx, `SELECT `+rowmap.DeliveryColumns+` FROM deliveries
		WHERE status = ? ORDER BY id DESC LIMIT ?`, status, limitArg(limit)))
	if err != nil {
		return nil, fmt.Errorf("sqlite: deliveries by status %q: %w", status, err)
	}
	return ds, nil
}

// RetryFailed requeues failed deliveries (one, or all when id is 0).
func (s *Store) RetryFailed(ctx context.Context, id int64, now time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE deliveries SET status = 'pending', next_try = ?, failing_since = NULL,
			claim_owner = '', claim_expires = NULL
			WHERE status = 'failed' AND (? = 0 OR id = ?)`, dbTime(now), id, id)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("sqlite: retry failed deliveries: %w", err)
	}
	return int(n), nil
}

// CountDeliveries counts pending and failed deliveries (partial indexes).
func (s *Store) CountDeliveries(ctx context.Context) (map[string]int, error) {
	counts := map[string]int{}
	for _, status := range []string{briefbot.DeliveryPending, briefbot.DeliveryFailed} {
		var n int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM deliveries WHERE status = ?`, status).Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlite: count %s deliveries: %w", status, err)
		}
		counts[status] = n
	}
	return counts, nil
}

// RememberRequest inserts key unless an unexpired copy exists.
func (s *Store) RememberRequest(ctx context.Context, key string, now, expires time.Time) (bool, error) {
	var fresh bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM seen_requests WHERE expires_at <= ?`, now.UTC().UnixMicro()); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO seen_requests (key, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING`,
			key, expires.UTC().UnixMicro())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		fresh = n > 0
		return err
	})
	if err != nil {
		return false, fmt.Errorf("sqlite: remember request: %w", err)
	}
	return fresh, nil
}
