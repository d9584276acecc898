package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

const statementColumns = `id, article_id, body, start_off, end_off, kind, cue_text, cue_start, cue_end,
	speaker, mention_text, mention_start, mention_end, score, speaker_role, speaker_affiliation`

func scanStatement(row pgx.Row, extra ...any) (briefbot.Statement, error) {
	var st briefbot.Statement
	dest := append([]any{&st.ID, &st.ArticleID, &st.Text, &st.Start, &st.End, &st.Kind,
		&st.Cue.Text, &st.Cue.Start, &st.Cue.End, &st.Speaker,
		&st.SpeakerMention.Text, &st.SpeakerMention.Start, &st.SpeakerMention.End,
		&st.Score, &st.SpeakerRole, &st.SpeakerAffiliation}, extra...)
	err := row.Scan(dest...)
	return st, err
}

var hitColumns = prefixed("s.", statementColumns) + `, a.title, a.url, a.feed_name, a.published_at`

func (s *Store) queryHits(ctx context.Context, query string, args ...any) ([]briefbot.StatementHit, error) {
	rows, _ := s.pool.Query(ctx, query, args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (briefbot.StatementHit, error) {
		var (
			h         briefbot.StatementHit
			published pgtype.Timestamptz
			err       error
		)
		h.Statement, err = scanStatement(row, &h.ArticleTitle, &h.ArticleURL, &h.FeedName, &published)
		h.PublishedAt = goTime(published)
		return h, err
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
	hits, err := s.queryHits(ctx, `SELECT `+hitColumns+`
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
	hits, err := s.queryHits(ctx, `SELECT `+hitColumns+`
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
