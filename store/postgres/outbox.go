package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/outbox"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

func scanDelivery(row pgx.CollectableRow) (briefbot.Delivery, error) {
	return rowmap.Delivery(row, goTime, rowmap.Native)
}

// errSkip makes a transaction roll back without reporting an error.
var errSkip = errors.New("skip")

// Enqueue adds d to the outbox as pending unless its key exists (then the
// existing delivery comes back, not created). Articles already routed to
// the same channel are dropped and the payload trimmed to the rest; when d
// carried articles and none is left, nothing is stored and d comes back
// trimmed, with ID 0 and created false. A zero CreatedAt is stamped now.
//
// The channel_articles primary key decides which delivery gets an article:
// a concurrent Enqueue for the same channel waits on it and then drops the
// article, so replicas never send an article to a channel twice.
func (s *Store) Enqueue(ctx context.Context, d briefbot.Delivery) (briefbot.Delivery, bool, error) {
	if d.CreatedAt.IsZero() {
		d.CreatedAt = time.Now()
	}
	ids := outbox.UniqueIDs(d.ArticleIDs)
	sorted := slices.Clone(ids)
	slices.Sort(sorted) // a fixed lock order: concurrent enqueues cannot deadlock
	if sorted == nil {
		sorted = []int64{}
	}
	if d.Key == "" {
		return briefbot.Delivery{}, false, fmt.Errorf("postgres: enqueue to %s/%s: empty delivery key", d.Platform, d.Channel)
	}
	var (
		out       briefbot.Delivery
		created   bool
		keyExists bool
	)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `WITH ch AS (
				INSERT INTO channels (platform, channel, first_seen) VALUES ($1, $2, $6)
				ON CONFLICT DO NOTHING)
			INSERT INTO deliveries (platform, channel, dkey, status, next_try, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (dkey) DO NOTHING RETURNING id`,
			d.Platform, d.Channel, d.Key, briefbot.DeliveryPending, dbTime(d.NextTry), d.CreatedAt.UTC()).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			keyExists = true // read it after rolling back
			return errSkip
		}
		if err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `INSERT INTO channel_articles (platform, channel, article_id, delivery_id)
			SELECT $1, $2, u, $3 FROM unnest($4::bigint[]) AS u
			ON CONFLICT DO NOTHING RETURNING article_id`, d.Platform, d.Channel, id, sorted)
		claimed, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		keep := make(map[int64]bool, len(claimed))
		for _, aid := range claimed {
			keep[aid] = true
		}
		var ok bool
		if out, ok = outbox.Claimed(d, id, ids, keep); !ok {
			return errSkip
		}
		keptArg := out.ArticleIDs
		if keptArg == nil {
			keptArg = []int64{}
		}
		if _, err := tx.Exec(ctx, `UPDATE deliveries SET article_ids = $1, payload = $2 WHERE id = $3`,
			keptArg, out.Payload, id); err != nil {
			return err
		}
		created = true
		return nil
	})
	switch {
	case keyExists:
		rows, _ := s.pool.Query(ctx, `SELECT `+rowmap.DeliveryColumns+` FROM deliveries WHERE dkey = $1`, d.Key)
		existing, err := pgx.CollectExactlyOneRow(rows, scanDelivery)
		if err != nil {
			return briefbot.Delivery{}, false, fmt.Errorf("postgres: enqueue %q: %w", d.Key, err)
		}
		return existing, false, nil
	case errors.Is(err, errSkip):
		// Every article already reached the channel.
	case err != nil:
		return briefbot.Delivery{}, false, fmt.Errorf("postgres: enqueue %q: %w", d.Key, err)
	}
	out.CreatedAt = out.CreatedAt.UTC().Truncate(time.Microsecond)
	out.NextTry = out.NextTry.UTC().Truncate(time.Microsecond)
	return out, created, nil
}

// ClaimDeliveries claims due pending deliveries, oldest first, with one
// statement that locks them FOR UPDATE SKIP LOCKED and stamps the claim.
func (s *Store) ClaimDeliveries(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Delivery, error) {
	rows, _ := s.pool.Query(ctx, `WITH due AS (
			SELECT id FROM deliveries
			WHERE status = 'pending'
			  AND (next_try IS NULL OR next_try <= $1)
			  AND (claim_expires IS NULL OR claim_expires <= $1)
			ORDER BY id
			LIMIT $2
			FOR UPDATE SKIP LOCKED)
		UPDATE deliveries d SET claim_owner = $3, claim_expires = $4
		FROM due WHERE d.id = due.id
		RETURNING `+rowmap.Prefixed("d.", rowmap.DeliveryColumns),
		now.UTC(), limitArg(limit), owner, now.Add(lease).UTC())
	ds, err := pgx.CollectRows(rows, scanDelivery)
	if err != nil {
		return nil, fmt.Errorf("postgres: claim deliveries: %w", err)
	}
	rowmap.SortByID(ds)
	return ds, nil
}

// MarkSent marks a delivery sent at at, counts the attempt and releases
// its claim.
func (s *Store) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return s.updateDelivery(ctx, id, `UPDATE deliveries SET status = 'sent', sent_at = $1, attempts = attempts + 1,
		last_error = '', claim_owner = '', claim_expires = NULL WHERE id = $2`, dbTime(at), id)
}

// MarkRetry counts a failed attempt, records reason and releases the
// claim: the delivery is due again at next, or failed for good on giveUp.
func (s *Store) MarkRetry(ctx context.Context, id int64, reason string, now, next time.Time, giveUp bool) error {
	status := briefbot.DeliveryPending
	if giveUp {
		status = briefbot.DeliveryFailed
	}
	return s.updateDelivery(ctx, id, `UPDATE deliveries SET status = $1, attempts = attempts + 1, last_error = $2,
		next_try = $3, failing_since = COALESCE(failing_since, $5), claim_owner = '', claim_expires = NULL WHERE id = $4`,
		status, reason, dbTime(next), id, dbTime(now))
}

func (s *Store) updateDelivery(ctx context.Context, id int64, query string, args ...any) error {
	tag, err := s.pool.Exec(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("postgres: update delivery %d: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: update delivery %d: no such delivery", id)
	}
	return nil
}

// Deliveries lists a channel's deliveries, newest first; empty platform or
// channel match all.
func (s *Store) Deliveries(ctx context.Context, platform, channel string, limit int) ([]briefbot.Delivery, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+rowmap.DeliveryColumns+` FROM deliveries
		WHERE ($1 = '' OR platform = $1) AND ($2 = '' OR channel = $2)
		ORDER BY id DESC LIMIT $3`, platform, channel, limitArg(limit))
	ds, err := pgx.CollectRows(rows, scanDelivery)
	if err != nil {
		return nil, fmt.Errorf("postgres: deliveries: %w", err)
	}
	return ds, nil
}
