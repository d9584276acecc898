package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/registry"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// speakerCache remembers resolved speaker keys, so a batch of articles
// quoting known speakers costs no lookups. Speakers are never deleted, so
// entries only go stale by rename (kept in step) or a rolled-back write
// (the cache is then dropped).
type speakerCache struct {
	mu    sync.Mutex
	byKey map[string]cachedSpeaker
}

type cachedSpeaker struct {
	id   int64
	name string
}

const speakerCacheMax = 200_000

func (c *speakerCache) get(key string) (cachedSpeaker, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sp, ok := c.byKey[key]
	return sp, ok
}

func (c *speakerCache) put(key string, sp cachedSpeaker) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil || len(c.byKey) >= speakerCacheMax {
		c.byKey = make(map[string]cachedSpeaker)
	}
	c.byKey[key] = sp
}

func (c *speakerCache) reset() {
	c.mu.Lock()
	c.byKey = nil
	c.mu.Unlock()
}

// The registry's write statements, prepared on the writer before a write
// transaction begins.
const (
	sqlAliasLookup = `SELECT a.speaker_id, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
		WHERE a.alias_key = ? ORDER BY a.kind = 'initial', s.statements DESC, s.id LIMIT 1`
	sqlWrittenLookup = `SELECT a.speaker_id, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
		WHERE a.alias_key = ? AND a.kind = 'name' ORDER BY s.statements DESC, s.id LIMIT 1`
	sqlInsertSpeaker = `INSERT INTO speakers (name, name_key) VALUES (?, ?)
		ON CONFLICT (name_key) DO UPDATE SET name = name RETURNING id, name`
	sqlInsertAlias = `INSERT OR IGNORE INTO speaker_aliases (alias_key, speaker_id, kind, alias) VALUES (?, ?, ?, ?)`
	sqlInsertWord  = `INSERT OR IGNORE INTO speaker_words (word, speaker_id) VALUES (?, ?)`
	sqlRename      = `UPDATE speakers SET name = ? WHERE id = ?`
	// Counts add up; the latest role wins when it is not older than the
	// stored one (SET expressions all see the row before the update).
	sqlCounts = `UPDATE speakers SET statements = statements + ?1, articles = articles + ?2,
		first_seen = min(coalesce(first_seen, ?3), coalesce(?3, first_seen)),
		last_seen = max(coalesce(last_seen, ?4), coalesce(?4, last_seen)),
		role = CASE WHEN (?5 <> '' OR ?6 <> '') AND coalesce(?4, 0) >= coalesce(last_seen, 0) THEN ?5 ELSE role END,
		affiliation = CASE WHEN (?5 <> '' OR ?6 <> '') AND coalesce(?4, 0) >= coalesce(last_seen, 0) THEN ?6 ELSE affiliation END
		WHERE id = ?7`
	sqlRole = `INSERT INTO speaker_roles (speaker_id, role, affiliation, first_seen, last_seen, statements)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT DO UPDATE SET first_seen = min(coalesce(first_seen, excluded.first_seen), coalesce(excluded.first_seen, first_seen)),
			last_seen = max(coalesce(last_seen, excluded.last_seen), coalesce(excluded.last_seen, last_seen)),
			statements = statements + excluded.statements`
)

var registryStmts = []string{sqlAliasLookup, sqlWrittenLookup, sqlInsertSpeaker, sqlInsertAlias, sqlInsertWord, sqlRename, sqlCounts, sqlRole}

// speakerWrites gathers what a write transaction adds to speakers' counts
// and roles, applied once per speaker at the end.
type speakerWrites struct {
	stmts  map[string]*sql.Stmt
	counts map[int64]*speakerDelta
	roles  map[roleKey]*roleDelta
}

type speakerDelta struct {
	statements, articles int
	first, last          *int64
	role, affiliation    string // of the latest statement
}

type roleKey struct {
	id                int64
	role, affiliation string
}

type roleDelta struct {
	first, last *int64
	statements  int
}

func (s *Store) newSpeakerWrites(ctx context.Context) (*speakerWrites, error) {
	w := &speakerWrites{stmts: map[string]*sql.Stmt{}, counts: map[int64]*speakerDelta{}, roles: map[roleKey]*roleDelta{}}
	for _, q := range registryStmts {
		st, err := s.stmt(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("prepare speaker registry: %w", err)
		}
		w.stmts[q] = st
	}
	return w, nil
}

// speakerNames resolves the speaker name of each of a's statements. It
// reads nothing from the store, so SaveArticles runs it in the caller's
// goroutine, not in the single writer's transaction.
func speakerNames(a *briefbot.Article) []registry.Name {
	if len(a.Statements) == 0 {
		return nil
	}
	others := registry.ArticleNames(a)
	names := make([]registry.Name, len(a.Statements))
	for i, st := range a.Statements {
		names[i] = registry.Resolve(st.Speaker, others)
	}
	return names
}

// resolveSpeakers registers the speakers of a (saved in tx), whose
// statements' names speakerNames resolved, and sets each statement's
// SpeakerID and canonical Speaker; counts go to w.
func (s *Store) resolveSpeakers(ctx context.Context, tx *sql.Tx, w *speakerWrites, a *briefbot.Article, names []registry.Name, saidAt *int64) error {
	seen := map[int64]bool{}
	for i := range a.Statements {
		st := &a.Statements[i]
		n := names[i]
		if n.Key == "" {
			st.SpeakerID = 0
			continue
		}
		sp, err := s.speakerFor(ctx, tx, w, n)
		if err != nil {
			return err
		}
		st.SpeakerID, st.Speaker = sp.id, sp.name
		d := w.counts[sp.id]
		if d == nil {
			d = &speakerDelta{}
			w.counts[sp.id] = d
		}
		d.statements++
		if !seen[sp.id] {
			seen[sp.id] = true
			d.articles++
		}
		d.first, d.last = minTime(d.first, saidAt), maxTime(d.last, saidAt)
		if (st.SpeakerRole != "" || st.SpeakerAffiliation != "") && (d.last == saidAt || d.role == "" && d.affiliation == "") {
			d.role, d.affiliation = st.SpeakerRole, st.SpeakerAffiliation
		}
		if st.SpeakerRole != "" || st.SpeakerAffiliation != "" {
			rk := roleKey{sp.id, st.SpeakerRole, st.SpeakerAffiliation}
			r := w.roles[rk]
			if r == nil {
				r = &roleDelta{}
				w.roles[rk] = r
			}
			r.statements++
			r.first, r.last = minTime(r.first, saidAt), maxTime(r.last, saidAt)
		}
	}
	return nil
}

// speakerFor finds or registers the speaker n names.
func (s *Store) speakerFor(ctx context.Context, tx *sql.Tx, w *speakerWrites, n registry.Name) (cachedSpeaker, error) {
	if sp, ok := s.speakers.get(n.Key); ok {
		return sp, nil
	}
	var sp cachedSpeaker
	err := tx.StmtContext(ctx, w.stmts[sqlAliasLookup]).QueryRowContext(ctx, n.Key).Scan(&sp.id, &sp.name)
	if err == nil {
		s.speakers.put(n.Key, sp)
		return sp, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return sp, err
	}
	if n.Initial != "" {
		// Written "S. Jaishankar" before: the same person, now named in full.
		err := tx.StmtContext(ctx, w.stmts[sqlWrittenLookup]).QueryRowContext(ctx, n.Initial).Scan(&sp.id, &sp.name)
		if err == nil {
			if registry.IsInitialForm(registry.Key(sp.name)) {
				sp.name = n.Display
				if _, err := tx.StmtContext(ctx, w.stmts[sqlRename]).ExecContext(ctx, sp.name, sp.id); err != nil {
					return sp, err
				}
			}
			return sp, s.addAliases(ctx, tx, w, sp, n)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return sp, err
		}
	}
	if err := tx.StmtContext(ctx, w.stmts[sqlInsertSpeaker]).QueryRowContext(ctx, n.Display, n.Key).Scan(&sp.id, &sp.name); err != nil {
		return sp, err
	}
	return sp, s.addAliases(ctx, tx, w, sp, n)
}

func (s *Store) addAliases(ctx context.Context, tx *sql.Tx, w *speakerWrites, sp cachedSpeaker, n registry.Name) error {
	ins := tx.StmtContext(ctx, w.stmts[sqlInsertAlias])
	for _, a := range n.Aliases {
		if _, err := ins.ExecContext(ctx, a.Key, sp.id, a.Kind, a.Text); err != nil {
			return err
		}
	}
	insW := tx.StmtContext(ctx, w.stmts[sqlInsertWord])
	for _, word := range n.Words() {
		if _, err := insW.ExecContext(ctx, word, sp.id); err != nil {
			return err
		}
	}
	s.speakers.put(n.Key, sp)
	return nil
}

// flush applies the gathered counts and roles, in speaker order.
func (w *speakerWrites) flush(ctx context.Context, tx *sql.Tx) error {
	ids := make([]int64, 0, len(w.counts))
	for id := range w.counts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	counts := tx.StmtContext(ctx, w.stmts[sqlCounts])
	for _, id := range ids {
		d := w.counts[id]
		if _, err := counts.ExecContext(ctx, d.statements, d.articles, ptrArg(d.first), ptrArg(d.last), d.role, d.affiliation, id); err != nil {
			return fmt.Errorf("speaker counts: %w", err)
		}
	}
	roles := tx.StmtContext(ctx, w.stmts[sqlRole])
	for k, r := range w.roles {
		if _, err := roles.ExecContext(ctx, k.id, k.role, k.affiliation, ptrArg(r.first), ptrArg(r.last), r.statements); err != nil {
			return fmt.Errorf("speaker roles: %w", err)
		}
	}
	return nil
}

func ptrArg(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func minTime(a, b *int64) *int64 {
	if a == nil || b != nil && *b < *a {
		return b
	}
	return a
}

func maxTime(a, b *int64) *int64 {
	if a == nil || b != nil && *b > *a {
		return b
	}
	return a
}

// FindSpeakers resolves a typed name to speakers; see store.SpeakerStore.
func (s *Store) FindSpeakers(ctx context.Context, name string, limit int) ([]briefbot.Speaker, briefbot.SpeakerMatch, error) {
	found, tier, err := registry.Find(ctx, lookups{s}, name, limit, true)
	if err != nil {
		return nil, briefbot.MatchNone, fmt.Errorf("sqlite: find speakers: %w", err)
	}
	sps, err := s.speakersByID(ctx, found)
	if err != nil {
		return nil, briefbot.MatchNone, fmt.Errorf("sqlite: find speakers: %w", err)
	}
	return sps, briefbot.SpeakerMatch(tier), nil
}

const speakerColumns = `id, name, role, affiliation, statements, articles, first_seen, last_seen`

func scanSpeaker(row rowmap.Row) (briefbot.Speaker, error) {
	var (
		sp          briefbot.Speaker
		first, last sql.NullInt64
	)
	err := row.Scan(&sp.ID, &sp.Name, &sp.Role, &sp.Affiliation, &sp.Statements, &sp.Articles, &first, &last)
	sp.FirstSeen, sp.LastSeen = goTime(first), goTime(last)
	return sp, err
}

// speakersByID loads speakers in the order found ranks them.
func (s *Store) speakersByID(ctx context.Context, found []registry.Found) ([]briefbot.Speaker, error) {
	var out []briefbot.Speaker
	for _, f := range found {
		sp, err := scanSpeaker(s.r.QueryRowContext(ctx, `SELECT `+speakerColumns+` FROM speakers WHERE id = ?`, f.ID))
		if err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, nil
}

// SpeakerByID returns a speaker with aliases and roles.
func (s *Store) SpeakerByID(ctx context.Context, id int64) (briefbot.Speaker, error) {
	sp, err := scanSpeaker(s.r.QueryRowContext(ctx, `SELECT `+speakerColumns+` FROM speakers WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sp, briefbot.ErrNoSpeaker
	}
	if err != nil {
		return sp, fmt.Errorf("sqlite: speaker %d: %w", id, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT alias FROM speaker_aliases
		WHERE speaker_id = ? AND kind <> 'initial' AND alias <> ? ORDER BY alias`, id, sp.Name)
	if err != nil {
		return sp, fmt.Errorf("sqlite: speaker %d aliases: %w", id, err)
	}
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return sp, err
		}
		sp.Aliases = append(sp.Aliases, a)
	}
	rows.Close()
	rows, err = s.r.QueryContext(ctx, `SELECT role, affiliation, first_seen, last_seen FROM speaker_roles
		WHERE speaker_id = ? ORDER BY first_seen, last_seen, role, affiliation`, id)
	if err != nil {
		return sp, fmt.Errorf("sqlite: speaker %d roles: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			r           briefbot.SpeakerRole
			first, last sql.NullInt64
		)
		if err := rows.Scan(&r.Role, &r.Affiliation, &first, &last); err != nil {
			return sp, err
		}
		r.From, r.Until = goTime(first), goTime(last)
		sp.Roles = append(sp.Roles, r)
	}
	return sp, rows.Err()
}

// StatementsOf returns the latest statements of the speakers: one index
// range per speaker, merged.
func (s *Store) StatementsOf(ctx context.Context, ids []int64, limit int) ([]briefbot.StatementHit, error) {
	var all []briefbot.StatementHit
	for _, id := range ids {
		hits, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
			FROM statements s INDEXED BY statements_by_speaker
			JOIN articles a ON a.id = s.article_id
			WHERE s.speaker_id = ?
			ORDER BY s.said_at DESC, s.article_id DESC, s.seq
			LIMIT ?`, id, limitArg(limit))
		if err != nil {
			return nil, fmt.Errorf("sqlite: statements of speaker %d: %w", id, err)
		}
		all = append(all, hits...)
	}
	return rowmap.LatestHits(all, limit), nil
}

// lookups answers registry.Find's indexed queries.
type lookups struct{ s *Store }

func (l lookups) found(ctx context.Context, query string, args ...any) ([]registry.Found, error) {
	rows, err := l.s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []registry.Found
	for rows.Next() {
		var f registry.Found
		if err := rows.Scan(&f.ID, &f.Statements); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func (l lookups) ByAlias(ctx context.Context, keys []string, limit int) ([]registry.Found, error) {
	args := make([]any, 0, len(keys)+1)
	for _, k := range keys {
		args = append(args, k)
	}
	return l.found(ctx, `SELECT DISTINCT s.id, s.statements FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id
		WHERE a.alias_key IN (`+placeholders(len(keys))+`) ORDER BY s.statements DESC, s.name LIMIT ?`, append(args, limit)...)
}

func (l lookups) ByWords(ctx context.Context, words []string, prefix bool, limit int) ([]registry.Found, error) {
	var conds []string
	var args []any
	for _, w := range words {
		if prefix {
			conds = append(conds, `s.id IN (SELECT speaker_id FROM speaker_words WHERE word >= ? AND word < ?)`)
			args = append(args, w, registry.PrefixEnd(w))
		} else {
			conds = append(conds, `s.id IN (SELECT speaker_id FROM speaker_words WHERE word = ?)`)
			args = append(args, w)
		}
	}
	return l.found(ctx, `SELECT s.id, s.statements FROM speakers s WHERE `+strings.Join(conds, " AND ")+`
		ORDER BY s.statements DESC, s.name LIMIT ?`, append(args, limit)...)
}

func (l lookups) BySubstring(ctx context.Context, key string, limit int) ([]registry.Found, error) {
	return l.found(ctx, `SELECT id, statements FROM speakers WHERE instr(name_key, ?) > 0
		ORDER BY statements DESC, name LIMIT ?`, key, limit)
}

func (l lookups) WordsStarting(ctx context.Context, prefixes []string, minLen, maxLen int) ([]string, error) {
	var out []string
	for _, p := range prefixes {
		rows, err := l.s.r.QueryContext(ctx, `SELECT DISTINCT word FROM speaker_words WHERE word >= ? AND word < ?
			AND length(word) BETWEEN ? AND ?`, p, registry.PrefixEnd(p), minLen, maxLen)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, w)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// backfillSpeakers registers the speakers of statements stored before the
// registry existed (migration 6), a batch of articles per transaction.
// Statements whose speaker resolves to nothing stay unregistered; the
// cursor moves past them.
func (s *Store) backfillSpeakers(ctx context.Context) error {
	var registered int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('statements') WHERE name = 'speaker_id'`).Scan(&registered); err != nil || registered == 0 {
		return err // a schema before the registry (tests of older steps)
	}
	var after int64
	for {
		rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT article_id FROM statements
			WHERE speaker_id IS NULL AND speaker <> '' AND article_id > ? ORDER BY article_id LIMIT 200`, after)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		after = ids[len(ids)-1]
		arts := make([]briefbot.Article, len(ids))
		for i, id := range ids {
			arts[i].ID = id
		}
		if err := s.attachDetails(ctx, arts); err != nil {
			return err
		}
		w, err := s.newSpeakerWrites(ctx)
		if err != nil {
			return err
		}
		update, err := s.stmt(ctx, `UPDATE statements SET speaker_id = ?, speaker = ?, speaker_key = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		err = s.write(ctx, func(tx *sql.Tx) error {
			for i := range arts {
				a := &arts[i]
				if slices.ContainsFunc(a.Statements, func(st briefbot.Statement) bool { return st.SpeakerID != 0 }) {
					continue // saved with the registry; the rest resolve to nobody
				}
				var at *int64
				if err := tx.QueryRowContext(ctx, `SELECT coalesce(published_at, fetched_at) FROM articles WHERE id = ?`, a.ID).Scan(&at); err != nil {
					return err
				}
				before := make([]string, len(a.Statements))
				for j, st := range a.Statements {
					before[j] = st.Speaker
				}
				if err := s.resolveSpeakers(ctx, tx, w, a, speakerNames(a), at); err != nil {
					return err
				}
				for j, st := range a.Statements {
					if st.SpeakerID == 0 || before[j] == "" {
						continue
					}
					if _, err := tx.StmtContext(ctx, update).ExecContext(ctx, st.SpeakerID, st.Speaker, textsearch.Fold(st.Speaker), st.ID); err != nil {
						return err
					}
				}
			}
			return w.flush(ctx, tx)
		})
		if err != nil {
			s.speakers.reset()
			return err
		}
	}
}
