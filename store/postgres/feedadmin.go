package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

// SyncConfigFeeds retires owner's feeds (and unnamed-config ones), then
// upserts the listed ones under owner, in one transaction.
func (s *Store) SyncConfigFeeds(ctx context.Context, owner string, feeds []briefbot.Feed) ([]briefbot.Feed, error) {
	var out []briefbot.Feed
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE feeds SET configured = false
			WHERE configured AND owner IN ($1, $2)`, owner, briefbot.OwnerConfig); err != nil {
			return err
		}
		batch := &pgx.Batch{}
		for _, f := range feeds {
			batch.Queue(`INSERT INTO feeds (url, name, tags, interval_ns, configured, owner, added_by)
				VALUES ($1, $2, $3, $4, true, $5, '')
				ON CONFLICT (url) DO UPDATE SET name = excluded.name, tags = excluded.tags,
					interval_ns = excluded.interval_ns, configured = true, owner = excluded.owner, added_by = ''`,
				f.URL, f.Name, tagsArg(f.Tags), int64(f.Interval), owner)
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT `+rowmap.FeedColumns+` FROM feeds WHERE configured AND owner = $1`, owner)
		stored, err := pgx.CollectRows(rows, scanFeed)
		if err != nil {
			return err
		}
		out = rowmap.InGivenOrder(feeds, stored)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: sync feeds of %s: %w", owner, err)
	}
	return out, nil
}

// AddFeed inserts f, or brings a retired feed with its URL back as new.
func (s *Store) AddFeed(ctx context.Context, f briefbot.Feed) (briefbot.Feed, bool, error) {
	if f.Owner == "" {
		f.Owner = briefbot.OwnerRuntime
	}
	rows, _ := s.pool.Query(ctx, `INSERT INTO feeds (url, name, tags, interval_ns, configured, owner, added_by)
		VALUES ($1, $2, $3, $4, true, $5, $6)
		ON CONFLICT (url) DO UPDATE SET name = excluded.name, tags = excluded.tags,
			interval_ns = excluded.interval_ns, configured = true, owner = excluded.owner, added_by = excluded.added_by,
			etag = '', last_modified = '', last_fetched_at = NULL, last_status = '', next_check_at = NULL,
			error_count = 0, last_error = '', disabled = false, primed = false, claim_owner = '', claim_expires = NULL
		WHERE NOT feeds.configured
		RETURNING `+rowmap.FeedColumns,
		f.URL, f.Name, tagsArg(f.Tags), int64(f.Interval), f.Owner, f.AddedBy)
	out, err := pgx.CollectExactlyOneRow(rows, scanFeed)
	if err == nil {
		return out, true, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return briefbot.Feed{}, false, fmt.Errorf("postgres: add feed %q: %w", f.URL, err)
	}
	rows, _ = s.pool.Query(ctx, `SELECT `+rowmap.FeedColumns+` FROM feeds WHERE url = $1`, f.URL)
	out, err = pgx.CollectExactlyOneRow(rows, scanFeed)
	if err != nil {
		return briefbot.Feed{}, false, fmt.Errorf("postgres: add feed %q: %w", f.URL, err)
	}
	return out, false, nil
}

// RemoveFeed retires feed id when owner owns it.
func (s *Store) RemoveFeed(ctx context.Context, id int64, owner string) (bool, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE feeds SET configured = false, claim_owner = '', claim_expires = NULL
		WHERE id = $1 AND configured AND owner = $2`, id, owner)
	if err != nil {
		return false, fmt.Errorf("postgres: remove feed %d: %w", id, err)
	}
	return tag.RowsAffected() > 0, nil
}
