package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/registry"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

func (s *Store) queryHits(ctx context.Context, query string, args ...any) ([]briefbot.StatementHit, error) {
	rows, _ := s.pool.Query(ctx, query, args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (briefbot.StatementHit, error) {
		return rowmap.Hit(row, goTime)
	})
}

// searchCandidates bounds how many of the newest matches a search ranks.
// Ranking every match of a common word would score a large share of all
// statements; the newest few hundred hold the best recent ones.
const searchCandidates = 60

// SearchStatements matches every word of query (the last as a prefix)
// against statement text and speaker, and ranks the newest
// searchCandidates matches by ts_rank, best first. For a common word the
// newest matches are found walking the primary key backwards; for a rare
// one through the GIN index; ts_rank runs on the candidates only. The
// tsquery is built from quoted word tokens only, so no input is a syntax
// error; input without any word returns no hits.
func (s *Store) SearchStatements(ctx context.Context, query string, limit int) ([]briefbot.StatementHit, error) {
	q := textsearch.Parse(query)
	if q.Empty() {
		return nil, nil
	}
	hits, err := s.search(ctx, q.ExactQuery(), limit)
	if err == nil && (limit <= 0 || len(hits) < limit) {
		hits, err = s.search(ctx, q, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: search statements: %w", err)
	}
	return hits, nil
}

// recentWindow is how many of the newest statements a search scans in id
// order before it asks the GIN index: a word in 2% of statements or more
// finds its candidates there without building a bitmap of every match.
const recentWindow = 3_000

// search ranks the newest searchCandidates matches of q: first among the
// newest recentWindow statements, walking the primary key backwards;
// when that finds too few (a rarer word), through the GIN index, whose
// matches are then few enough to sort. Both statements spell out their
// plan ("id + 0" keeps the planner off the primary key): its estimates of
// a word's frequency are too coarse to choose well.
func (s *Store) search(ctx context.Context, q textsearch.Query, limit int) ([]briefbot.StatementHit, error) {
	tsq := q.TSQuery()
	rows, _ := s.pool.Query(ctx, `SELECT r.id FROM (
			SELECT id, tsv FROM statements ORDER BY id DESC LIMIT $3
		) r WHERE r.tsv @@ to_tsquery('english', $1) LIMIT $2`, tsq, searchCandidates, recentWindow)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	// Only a one-word query goes through the windows: matches of several
	// words together are rarer, seldom fill a window, and every window
	// would read each word's posting list again.
	if len(ids) < searchCandidates && len(q.Groups) == 1 && len(q.Groups[0]) == 1 {
		if ids, err = s.searchNewest(ctx, tsq); err != nil {
			return nil, err
		}
	}
	if len(ids) < searchCandidates {
		rows, _ := s.pool.Query(ctx, `SELECT id FROM statements WHERE tsv @@ to_tsquery('english', $1)
			ORDER BY id + 0 DESC LIMIT $2`, tsq, searchCandidates)
		if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return nil, err
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM statements s JOIN articles a ON a.id = s.article_id, to_tsquery('english', $1) q
		WHERE s.id = ANY($2)
		ORDER BY ts_rank(s.tsv, q) DESC, a.published_at DESC NULLS LAST, s.id DESC
		LIMIT $3`, tsq, ids, limitArg(limit))
}

// indexWindows are the spans of newest statements a search asks the GIN
// index about, one after the other, before it asks about every
// statement: a word of middling frequency (too rare for recentWindow,
// with thousands of matches in all) then visits only the table pages of
// its matches among the newest statements instead of all of them. The
// newest searchCandidates matches found in a window are the newest of
// all, so the answer is the same as the unbounded query's.
var indexWindows = []int64{30_000, 300_000}

// searchNewest returns the newest searchCandidates matches of tsq within
// the first of indexWindows that holds that many, or what the last window
// tried holds. It stops early when the matches of a window, scaled to the
// next, would still be too few: a rare word then goes straight to the
// whole index. Index scans are off for these statements so the planner
// ANDs the GIN bitmap with the primary key's range instead of walking the
// key backwards through every row.
func (s *Store) searchNewest(ctx context.Context, tsq string) ([]int64, error) {
	var ids []int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var newest int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM statements`).Scan(&newest); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SET LOCAL enable_indexscan = off`); err != nil {
			return err
		}
		for i, window := range indexWindows {
			rows, _ := tx.Query(ctx, `SELECT id FROM statements
				WHERE tsv @@ to_tsquery('english', $1) AND id > $3
				ORDER BY id DESC LIMIT $2`, tsq, searchCandidates, newest-window)
			var err error
			if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
				return err
			}
			if len(ids) >= searchCandidates || i+1 == len(indexWindows) ||
				int64(len(ids))*(indexWindows[i+1]/window) < searchCandidates {
				return nil
			}
		}
		return nil
	})
	return ids, err
}

// StatementsBySpeaker returns the latest statements of the speakers name
// resolves to in the registry (an alias or every word whole, else word
// prefixes or a substring; never a guess), newest first.
func (s *Store) StatementsBySpeaker(ctx context.Context, name string, limit int) ([]briefbot.StatementHit, error) {
	found, _, err := registry.Find(ctx, lookups{s}, name, maxSpeakersPerLookup, false)
	if err != nil {
		return nil, fmt.Errorf("postgres: statements by speaker: %w", err)
	}
	ids := make([]int64, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	hits, err := s.StatementsOf(ctx, ids, limit)
	if err != nil {
		return nil, fmt.Errorf("postgres: statements by speaker: %w", err)
	}
	return hits, nil
}

// maxSpeakersPerLookup bounds how many speakers one name lookup merges.
const maxSpeakersPerLookup = 10

// Speakers lists speakers for autocomplete, most quoted first: those with
// a word beginning with each word of fragment, then those containing it;
// all when fragment is empty.
func (s *Store) Speakers(ctx context.Context, fragment string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 1000
	}
	l := lookups{s}
	var found []registry.Found
	var err error
	if key := registry.Key(fragment); key == "" {
		found, err = l.found(ctx, `SELECT id, statements FROM speakers WHERE statements > 0
			ORDER BY statements DESC, name COLLATE "C" LIMIT $1`, limit)
	} else {
		found, err = registry.Complete(ctx, l, key, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: speakers: %w", err)
	}
	sps, err := s.speakersByID(ctx, found)
	if err != nil {
		return nil, fmt.Errorf("postgres: speakers: %w", err)
	}
	names := make([]string, 0, len(sps))
	for _, sp := range sps {
		names = append(names, sp.Name)
	}
	return names, nil
}
