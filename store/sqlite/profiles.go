package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/profile"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// SpeakerProfile is the registry speaker with what their latest statements add.
func (s *Store) SpeakerProfile(ctx context.Context, id int64) (briefbot.SpeakerProfile, bool, error) {
	var p briefbot.SpeakerProfile
	sp, err := s.SpeakerByID(ctx, id)
	if errors.Is(err, briefbot.ErrNoSpeaker) {
		return p, false, nil
	}
	if err != nil {
		return p, false, err
	}
	p.Speaker = sp
	recent, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM statements s INDEXED BY statements_by_speaker
		JOIN articles a ON a.id = s.article_id
		WHERE s.speaker_id = ?
		ORDER BY s.said_at DESC, s.article_id DESC, s.seq LIMIT ?`, id, profile.RecentStatements)
	if err != nil {
		return p, false, fmt.Errorf("sqlite: profile of speaker %d: %w", id, err)
	}
	profile.Fill(&p, recent)

	rows, err := s.r.QueryContext(ctx, `SELECT name, count(DISTINCT article_id) AS n FROM actors
		WHERE article_id IN (SELECT article_id FROM statements INDEXED BY statements_by_speaker
			WHERE speaker_id = ? ORDER BY said_at DESC LIMIT ?)
		AND name_key <> ?
		GROUP BY name ORDER BY n DESC, name LIMIT ?`, id, profile.RecentArticles, textsearch.Fold(sp.Name), profile.Actors)
	if err != nil {
		return p, false, fmt.Errorf("sqlite: actors of speaker %d: %w", id, err)
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

// filterSQL turns f into a FROM … WHERE clause and its arguments, with
// the articles joined when withArticles. A speaker leads through
// statements_by_speaker (speaker, date); a full-text query without a
// speaker drives the search from the FTS index (ftsLed); otherwise the
// query is a membership test.
func filterSQL(f briefbot.StatementFilter, withArticles bool) (from string, args []any, ftsLed, ok bool) {
	var where []string
	from = `statements s`
	if f.SpeakerID != 0 {
		from = `statements s INDEXED BY statements_by_speaker`
		where = append(where, `s.speaker_id = ?`)
		args = append(args, f.SpeakerID)
	}
	if f.Query != "" {
		q := textsearch.Parse(f.Query)
		if q.Empty() {
			return "", nil, false, false
		}
		if f.SpeakerID == 0 {
			from, ftsLed = `statements_fts f JOIN statements s ON s.id = f.rowid`, true
			where = append(where, `statements_fts MATCH ?`)
		} else {
			where = append(where, `s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)`)
		}
		args = append(args, q.FTS5())
	}
	if withArticles {
		from += ` JOIN articles a ON a.id = s.article_id`
	}
	if !f.Since.IsZero() {
		where = append(where, `s.said_at >= ?`)
		args = append(args, dbTime(f.Since))
	}
	if !f.Until.IsZero() {
		where = append(where, `s.said_at < ?`)
		args = append(args, dbTime(f.Until))
	}
	if len(where) > 0 {
		from += ` WHERE ` + strings.Join(where, ` AND `)
	}
	return from, args, ftsLed, true
}

// SpeakerWeeks counts statements matching f per Monday-based UTC week.
func (s *Store) SpeakerWeeks(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.WeekCount, error) {
	if f.SpeakerID != 0 && f.Query == "" && weekAligned(f.Since) && weekAligned(f.Until) {
		return s.speakerWeeks(ctx, f)
	}
	from, args, _, ok := filterSQL(f, false)
	if !ok {
		return nil, nil
	}
	// Unix time 0 was a Thursday: shifting by three days makes weeks
	// start on Monday.
	const week = `((s.said_at/1000000 + 259200) / 604800)`
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

// weekAligned reports whether t is zero or starts a week.
func weekAligned(t time.Time) bool { return t.IsZero() || briefbot.WeekStart(t).Equal(t) }

// speakerWeeks reads a speaker's weekly counts from speaker_weeks
// (migration 8), the chart's case: whole weeks, no text query.
func (s *Store) speakerWeeks(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.WeekCount, error) {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	if !f.Since.IsZero() {
		lo = (f.Since.Unix() + 259200) / 604800
	}
	if !f.Until.IsZero() {
		hi = (f.Until.Unix() + 259200) / 604800
	}
	rows, err := s.r.QueryContext(ctx, `SELECT week, statements FROM speaker_weeks
		WHERE speaker_id = ? AND week >= ? AND week < ? AND statements > 0 ORDER BY week`, f.SpeakerID, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("sqlite: weekly counts of speaker %d: %w", f.SpeakerID, err)
	}
	defer rows.Close()
	var out []briefbot.WeekCount
	for rows.Next() {
		var w int64
		var n int
		if err := rows.Scan(&w, &n); err != nil {
			return nil, err
		}
		out = append(out, briefbot.WeekCount{Week: time.Unix(w*604800-259200, 0).UTC(), Count: n})
	}
	return out, rows.Err()
}

// FindStatements returns statements matching f, by date (within an
// article in reading order); a text search without a speaker, by the
// order they were stored.
func (s *Store) FindStatements(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.StatementHit, error) {
	from, args, ftsLed, ok := filterSQL(f, true)
	if !ok {
		return nil, nil
	}
	order := `s.said_at DESC, s.article_id DESC, s.seq`
	if f.Oldest {
		order = `s.said_at, s.article_id, s.seq`
	}
	if ftsLed {
		// Sorting every match by date costs seconds for a common word
		// at a million statements; the index streams them newest
		// stored first, which is close to newest said.
		order = `f.rowid DESC`
		if f.Oldest {
			order = `f.rowid`
		}
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
