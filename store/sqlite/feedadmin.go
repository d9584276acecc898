package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

// SyncConfigFeeds retires owner's feeds (and unnamed-config ones), then
// upserts the listed ones under owner, in one write transaction.
func (s *Store) SyncConfigFeeds(ctx context.Context, owner string, feeds []briefbot.Feed) ([]briefbot.Feed, error) {
	var out []briefbot.Feed
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE feeds SET configured = 0
			WHERE configured = 1 AND owner IN (?, ?)`, owner, briefbot.OwnerConfig); err != nil {
			return err
		}
		upsert, err := tx.PrepareContext(ctx, `INSERT INTO feeds (url, name, tags, interval_ns, configured, owner, added_by)
			VALUES (?, ?, ?, ?, 1, ?, '')
			ON CONFLICT (url) DO UPDATE SET name = excluded.name, tags = excluded.tags,
				interval_ns = excluded.interval_ns, configured = 1, owner = excluded.owner, added_by = ''`)
		if err != nil {
			return err
		}
		defer upsert.Close()
		for _, f := range feeds {
			if _, err := upsert.ExecContext(ctx, f.URL, f.Name, jsonList(f.Tags), int64(f.Interval), owner); err != nil {
				return fmt.Errorf("feed %q: %w", f.URL, err)
			}
		}
		stored, err := collectFeeds(tx.QueryContext(ctx, `SELECT `+rowmap.FeedColumns+` FROM feeds WHERE configured = 1 AND owner = ?`, owner))
		if err != nil {
			return err
		}
		out = rowmap.InGivenOrder(feeds, stored)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: sync feeds of %s: %w", owner, err)
	}
	return out, nil
}

// AddFeed inserts f, or brings a retired feed with its URL back as new.
func (s *Store) AddFeed(ctx context.Context, f briefbot.Feed) (briefbot.Feed, bool, error) {
	if f.Owner == "" {
		f.Owner = briefbot.OwnerRuntime
	}
	var (
		out     briefbot.Feed
		created bool
	)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanFeed(tx.QueryRowContext(ctx, `INSERT INTO feeds (url, name, tags, interval_ns, configured, owner, added_by)
			VALUES (?, ?, ?, ?, 1, ?, ?)
			ON CONFLICT (url) DO UPDATE SET name = excluded.name, tags = excluded.tags,
				interval_ns = excluded.interval_ns, configured = 1, owner = excluded.owner, added_by = excluded.added_by,
				etag = '', last_modified = '', last_fetched_at = NULL, last_status = '', next_check_at = NULL,
				error_count = 0, last_error = '', disabled = 0, primed = 0, claim_owner = '', claim_expires = NULL
			WHERE feeds.configured = 0
			RETURNING `+rowmap.FeedColumns,
			f.URL, f.Name, jsonList(f.Tags), int64(f.Interval), f.Owner, f.AddedBy))
		if err == nil {
			created = true
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		out, err = scanFeed(tx.QueryRowContext(ctx, `SELECT `+rowmap.FeedColumns+` FROM feeds WHERE url = ?`, f.URL))
		return err
	})
	if err != nil {
		return briefbot.Feed{}, false, fmt.Errorf("sqlite: add feed %q: %w", f.URL, err)
	}
	return out, created, nil
}

// RemoveFeed retires feed id when owner owns it.
func (s *Store) RemoveFeed(ctx context.Context, id int64, owner string) (bool, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feeds SET configured = 0, claim_owner = '', claim_expires = NULL
			WHERE id = ? AND configured = 1 AND owner = ?`, id, owner)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return false, fmt.Errorf("sqlite: remove feed %d: %w", id, err)
	}
	return n > 0, nil
}
