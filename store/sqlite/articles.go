package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// maxChunk is the most rows one multi-row INSERT carries. Statements for
// 1..maxChunk rows are prepared once and cached (see Store.stmt), so
// SaveArticle neither re-parses SQL nor steps once per row.
const maxChunk = 64

// insertExec is one prepared multi-row INSERT and its arguments.
type insertExec struct {
	stmt *sql.Stmt
	cols int // values per row
	args []any
	// statements is set for statement rows, whose speaker and speaker_id
	// are filled in once the speaker registry has resolved them.
	statements bool
}

// planInserts splits flat (ncols values per row) into cached multi-row
// INSERTs. It must run outside a write transaction: preparing needs the
// single writer connection.
func (s *Store) planInserts(ctx context.Context, head string, ncols int, flat []any) ([]insertExec, error) {
	row := "(" + placeholders(ncols) + ")"
	var plan []insertExec
	for len(flat) > 0 {
		n := min(len(flat)/ncols, maxChunk)
		stmt, err := s.stmt(ctx, head+" VALUES "+strings.Repeat(row+", ", n-1)+row)
		if err != nil {
			return nil, err
		}
		plan = append(plan, insertExec{stmt: stmt, cols: ncols, args: flat[:n*ncols]})
		flat = flat[n*ncols:]
	}
	return plan, nil
}

// runInserts executes a plan inside tx.
func runInserts(ctx context.Context, tx *sql.Tx, plan []insertExec) error {
	for _, p := range plan {
		if _, err := tx.StmtContext(ctx, p.stmt).ExecContext(ctx, p.args...); err != nil {
			return err
		}
	}
	return nil
}

// KnownArticles reports which keys match a stored article hash or URL.
func (s *Store) KnownArticles(ctx context.Context, keys []string) (map[string]bool, error) {
	known := make(map[string]bool)
	for len(keys) > 0 {
		n := min(len(keys), 500)
		args := make([]any, 0, 2*n)
		for _, k := range keys[:n] {
			args = append(args, k)
		}
		args = append(args, args...)
		ph := placeholders(n)
		rows, err := s.r.QueryContext(ctx, `SELECT hash FROM articles WHERE hash IN (`+ph+`)
			UNION SELECT url FROM articles WHERE url IN (`+ph+`) AND url <> ''`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: known articles: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: known articles: %w", err)
			}
			known[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: known articles: %w", err)
		}
		keys = keys[n:]
	}
	return known, nil
}

// SaveArticle stores a, its statements, actors and mentions in one
// transaction with multi-row inserts. A duplicate hash or non-empty URL
// stores nothing and returns false.
func (s *Store) SaveArticle(ctx context.Context, a *briefbot.Article) (bool, error) {
	created, err := s.SaveArticles(ctx, []*briefbot.Article{a})
	if err != nil {
		return false, err
	}
	return created[0], nil
}

// SaveArticles stores many articles in one transaction, each with
// SaveArticle's semantics: created[i] reports whether arts[i] was new (a
// duplicate of an earlier article of the batch is not), and new articles
// get their IDs. On error nothing of arts is stored.
//
// Concurrent calls share transactions (group commit, see saveQueue): a
// cold poll cycle's feeds are written a few hundred articles per commit
// instead of one commit per feed. A call returns only once its articles
// are committed (or not written at all), so a caller never takes an
// article for stored before it is.
func (s *Store) SaveArticles(ctx context.Context, arts []*briefbot.Article) ([]bool, error) {
	r := &saveRequest{ctx: ctx, arts: arts, plans: make([][]insertExec, len(arts)), ids: make([]int64, len(arts))}
	for i, a := range arts {
		var err error
		if r.plans[i], err = s.planArticle(ctx, a); err != nil {
			return nil, fmt.Errorf("sqlite: save article %q: %w", a.Hash, err)
		}
	}
	if len(arts) > 0 {
		s.saves.save(s, r)
	}
	if r.err != nil {
		return nil, fmt.Errorf("sqlite: save articles: %w", r.err)
	}
	created := make([]bool, len(arts))
	for i, a := range arts {
		if r.ids[i] == 0 {
			continue
		}
		created[i] = true
		a.ID = r.ids[i]
		for j := range a.Statements {
			a.Statements[j].ArticleID = r.ids[i]
		}
	}
	return created, nil
}

// writeArticles stores the articles of reqs in one transaction, setting
// each request's ids (0: a duplicate). On error nothing is stored and
// every request's ids and speaker IDs are cleared.
func (s *Store) writeArticles(ctx context.Context, reqs []*saveRequest) error {
	insertArticle, err := s.stmt(ctx, `INSERT INTO articles (feed_id, feed_name, hash, guid, url, title, author,
			teaser, body, summary, published_at, fetched_at, silent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING
		RETURNING id`)
	if err != nil {
		return err
	}
	speakers, err := s.newSpeakerWrites(ctx)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		var lastStatement int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM statements`).Scan(&lastStatement); err != nil {
			return err
		}
		ins := tx.StmtContext(ctx, insertArticle)
		for _, r := range reqs {
			if err := s.insertArticles(ctx, tx, ins, speakers, r); err != nil {
				return err
			}
		}
		// One FTS5 insert for the whole transaction (see migration 9).
		if _, err := tx.ExecContext(ctx, `INSERT INTO statements_fts(rowid, body, speaker)
			SELECT id, body, speaker FROM statements WHERE id > ?`, lastStatement); err != nil {
			return fmt.Errorf("index statements: %w", err)
		}
		// One speaker_weeks upsert per speaker and week (see migration 11).
		// NOT INDEXED keeps the rowid range: otherwise the planner reads
		// all of statements_by_speaker to save a GROUP BY sort.
		if _, err := tx.ExecContext(ctx, `INSERT INTO speaker_weeks (speaker_id, week, statements)
			SELECT speaker_id, (said_at/1000000 + 259200) / 604800, count(*) FROM statements NOT INDEXED
			WHERE id > ? AND speaker_id IS NOT NULL AND said_at IS NOT NULL GROUP BY 1, 2
			ON CONFLICT (speaker_id, week) DO UPDATE SET statements = statements + excluded.statements`, lastStatement); err != nil {
			return fmt.Errorf("speaker weeks: %w", err)
		}
		return speakers.flush(ctx, tx)
	})
	if err != nil {
		s.speakers.reset() // it may name speakers the rollback removed
		for _, r := range reqs {
			clear(r.ids)
			for _, a := range r.arts {
				for j := range a.Statements {
					a.Statements[j].SpeakerID = 0
				}
			}
		}
	}
	return err
}

// insertArticles inserts r's articles with their statements and actors.
func (s *Store) insertArticles(ctx context.Context, tx *sql.Tx, ins *sql.Stmt, speakers *speakerWrites, r *saveRequest) error {
	for i, a := range r.arts {
		var feedID any
		if a.FeedID != 0 {
			feedID = a.FeedID
		}
		err := ins.QueryRowContext(ctx, feedID, a.FeedName, a.Hash, a.GUID, a.URL, a.Title, a.Author,
			a.Teaser, a.Text, a.Summary, dbTime(a.PublishedAt), dbTime(a.FetchedAt), a.Silent).Scan(&r.ids[i])
		if errors.Is(err, sql.ErrNoRows) {
			continue // duplicate: store nothing of it
		}
		if err != nil {
			return fmt.Errorf("article %q: %w", a.Hash, err)
		}
		if err := s.resolveSpeakers(ctx, tx, speakers, a, saidAt(a)); err != nil {
			return fmt.Errorf("article %q: speakers: %w", a.Hash, err)
		}
		// Every row's first value is its article_id, unknown until now;
		// statement rows also get their registered speaker.
		st := 0
		for _, p := range r.plans[i] {
			for j := 0; j < len(p.args); j += p.cols {
				p.args[j] = r.ids[i]
				if p.statements {
					p.args[j+statementSpeakerCol] = a.Statements[st].Speaker
					p.args[j+statementKeyCol] = textsearch.Fold(a.Statements[st].Speaker)
					if id := a.Statements[st].SpeakerID; id != 0 {
						p.args[j+statementSpeakerIDCol] = id
					} else {
						p.args[j+statementSpeakerIDCol] = nil
					}
					st++
				}
			}
		}
		if err := runInserts(ctx, tx, r.plans[i]); err != nil {
			return fmt.Errorf("article %q: %w", a.Hash, err)
		}
	}
	return nil
}

// Positions of the speaker and speaker_id values in a statement row.
const (
	statementSpeakerCol   = 9
	statementSpeakerIDCol = 10
	statementKeyCol       = 18
)

// saidAt is when an article's statements were made, for ordering: its
// publication time, else its fetch time; nil when neither is known.
func saidAt(a *briefbot.Article) *int64 {
	t := a.PublishedAt
	if t.IsZero() {
		t = a.FetchedAt
	}
	if t.IsZero() {
		return nil
	}
	us := t.UTC().UnixMicro()
	return &us
}

// planArticle prepares the statement, actor and mention inserts of a; the
// article_id of each row is filled in once the article row exists.
func (s *Store) planArticle(ctx context.Context, a *briefbot.Article) ([]insertExec, error) {
	var plan []insertExec
	if len(a.Statements) > 0 {
		const cols = 19
		flat := make([]any, 0, cols*len(a.Statements))
		at := saidAt(a)
		for i, st := range a.Statements {
			flat = append(flat, nil, i, st.Text, st.Start, st.End, st.Kind,
				st.Cue.Text, st.Cue.Start, st.Cue.End,
				st.Speaker, nil,
				st.SpeakerMention.Text, st.SpeakerMention.Start, st.SpeakerMention.End,
				st.Score, st.SpeakerRole, st.SpeakerAffiliation, ptrArg(at), "")
		}
		p, err := s.planInserts(ctx, `INSERT INTO statements (article_id, seq, body, start_off, end_off, kind,
				cue_text, cue_start, cue_end, speaker, speaker_id, mention_text, mention_start, mention_end,
				score, speaker_role, speaker_affiliation, said_at, speaker_key)`, cols, flat)
		if err != nil {
			return nil, fmt.Errorf("statements: %w", err)
		}
		for i := range p {
			p[i].statements = true
		}
		plan = append(plan, p...)
	}
	if len(a.Actors) > 0 {
		// Mentions go in a JSON column of their actor (migration 10): no
		// query looks into them, and one row per mention was most of an
		// article's rows.
		const cols = 9
		flat := make([]any, 0, cols*len(a.Actors))
		for i, ac := range a.Actors {
			mentions, err := json.Marshal(ac.Mentions)
			if err != nil {
				return nil, fmt.Errorf("actor mentions: %w", err)
			}
			if ac.Mentions == nil {
				mentions = []byte("[]")
			}
			flat = append(flat, nil, i, ac.Name, textsearch.Fold(ac.Name), ac.Type, ac.Role, ac.Affiliation, jsonList(ac.Aliases), string(mentions))
		}
		p, err := s.planInserts(ctx, `INSERT INTO actors (article_id, seq, name, name_key, type, role, affiliation, aliases, mentions)`, cols, flat)
		if err != nil {
			return nil, fmt.Errorf("actors: %w", err)
		}
		plan = append(plan, p...)
	}
	return plan, nil
}

// RecentArticles returns articles fetched at or after since (all when since
// is zero), newest first, with statements and actors.
func (s *Store) RecentArticles(ctx context.Context, since time.Time, limit int) ([]briefbot.Article, error) {
	var sinceArg int64 = -1 << 63
	if !since.IsZero() {
		sinceArg = since.UTC().UnixMicro()
	}
	arts, err := s.queryArticles(ctx, `SELECT `+rowmap.ArticleColumns+` FROM articles
		WHERE coalesce(fetched_at, -9223372036854775808) >= ?
		ORDER BY fetched_at DESC, id DESC LIMIT ?`, sinceArg, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: recent articles: %w", err)
	}
	return arts, nil
}

// UndispatchedArticles returns non-silent, undispatched articles in the
// order they were stored.
func (s *Store) UndispatchedArticles(ctx context.Context, limit int) ([]briefbot.Article, error) {
	arts, err := s.queryArticles(ctx, `SELECT `+rowmap.ArticleColumns+` FROM articles
		WHERE dispatched_at IS NULL AND silent = 0 ORDER BY id LIMIT ?`, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("sqlite: undispatched articles: %w", err)
	}
	return arts, nil
}

// MarkDispatched stamps the articles as matched against subscriptions.
func (s *Store) MarkDispatched(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	now := time.Now().UTC().UnixMicro()
	err := s.write(ctx, func(tx *sql.Tx) error {
		for len(ids) > 0 {
			n := min(len(ids), 500)
			args := []any{now}
			for _, id := range ids[:n] {
				args = append(args, id)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET dispatched_at = ?
				WHERE dispatched_at IS NULL AND id IN (`+placeholders(n)+`)`, args...); err != nil {
				return err
			}
			ids = ids[n:]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlite: mark dispatched: %w", err)
	}
	return nil
}

// CountArticles returns the number of stored articles.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count articles: %w", err)
	}
	return n, nil
}

// queryArticles runs an article query and attaches statements and actors.
func (s *Store) queryArticles(ctx context.Context, query string, args ...any) ([]briefbot.Article, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var arts []briefbot.Article
	for rows.Next() {
		a, err := rowmap.Article(rows, goTime)
		if err != nil {
			rows.Close()
			return nil, err
		}
		arts = append(arts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.attachDetails(ctx, arts); err != nil {
		return nil, err
	}
	return arts, nil
}

// attachDetails loads statements, actors and mentions of arts with three
// queries per 500 articles.
func (s *Store) attachDetails(ctx context.Context, arts []briefbot.Article) error {
	index := make(map[int64]*briefbot.Article, len(arts))
	for i := range arts {
		index[arts[i].ID] = &arts[i]
	}
	for start := 0; start < len(arts); start += 500 {
		chunk := arts[start:min(len(arts), start+500)]
		args := make([]any, len(chunk))
		for i, a := range chunk {
			args[i] = a.ID
		}
		in := `(` + placeholders(len(chunk)) + `)`

		rows, err := s.r.QueryContext(ctx, `SELECT `+rowmap.StatementColumns+` FROM statements
			WHERE article_id IN `+in+` ORDER BY article_id, seq`, args...)
		if err != nil {
			return fmt.Errorf("statements: %w", err)
		}
		for rows.Next() {
			st, err := rowmap.Statement(rows)
			if err != nil {
				rows.Close()
				return err
			}
			a := index[st.ArticleID]
			a.Statements = append(a.Statements, st)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}

		rows, err = s.r.QueryContext(ctx, `SELECT article_id, name, type, role, affiliation, aliases, mentions FROM actors
			WHERE article_id IN `+in+` ORDER BY article_id, seq`, args...)
		if err != nil {
			return fmt.Errorf("actors: %w", err)
		}
		for rows.Next() {
			var (
				id                int64
				ac                briefbot.Actor
				aliases, mentions string
			)
			if err := rows.Scan(&id, &ac.Name, &ac.Type, &ac.Role, &ac.Affiliation, &aliases, &mentions); err != nil {
				rows.Close()
				return err
			}
			if err := json.Unmarshal([]byte(aliases), &ac.Aliases); err != nil {
				rows.Close()
				return fmt.Errorf("actor aliases: %w", err)
			}
			if err := json.Unmarshal([]byte(mentions), &ac.Mentions); err != nil {
				rows.Close()
				return fmt.Errorf("actor mentions: %w", err)
			}
			if len(ac.Mentions) == 0 {
				ac.Mentions = nil // rows saved before migration 10 keep theirs in actor_mentions
			}
			a := index[id]
			a.Actors = append(a.Actors, ac)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}

		// Actors saved before migration 10.
		rows, err = s.r.QueryContext(ctx, `SELECT article_id, actor_seq, text, start_off, end_off FROM actor_mentions
			WHERE article_id IN `+in+` ORDER BY article_id, actor_seq, seq`, args...)
		if err != nil {
			return fmt.Errorf("actor mentions: %w", err)
		}
		for rows.Next() {
			var (
				id  int64
				seq int
				m   briefbot.Span
			)
			if err := rows.Scan(&id, &seq, &m.Text, &m.Start, &m.End); err != nil {
				rows.Close()
				return err
			}
			if a := index[id]; seq < len(a.Actors) {
				a.Actors[seq].Mentions = append(a.Actors[seq].Mentions, m)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
