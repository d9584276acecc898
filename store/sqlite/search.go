package sqlite

import (
	"context"
	"fmt"
	"slices"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/registry"
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

// searchCandidates bounds how many of the newest matches a search ranks.
// Ranking every match of a common word would score a large share of all
// statements; the newest few hundred hold the best recent ones.
const searchCandidates = 200

// SearchStatements matches every word of query (the last as a prefix)
// against statement text and speaker, and ranks the newest
// searchCandidates matches by a BM25-like score, best first. FTS5 walks its doclists
// newest rowid first and stops at the bound, so a common word costs no
// more than a rare one. The last word is first matched whole (a prefix
// would merge every matching word's doclist up front), then, when that
// finds fewer than limit, as a prefix. The FTS5 expression is built from word tokens
// only, so no input is a syntax error; input without any word returns no
// hits.
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
		return nil, fmt.Errorf("sqlite: search statements: %w", err)
	}
	return hits, nil
}

// search ranks the newest searchCandidates matches of q (textsearch.Rank:
// FTS5's bm25() would first count every match of each word for its
// inverse document frequency) and loads the best limit of them.
func (s *Store) search(ctx context.Context, q textsearch.Query, limit int) ([]briefbot.StatementHit, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT s.id, s.speaker || ' ' || s.body FROM (
			SELECT rowid AS id FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rowid DESC LIMIT ?
		) c JOIN statements s ON s.id = c.id`, q.FTS5(), searchCandidates)
	if err != nil {
		return nil, err
	}
	var docs []textsearch.Doc
	for rows.Next() {
		var d textsearch.Doc
		if err := rows.Scan(&d.ID, &d.Text); err != nil {
			rows.Close()
			return nil, err
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(docs) == 0 {
		return nil, err
	}
	ids := q.Rank(docs)
	if limit > 0 && len(ids) > limit {
		ids = ids[:limit]
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	hits, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+` FROM statements s JOIN articles a ON a.id = s.article_id
		WHERE s.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	slices.SortFunc(hits, func(a, b briefbot.StatementHit) int { return pos[a.ID] - pos[b.ID] })
	return hits, nil
}

// StatementsBySpeaker returns the latest statements of the speakers name
// resolves to in the registry (an alias or every word whole, else word
// prefixes or a substring; never a guess), newest first.
func (s *Store) StatementsBySpeaker(ctx context.Context, name string, limit int) ([]briefbot.StatementHit, error) {
	found, _, err := registry.Find(ctx, lookups{s}, name, maxSpeakersPerLookup, false)
	if err != nil {
		return nil, fmt.Errorf("sqlite: statements by speaker: %w", err)
	}
	hits, err := s.StatementsOf(ctx, foundIDs(found), limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: statements by speaker: %w", err)
	}
	return hits, nil
}

// maxSpeakersPerLookup bounds how many speakers one name lookup merges.
const maxSpeakersPerLookup = 10

func foundIDs(found []registry.Found) []int64 {
	ids := make([]int64, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	return ids
}

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
			ORDER BY statements DESC, name LIMIT ?`, limit)
	} else {
		found, err = registry.Complete(ctx, l, key, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: speakers: %w", err)
	}
	sps, err := s.speakersByID(ctx, found)
	if err != nil {
		return nil, fmt.Errorf("sqlite: speakers: %w", err)
	}
	names := make([]string, 0, len(sps))
	for _, sp := range sps {
		if sp.Statements > 0 {
			names = append(names, sp.Name)
		}
	}
	return names, nil
}
