package sqlite

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

func (s *Store) queryHits(ctx context.Context, query string, args ...any) ([]briefbot.StatementHit, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []briefbot.StatementHit
	for rows.Next() {
		h, err := rowmap.Hit(rows, goTime)
		if err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// SearchStatements matches every word of query (the last as a prefix)
// against statement text and speaker, best BM25 rank first. The FTS5
// expression is built from word tokens only, so no input is a syntax error;
// input without any word returns no hits.
func (s *Store) SearchStatements(ctx context.Context, query string, limit int) ([]briefbot.StatementHit, error) {
	q := textsearch.Parse(query)
	if q.Empty() {
		return nil, nil
	}
	hits, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM statements_fts f
		JOIN statements s ON s.id = f.rowid
		JOIN articles a ON a.id = s.article_id
		WHERE statements_fts MATCH ?
		ORDER BY bm25(statements_fts), a.published_at DESC, s.id DESC
		LIMIT ?`, q.FTS5(), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: search statements %q: %w", query, err)
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
		WHERE s.speaker_key LIKE ? ESCAPE '\'
		ORDER BY coalesce(a.published_at, a.fetched_at) DESC, s.article_id DESC, s.seq
		LIMIT ?`, textsearch.LikePattern(name), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: statements by speaker %q: %w", name, err)
	}
	return hits, nil
}

// Speakers lists distinct non-empty speakers containing fragment (all when
// empty), most quoted first.
func (s *Store) Speakers(ctx context.Context, fragment string, limit int) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT speaker FROM statements
		WHERE speaker <> '' AND speaker_key LIKE ? ESCAPE '\'
		GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT ?`,
		textsearch.LikePattern(fragment), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: speakers %q: %w", fragment, err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlite: speakers: %w", err)
		}
		names = append(names, n)
	}
	return names, rows.Err()
}
