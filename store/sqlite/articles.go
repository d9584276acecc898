package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/registry"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// insertSizes are the row counts of the cached multi-row INSERTs: n rows
// go in as the largest sizes that fit (at most 7 statements for the
// tail), all prepared before the write transaction begins, since
// preparing needs the single writer connection the transaction holds.
var insertSizes = []int{64, 32, 16, 8, 4, 2, 1}

// multiInsert is one table's INSERT prepared for every size in
// insertSizes.
type multiInsert struct {
	cols   int               // values per row
	bySize map[int]*sql.Stmt // rows → statement
}

// multiInsert prepares (once; then cached by Store.stmt) head + VALUES
// for each of insertSizes, with tail (ON CONFLICT, RETURNING) after.
func (s *Store) multiInsert(ctx context.Context, head string, cols int, tail string) (*multiInsert, error) {
	m := &multiInsert{cols: cols, bySize: make(map[int]*sql.Stmt, len(insertSizes))}
	row := "(" + placeholders(cols) + ")"
	for _, n := range insertSizes {
		st, err := s.stmt(ctx, head+" VALUES "+strings.Repeat(row+", ", n-1)+row+tail)
		if err != nil {
			return nil, err
		}
		m.bySize[n] = st
	}
	return m, nil
}

// chunks calls fn for consecutive runs of flat (m.cols values per row),
// each with the statement of its size.
func (m *multiInsert) chunks(flat []any, fn func(st *sql.Stmt, args []any) error) error {
	for len(flat) > 0 {
		rows := len(flat) / m.cols
		n := insertSizes[len(insertSizes)-1]
		for _, size := range insertSizes {
			if size <= rows {
				n = size
				break
			}
		}
		if err := fn(m.bySize[n], flat[:n*m.cols]); err != nil {
			return err
		}
		flat = flat[n*m.cols:]
	}
	return nil
}

// exec inserts flat's rows in tx.
func (m *multiInsert) exec(ctx context.Context, tx *sql.Tx, flat []any) error {
	return m.chunks(flat, func(st *sql.Stmt, args []any) error {
		_, err := tx.StmtContext(ctx, st).ExecContext(ctx, args...)
		return err
	})
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
	// Everything that needs no store is done here, in parallel with
	// other callers, not in the single writer's transaction.
	r := &saveRequest{ctx: ctx, arts: arts, rows: make([]articleRows, len(arts)), ids: make([]int64, len(arts))}
	for i, a := range arts {
		var err error
		if r.rows[i], err = rowsOf(a); err != nil {
			return nil, fmt.Errorf("sqlite: save article %q: %w", a.Hash, err)
		}
		r.rows[i].speakers = speakerNames(a)
		r.size += 1 + len(a.Statements) + len(a.Actors)
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

// The multi-row INSERTs of SaveArticles.
const (
	articleInsert = `INSERT INTO articles (feed_id, feed_name, hash, guid, url, title, author,
		teaser, body, summary, published_at, fetched_at, silent)`
	articleCols      = 13
	articleReturning = ` ON CONFLICT DO NOTHING RETURNING id, hash, url`

	// speaker_key is left empty: since migration 7 nothing reads it.
	statementInsert = `INSERT INTO statements (article_id, seq, body, start_off, end_off, kind,
		cue_text, cue_start, cue_end, speaker, speaker_id, mention_text, mention_start, mention_end,
		score, speaker_role, speaker_affiliation, said_at)`
	statementCols = 18

	actorInsert = `INSERT INTO actors (article_id, seq, name, name_key, type, role, affiliation, aliases, mentions)`
	actorCols   = 9
)

// articleWriter holds the prepared INSERTs of one write transaction.
type articleWriter struct {
	articles, statements, actors *multiInsert
	speakers                     *speakerWrites
}

func (s *Store) newArticleWriter(ctx context.Context) (*articleWriter, error) {
	var w articleWriter
	var err error
	if w.articles, err = s.multiInsert(ctx, articleInsert, articleCols, articleReturning); err != nil {
		return nil, err
	}
	if w.statements, err = s.multiInsert(ctx, statementInsert, statementCols, ""); err != nil {
		return nil, err
	}
	if w.actors, err = s.multiInsert(ctx, actorInsert, actorCols, ""); err != nil {
		return nil, err
	}
	if w.speakers, err = s.newSpeakerWrites(ctx); err != nil {
		return nil, err
	}
	return &w, nil
}

// writeArticles stores the articles of reqs in one transaction, setting
// each request's ids (0: a duplicate). Rows of all articles go in
// together, 64 per INSERT: per-statement costs (the statement journal
// copies the pages each INSERT changes, binding, the driver's round
// trip) are then paid per 64 rows, not per article. On error nothing is
// stored and every request's ids and speaker IDs are cleared.
func (s *Store) writeArticles(ctx context.Context, reqs []*saveRequest) error {
	w, err := s.newArticleWriter(ctx)
	if err != nil {
		return err
	}
	committed := false
	defer func() { // also when writing panics
		if committed {
			return
		}
		s.speakers.reset() // it may name speakers the rollback removed
		for _, r := range reqs {
			clear(r.ids)
			for _, a := range r.arts {
				for j := range a.Statements {
					a.Statements[j].SpeakerID = 0
				}
			}
		}
	}()
	err = s.write(ctx, func(tx *sql.Tx) error {
		var lastStatement int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM statements`).Scan(&lastStatement); err != nil {
			return err
		}
		if err := w.insertArticles(ctx, tx, reqs); err != nil {
			return err
		}
		var nStatements, nActors int
		for _, r := range reqs {
			for i := range r.arts {
				if r.ids[i] != 0 {
					nStatements += len(r.rows[i].statements)
					nActors += len(r.rows[i].actors)
				}
			}
		}
		statements, actors := make([]any, 0, nStatements), make([]any, 0, nActors)
		for _, r := range reqs {
			for i, a := range r.arts {
				if r.ids[i] == 0 {
					continue // duplicate: store nothing of it
				}
				if err := s.resolveSpeakers(ctx, tx, w.speakers, a, r.rows[i].speakers, saidAt(a)); err != nil {
					return fmt.Errorf("article %q: speakers: %w", a.Hash, err)
				}
				statements = append(statements, r.rows[i].statementRows(r.ids[i], a)...)
				actors = append(actors, r.rows[i].actorRows(r.ids[i])...)
			}
		}
		if err := w.statements.exec(ctx, tx, statements); err != nil {
			return fmt.Errorf("statements: %w", err)
		}
		if err := w.actors.exec(ctx, tx, actors); err != nil {
			return fmt.Errorf("actors: %w", err)
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
		return w.speakers.flush(ctx, tx)
	})
	committed = err == nil
	return err
}

// insertArticles inserts the article rows of reqs, in order, and sets the
// ids of those inserted. A row that conflicts (same hash, or same
// non-empty URL, as a stored row or an earlier row) is skipped; the
// RETURNING rows say which were inserted, by hash and URL: two rows with
// both equal cannot both be, and the earlier one goes in first.
func (w *articleWriter) insertArticles(ctx context.Context, tx *sql.Tx, reqs []*saveRequest) error {
	type slot struct {
		r *saveRequest
		i int
	}
	var order []slot
	var flat []any
	for _, r := range reqs {
		for i, a := range r.arts {
			var feedID any
			if a.FeedID != 0 {
				feedID = a.FeedID
			}
			order = append(order, slot{r, i})
			flat = append(flat, feedID, a.FeedName, a.Hash, a.GUID, a.URL, a.Title, a.Author,
				a.Teaser, a.Text, a.Summary, dbTime(a.PublishedAt), dbTime(a.FetchedAt), a.Silent)
		}
	}
	return w.articles.chunks(flat, func(st *sql.Stmt, args []any) error {
		chunk := order[:len(args)/articleCols]
		order = order[len(chunk):]
		waiting := make(map[[2]string][]slot, len(chunk))
		for _, sl := range chunk {
			a := sl.r.arts[sl.i]
			k := [2]string{a.Hash, a.URL}
			waiting[k] = append(waiting[k], sl)
		}
		rows, err := tx.StmtContext(ctx, st).QueryContext(ctx, args...)
		if err != nil {
			return fmt.Errorf("articles: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var k [2]string
			if err := rows.Scan(&id, &k[0], &k[1]); err != nil {
				return err
			}
			sls := waiting[k]
			if len(sls) == 0 {
				return fmt.Errorf("articles: inserted row %d matches no article", id)
			}
			sls[0].r.ids[sls[0].i] = id
			waiting[k] = sls[1:]
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("articles: %w", err)
		}
		return nil
	})
}

// Positions of the speaker and speaker_id values in a statement row.
const (
	statementSpeakerCol   = 9
	statementSpeakerIDCol = 10
)

// articleRows are an article's statement and actor rows, built by the
// caller (outside the writer) with the article_id, speaker and speaker_id
// values left for the transaction to fill in.
type articleRows struct {
	statements []any // statementCols per statement
	actors     []any // actorCols per actor
	speakers   []registry.Name
}

// statementRows fills in the article ID and the registered speakers.
func (r articleRows) statementRows(id int64, a *briefbot.Article) []any {
	for j, st := 0, 0; j < len(r.statements); j, st = j+statementCols, st+1 {
		r.statements[j] = id
		r.statements[j+statementSpeakerCol] = a.Statements[st].Speaker
		r.statements[j+statementSpeakerIDCol] = nil
		if sid := a.Statements[st].SpeakerID; sid != 0 {
			r.statements[j+statementSpeakerIDCol] = sid
		}
	}
	return r.statements
}

// actorRows fills in the article ID.
func (r articleRows) actorRows(id int64) []any {
	for j := 0; j < len(r.actors); j += actorCols {
		r.actors[j] = id
	}
	return r.actors
}

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

// rowsOf builds a's statement and actor rows.
func rowsOf(a *briefbot.Article) (articleRows, error) {
	var r articleRows
	if len(a.Statements) > 0 {
		r.statements = make([]any, 0, statementCols*len(a.Statements))
		at := ptrArg(saidAt(a))
		for i, st := range a.Statements {
			r.statements = append(r.statements, nil, i, st.Text, st.Start, st.End, st.Kind,
				st.Cue.Text, st.Cue.Start, st.Cue.End,
				st.Speaker, nil,
				st.SpeakerMention.Text, st.SpeakerMention.Start, st.SpeakerMention.End,
				st.Score, st.SpeakerRole, st.SpeakerAffiliation, at)
		}
	}
	if len(a.Actors) > 0 {
		// Mentions go in a JSON column of their actor (migration 10): no
		// query looks into them, and one row per mention was most of an
		// article's rows.
		r.actors = make([]any, 0, actorCols*len(a.Actors))
		for i, ac := range a.Actors {
			mentions, err := json.Marshal(ac.Mentions)
			if err != nil {
				return r, fmt.Errorf("actor mentions: %w", err)
			}
			if ac.Mentions == nil {
				mentions = []byte("[]")
			}
			r.actors = append(r.actors, nil, i, ac.Name, textsearch.Fold(ac.Name), ac.Type, ac.Role, ac.Affiliation, jsonList(ac.Aliases), string(mentions))
		}
	}
	return r, nil
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
