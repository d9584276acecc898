package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/summarize"
)

// lookupsConfig is what -lookups runs.
type lookupsConfig struct {
	dsn        string
	statements int    // statements the store must hold
	perArticle int    // statements per synthetic article
	corpus     string // ../shared
	queries    int    // timed calls per lookup
	keep       bool   // keep the temporary SQLite file
	slowest    int    // print the inputs of the n slowest calls per lookup
}

// batchSaver is the optional SaveArticles of both stores (feeds.BatchSaver).
type batchSaver interface {
	SaveArticles(ctx context.Context, arts []*briefbot.Article) ([]bool, error)
}

// runLookups fills a store to cfg.statements statements (real statements
// and speakers extracted from the shared corpus, reshuffled across
// articles spread over a year), unless it already holds enough, then times
// the chat lookups through the store.Store methods the bot calls and
// prints p50/p90/p99 per lookup.
func runLookups(cfg lookupsConfig) error {
	ctx := context.Background()
	if cfg.dsn == "" {
		dir, err := os.MkdirTemp("", "lookups")
		if err != nil {
			return err
		}
		if !cfg.keep {
			defer os.RemoveAll(dir)
		}
		cfg.dsn = filepath.Join(dir, "lookups.db")
	}
	pool, err := extractPool(cfg.corpus)
	if err != nil {
		return err
	}
	fmt.Printf("lookups: store %s; pool of %d statements by %d speakers from %s\n",
		redact(cfg.dsn), len(pool.statements), len(pool.speakers), cfg.corpus)

	st, err := store.Open(ctx, cfg.dsn)
	if err != nil {
		return fmt.Errorf("store %s: %w", redact(cfg.dsn), err)
	}
	defer st.Close()
	articles := (cfg.statements + cfg.perArticle - 1) / cfg.perArticle
	have, err := st.CountArticles(ctx)
	if err != nil {
		return err
	}
	if have < articles {
		start := time.Now()
		if err := fill(ctx, st, pool, have, articles, cfg.perArticle); err != nil {
			return err
		}
		took := time.Since(start)
		fmt.Printf("filled %d articles × %d statements in %s (%.0f statements/s)\n",
			articles-have, cfg.perArticle, took.Round(time.Second), float64((articles-have)*cfg.perArticle)/took.Seconds())
	} else {
		fmt.Printf("store already holds %d articles (≥ %d): not filled\n", have, articles)
	}

	rng := rand.New(rand.NewPCG(7, 9))
	surnames, prefixes, typos := pool.surnames(), pool.prefixes(), pool.typos()
	common, words := pool.commonWords(20), pool.words()
	var input string // what the current call looks up, for -slowest
	pick := func(xs []string) string {
		input = xs[rng.IntN(len(xs))]
		return input
	}
	lookups := []struct {
		name string
		run  func() (int, error)
	}{
		{"StatementsBySpeaker (who <surname>)", func() (int, error) {
			hits, err := st.StatementsBySpeaker(ctx, pick(surnames), 10)
			return len(hits), err
		}},
		{"Speakers (autocomplete, 3-letter prefix)", func() (int, error) {
			names, err := st.Speakers(ctx, pick(prefixes), 10)
			return len(names), err
		}},
		{"SearchStatements, common word (top 20)", func() (int, error) {
			hits, err := st.SearchStatements(ctx, pick(common), 10)
			return len(hits), err
		}},
		{"SearchStatements, one word", func() (int, error) {
			hits, err := st.SearchStatements(ctx, pick(words), 10)
			return len(hits), err
		}},
		{"SearchStatements, two words", func() (int, error) {
			q := pick(words) + " " + pick(common)
			input = q
			hits, err := st.SearchStatements(ctx, q, 10)
			return len(hits), err
		}},
		{"FindSpeakers, misspelt surname (guess)", func() (int, error) {
			sps, _, err := st.FindSpeakers(ctx, pick(typos), 10)
			return len(sps), err
		}},
	}
	type call struct {
		took  time.Duration
		input string
	}
	var slow []string
	fmt.Printf("%-42s %8s %8s %8s %8s %9s %7s\n", "lookup", "p50 ms", "p90 ms", "p99 ms", "max ms", "cpu ms/q", "found")
	for _, l := range lookups {
		for range 5 { // warm caches and prepared statements
			if _, err := l.run(); err != nil {
				return fmt.Errorf("%s: %w", l.name, err)
			}
		}
		times := make([]time.Duration, cfg.queries)
		calls := make([]call, cfg.queries)
		found := 0
		cpu0 := cpuTime()
		for i := range times {
			start := time.Now()
			n, err := l.run()
			times[i] = time.Since(start)
			calls[i] = call{times[i], input}
			if err != nil {
				return fmt.Errorf("%s: %w", l.name, err)
			}
			if n > 0 {
				found++
			}
		}
		cpu := cpuTime() - cpu0
		slices.Sort(times)
		slices.SortFunc(calls, func(a, b call) int { return cmp.Compare(b.took, a.took) })
		for _, c := range calls[:min(cfg.slowest, len(calls))] {
			slow = append(slow, fmt.Sprintf("  %-40s %8.1f ms  %q", l.name, float64(c.took.Microseconds())/1000, c.input))
		}
		q := func(p float64) float64 {
			return float64(times[min(len(times)-1, int(p*float64(len(times))))].Microseconds()) / 1000
		}
		fmt.Printf("%-42s %8.1f %8.1f %8.1f %8.1f %9.2f %6d%%\n", l.name, q(0.50), q(0.90), q(0.99), q(1),
			float64(cpu.Microseconds())/1000/float64(len(times)), 100*found/len(times))
	}
	if len(slow) > 0 {
		fmt.Println("slowest calls:")
		fmt.Println(strings.Join(slow, "\n"))
	}
	return nil
}

// cpuTime is the CPU time this process has used (user and system): on a
// shared, loaded machine it shows what a lookup costs apart from waiting
// for a core. For PostgreSQL it covers the client side only.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// statementPool is what extraction found in the corpus.
type statementPool struct {
	statements []briefbot.Statement
	speakers   []string // distinct, as extracted
	actors     []briefbot.Actor
}

// extractPool runs the extractor over the corpus texts: the seed article,
// the PolNeAR dev texts and the fmprc press conferences.
func extractPool(corpus string) (*statementPool, error) {
	var texts []string
	paths, _ := filepath.Glob(filepath.Join(corpus, "eval", "polnear", "*", "text", "*.txt"))
	seed, _ := filepath.Glob(filepath.Join(corpus, "corpus", "seed", "*.txt"))
	for _, p := range append(paths, seed...) {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		texts = append(texts, string(b))
	}
	if f, err := os.Open(filepath.Join(corpus, "corpus", "articles", "fmprc", "fmprc_press_conferences_en.jsonl")); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			var rec struct {
				Title, Text string
			}
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Text != "" {
				texts = append(texts, rec.Text)
			}
		}
		f.Close()
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("no texts under %s (the shared corpus: -corpus)", corpus)
	}
	p := &statementPool{}
	seen := map[string]bool{}
	for _, t := range texts {
		ex := summarize.Extract(t)
		for _, s := range ex.Statements {
			if s.Speaker == "" || s.Text == "" {
				continue
			}
			p.statements = append(p.statements, s)
			if !seen[s.Speaker] {
				seen[s.Speaker] = true
				p.speakers = append(p.speakers, s.Speaker)
			}
		}
		for _, a := range ex.Actors {
			if a.Type == briefbot.Person {
				p.actors = append(p.actors, a)
			}
		}
	}
	if len(p.statements) == 0 {
		return nil, fmt.Errorf("extraction found no statements in %s", corpus)
	}
	return p, nil
}

// fill stores articles from..to-1, each with perArticle statements drawn
// from the pool, spread over the year before now, in batches.
func fill(ctx context.Context, st store.Store, p *statementPool, from, to, perArticle int) error {
	rng := rand.New(rand.NewPCG(uint64(from)+1, 42))
	year := 365 * 24 * time.Hour
	end := time.Now().UTC().Truncate(time.Second)
	const batch = 50
	bs, batched := st.(batchSaver)
	var arts []*briefbot.Article
	flush := func() error {
		if len(arts) == 0 {
			return nil
		}
		if batched {
			_, err := bs.SaveArticles(ctx, arts)
			arts = arts[:0]
			return err
		}
		for _, a := range arts {
			if _, err := st.SaveArticle(ctx, a); err != nil {
				return err
			}
		}
		arts = arts[:0]
		return nil
	}
	lastReport := time.Now()
	for n := from; n < to; n++ {
		// year*n overflowed int64 past n = 292: every article landed
		// within ±3.2 days of a year ago.
		at := end.Add(-year + year/time.Duration(to)*time.Duration(n))
		a := &briefbot.Article{
			FeedName: fmt.Sprintf("Wire %d", n%40), Hash: fmt.Sprintf("lookups-%d", n),
			URL: fmt.Sprintf("https://lookups.example/%d", n), Title: fmt.Sprintf("Lookup article %d", n),
			Text: "Body.", PublishedAt: at, FetchedAt: at,
		}
		for range perArticle {
			s := p.statements[rng.IntN(len(p.statements))]
			// Reshuffle: the text of one statement, the speaker of another
			// (so speakers keep their real frequencies).
			s.Speaker = p.statements[rng.IntN(len(p.statements))].Speaker
			s.SpeakerID = 0
			a.Statements = append(a.Statements, s)
		}
		arts = append(arts, a)
		if len(arts) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
		if time.Since(lastReport) > 10*time.Second {
			lastReport = time.Now()
			fmt.Printf("  … %d of %d articles\n", n+1, to)
		}
	}
	return flush()
}

// surnames are the last words of multi-word speaker names.
func (p *statementPool) surnames() []string {
	var out []string
	for _, s := range p.speakers {
		if f := strings.Fields(s); len(f) >= 2 {
			out = append(out, f[len(f)-1])
		}
	}
	return nonEmpty(out, p.speakers)
}

// prefixes are the first three letters of speaker name words.
func (p *statementPool) prefixes() []string {
	var out []string
	for _, s := range p.speakers {
		for _, w := range strings.Fields(s) {
			if r := []rune(w); len(r) >= 3 && unicode.IsLetter(r[0]) {
				out = append(out, string(r[:3]))
			}
		}
	}
	return nonEmpty(out, p.speakers)
}

// typos are surnames of six letters or more with two letters swapped.
func (p *statementPool) typos() []string {
	var out []string
	for _, s := range p.surnames() {
		r := []rune(s)
		if len(r) >= 6 {
			r[2], r[3] = r[3], r[2]
			out = append(out, string(r))
		}
	}
	return nonEmpty(out, p.surnames())
}

// words are the words of statements, as typed.
func (p *statementPool) words() []string {
	var out []string
	for _, s := range p.statements {
		for _, w := range strings.FieldsFunc(s.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) >= 4 {
				out = append(out, strings.ToLower(w))
			}
		}
	}
	return nonEmpty(out, []string{"ceasefire"})
}

// functionWords are frequent English words nobody searches for (both
// stores drop them from searches that have other words).
var functionWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`that this with have will they their from would been were which what
		there about when more also into than them these some could other only those said does should very
		being such after where while because your just over most both each make made many must here them`) {
		functionWords[w] = true
	}
}

// commonWords are the n most frequent words of four letters or more,
// function words left out.
func (p *statementPool) commonWords(n int) []string {
	counts := map[string]int{}
	for _, w := range p.words() {
		counts[w]++
	}
	type wc struct {
		w string
		c int
	}
	var all []wc
	for w, c := range counts {
		if !functionWords[w] {
			all = append(all, wc{w, c})
		}
	}
	slices.SortFunc(all, func(a, b wc) int { return cmp.Or(b.c-a.c, strings.Compare(a.w, b.w)) })
	var out []string
	for _, x := range all[:min(n, len(all))] {
		out = append(out, x.w)
	}
	return out
}

func nonEmpty(xs, fallback []string) []string {
	if len(xs) == 0 {
		return fallback
	}
	return xs
}
