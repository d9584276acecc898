package postgres

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/pgtest"
)

// TestIngestRefreshesStatistics checks that saving articles past the
// growth threshold runs VACUUM ANALYZE, without autovacuum, and that search
// then sees the new word statistics instead of its cached empty ones.
func TestIngestRefreshesStatistics(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, pgtest.Schema(t, "briefbot_test_"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.analyze.mu.Lock()
	s.analyze.minRows = 200
	s.analyze.mu.Unlock()

	// Cached now, before any statement exists: search would keep using
	// these empty statistics for wordStatsAge unless the run resets them.
	if ws, err := s.words.get(ctx, s.pool); err != nil || len(ws.freq) != 0 {
		t.Fatalf("statistics of an empty table: %v words, err %v", len(ws.freq), err)
	}
	save := func(from, to int) {
		var arts []*briefbot.Article
		for i := from; i < to; i++ {
			a := &briefbot.Article{Hash: fmt.Sprintf("h%d", i), Title: "t", PublishedAt: time.Now()}
			for j := range 10 {
				a.Statements = append(a.Statements, briefbot.Statement{
					Text: fmt.Sprintf("sanctions remain in place, statement %d", j), Speaker: "Ann Lee"})
			}
			arts = append(arts, a)
		}
		if _, err := s.SaveArticles(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	save(0, 10) // 100 statements: under the threshold
	if runs := s.analyzeRuns(); runs != 0 {
		t.Fatalf("VACUUM ANALYZE ran after 100 of 200 statements (%d runs)", runs)
	}
	save(10, 30) // 300 in all
	deadline := time.Now().Add(20 * time.Second)
	for s.analyzeRuns() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no VACUUM ANALYZE 20 s after the table passed the threshold")
		}
		time.Sleep(20 * time.Millisecond)
	}
	// vacuum_count counts VACUUMs run by a client, not by autovacuum.
	var vacuums int
	for vacuums == 0 && time.Now().Before(deadline) {
		if err := s.pool.QueryRow(ctx, `SELECT vacuum_count FROM pg_stat_user_tables
			WHERE relid = 'statements'::regclass`).Scan(&vacuums); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if vacuums == 0 {
		t.Error("statements was analyzed but never vacuumed")
	}
	ws, err := s.words.get(ctx, s.pool)
	if err != nil {
		t.Fatal(err)
	}
	if ws.freq["sanction"] < 0.99 || ws.statements < 300 {
		t.Errorf("after VACUUM ANALYZE search sees share(sanction) = %.2f over %.0f statements, want 1 over 300",
			ws.freq["sanction"], ws.statements)
	}
}

func (s *Store) analyzeRuns() int64 {
	s.analyze.mu.Lock()
	defer s.analyze.mu.Unlock()
	return s.analyze.runs
}
