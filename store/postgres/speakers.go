package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/registry"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// stored is a registered speaker as a save needs it.
type stored struct {
	id      int64
	nameKey string
	name    string
}

// speakerCache remembers resolved keys, so articles quoting known speakers
// cost no lookup round trip. Speakers are never deleted, so an entry stays
// right (another replica's rename aside, which only changes a display name).
type speakerCache struct {
	mu    sync.Mutex
	byKey map[string]stored
}

const speakerCacheMax = 200_000

func (c *speakerCache) get(key string) (stored, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sp, ok := c.byKey[key]
	return sp, ok
}

func (c *speakerCache) put(key string, sp stored) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil || len(c.byKey) >= speakerCacheMax {
		c.byKey = make(map[string]stored)
	}
	c.byKey[key] = sp
}

// speakerPlan is one article's speakers as registerSQL's parameters.
type speakerPlan struct {
	stmtKeys []string // per statement: the stored name_key of its speaker, or ""
	// per statement: the speaker's canonical name as stored (the name as
	// written when the registry has none), and its folded key
	stmtNames, stmtFolded []string
	// per distinct speaker, sorted by key (the order rows are locked in)
	keys, names, roles, affils []string
	counts                     []int32
	// aliases and words of speakers new to the registry, or newly named
	alKey, alAlias, alKind, alText []string
	wKey, wWord                    []string
	// roles over time
	rKey, rRole, rAffil []string
	rCount              []int32
	fresh               map[string]string // resolved key → stored name_key, to cache once saved
}

// planSpeakers resolves the speakers of a against the cache and, for
// unknown names, the alias table.
func (s *Store) planSpeakers(ctx context.Context, a *briefbot.Article) (speakerPlan, error) {
	p := speakerPlan{stmtKeys: make([]string, len(a.Statements)), stmtNames: make([]string, len(a.Statements)),
		stmtFolded: make([]string, len(a.Statements)), fresh: map[string]string{}}
	for i, st := range a.Statements {
		p.stmtNames[i] = clean(st.Speaker)
		p.stmtFolded[i] = textsearch.Fold(st.Speaker)
	}
	if len(a.Statements) == 0 {
		return p, nil
	}
	others := registry.ArticleNames(a)
	names := make([]registry.Name, len(a.Statements))
	var lookup []string
	for i, st := range a.Statements {
		names[i] = registry.Resolve(st.Speaker, others)
		n := names[i]
		if n.Key == "" {
			continue
		}
		if _, ok := s.speakers.get(n.Key); !ok {
			lookup = append(lookup, n.Key)
			if n.Initial != "" {
				lookup = append(lookup, n.Initial)
			}
		}
	}
	type aliasRow struct {
		key, kind string
		sp        stored
		count     int
	}
	var rows []aliasRow
	if len(lookup) > 0 {
		r, _ := s.pool.Query(ctx, `SELECT a.alias_key, a.kind, s.id, s.name_key, s.name, s.statements
			FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id WHERE a.alias_key = ANY($1)
			ORDER BY a.kind = 'initial', s.statements DESC, s.id`, lookup)
		var ar aliasRow
		_, err := pgx.ForEachRow(r, []any{&ar.key, &ar.kind, &ar.sp.id, &ar.sp.nameKey, &ar.sp.name, &ar.count}, func() error {
			rows = append(rows, ar)
			return nil
		})
		if err != nil {
			return p, err
		}
	}
	type agg struct {
		name, role, affil string
		count             int32
	}
	byKey := map[string]*agg{}
	roles := map[[3]string]int32{}
	addAliases := map[string]bool{}
	for i, n := range names {
		if n.Key == "" {
			continue
		}
		sp, ok := s.speakers.get(n.Key)
		rename := ""
		if !ok {
			if j := slices.IndexFunc(rows, func(r aliasRow) bool { return r.key == n.Key }); j >= 0 {
				sp, ok = rows[j].sp, true
				s.speakers.put(n.Key, sp)
			} else if j := slices.IndexFunc(rows, func(r aliasRow) bool { return n.Initial != "" && r.key == n.Initial && r.kind == registry.KindName }); j >= 0 {
				sp, ok = rows[j].sp, true
				if registry.IsInitialForm(registry.Key(sp.name)) {
					rename = n.Display
				}
				p.fresh[n.Key] = sp.nameKey
			}
		}
		if !ok {
			sp = stored{nameKey: n.Key, name: n.Display}
			rename = n.Display
			p.fresh[n.Key] = n.Key
		}
		if _, isFresh := p.fresh[n.Key]; isFresh && !addAliases[n.Key] {
			addAliases[n.Key] = true
			for _, al := range n.Aliases {
				p.alKey, p.alAlias, p.alKind, p.alText = append(p.alKey, sp.nameKey), append(p.alAlias, al.Key), append(p.alKind, al.Kind), append(p.alText, al.Text)
			}
			for _, w := range n.Words() {
				p.wKey, p.wWord = append(p.wKey, sp.nameKey), append(p.wWord, w)
			}
		}
		p.stmtKeys[i] = sp.nameKey
		p.stmtNames[i] = clean(sp.name)
		if rename != "" {
			p.stmtNames[i] = clean(rename)
		}
		p.stmtFolded[i] = textsearch.Fold(p.stmtNames[i])
		g := byKey[sp.nameKey]
		if g == nil {
			g = &agg{}
			byKey[sp.nameKey] = g
		}
		g.count++
		if rename != "" {
			g.name = clean(rename)
		}
		st := a.Statements[i]
		if st.SpeakerRole != "" || st.SpeakerAffiliation != "" {
			g.role, g.affil = st.SpeakerRole, st.SpeakerAffiliation
			roles[[3]string{sp.nameKey, st.SpeakerRole, st.SpeakerAffiliation}]++
		}
	}
	for k := range byKey {
		p.keys = append(p.keys, k)
	}
	slices.Sort(p.keys)
	for _, k := range p.keys {
		g := byKey[k]
		p.names, p.roles, p.affils, p.counts = append(p.names, g.name), append(p.roles, clean(g.role)), append(p.affils, clean(g.affil)), append(p.counts, g.count)
	}
	for k, n := range roles {
		p.rKey, p.rRole, p.rAffil, p.rCount = append(p.rKey, k[0]), append(p.rRole, clean(k[1])), append(p.rAffil, clean(k[2])), append(p.rCount, n)
	}
	for i := range p.alText {
		p.alText[i] = clean(p.alText[i])
	}
	return p, nil
}

// args lays p out as registerSQL's parameters, after the ones before it.
func (p speakerPlan) args() []any {
	nz := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	ni := func(s []int32) []int32 {
		if s == nil {
			return []int32{}
		}
		return s
	}
	return []any{nz(p.keys), nz(p.names), ni(p.counts), nz(p.roles), nz(p.affils),
		nz(p.alKey), nz(p.alAlias), nz(p.alKind), nz(p.alText), nz(p.wKey), nz(p.wWord),
		nz(p.rKey), nz(p.rRole), nz(p.rAffil), ni(p.rCount)}
}

// registerSQL returns the CTEs that upsert a plan's speakers (sp, with id,
// name_key and name), their aliases, words and roles, numbering parameters
// from base. gate is a CTE that is empty when nothing must be stored (a
// duplicate article); at is the SQL expression of the statements' time.
// Speakers are upserted in key order, so concurrent saves lock them in one
// order.
func registerSQL(base int, gate, at string) string {
	n := func(i int) string { return fmt.Sprintf("$%d", base+i) }
	return strings.NewReplacer("$G", gate, "$T", at,
		"$0", n(0), "$1", n(1), "$2", n(2), "$3", n(3), "$4", n(4), "$5", n(5), "$6", n(6), "$7", n(7),
		"$8", n(8), "$9", n(9), "$A", n(10), "$B", n(11), "$C", n(12), "$D", n(13), "$E", n(14),
	).Replace(`sp AS (
	INSERT INTO speakers AS s (name, name_key, statements, articles, first_seen, last_seen, role, affiliation)
	SELECT u.name, u.key, u.n, 1, $T, $T, u.role, u.affil
	FROM $G, unnest($0::text[], $1::text[], $2::int[], $3::text[], $4::text[]) AS u(key, name, n, role, affil)
	ORDER BY u.key
	ON CONFLICT (name_key) DO UPDATE SET
		statements = s.statements + excluded.statements,
		articles = s.articles + 1,
		first_seen = least(s.first_seen, excluded.first_seen),
		last_seen = greatest(s.last_seen, excluded.last_seen),
		role = CASE WHEN (excluded.role <> '' OR excluded.affiliation <> '') AND excluded.last_seen >= coalesce(s.last_seen, excluded.last_seen)
			THEN excluded.role ELSE s.role END,
		affiliation = CASE WHEN (excluded.role <> '' OR excluded.affiliation <> '') AND excluded.last_seen >= coalesce(s.last_seen, excluded.last_seen)
			THEN excluded.affiliation ELSE s.affiliation END,
		name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE s.name END
	RETURNING s.id, s.name_key, s.name
), sp_alias AS (
	INSERT INTO speaker_aliases (alias_key, speaker_id, kind, alias)
	SELECT u.alias, sp.id, u.kind, u.text
	FROM unnest($5::text[], $6::text[], $7::text[], $8::text[]) AS u(key, alias, kind, text) JOIN sp ON sp.name_key = u.key
	ON CONFLICT DO NOTHING
), sp_word AS (
	INSERT INTO speaker_words (word, speaker_id)
	SELECT u.word, sp.id FROM unnest($9::text[], $A::text[]) AS u(key, word) JOIN sp ON sp.name_key = u.key
	ON CONFLICT DO NOTHING
), sp_role AS (
	INSERT INTO speaker_roles AS r (speaker_id, role, affiliation, first_seen, last_seen, statements)
	SELECT sp.id, u.role, u.affil, $T, $T, u.n
	FROM unnest($B::text[], $C::text[], $D::text[], $E::int[]) AS u(key, role, affil, n) JOIN sp ON sp.name_key = u.key
	ORDER BY sp.id, u.role, u.affil
	ON CONFLICT (speaker_id, role, affiliation) DO UPDATE SET
		first_seen = least(r.first_seen, excluded.first_seen),
		last_seen = greatest(r.last_seen, excluded.last_seen),
		statements = r.statements + excluded.statements
)`)
}

// registerParams is how many parameters registerSQL takes.
const registerParams = 15

// spReturn selects the upserted speakers as three arrays, by key.
const spReturn = `coalesce((SELECT array_agg(name_key ORDER BY name_key) FROM sp), '{}'),
	coalesce((SELECT array_agg(id ORDER BY name_key) FROM sp), '{}'),
	coalesce((SELECT array_agg(name ORDER BY name_key) FROM sp), '{}')`

// applySpeakers sets the statements' SpeakerID and canonical Speaker from
// what the save returned, and caches the new keys.
func (s *Store) applySpeakers(a *briefbot.Article, p speakerPlan, keys []string, ids []int64, names []string) {
	byKey := make(map[string]stored, len(keys))
	for i, k := range keys {
		byKey[k] = stored{id: ids[i], nameKey: k, name: names[i]}
	}
	for resolved, nameKey := range p.fresh {
		if sp, ok := byKey[nameKey]; ok {
			s.speakers.put(resolved, sp)
		}
	}
	for i := range a.Statements {
		if sp, ok := byKey[p.stmtKeys[i]]; ok && p.stmtKeys[i] != "" {
			a.Statements[i].SpeakerID, a.Statements[i].Speaker = sp.id, sp.name
		}
	}
}

// FindSpeakers resolves a typed name to speakers; see store.SpeakerStore.
func (s *Store) FindSpeakers(ctx context.Context, name string, limit int) ([]briefbot.Speaker, briefbot.SpeakerMatch, error) {
	found, tier, err := registry.Find(ctx, lookups{s}, name, limit, true)
	if err != nil {
		return nil, briefbot.MatchNone, fmt.Errorf("postgres: find speakers: %w", err)
	}
	sps, err := s.speakersByID(ctx, found)
	if err != nil {
		return nil, briefbot.MatchNone, fmt.Errorf("postgres: find speakers: %w", err)
	}
	return sps, briefbot.SpeakerMatch(tier), nil
}

const speakerColumns = `id, name, role, affiliation, statements, articles, first_seen, last_seen`

func scanSpeaker(row rowmap.Row) (briefbot.Speaker, error) {
	var (
		sp          briefbot.Speaker
		first, last pgtype.Timestamptz
	)
	err := row.Scan(&sp.ID, &sp.Name, &sp.Role, &sp.Affiliation, &sp.Statements, &sp.Articles, &first, &last)
	sp.FirstSeen, sp.LastSeen = goTime(first), goTime(last)
	return sp, err
}

// speakersByID loads speakers in the order found ranks them.
func (s *Store) speakersByID(ctx context.Context, found []registry.Found) ([]briefbot.Speaker, error) {
	if len(found) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(found))
	for i, f := range found {
		ids[i] = f.ID
	}
	rows, _ := s.pool.Query(ctx, `SELECT `+speakerColumns+` FROM speakers WHERE id = ANY($1)`, ids)
	sps, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (briefbot.Speaker, error) { return scanSpeaker(row) })
	if err != nil {
		return nil, err
	}
	slices.SortFunc(sps, func(a, b briefbot.Speaker) int { return slices.Index(ids, a.ID) - slices.Index(ids, b.ID) })
	return sps, nil
}

// SpeakerByID returns a speaker with aliases and roles.
func (s *Store) SpeakerByID(ctx context.Context, id int64) (briefbot.Speaker, error) {
	sp, err := scanSpeaker(s.pool.QueryRow(ctx, `SELECT `+speakerColumns+` FROM speakers WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return sp, briefbot.ErrNoSpeaker
	}
	if err != nil {
		return sp, fmt.Errorf("postgres: speaker %d: %w", id, err)
	}
	rows, _ := s.pool.Query(ctx, `SELECT DISTINCT alias COLLATE "C" FROM speaker_aliases
		WHERE speaker_id = $1 AND kind <> 'initial' AND alias <> $2 ORDER BY 1`, id, sp.Name)
	if sp.Aliases, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		return sp, fmt.Errorf("postgres: speaker %d aliases: %w", id, err)
	}
	rows, _ = s.pool.Query(ctx, `SELECT role, affiliation, first_seen, last_seen FROM speaker_roles
		WHERE speaker_id = $1 ORDER BY first_seen, last_seen, role COLLATE "C", affiliation COLLATE "C"`, id)
	sp.Roles, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (briefbot.SpeakerRole, error) {
		var (
			r           briefbot.SpeakerRole
			first, last pgtype.Timestamptz
		)
		err := row.Scan(&r.Role, &r.Affiliation, &first, &last)
		r.From, r.Until = goTime(first), goTime(last)
		return r, err
	})
	if err != nil {
		return sp, fmt.Errorf("postgres: speaker %d roles: %w", id, err)
	}
	return sp, nil
}

// StatementsOf returns the latest statements of the speakers: one index
// range per speaker (LATERAL), merged.
func (s *Store) StatementsOf(ctx context.Context, ids []int64, limit int) ([]briefbot.StatementHit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	hits, err := s.queryHits(ctx, `SELECT `+rowmap.HitColumns+`
		FROM unnest($1::bigint[]) AS sp(id)
		CROSS JOIN LATERAL (
			SELECT * FROM statements WHERE speaker_id = sp.id
			ORDER BY said_at DESC NULLS LAST, article_id DESC, seq LIMIT $2
		) s
		JOIN articles a ON a.id = s.article_id
		ORDER BY s.said_at DESC NULLS LAST, s.article_id DESC, s.seq
		LIMIT $2`, ids, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: statements of speakers: %w", err)
	}
	return hits, nil
}

// lookups answers registry.Find's indexed queries.
type lookups struct{ s *Store }

func (l lookups) found(ctx context.Context, query string, args ...any) ([]registry.Found, error) {
	rows, _ := l.s.pool.Query(ctx, query, args...)
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (registry.Found, error) {
		var f registry.Found
		err := row.Scan(&f.ID, &f.Statements)
		return f, err
	})
}

func (l lookups) ByAlias(ctx context.Context, keys []string, limit int) ([]registry.Found, error) {
	return l.found(ctx, `SELECT s.id, s.statements FROM speakers s
		WHERE s.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias_key = ANY($1))
		ORDER BY s.statements DESC, s.name COLLATE "C" LIMIT $2`, keys, limit)
}

func (l lookups) ByWords(ctx context.Context, words []string, prefix bool, limit int) ([]registry.Found, error) {
	var conds []string
	args := []any{limit}
	for _, w := range words {
		if prefix {
			args = append(args, w, registry.PrefixEnd(w))
			conds = append(conds, fmt.Sprintf(`s.id IN (SELECT speaker_id FROM speaker_words WHERE word >= $%d AND word < $%d)`, len(args)-1, len(args)))
		} else {
			args = append(args, w)
			conds = append(conds, fmt.Sprintf(`s.id IN (SELECT speaker_id FROM speaker_words WHERE word = $%d)`, len(args)))
		}
	}
	return l.found(ctx, `SELECT s.id, s.statements FROM speakers s WHERE `+strings.Join(conds, " AND ")+`
		ORDER BY s.statements DESC, s.name COLLATE "C" LIMIT $1`, args...)
}

func (l lookups) BySubstring(ctx context.Context, key string, limit int) ([]registry.Found, error) {
	return l.found(ctx, `SELECT id, statements FROM speakers WHERE strpos(name_key, $1) > 0
		ORDER BY statements DESC, name COLLATE "C" LIMIT $2`, key, limit)
}

func (l lookups) WordsStarting(ctx context.Context, prefixes []string, minLen, maxLen int) ([]string, error) {
	var out []string
	for _, p := range prefixes {
		rows, _ := l.s.pool.Query(ctx, `SELECT DISTINCT word FROM speaker_words WHERE word >= $1 AND word < $2
			AND char_length(word) BETWEEN $3 AND $4`, p, registry.PrefixEnd(p), minLen, maxLen)
		ws, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return nil, err
		}
		out = append(out, ws...)
	}
	return out, nil
}

// backfillSpeakers registers the speakers of statements stored before the
// registry existed (migration 6), one article per statement.
func (s *Store) backfillSpeakers(ctx context.Context) error {
	var registered bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'statements' AND column_name = 'speaker_id')`).Scan(&registered); err != nil || !registered {
		return err // a schema before the registry (tests of older steps)
	}
	var after int64
	for {
		rows, _ := s.pool.Query(ctx, `SELECT DISTINCT article_id FROM statements
			WHERE speaker_id IS NULL AND speaker <> '' AND article_id > $1 ORDER BY article_id LIMIT 200`, after)
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
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
		for i := range arts {
			a := &arts[i]
			if slices.ContainsFunc(a.Statements, func(st briefbot.Statement) bool { return st.SpeakerID != 0 }) {
				continue // saved with the registry; the rest resolve to nobody
			}
			p, err := s.planSpeakers(ctx, a)
			if err != nil {
				return err
			}
			stmtIDs := make([]int64, len(a.Statements))
			for j, st := range a.Statements {
				stmtIDs[j] = st.ID
			}
			args := append([]any{a.ID, stmtIDs, p.stmtKeys, p.stmtFolded}, p.args()...)
			var (
				keys, names []string
				spIDs       []int64
			)
			err = s.pool.QueryRow(ctx, `WITH a AS (SELECT id, coalesce(published_at, fetched_at) AS at FROM articles WHERE id = $1),
				`+registerSQL(5, "a", "(SELECT at FROM a)")+`, upd AS (
					UPDATE statements st SET speaker_id = sp.id, speaker = sp.name, speaker_key = u.folded
					FROM unnest($2::bigint[], $3::text[], $4::text[]) AS u(id, key, folded) JOIN sp ON sp.name_key = u.key
					WHERE st.id = u.id
				)
				SELECT `+spReturn, args...).Scan(&keys, &spIDs, &names)
			if err != nil {
				return fmt.Errorf("article %d: %w", a.ID, err)
			}
			s.applySpeakers(a, p, keys, spIDs, names)
		}
	}
}
