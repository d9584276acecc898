package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
)

func scanFeed(row pgx.CollectableRow) (briefbot.Feed, error) {
	return rowmap.Feed(row, goTime, rowmap.Native)
}

func tagsArg(tags []string) []string {
	if tags == nil {
		return []string{}
	}
	return tags
}

// SyncFeeds syncs the feeds of their configuration (see store.Store).
func (s *Store) SyncFeeds(ctx context.Context, feeds []briefbot.Feed) ([]briefbot.Feed, error) {
	return s.SyncConfigFeeds(ctx, rowmap.SyncOwner(feeds), feeds)
}

// ListFeeds returns the active feeds of every owner by name.
func (s *Store) ListFeeds(ctx context.Context) ([]briefbot.Feed, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+rowmap.FeedColumns+` FROM feeds WHERE configured ORDER BY name, id`)
	feeds, err := pgx.CollectRows(rows, scanFeed)
	if err != nil {
		return nil, fmt.Errorf("postgres: list feeds: %w", err)
	}
	return feeds, nil
}

// ClaimDueFeeds claims due feeds with one statement: the due rows are
// locked with FOR UPDATE SKIP LOCKED and stamped with the claim, so
// concurrent replicas never get the same feed. A non-positive limit means
// no limit.
func (s *Store) ClaimDueFeeds(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Feed, error) {
	rows, _ := s.pool.Query(ctx, `WITH due AS (
			SELECT id FROM feeds
			WHERE configured AND NOT disabled
			  AND (next_check_at IS NULL OR next_check_at <= $1)
			  AND (claim_expires IS NULL OR claim_expires <= $1)
			ORDER BY next_check_at NULLS FIRST, id
			LIMIT $2
			FOR UPDATE SKIP LOCKED)
		UPDATE feeds f SET claim_owner = $3, claim_expires = $4
		FROM due WHERE f.id = due.id
		RETURNING `+rowmap.Prefixed("f.", rowmap.FeedColumns),
		now.UTC(), limitArg(limit), owner, now.Add(lease).UTC())
	feeds, err := pgx.CollectRows(rows, scanFeed)
	if err != nil {
		return nil, fmt.Errorf("postgres: claim feeds: %w", err)
	}
	rowmap.SortClaimedFeeds(feeds)
	return feeds, nil
}

// SaveFeedState stores f's fetch state and releases its claim.
func (s *Store) SaveFeedState(ctx context.Context, f briefbot.Feed) error {
	tag, err := s.pool.Exec(ctx, `UPDATE feeds SET etag = $1, last_modified = $2, last_fetched_at = $3,
			last_status = $4, next_check_at = $5, error_count = $6, last_error = $7, disabled = $8, primed = $9,
			claim_owner = '', claim_expires = NULL
		WHERE id = $10`,
		f.ETag, f.LastModified, dbTime(f.LastFetchedAt), f.LastStatus, dbTime(f.NextCheckAt),
		f.ErrorCount, f.LastError, f.Disabled, f.Primed, f.ID)
	if err != nil {
		return fmt.Errorf("postgres: save state of feed %d: %w", f.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: save state of feed %d: no such feed", f.ID)
	}
	return nil
}
