package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

func scanFeed(row rowmap.Row) (briefbot.Feed, error) {
	return rowmap.Feed(row, goTime, rowmap.JSONText)
}

func collectFeeds(rows *sql.Rows, err error) ([]briefbot.Feed, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var feeds []briefbot.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		feeds = append(feeds, f)
	}
	return feeds, rows.Err()
}

func jsonList(v []string) string {
	if len(v) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// SyncFeeds syncs the feeds of their configuration (see store.Store).
func (s *Store) SyncFeeds(ctx context.Context, feeds []briefbot.Feed) ([]briefbot.Feed, error) {
	return s.SyncConfigFeeds(ctx, rowmap.SyncOwner(feeds), feeds)
}

// ListFeeds returns the active feeds of every owner by name.
func (s *Store) ListFeeds(ctx context.Context) ([]briefbot.Feed, error) {
	feeds, err := collectFeeds(s.r.QueryContext(ctx, `SELECT `+rowmap.FeedColumns+` FROM feeds WHERE configured = 1 ORDER BY name, id`))
	if err != nil {
		return nil, fmt.Errorf("sqlite: list feeds: %w", err)
	}
	return feeds, nil
}

// ClaimDueFeeds claims due feeds in one UPDATE inside the writer's
// immediate transaction, so no two callers, in this process or another, get
// the same feed. A non-positive limit means no limit.
func (s *Store) ClaimDueFeeds(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Feed, error) {
	var feeds []briefbot.Feed
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		nowArg := now.UTC().UnixMicro()
		feeds, err = collectFeeds(tx.QueryContext(ctx, `UPDATE feeds SET claim_owner = ?, claim_expires = ?
			WHERE id IN (
				SELECT id FROM feeds
				WHERE configured = 1 AND disabled = 0
				  AND (next_check_at IS NULL OR next_check_at <= ?)
				  AND (claim_expires IS NULL OR claim_expires <= ?)
				ORDER BY coalesce(next_check_at, 0), id
				LIMIT ?)
			RETURNING `+rowmap.FeedColumns,
			owner, now.Add(lease).UTC().UnixMicro(), nowArg, nowArg, limitArg(limit)))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: claim feeds: %w", err)
	}
	rowmap.SortClaimedFeeds(feeds)
	return feeds, nil
}

// SaveFeedState stores f's fetch state and releases its claim.
func (s *Store) SaveFeedState(ctx context.Context, f briefbot.Feed) error {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE feeds SET etag = ?, last_modified = ?, last_fetched_at = ?,
				last_status = ?, next_check_at = ?, error_count = ?, last_error = ?, disabled = ?, primed = ?,
				claim_owner = '', claim_expires = NULL
			WHERE id = ?`,
			f.ETag, f.LastModified, dbTime(f.LastFetchedAt), f.LastStatus, dbTime(f.NextCheckAt),
			f.ErrorCount, f.LastError, f.Disabled, f.Primed, f.ID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("sqlite: save state of feed %d: %w", f.ID, err)
	}
	if n == 0 {
		return fmt.Errorf("sqlite: save state of feed %d: no such feed", f.ID)
	}
	return nil
}
