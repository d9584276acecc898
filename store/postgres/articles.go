package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/rowmap"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// KnownArticles reports which keys match a stored article hash or URL.
func (s *Store) KnownArticles(ctx context.Context, keys []string) (map[string]bool, error) {
	known := make(map[string]bool)
	if len(keys) == 0 {
		return known, nil
	}
	rows, _ := s.pool.Query(ctx, `SELECT hash FROM articles WHERE hash = ANY($1)
		UNION SELECT url FROM articles WHERE url = ANY($1) AND url <> ''`, keys)
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: known articles: %w", err)
	}
	for _, k := range found {
		known[k] = true
	}
	return known, nil
}

// saveArticleSQL inserts an article and, only when it was new, its
// speakers (registerSQL), statements, actors and mentions from column arrays: one statement, one
// round trip, atomic. Foreign keys are checked at the end of the statement,
// after every CTE has run.
//
// The transaction commits asynchronously (synchronous_commit off, for this
// statement only): a crash can lose the last few hundred milliseconds of
// stored articles, never corrupt anything, and any later synchronous commit
// (SaveFeedState, MarkSent, …) flushes them first, so feed state never runs
// ahead of its articles. Lost articles are simply fetched again. This makes
// bulk ingest several times faster than waiting for a WAL flush per article.
var saveArticleSQL = `WITH async AS (
	SELECT set_config('synchronous_commit', 'off', true)
), a AS (
	INSERT INTO articles (feed_id, feed_name, hash, guid, url, title, author, teaser, body, summary,
		published_at, fetched_at, silent)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
	ON CONFLICT DO NOTHING
	RETURNING id
), ` + registerSQL(43, "a", "coalesce($11::timestamptz, $12::timestamptz)") + `, st AS (
	INSERT INTO statements (article_id, seq, body, start_off, end_off, kind, cue_text, cue_start, cue_end,
		speaker, speaker_key, mention_text, mention_start, mention_end, score, speaker_role,
		speaker_affiliation, search_text, speaker_id, said_at)
	SELECT a.id, u.seq, u.body, u.start_off, u.end_off, u.kind, u.cue_text, u.cue_start, u.cue_end,
		u.speaker, u.folded, u.mention_text, u.mention_start, u.mention_end, u.score, u.role,
		u.affil, u.folded || ' ' || u.search, sp.id, coalesce($11::timestamptz, $12::timestamptz)
	FROM a CROSS JOIN unnest($14::int[], $15::text[], $16::int[], $17::int[], $18::text[], $19::text[],
		$20::int[], $21::int[], $22::text[], $23::text[], $24::text[], $25::int[], $26::int[],
		$27::float8[], $28::text[], $29::text[], $30::text[], $58::text[]) AS u(seq, body, start_off, end_off, kind, cue_text,
		cue_start, cue_end, speaker, spkey, mention_text, mention_start, mention_end, score, role, affil, search, folded)
	LEFT JOIN sp ON sp.name_key = u.spkey
), ac AS (
	INSERT INTO actors (article_id, seq, name, name_key, type, role, affiliation, aliases)
	SELECT a.id, u.seq, u.name, u.name_key, u.type, u.role, u.affiliation, u.aliases::jsonb
	FROM a, unnest($31::int[], $32::text[], $33::text[], $34::text[], $35::text[], $36::text[], $37::text[])
		AS u(seq, name, name_key, type, role, affiliation, aliases)
), am AS (
	INSERT INTO actor_mentions (article_id, actor_seq, seq, text, start_off, end_off)
	SELECT a.id, u.* FROM a, unnest($38::int[], $39::int[], $40::text[], $41::int[], $42::int[]) AS u
), sw AS (
	-- The article's statements per speaker, all in its week (migration
	-- 11); sp has locked the speakers' rows.
	INSERT INTO speaker_weeks AS w (speaker_id, week, statements)
	SELECT sp.id, date_trunc('week', coalesce($11::timestamptz, $12::timestamptz) AT TIME ZONE 'UTC')::date, u.n
	FROM unnest($43::text[], $45::int[]) AS u(key, n) JOIN sp ON sp.name_key = u.key
	WHERE coalesce($11::timestamptz, $12::timestamptz) IS NOT NULL
	ORDER BY sp.id
	ON CONFLICT (speaker_id, week) DO UPDATE SET statements = w.statements + excluded.statements
)
SELECT a.id, ` + spReturn + ` FROM a, async`

// SaveArticle stores a with its statements, actors and mentions in one
// statement (hence one transaction). A duplicate hash or non-empty URL
// stores nothing and returns false.
func (s *Store) SaveArticle(ctx context.Context, a *briefbot.Article) (bool, error) {
	p, err := s.planSpeakers(ctx, a)
	if err != nil {
		return false, fmt.Errorf("postgres: save article %q: speakers: %w", a.Hash, err)
	}
	var (
		id          int64
		keys, names []string
		spIDs       []int64
	)
	err = retryDeadlock(func() error {
		return s.pool.QueryRow(ctx, saveArticleSQL, saveArticleArgs(a, p)...).Scan(&id, &keys, &spIDs, &names)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("postgres: save article %q: %w", a.Hash, err)
	}
	setArticleID(a, id)
	s.applySpeakers(a, p, keys, spIDs, names)
	s.saved(len(a.Statements))
	return true, nil
}

// SaveArticles stores many articles in one transaction, each with
// SaveArticle's semantics: created[i] reports whether arts[i] was new (a
// duplicate of an earlier article of the batch is not), and new articles
// get their IDs. The inserts go to the server as one pipelined batch: one
// round trip and one commit per batch (feeds.BatchSaver). On error nothing
// is stored.
func (s *Store) SaveArticles(ctx context.Context, arts []*briefbot.Article) ([]bool, error) {
	ids := make([]int64, len(arts))
	plans := make([]speakerPlan, len(arts))
	type returned struct {
		keys, names []string
		ids         []int64
	}
	sps := make([]returned, len(arts))
	for i, a := range arts {
		p, err := s.planSpeakers(ctx, a)
		if err != nil {
			return nil, fmt.Errorf("postgres: save article %q: speakers: %w", a.Hash, err)
		}
		plans[i] = p
	}
	err := retryDeadlock(func() error {
		clear(ids)
		return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			batch := &pgx.Batch{}
			for i, a := range arts {
				batch.Queue(saveArticleSQL, saveArticleArgs(a, plans[i])...).QueryRow(func(row pgx.Row) error {
					err := row.Scan(&ids[i], &sps[i].keys, &sps[i].ids, &sps[i].names)
					if errors.Is(err, pgx.ErrNoRows) {
						return nil
					}
					if err != nil {
						return fmt.Errorf("article %q: %w", a.Hash, err)
					}
					return nil
				})
			}
			return tx.SendBatch(ctx, batch).Close()
		})
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: save articles: %w", err)
	}
	created := make([]bool, len(arts))
	statements := 0
	for i, a := range arts {
		if ids[i] != 0 {
			created[i] = true
			setArticleID(a, ids[i])
			s.applySpeakers(a, plans[i], sps[i].keys, sps[i].ids, sps[i].names)
			statements += len(a.Statements)
		}
	}
	s.saved(statements)
	return created, nil
}

func setArticleID(a *briefbot.Article, id int64) {
	a.ID = id
	for i := range a.Statements {
		a.Statements[i].ArticleID = id
	}
}

// saveArticleArgs lays a out as saveArticleSQL's parameters: the article,
// then one array per column of statements, actors and mentions.
func saveArticleArgs(a *briefbot.Article, p speakerPlan) []any {
	var feedID any
	if a.FeedID != 0 {
		feedID = a.FeedID
	}
	n := len(a.Statements)
	var (
		stSeq, stStart, stEnd, cueStart, cueEnd, menStart, menEnd                = make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n), make([]int32, n)
		stBody, kind, cueText, speaker, speakerKey, menText, role, affil, search = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		score                                                                    = make([]float64, n)
	)
	for i, st := range a.Statements {
		stSeq[i], stStart[i], stEnd[i] = int32(i), int32(st.Start), int32(st.End)
		cueStart[i], cueEnd[i] = int32(st.Cue.Start), int32(st.Cue.End)
		menStart[i], menEnd[i] = int32(st.SpeakerMention.Start), int32(st.SpeakerMention.End)
		stBody[i], kind[i], cueText[i], speaker[i] = clean(st.Text), clean(st.Kind), clean(st.Cue.Text), p.stmtNames[i]
		speakerKey[i] = p.stmtKeys[i]
		menText[i], role[i], affil[i] = clean(st.SpeakerMention.Text), clean(st.SpeakerRole), clean(st.SpeakerAffiliation)
		search[i] = textsearch.Fold(st.Text)
		score[i] = st.Score
	}
	m := len(a.Actors)
	var (
		acSeq                                             = make([]int32, m)
		acName, acKey, acType, acRole, acAffil, acAliases = make([]string, m), make([]string, m), make([]string, m), make([]string, m), make([]string, m), make([]string, m)
		mActor, mSeq, mStart, mEnd                        []int32
		mText                                             []string
	)
	for i, ac := range a.Actors {
		acSeq[i], acName[i], acKey[i] = int32(i), clean(ac.Name), textsearch.Fold(ac.Name)
		acType[i], acRole[i], acAffil[i] = clean(ac.Type), clean(ac.Role), clean(ac.Affiliation)
		aliases := ac.Aliases
		if aliases == nil {
			aliases = []string{}
		}
		b, _ := json.Marshal(aliases)
		acAliases[i] = string(b)
		for j, mention := range ac.Mentions {
			mActor = append(mActor, int32(i))
			mSeq = append(mSeq, int32(j))
			mText = append(mText, clean(mention.Text))
			mStart = append(mStart, int32(mention.Start))
			mEnd = append(mEnd, int32(mention.End))
		}
	}
	if mActor == nil {
		mActor, mSeq, mStart, mEnd, mText = []int32{}, []int32{}, []int32{}, []int32{}, []string{}
	}

	return append([]any{
		feedID, clean(a.FeedName), clean(a.Hash), clean(a.GUID), clean(a.URL), clean(a.Title), clean(a.Author),
		clean(a.Teaser), clean(a.Text), clean(a.Summary),
		dbTime(a.PublishedAt), dbTime(a.FetchedAt), a.Silent,
		stSeq, stBody, stStart, stEnd, kind, cueText, cueStart, cueEnd, speaker, speakerKey, menText,
		menStart, menEnd, score, role, affil, search,
		acSeq, acName, acKey, acType, acRole, acAffil, acAliases,
		mActor, mSeq, mText, mStart, mEnd,
	}, append(p.args(), p.stmtFolded)...)
}

// RecentArticles returns articles fetched at or after since (all when since
// is zero), newest first, with statements and actors.
func (s *Store) RecentArticles(ctx context.Context, since time.Time, limit int) ([]briefbot.Article, error) {
	arts, err := s.queryArticles(ctx, `SELECT `+rowmap.ArticleColumns+` FROM articles
		WHERE $1::timestamptz IS NULL OR fetched_at >= $1
		ORDER BY fetched_at DESC NULLS LAST, id DESC LIMIT $2`, dbTime(since), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: recent articles: %w", err)
	}
	return arts, nil
}

// UndispatchedArticles returns non-silent, undispatched articles in the
// order they were stored.
func (s *Store) UndispatchedArticles(ctx context.Context, limit int) ([]briefbot.Article, error) {
	arts, err := s.queryArticles(ctx, `SELECT `+rowmap.ArticleColumns+` FROM articles
		WHERE dispatched_at IS NULL AND NOT silent ORDER BY id LIMIT $1`, limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("postgres: undispatched articles: %w", err)
	}
	return arts, nil
}

// MarkDispatched stamps the articles as matched against subscriptions.
func (s *Store) MarkDispatched(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if _, err := s.pool.Exec(ctx, `UPDATE articles SET dispatched_at = now()
		WHERE dispatched_at IS NULL AND id = ANY($1)`, ids); err != nil {
		return fmt.Errorf("postgres: mark dispatched: %w", err)
	}
	return nil
}

// CountArticles returns the number of stored articles.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("postgres: count articles: %w", err)
	}
	return n, nil
}

func (s *Store) queryArticles(ctx context.Context, query string, args ...any) ([]briefbot.Article, error) {
	rows, _ := s.pool.Query(ctx, query, args...)
	arts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (briefbot.Article, error) {
		return rowmap.Article(row, goTime)
	})
	if err != nil {
		return nil, err
	}
	if err := s.attachDetails(ctx, arts); err != nil {
		return nil, err
	}
	return arts, nil
}

// attachDetails loads statements, actors and mentions of arts with three
// queries sent in one batch.
func (s *Store) attachDetails(ctx context.Context, arts []briefbot.Article) error {
	if len(arts) == 0 {
		return nil
	}
	index := make(map[int64]*briefbot.Article, len(arts))
	ids := make([]int64, len(arts))
	for i := range arts {
		index[arts[i].ID] = &arts[i]
		ids[i] = arts[i].ID
	}
	batch := &pgx.Batch{}
	batch.Queue(`SELECT `+rowmap.StatementColumns+` FROM statements WHERE article_id = ANY($1) ORDER BY article_id, seq`, ids).
		Query(func(rows pgx.Rows) error {
			sts, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (briefbot.Statement, error) {
				return rowmap.Statement(row)
			})
			for _, st := range sts {
				a := index[st.ArticleID]
				a.Statements = append(a.Statements, st)
			}
			return err
		})
	batch.Queue(`SELECT article_id, name, type, role, affiliation, aliases FROM actors
		WHERE article_id = ANY($1) ORDER BY article_id, seq`, ids).
		Query(func(rows pgx.Rows) error {
			var (
				id int64
				ac briefbot.Actor
			)
			_, err := pgx.ForEachRow(rows, []any{&id, &ac.Name, &ac.Type, &ac.Role, &ac.Affiliation, &ac.Aliases}, func() error {
				a := index[id]
				a.Actors = append(a.Actors, ac)
				ac = briefbot.Actor{}
				return nil
			})
			return err
		})
	batch.Queue(`SELECT article_id, actor_seq, text, start_off, end_off FROM actor_mentions
		WHERE article_id = ANY($1) ORDER BY article_id, actor_seq, seq`, ids).
		Query(func(rows pgx.Rows) error {
			var (
				id  int64
				seq int
				m   briefbot.Span
			)
			_, err := pgx.ForEachRow(rows, []any{&id, &seq, &m.Text, &m.Start, &m.End}, func() error {
				if a := index[id]; seq < len(a.Actors) {
					a.Actors[seq].Mentions = append(a.Actors[seq].Mentions, m)
				}
				return nil
			})
			return err
		})
	return s.pool.SendBatch(ctx, batch).Close()
}

// retryDeadlock runs fn again, up to twice, when PostgreSQL aborted it to
// break a deadlock (two saves updating the same speakers' counts).
func retryDeadlock(fn func() error) error {
	var err error
	for range 3 {
		err = fn()
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != "40P01" {
			return err
		}
	}
	return err
}
