package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/profile"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// statementDate is the date a statement counts under, in Unix microseconds.
const statementDate = `coalesce(a.published_at, a.fetched_at)`

// SpeakerProfile summarises the statements stored under key.
func (s *Store) SpeakerProfile(ctx context.Context, key string) (briefbot.SpeakerProfile, bool, error) {
	p := briefbot.SpeakerProfile{Key: key}
	var first, last sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT s.article_id), min(`+statementDate+`), max(`+statementDate+`)
		FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.speaker_key = ?`, key).Scan(&p.Statements, &p.Articles, &first, &last)
	if err != nil {
		return p, false, fmt.Errorf("sqlite: profile of %q: %w", key, err)
	}
	if p.Statements == 0 {
		return p, false, nil
	}
	p.FirstSeen, p.LastSeen = goTime(first), goTime(last)

	recent, err := s.datedHits(ctx, `SELECT `+rowmap.HitColumns+`, `+statementDate+`
		FROM statements s JOIN articles a ON a.id = s.article_id
		WHERE s.speaker_key = ?
		ORDER BY s.article_id DESC, s.seq LIMIT ?`, key, profile.RecentStatements)
	if err != nil {
		return p, false, fmt.Errorf("sqlite: profile of %q: %w", key, err)
	}
	profile.Fill(&p, recent)

	rows, err := s.r.QueryContext(ctx, `SELECT name, count(DISTINCT article_id) AS n FROM actors
		WHERE article_id IN (SELECT DISTINCT article_id FROM statements WHERE speaker_key = ? ORDER BY article_id DESC LIMIT ?)
		AND name_key <> ?
		GROUP BY name ORDER BY n DESC, name LIMIT ?`, key, profile.RecentArticles, key, profile.Actors)
	if err != nil {
		return p, false, fmt.Errorf("sqlite: actors of %q: %w", key, err)
	}
	defer rows.Close()
	for rows.Next() {
		var nc briefbot.NameCount
		if err := rows.Scan(&nc.Name, &nc.Count); err != nil {
			return p, false, err
		}
		p.Actors = append(p.Actors, nc)
	}
	return p, true, rows.Err()
}

func (s *Store) datedHits(ctx context.Context, query string, args ...any) ([]profile.Dated, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []profile.Dated
	for rows.Next() {
		var (
			d  profile.Dated
			at sql.NullInt64
		)
		var published sql.NullInt64
		d.Statement, err = rowmap.Statement(rows, &d.ArticleTitle, &d.ArticleURL, &d.FeedName, &published, &at)
		if err != nil {
			return nil, err
		}
		d.PublishedAt = goTime(published)
		d.Date = goTime(at)
		out = append(out, d)
	}
	return out, rows.Err()
}

// filterSQL turns f into a FROM … WHERE clause and its arguments. A
// full-text query without a speaker drives the search from the FTS index;
// otherwise the speaker index leads and the query is a membership test.
func filterSQL(f briefbot.StatementFilter) (string, []any, bool) {
	var (
		where []string
		args  []any
	)
	from := `statements s JOIN articles a ON a.id = s.article_id`
	if f.Query != "" {
		q := textsearch.Parse(f.Query)
		if q.Empty() {
			return "", nil, false
		}
		if f.Speaker == "" {
			from = `statements_fts f JOIN statements s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id`
			where = append(where, `statements_fts MATCH ?`)
		} else {
			where = append(where, `s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)`)
		}
		args = append(args, q.FTS5())
	}
	if f.Speaker != "" {
		where = append(where, `s.speaker_key = ?`)
		args = append(args, f.Speaker)
	}
	if !f.Since.IsZero() {
		where = append(where, statementDate+` >= ?`)
		args = append(args, dbTime(f.Since))
	}
	if !f.Until.IsZero() {
		where = append(where, statementDate+` < ?`)
		args = append(args, dbTime(f.Until))
	}
	if len(where) > 0 {
		from += ` WHERE ` + strings.Join(where, ` AND `)
	}
	return from, args, true
}

// SpeakerWeeks counts statements matching f per Monday-based UTC week.
func (s *Store) SpeakerWeeks(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.WeekCount, error) {
	from, args, ok := filterSQL(f)
	if !ok {
		return nil, nil
	}
	// Unix time 0 was a Thursday: shifting by three days makes weeks
	// start on Monday.
	const week = `((` + statementDate + `/1000000 + 259200) / 604800)`
	rows, err := s.r.QueryContext(ctx, `SELECT `+week+` AS w, count(*) FROM `+from+`
		GROUP BY w ORDER BY w`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: weekly counts: %w", err)
	}
	defer rows.Close()
	var out []briefbot.WeekCount
	for rows.Next() {
		var (
			w sql.NullInt64
			n int
		)
		if err := rows.Scan(&w, &n); err != nil {
			return nil, err
		}
		if !w.Valid {
			continue // undated
		}
		out = append(out, briefbot.WeekCount{Week: time.Unix(w.Int64*604800-259200, 0).UTC(), Count: n})
	}
	return out, rows.Err()
}

// FindStatements returns statements matching f, by date.
func (s *Store) FindStatements(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.StatementHit, error) {
	from, args, ok := filterSQL(f)
	if !ok {
		return nil, nil
	}
	// Within an article, statements keep their reading order.
	order := statementDate + ` DESC, s.article_id DESC, s.seq`
	if f.Oldest {
		order = statementDate + `, s.article_id, s.seq`
	}
	hits, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+` FROM `+from+`
		ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, limitArg(f.Limit), max(f.Offset, 0))...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find statements: %w", err)
	}
	return hits, nil
}

// Article returns the article with id, statements and actors attached.
func (s *Store) Article(ctx context.Context, id int64) (briefbot.Article, bool, error) {
	arts, err := s.queryArticles(ctx, `SELECT `+rowmap.ArticleColumns+` FROM articles WHERE id = ?`, id)
	if err != nil {
		return briefbot.Article{}, false, fmt.Errorf("sqlite: article %d: %w", id, err)
	}
	if len(arts) == 0 {
		return briefbot.Article{}, false, nil
	}
	return arts[0], true, nil
}

// OutboxSummary counts pending and failed deliveries.
func (s *Store) OutboxSummary(ctx context.Context, limit int) (briefbot.OutboxSummary, error) {
	var sum briefbot.OutboxSummary
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM deliveries WHERE status = 'pending'),
		(SELECT count(*) FROM deliveries WHERE status = 'failed')`).Scan(&sum.Pending, &sum.Failed)
	if err != nil {
		return sum, fmt.Errorf("sqlite: outbox summary: %w", err)
	}
	sum.LatestFailed, err = collectDeliveries(s.r.QueryContext(ctx, `SELECT `+rowmap.DeliveryColumns+` FROM deliveries
		WHERE status = 'failed' ORDER BY id DESC LIMIT ?`, limitArg(limit)))
	if err != nil {
		return sum, fmt.Errorf("sqlite: failed deliveries: %w", err)
	}
	return sum, nil
}
