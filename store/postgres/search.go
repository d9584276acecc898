package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

func (s *Store) queryHits(ctx context.Context, query string, args ...any) ([]briefbot.StatementHit, error) {
	rows, _ := s.pool.Query(ctx, query, args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (briefbot.StatementHit, error) {
		return rowmap.Hit(row, goTime)
	})
}

// SearchStatements matches every word of query (the last as a prefix)
// against statement text and speaker, best ts_rank first. The tsquery is
// built from quoted word tokens only, so no input is a syntax error; input
// without any word returns no hits.
func (s *Store) SearchStatements(ctx context.Context, query string, limit int) ([]briefbot.StatementHit, error) {
	q := textsearch.Parse(query)
	if q.Empty() {
		return nil, nil
	}
	hits, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM to_tsquery('english', $1) q, statements s
		JOIN articles a ON a.id = s.article_id
		WHERE s.tsv @@ q
		ORDER BY ts_rank(s.tsv, q) DESC, a.published_at DESC NULLS LAST, s.id DESC
		LIMIT $2`, q.TSQuery(), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: search statements %q: %w", query, err)
	}
	return hits, nil
}

// StatementsBySpeaker returns the latest statements whose speaker contains
// name, ignoring case and accents.
func (s *Store) StatementsBySpeaker(ctx context.Context, name string, limit int) ([]briefbot.StatementHit, error) {
	if textsearch.Fold(name) == "" {
		return nil, nil
	}
	hits, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM statements s
		JOIN articles a ON a.id = s.article_id
		WHERE s.speaker_key LIKE $1 ESCAPE '\'
		ORDER BY coalesce(a.published_at, a.fetched_at) DESC NULLS LAST, s.article_id DESC, s.seq
		LIMIT $2`, textsearch.LikePattern(name), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: statements by speaker %q: %w", name, err)
	}
	return hits, nil
}

// Speakers lists distinct non-empty speakers containing fragment (all when
// empty), most quoted first.
func (s *Store) Speakers(ctx context.Context, fragment string, limit int) ([]string, error) {
	rows, _ := s.pool.Query(ctx, `SELECT speaker FROM statements
		WHERE speaker <> '' AND speaker_key LIKE $1 ESCAPE '\'
		GROUP BY speaker ORDER BY count(*) DESC, speaker COLLATE "C" LIMIT $2`,
		textsearch.LikePattern(fragment), limitArg(limit))
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: speakers %q: %w", fragment, err)
	}
	return names, nil
}
