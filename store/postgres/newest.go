package postgres

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// Finding the newest n matches of a full-text query without reading every
// match. Three ways, with costs measured with EXPLAIN ANALYZE at a
// million statements on this machine:
//
//   - walk: the primary key backwards, testing each row, stopping at the
//     n-th match: ~1 µs a row, so cheap only where matches are dense;
//   - window: the GIN index's bitmap of all matches ANDed with the BRIN
//     index's pages of the newest W rows (statements_id_brin, migration
//     12: a fraction of a millisecond for any W; the primary key's range
//     cost 0.1–0.2 µs a row), then the table pages holding matches in
//     the window, each row of them tested (~50 µs a page: this server's
//     128 MB of shared buffers hold few of the table's pages);
//   - all: the GIN bitmap, then a page for every match.
//
// Building the GIN bitmap costs ~0.1 µs per posting list entry read and
// as much per match added (a common word alone: 10–50 ms; two common
// words ANDed: 2–20 ms) plus, for a prefix, the merged lists of every
// word it begins ("said:*" 20–50 ms, "countri:*" 50–70 ms at load 10). A 2 % combination of two common words sorted whole
// took 18,000 page visits (180 ms) while a walk finds its newest 60 in
// 3,000 rows. So the newest recentWindow rows are walked first; the
// matches found there give the query's density, the lexeme statistics
// (estimate) what the index would cost; a longer walk goes next when it
// is the cheaper, then a window sized for the density (or, when the walk
// found nothing and the index is cheap, the newest wideWindow), then all.
// Each way returns the newest matches of its span, so once it holds n
// they are the newest n of all.
const (
	recentWindow  = 3_000
	maxRecentScan = 30_000
	wideWindow    = 300_000
)

// Costs in microseconds, as above.
const (
	walkRowCost  = 1.0
	entryCost    = 0.1 // reading a posting list entry, or adding it to a bitmap
	prefixFactor = 4
	pageCost     = 50.0
	// cheapIndex is what an index bitmap may cost to be built twice:
	// for a window that may hold too few, then for all.
	cheapIndex = 5_000.0
)

// newestMatches returns the ids of the newest n statements matching q
// (all of them when fewer match), newest first.
func (s *Store) newestMatches(ctx context.Context, q textsearch.Query, n int) ([]int64, error) {
	if q.OnlyStopWords() {
		return nil, nil // to_tsquery drops every word: nothing matches
	}
	tsq := q.TSQuery()
	ids, err := s.scanRecent(ctx, tsq, n, recentWindow)
	if err != nil || len(ids) >= n {
		return ids, err
	}
	est, err := s.estimate(ctx, q)
	if err != nil {
		return nil, err
	}
	index := est.indexCost(q)
	scanned, found := recentWindow, len(ids)
	if found > 0 {
		rows := recentWindow * n / found * 3 / 2
		if rows <= maxRecentScan && float64(rows)*walkRowCost < index+float64(2*n)*pageCost {
			took("walk")
			if ids, err = s.scanRecent(ctx, tsq, n, rows); err != nil || len(ids) >= n {
				return ids, err
			}
			scanned, found = rows, len(ids)
		}
	}
	if rest, ok := est.costlyPrefix(q); ok {
		if ids, ok, err := s.searchRare(ctx, rest.TSQuery(), tsq, n); err != nil || ok {
			return ids, err
		}
	}
	var window int64
	switch {
	case found > 0:
		window = int64(scanned) * int64(n) / int64(found) * 2
	case index < cheapIndex:
		window = wideWindow
	}
	return s.searchIndex(ctx, tsq, n, window)
}

// estimates are the planner's statistics on the query's words: for each
// token (in the order of q's groups) the share of statements holding it,
// or, for the prefix, any word it begins; 0 when too rare for the
// statistics (below ~0.4 %) or never analyzed.
type estimates struct {
	statements float64
	share      []float64
	prefix     []bool
}

// estimate looks the query's tokens, stemmed as to_tsquery stems them,
// up in the lexeme statistics (wordStats).
func (s *Store) estimate(ctx context.Context, q textsearch.Query) (estimates, error) {
	var e estimates
	var toks []string
	for gi, g := range q.Groups {
		for ti, tok := range g {
			toks = append(toks, tok)
			e.prefix = append(e.prefix, !q.Exact && gi == len(q.Groups)-1 && ti == len(g)-1)
		}
	}
	stats, err := s.words.get(ctx, s.pool)
	if err != nil {
		return e, err
	}
	e.statements = stats.statements
	e.share = make([]float64, len(toks))
	rows, _ := s.pool.Query(ctx, `SELECT t.i::int, l.lx FROM unnest($1::text[]) WITH ORDINALITY AS t(tok, i),
		unnest(ts_lexize('english_stem', t.tok)) AS l(lx)`, toks)
	var (
		i  int
		lx string
	)
	_, err = pgx.ForEachRow(rows, []any{&i, &lx}, func() error {
		if i >= 1 && i <= len(toks) {
			e.share[i-1] += stats.share(lx, e.prefix[i-1])
		}
		return nil
	})
	return e, err
}

// wordStats caches the lexeme statistics ANALYZE keeps for statements.tsv
// (pg_stats.most_common_elems: the 1,000 most frequent lexemes at the
// default statistics target, each with the share of rows holding it) and
// the table's row count. Reading pg_stats costs 10–40 ms, so it is read
// at most every wordStatsAge.
type wordStats struct {
	mu   sync.Mutex
	read time.Time
	wordShares
}

type wordShares struct {
	statements float64
	freq       map[string]float64
	sorted     []string // the lexemes of freq, for prefixes
}

const wordStatsAge = 10 * time.Minute

func (w *wordStats) get(ctx context.Context, pool *pgxpool.Pool) (wordShares, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.read.IsZero() && time.Since(w.read) < wordStatsAge {
		return w.wordShares, nil
	}
	var (
		elems []string
		freqs []float64
		ws    wordShares
	)
	err := pool.QueryRow(ctx, `SELECT
			coalesce((SELECT most_common_elems::text::text[] FROM pg_stats
				WHERE schemaname = current_schema() AND tablename = 'statements' AND attname = 'tsv'), '{}'),
			coalesce((SELECT most_common_elem_freqs FROM pg_stats
				WHERE schemaname = current_schema() AND tablename = 'statements' AND attname = 'tsv'), '{}'),
			coalesce((SELECT nullif(greatest(reltuples, 0), 0)::float8 FROM pg_class WHERE oid = 'statements'::regclass),
				(SELECT max(id) FROM statements), 0)::float8`).Scan(&elems, &freqs, &ws.statements)
	if err != nil {
		return ws, err
	}
	// most_common_elem_freqs ends with three more numbers (minimum,
	// maximum, share of empty rows).
	ws.freq = make(map[string]float64, len(elems))
	for i, e := range elems {
		if i < len(freqs) {
			ws.freq[e] = freqs[i]
		}
	}
	ws.sorted = slices.Sorted(maps.Keys(ws.freq))
	w.read, w.wordShares = time.Now(), ws
	return ws, nil
}

// invalidate makes the next get read the statistics again (after ANALYZE).
func (w *wordStats) invalidate() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.read = time.Time{}
}

// share returns the share of rows holding lexeme, or for a prefix any
// lexeme it begins; 0 when not among the most common.
func (ws wordShares) share(lexeme string, prefix bool) float64 {
	if !prefix {
		return ws.freq[lexeme]
	}
	sum := 0.0
	i, _ := slices.BinarySearch(ws.sorted, lexeme)
	for ; i < len(ws.sorted) && strings.HasPrefix(ws.sorted[i], lexeme); i++ {
		sum += ws.freq[ws.sorted[i]]
	}
	return sum
}

// indexCost is what building the GIN bitmap of q costs: reading every
// word's posting list, and adding the matches of each group of ANDed
// words (at most its least common word's) to the bitmap; a prefix first
// merges the lists of every word it begins into a bitmap of its own.
func (e estimates) indexCost(q textsearch.Query) float64 {
	cost, k := 0.0, 0
	for _, g := range q.Groups {
		least := 1.0
		for range g {
			least = min(least, e.share[k])
			cost += e.share[k] * e.statements * entryCost
			if e.prefix[k] {
				cost += e.share[k] * e.statements * entryCost * prefixFactor
			}
			k++
		}
		cost += least * e.statements * entryCost
	}
	return cost
}

// costlyPrefix returns q's other words when its last word is a prefix
// whose merged posting lists would cost the index more than cheapIndex
// ("countri:*": 50–70 ms at load 10) in a group of several words.
func (e estimates) costlyPrefix(q textsearch.Query) (textsearch.Query, bool) {
	if q.Exact || len(q.Groups) != 1 || len(q.Groups[0]) < 2 {
		return q, false
	}
	g := q.Groups[0]
	last := len(g) - 1
	if e.share[last]*e.statements*entryCost*(1+prefixFactor) < cheapIndex {
		return q, false
	}
	rest := textsearch.Query{Groups: [][]string{g[:last]}, Exact: true}
	return rest, !rest.OnlyStopWords()
}

// rareRest is how many statements the other words of a costly prefix
// query may match for the index to be asked about them alone, the prefix
// tested on their rows: that many table pages cost less than the merge.
const rareRest = 200

// searchRare returns the newest n matches of tsq when rest (tsq without
// its costly prefix) matches at most rareRest statements, reading their
// rows; ok is false when rest matches more. Counting reads at most
// rareRest+1 rows, which the search then finds cached.
func (s *Store) searchRare(ctx context.Context, rest, tsq string, n int) ([]int64, bool, error) {
	var ids []int64
	ok := false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// Only the GIN index: a sequential or primary key scan would
		// read old rows until it had counted enough.
		if _, err := tx.Exec(ctx, `SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off`); err != nil {
			return err
		}
		var count int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM (
				SELECT 1 FROM statements WHERE tsv @@ to_tsquery('english', $1) LIMIT $2
			) x`, rest, rareRest+1).Scan(&count); err != nil || count > rareRest {
			return err
		}
		took("rare")
		rows, _ := tx.Query(ctx, `SELECT id FROM statements
			WHERE tsv @@ to_tsquery('english', $1) AND ts_match_vq(tsv, to_tsquery('english', $2))
			ORDER BY id + 0 DESC LIMIT $3`, rest, tsq, n)
		var err error
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		ok = err == nil
		return err
	})
	return ids, ok, err
}

// took tells tests which way a search went.
var took = func(way string) {}

// scanRecent walks the newest rows statements by primary key, testing
// each, and returns the first n matches.
func (s *Store) scanRecent(ctx context.Context, tsq string, n, rows int) ([]int64, error) {
	r, _ := s.pool.Query(ctx, `SELECT r.id FROM (
			SELECT id, tsv FROM statements ORDER BY id DESC LIMIT $3
		) r WHERE r.tsv @@ to_tsquery('english', $1) LIMIT $2`, tsq, n, rows)
	return pgx.CollectRows(r, pgx.RowTo[int64])
}

// searchIndex asks the GIN index for the newest n matches of tsq among
// the newest window statements (unless window is 0), then among all.
// Index scans are off so the planner ANDs the GIN bitmap with the id
// range's pages (and, for all, sorts the bitmap's matches) instead of
// walking the primary key backwards through every row: its estimates of
// a combination's frequency are too coarse to choose well.
func (s *Store) searchIndex(ctx context.Context, tsq string, n int, window int64) ([]int64, error) {
	var ids []int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var newest int64
		if window > 0 {
			if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM statements`).Scan(&newest); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `SET LOCAL enable_indexscan = off`); err != nil {
			return err
		}
		if window > 0 && window < newest {
			took("window")
			rows, _ := tx.Query(ctx, `SELECT id FROM statements
				WHERE tsv @@ to_tsquery('english', $1) AND id > $3
				ORDER BY id DESC LIMIT $2`, tsq, n, newest-window)
			var err error
			if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil || len(ids) >= n {
				return err
			}
		}
		took("all")
		rows, _ := tx.Query(ctx, `SELECT id FROM statements WHERE tsv @@ to_tsquery('english', $1)
			ORDER BY id + 0 DESC LIMIT $2`, tsq, n)
		var err error
		ids, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	return ids, err
}
