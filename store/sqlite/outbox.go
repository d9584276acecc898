package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/briefbot/briefbot"
)

const deliveryColumns = `id, platform, channel, dkey, article_ids, payload, status, attempts, next_try,
	last_error, created_at, sent_at`

func scanDelivery(row interface{ Scan(...any) error }) (briefbot.Delivery, error) {
	var (
		d                        briefbot.Delivery
		ids, payload             string
		nextTry, created, sentAt sql.NullInt64
	)
	err := row.Scan(&d.ID, &d.Platform, &d.Channel, &d.Key, &ids, &payload, &d.Status, &d.Attempts,
		&nextTry, &d.LastError, &created, &sentAt)
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal([]byte(ids), &d.ArticleIDs); err != nil {
		return d, fmt.Errorf("delivery %d article ids: %w", d.ID, err)
	}
	if err := json.Unmarshal([]byte(payload), &d.Payload); err != nil {
		return d, fmt.Errorf("delivery %d payload: %w", d.ID, err)
	}
	d.NextTry = goTime(nextTry)
	d.CreatedAt = goTime(created)
	d.SentAt = goTime(sentAt)
	return d, nil
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

func uniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
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
	ids := uniqueIDs(d.ArticleIDs)
	var (
		out     briefbot.Delivery
		created bool
	)
	err := s.write(ctx, func(tx *sql.Tx) error {
		existing, err := collectDeliveries(tx.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM deliveries WHERE dkey = ?`, d.Key))
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
		var kept []int64
		for _, aid := range ids {
			res, err := claim.ExecContext(ctx, d.Platform, d.Channel, aid, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				keep[aid] = true
				kept = append(kept, aid)
			}
		}
		out = d
		out.ID = id
		out.Status = briefbot.DeliveryPending
		out.Attempts = 0
		out.LastError = ""
		out.SentAt = time.Time{}
		out.ArticleIDs = kept
		if len(kept) < len(ids) {
			out.Payload = d.Payload.Only(keep)
		}
		if len(ids) > 0 && len(kept) == 0 {
			out.ID = 0
			return errSkip
		}
		idsJSON, _ := json.Marshal(kept)
		if kept == nil {
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
			RETURNING `+deliveryColumns,
			owner, now.Add(lease).UTC().UnixMicro(), nowArg, nowArg, limitArg(limit)))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim deliveries: %w", err)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i].ID < ds[j].ID })
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
func (s *Store) MarkRetry(ctx context.Context, id int64, reason string, next time.Time, giveUp bool) error {
	status := briefbot.DeliveryPending
	if giveUp {
		status = briefbot.DeliveryFailed
	}
	return s.updateDelivery(ctx, id, `UPDATE deliveries SET status = ?, attempts = attempts + 1, last_error = ?,
		next_try = ?, claim_owner = '', claim_expires = NULL WHERE id = ?`, status, reason, dbTime(next), id)
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
	ds, err := collectDeliveries(s.r.QueryContext(ctx, `SELECT `+deliveryColumns+` FROM deliveries
		WHERE (? = '' OR platform = ?) AND (? = '' OR channel = ?)
		ORDER BY id DESC LIMIT ?`, platform, platform, channel, channel, limitArg(limit)))
	if err != nil {
		return nil, fmt.Errorf("sqlite: deliveries: %w", err)
	}
	return ds, nil
}
