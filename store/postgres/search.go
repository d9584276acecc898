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

// search ranks the newest searchCandidates matches of q (newestMatches)
// by ts_rank and loads the best limit of them.
func (s *Store) search(ctx context.Context, q textsearch.Query, limit int) ([]briefbot.StatementHit, error) {
	tsq := q.TSQuery()
	ids, err := s.newestMatches(ctx, q, searchCandidates)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM statements s JOIN articles a ON a.id = s.article_id, to_tsquery('english', $1) q
		WHERE s.id = ANY($2)
		ORDER BY ts_rank(s.tsv, q) DESC, a.published_at DESC NULLS LAST, s.id DESC
		LIMIT $3`, tsq, ids, limitArg(limit))
}

// findText is FindStatements for a text query without a speaker: the
// statements in the order they were stored, newest first (as SQLite's
// FTS5 streams them), so a page needs only the newest offset+limit
// matches (newestMatches) instead of sorting every match of a common
// word by date (125 ms for two words, 154 ms for a word and a NOT at a
// million statements). With dates, or oldest first, it reads every match.
func (s *Store) findText(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.StatementHit, error) {
	q := textsearch.Parse(f.Query)
	if q.Empty() {
		return nil, nil
	}
	order := `s.id DESC`
	if f.Oldest {
		order = `s.id`
	}
	if f.Limit <= 0 || f.Oldest || !f.Since.IsZero() || !f.Until.IsZero() {
		from, args, _ := filterSQL(f, true)
		n := len(args)
		return s.queryHits(ctx, `SELECT `+rowmap.HitColumns+` FROM `+from+`
			ORDER BY `+order+fmt.Sprintf(` LIMIT $%d OFFSET $%d`, n+1, n+2), append(args, limitArg(f.Limit), max(f.Offset, 0))...)
	}
	offset := max(f.Offset, 0)
	ids, err := s.newestMatches(ctx, q, offset+f.Limit)
	if err != nil || len(ids) <= offset {
		return nil, err
	}
	return s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM statements s JOIN articles a ON a.id = s.article_id
		WHERE s.id = ANY($1) ORDER BY `+order, ids[offset:])
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
