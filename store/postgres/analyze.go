package postgres

import (
	"context"
	"errors"
	"log/slog"
	"sync"
)

// Search picks its plan from the statistics ANALYZE keeps (the table's row
// count, the most common words of statements.tsv; see wordStats), and so
// does the planner; its index scans need the visibility map VACUUM sets,
// and GIN's pending list of fresh entries, which every search reads
// through, is merged by VACUUM too. Autovacuum does all three when it
// runs, but it may be off, or behind a bulk fill: at 1 M statements saved
// minutes ago and never vacuumed, one-word search p99 was 56–84 ms against
// 8 ms after a 1 s VACUUM. So the store vacuums and analyzes what ingest
// grows itself, in the background, each time the statements saved since the
// last time reach half of the table (and at least analyzeMinRows).
const analyzeMinRows = 10_000

type analyzer struct {
	mu      sync.Mutex
	minRows int64 // analyzeMinRows; smaller in tests
	base    int64 // statements at the last ANALYZE (pg_class.reltuples)
	added   int64 // statements saved since
	running bool
	runs    int64 // completed, for tests

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// startAnalyzer reads the row count the last ANALYZE left (none: 0).
func (s *Store) startAnalyzer(ctx context.Context) error {
	a := &s.analyze
	a.minRows = analyzeMinRows
	a.ctx, a.cancel = context.WithCancel(context.Background())
	return s.pool.QueryRow(ctx, `SELECT greatest(reltuples, 0)::bigint FROM pg_class
		WHERE oid = 'statements'::regclass`).Scan(&a.base)
}

// saved counts n newly stored statements and starts VACUUM ANALYZE when the
// table has grown enough since the last one and none is running.
func (s *Store) saved(n int) {
	a := &s.analyze
	a.mu.Lock()
	defer a.mu.Unlock()
	a.added += int64(n)
	if a.running || a.ctx == nil || a.added < max(a.minRows, a.base/2) {
		return
	}
	a.running, a.added = true, 0
	a.wg.Add(1)
	go s.runAnalyze()
}

func (s *Store) runAnalyze() {
	a := &s.analyze
	defer a.wg.Done()
	var rows int64
	// SKIP_LOCKED: another replica's or autovacuum's run does the work.
	_, err := s.pool.Exec(a.ctx, `VACUUM (ANALYZE, SKIP_LOCKED) statements, articles`)
	if err == nil {
		err = s.pool.QueryRow(a.ctx, `SELECT greatest(reltuples, 0)::bigint FROM pg_class
			WHERE oid = 'statements'::regclass`).Scan(&rows)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		slog.Warn("postgres: refreshing planner statistics failed; searches may plan worse until autovacuum runs", "err", err)
	}
	s.words.invalidate()
	a.mu.Lock()
	defer a.mu.Unlock()
	a.running = false
	if err == nil {
		a.base = rows
		a.runs++
	}
}

// stopAnalyzer cancels a running VACUUM ANALYZE and waits for it.
func (s *Store) stopAnalyzer() {
	if s.analyze.cancel != nil {
		s.analyze.cancel()
	}
	s.analyze.wg.Wait()
}
