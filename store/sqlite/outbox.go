package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/outbox"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

func scanDelivery(row rowmap.Row) (briefbot.Delivery, error) {
	return rowmap.Delivery(row, goTime, rowmap.JSONText)
}

func collectDeliveries(rows *sql.Rows, err error) ([]briefbot.Delivery, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ds []briefbot.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

// Enqueue adds d to the outbox as pending unless its key exists (then the
// existing delivery comes back, not created). Articles already routed to
// the same channel are dropped and the payload trimmed to the rest; when d
// carried articles and none is left, nothing is stored and d comes back
// trimmed, with ID 0 and created false. A zero CreatedAt is stamped now.
func (s *Store) Enqueue(ctx context.Context, d briefbot.Delivery) (briefbot.Delivery, bool, error) {
	if d.Key == "" {
		return briefbot.Delivery{}, false, fmt.Errorf("sqlite: enqueue to %s/%s: empty delivery key", d.Platform, d.Channel)
	}
	if d.CreatedAt.IsZero() {
		d.CreatedAt = time.Now()
	}
	ids := outbox.UniqueIDs(d.ArticleIDs)
	var (
		out     briefbot.Delivery
		created bool
	)
	err := s.write(ctx, func(tx *sql.Tx) error {
		existing, err := collectDeliveries(tx.QueryContext(ctx, `SELECT `+rowmap.DeliveryColumns+` FROM deliveries WHERE dkey = ?`, d.Key))
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			out = existing[0]
			return errSkip
		}
		if err := noteChannel(ctx, tx, d.Platform, d.Channel, d.CreatedAt); err != nil {
			return err
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO deliveries (platform, channel, dkey, status, next_try, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			d.Platform, d.Channel, d.Key, briefbot.DeliveryPending, dbTime(d.NextTry), dbTime(d.CreatedAt)).Scan(&id); err != nil {
			return err
		}
		claim, err := tx.PrepareContext(ctx, `INSERT INTO channel_articles (platform, channel, article_id, delivery_id)
			VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer claim.Close()
		keep := make(map[int64]bool, len(ids))
		for _, aid := range ids {
			res, err := claim.ExecContext(ctx, d.Platform, d.Channel, aid, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				keep[aid] = true
			}
		}
		var ok bool
		if out, ok = outbox.Claimed(d, id, ids, keep); !ok {
			return errSkip
		}
		idsJSON, _ := json.Marshal(out.ArticleIDs)
		if out.ArticleIDs == nil {
			idsJSON = []byte("[]")
		}
		payload, err := json.Marshal(out.Payload)
		if err != nil {
			return fmt.Errorf("payload: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET article_ids = ?, payload = ? WHERE id = ?`,
			string(idsJSON), string(payload), id); err != nil {
			return err
		}
		created = true
		return nil
	})
	if err != nil && !errors.Is(err, errSkip) {
		return briefbot.Delivery{}, false, fmt.Errorf("sqlite: enqueue %q: %w", d.Key, err)
	}
	out.CreatedAt = out.CreatedAt.UTC().Truncate(time.Microsecond)
	out.NextTry = out.NextTry.UTC().Truncate(time.Microsecond)
	return out, created, nil
}

// ClaimDeliveries claims due pending deliveries, oldest first, in one
// UPDATE inside the writer's immediate transaction.
func (s *Store) ClaimDeliveries(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Delivery, error) {
	var ds []briefbot.Delivery
	nowArg := now.UTC().UnixMicro()
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		ds, err = collectDeliveries(tx.QueryContext(ctx, `UPDATE deliveries SET claim_owner = ?, claim_expires = ?
			WHERE id IN (
				SELECT id FROM deliveries
				WHERE status = 'pending'
				  AND (next_try IS NULL OR next_try <= ?)
				  AND (claim_expires IS NULL OR claim_expires <= ?)
				ORDER BY id LIMIT ?)
			RETURNING `+rowmap.DeliveryColumns,
			owner, now.Add(lease).UTC().UnixMicro(), nowArg, nowArg, limitArg(limit)))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim deliveries: %w", err)
	}
	rowmap.SortByID(ds)
	return ds, nil
}

// MarkSent marks a delivery sent at at, counts the attempt and releases
// its claim.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.updateDelivery(ctx, id, `UPDATE deliveries SET status = 'sent', sent_at = ?, attempts = attempts + 1,
		last_error = '', claim_owner = '', claim_expires = NULL WHERE id = ?`, dbTime(at), id)
}

// MarkRetry counts a failed attempt, records reason and releases the
// claim: the delivery is due again at next, or failed for good on giveUp.
func (s *Store) MarkRetry(ctx context.Context, id int64, reason string, now, next time.Time, giveUp bool) error {
	status := briefbot.DeliveryPending
	if giveUp {
		status = briefbot.DeliveryFailed
	}
	return s.updateDelivery(ctx, id, `UPDATE deliveries SET status = ?, attempts = attempts + 1, last_error = ?,
		next_try = ?, failing_since = COALESCE(failing_since, ?), claim_owner = '', claim_expires = NULL WHERE id = ?`,
		status, reason, dbTime(next), dbTime(now), id)
}

func (s *Store) updateDelivery(ctx context.Context, id int64, query string, args ...any) error {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: update delivery %d: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: update delivery %d: no such delivery", id)
	}
	return nil
}

// Deliveries lists a channel's deliveries, newest first; empty platform or
// channel match all.
func (s *Store) Deliveries(ctx context.Context, platform, channel string, limit int) ([]briefbot.Delivery, error) {
	ds, err := collectDeliveries(s.r.QueryContext(ctx, `SELECT `+rowmap.DeliveryColumns+` FROM deliveries
		WHERE (? = '' OR platform = ?) AND (? = '' OR channel = ?)
		ORDER BY id DESC LIMIT ?`, platform, platform, channel, channel, limitArg(limit)))
	if err != nil {
		return nil, fmt.Errorf("sqlite: deliveries: %w", err)
	}
	return ds, nil
}
