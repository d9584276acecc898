package postgres

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// TestNewestMatchesAgreesWithSort checks that every way newestMatches
// finds matches (walking the newest rows, a GIN window sized from their
// density, the whole index) returns exactly the newest n matches a full
// sort returns, for words of every density: dense pairs, sparse pairs of
// common words, words only in old rows, a word that stops being used,
// prefixes and alternatives; before ANALYZE (no word statistics) and
// after.
func TestNewestMatchesAgreesWithSort(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, pgtest.Schema(t, "briefbot_test_"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	// 40,000 statements: more than the walk's longest reach, so windows
	// and the whole index are taken too.
	const rows = 40_000
	if _, err := s.pool.Exec(ctx, `INSERT INTO articles (hash) VALUES ('a')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.pool.Exec(ctx, `INSERT INTO statements (article_id, seq, body, search_text)
		SELECT (SELECT id FROM articles), i, 'x', concat_ws(' ',
			CASE WHEN i % 2 = 0 THEN 'alpha' END,
			CASE WHEN i % 3 = 0 THEN 'beta' END,
			CASE WHEN i % 50 = 0 THEN 'gamma' END,
			CASE WHEN i % 400 = 0 THEN 'delta' END,
			CASE WHEN i % 1999 = 0 THEN 'epsilon' END,
			CASE WHEN i < 2000 AND i % 7 = 0 THEN 'omega' END,
			CASE WHEN i % 900 = 0 THEN 'omegaville' END,
			CASE WHEN i < 20000 AND i % 3 = 0 THEN 'sigma' END,
			CASE WHEN i % 5 = 0 THEN 'sigmoid' END,
			CASE WHEN i % 150 < 75 THEN 'kappa' END,
			CASE WHEN i % 150 BETWEEN 73 AND 122 THEN 'lambda' END,
			CASE WHEN i % 150 = 0 THEN 'nu' END,
			'filler')
		FROM generate_series(1, $1) AS i`, rows); err != nil {
		t.Fatal(err)
	}
	queries := []string{
		"alpha", "alpha beta", "alpha gamma", "beta delta", "gamma delta", "alpha epsilon", "epsilon",
		"omega", "omega alpha", "alpha omeg", "omeg", "sigma", "sigma alpha", "alpha sig", "sig",
		"gamma OR epsilon", "delta OR omega", "nothing", "alpha nothing", "filler",
		"kappa lambda", "nu", "kappa lamb", "nu OR lambda", "into", "with OR alpha",
		"epsilon alph", "gamma alph", "omega sigm", "into alph",
	}
	check := func(t *testing.T) {
		for _, query := range queries {
			for _, exact := range []bool{true, false} {
				q := textsearch.Parse(query)
				q.Exact = exact
				for _, n := range []int{1, 60, 500} {
					got, err := s.newestMatches(ctx, q, n)
					if err != nil {
						t.Fatalf("%q: %v", query, err)
					}
					r, _ := s.pool.Query(ctx, `SELECT id FROM statements WHERE tsv @@ to_tsquery('english', $1)
						ORDER BY id + 0 DESC LIMIT $2`, q.TSQuery(), n)
					want, err := pgx.CollectRows(r, pgx.RowTo[int64])
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) {
						t.Errorf("newestMatches(%q, exact %v, %d): %d ids %v…, want %d %v…",
							query, exact, n, len(got), got[:min(3, len(got))], len(want), want[:min(3, len(want))])
					}
				}
			}
		}
	}
	t.Run("without statistics", check)
	if _, err := s.pool.Exec(ctx, `ANALYZE statements`); err != nil {
		t.Fatal(err)
	}
	s.words.read = time.Time{} // read the statistics again
	est, err := s.estimate(ctx, textsearch.Parse("alpha gamma"))
	if err != nil {
		t.Fatal(err)
	}
	if len(est.share) != 2 || est.share[0] < 0.4 || est.share[0] > 0.6 || est.statements < rows/2 {
		t.Errorf("estimate of alpha gamma after ANALYZE: %+v", est)
	}
	// With statistics, each way is taken: a pair of common words in
	// 1.3 % of rows is walked, a word in 0.7 % gets a window, one only in
	// old rows the whole index.
	ways := map[string]string{"kappa lambda": "walk", "nu": "window", "omega": "all"}
	for query, want := range ways {
		var taken []string
		took = func(way string) { taken = append(taken, way) }
		q := textsearch.Parse(query)
		q.Exact = true
		if _, err := s.newestMatches(ctx, q, 60); err != nil {
			t.Fatal(err)
		}
		if len(taken) != 1 || taken[0] != want {
			t.Errorf("%q went %v, want %s", query, taken, want)
		}
	}
	// A costly prefix after a rare word: the rare word's rows are read
	// instead of merging the prefix's lists.
	var taken []string
	took = func(way string) { taken = append(taken, way) }
	if _, err := s.newestMatches(ctx, textsearch.Parse("epsilon alph"), 60); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(taken, []string{"rare"}) {
		t.Errorf("epsilon alph went %v, want rare", taken)
	}
	took = func(string) {}
	t.Run("with statistics", check)
}
