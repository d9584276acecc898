package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

var queueT0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

func queueStore(t *testing.T) (*Store, int64) {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "queue.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	feeds, err := s.SyncFeeds(t.Context(), []briefbot.Feed{{Name: "Wire", URL: "https://wire.example/rss"}})
	if err != nil {
		t.Fatal(err)
	}
	return s, feeds[0].ID
}

// queueArticle is article n of caller c, quoting a speaker of its own.
func queueArticle(feedID int64, c, n int) *briefbot.Article {
	return &briefbot.Article{
		FeedID: feedID, FeedName: "Wire",
		Hash:        fmt.Sprintf("c%d-n%d", c, n),
		URL:         fmt.Sprintf("https://wire.example/%d/%d", c, n),
		Title:       fmt.Sprintf("Story %d of caller %d", n, c),
		PublishedAt: queueT0.Add(time.Duration(n) * time.Minute), FetchedAt: queueT0,
		Statements: []briefbot.Statement{{
			Text:    fmt.Sprintf("caller%d story%d ceasefire talks will resume", c, n),
			Speaker: fmt.Sprintf("Envoy Caller%d", c), SpeakerRole: "Envoy",
		}},
		Actors: []briefbot.Actor{{Name: fmt.Sprintf("Envoy Caller%d", c), Type: briefbot.Person}},
	}
}

// holdSaves makes the next SaveArticles calls queue as if a transaction
// were running, until the returned function hands the lead to the oldest.
// It returns once want requests are queued.
func holdSaves(t *testing.T, s *Store, start func(), want int) {
	t.Helper()
	q := &s.saves
	q.mu.Lock()
	if q.busy {
		q.mu.Unlock()
		t.Fatal("queue busy")
	}
	q.busy = true
	q.mu.Unlock()
	start()
	for deadline := time.Now().Add(10 * time.Second); ; {
		q.mu.Lock()
		n := len(q.pending)
		if n >= want {
			close(q.pending[0].turn)
			q.mu.Unlock()
			return
		}
		q.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d requests queued", n, want)
		}
		time.Sleep(time.Millisecond)
	}
}

type saveResult struct {
	created []bool
	err     error
}

// saveAll runs one SaveArticles call per batch concurrently.
func saveAll(s *Store, batches [][]*briefbot.Article) (results []saveResult, wait func()) {
	results = make([]saveResult, len(batches))
	var wg sync.WaitGroup
	return results, func() {
		for i, b := range batches {
			wg.Go(func() {
				ctx := context.Background()
				results[i].created, results[i].err = s.SaveArticles(ctx, b)
			})
		}
		wg.Wait()
	}
}

// Calls queued while a transaction runs share the next one, and each gets
// exactly its own articles' outcome, IDs and registered speakers.
func TestSaveArticlesGroupCommit(t *testing.T) {
	s, feed := queueStore(t)
	const callers, per = 8, 5
	batches := make([][]*briefbot.Article, callers)
	for c := range batches {
		for n := range per {
			batches[c] = append(batches[c], queueArticle(feed, c, n))
		}
	}
	// Caller 7 repeats caller 0's first article: whichever was queued
	// first is stored, the other is the duplicate.
	dup := queueArticle(feed, 0, 0)
	batches[7][per-1] = dup
	first := batches[0][0]

	results, run := saveAll(s, batches)
	done := make(chan struct{})
	holdSaves(t, s, func() { go func() { run(); close(done) }() }, callers)
	<-done

	if s.saves.groups != 1 {
		t.Errorf("%d transactions for %d queued calls, want 1", s.saves.groups, callers)
	}
	ids := map[int64]bool{}
	for c, r := range results {
		if r.err != nil {
			t.Fatalf("caller %d: %v", c, r.err)
		}
	}
	if dupCreated, firstCreated := results[7].created[per-1], results[0].created[0]; dupCreated == firstCreated {
		t.Errorf("same article twice in one group: created %v and %v", firstCreated, dupCreated)
	}
	for c, r := range results {
		for i, ok := range r.created {
			a := batches[c][i]
			if a == dup || a == first {
				if ok != (a.ID != 0) {
					t.Errorf("created %v with ID %d", ok, a.ID)
				}
				if !ok {
					continue
				}
			}
			if !ok || a.ID == 0 || ids[a.ID] {
				t.Errorf("caller %d article %d: created %v, ID %d (seen %v)", c, i, ok, a.ID, ids[a.ID])
			}
			ids[a.ID] = true
			if a.Statements[0].ArticleID != a.ID || a.Statements[0].SpeakerID == 0 {
				t.Errorf("caller %d article %d statement: article %d speaker %d", c, i, a.Statements[0].ArticleID, a.Statements[0].SpeakerID)
			}
		}
	}
	if n, _ := s.CountArticles(t.Context()); n != callers*per-1 {
		t.Errorf("CountArticles = %d, want %d", n, callers*per-1)
	}
	// Each caller's speaker has its caller's statements, searchable.
	for c := range callers {
		hits, err := s.StatementsBySpeaker(t.Context(), fmt.Sprintf("Envoy Caller%d", c), 100)
		if err != nil {
			t.Fatal(err)
		}
		want := per
		if c == 7 {
			want = per - 1
		}
		if len(hits) != want {
			t.Errorf("speaker of caller %d: %d statements, want %d", c, len(hits), want)
		}
		for _, h := range hits {
			if !strings.HasPrefix(h.Text, fmt.Sprintf("caller%d ", c)) {
				t.Errorf("speaker of caller %d quoted in %q", c, h.Text)
			}
		}
		found, err := s.SearchStatements(t.Context(), fmt.Sprintf("caller%d", c), 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(found) != want {
			t.Errorf("search caller%d: %d hits, want %d", c, len(found), want)
		}
	}
}

// An article the store refuses fails only its own call: the shared
// transaction is rolled back and each call written alone, so the other
// calls' articles are stored (with speakers that exist) and nothing of
// the refused call is.
func TestSaveArticlesGroupFailureIsolated(t *testing.T) {
	s, feed := queueStore(t)
	const callers = 4
	batches := make([][]*briefbot.Article, callers)
	for c := range batches {
		batches[c] = []*briefbot.Article{queueArticle(feed, c, 0), queueArticle(feed, c, 1)}
	}
	batches[2][1].FeedID = feed + 1000 // no such feed: the foreign key refuses it

	results, run := saveAll(s, batches)
	done := make(chan struct{})
	holdSaves(t, s, func() { go func() { run(); close(done) }() }, callers)
	<-done

	for c, r := range results {
		if c == 2 {
			if r.err == nil {
				t.Error("refused article: no error")
			}
			continue
		}
		if r.err != nil || len(r.created) != 2 || !r.created[0] || !r.created[1] {
			t.Errorf("caller %d: created %v, err %v", c, r.created, r.err)
		}
	}
	if n, _ := s.CountArticles(t.Context()); n != 2*(callers-1) {
		t.Errorf("CountArticles = %d, want %d", n, 2*(callers-1))
	}
	known, err := s.KnownArticles(t.Context(), []string{"c2-n0", "c2-n1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(known) != 0 {
		t.Errorf("refused call partly stored: %v", known)
	}
	for c := range callers {
		hits, err := s.StatementsBySpeaker(t.Context(), fmt.Sprintf("Envoy Caller%d", c), 10)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 0, false: 2}[c == 2]; len(hits) != want {
			t.Errorf("speaker of caller %d: %d statements, want %d", c, len(hits), want)
		}
	}
	var orphans int
	if err := s.r.QueryRow(`SELECT count(*) FROM statements WHERE speaker_id IS NOT NULL
		AND speaker_id NOT IN (SELECT id FROM speakers)`).Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("%d statements reference a rolled-back speaker (%v)", orphans, err)
	}
}

// A call whose context ends while it is queued is not written.
func TestSaveArticlesCanceledWhileQueued(t *testing.T) {
	s, feed := queueStore(t)
	ctx, cancel := context.WithCancel(t.Context())
	var err error
	done := make(chan struct{})
	holdSaves(t, s, func() {
		go func() {
			_, err = s.SaveArticles(ctx, []*briefbot.Article{queueArticle(feed, 0, 0)})
			close(done)
		}()
		go func() {
			for {
				s.saves.mu.Lock()
				n := len(s.saves.pending)
				s.saves.mu.Unlock()
				if n > 0 {
					cancel()
					return
				}
				time.Sleep(time.Millisecond)
			}
		}()
		for ctx.Err() == nil {
			time.Sleep(time.Millisecond)
		}
	}, 1)
	<-done
	if err == nil {
		t.Error("canceled call: no error")
	}
	if n, _ := s.CountArticles(t.Context()); n != 0 {
		t.Errorf("canceled call stored %d articles", n)
	}
	// The queue is free again.
	if _, err := s.SaveArticles(t.Context(), []*briefbot.Article{queueArticle(feed, 1, 0)}); err != nil {
		t.Fatal(err)
	}
}

// A process killed (SIGKILL) while calls share transactions loses no
// article whose call returned, keeps no half article, and a re-poll of
// everything stores nothing twice. The child is this test binary.
func TestSaveArticlesKilledMidGroup(t *testing.T) {
	if path := os.Getenv("BRIEFBOT_SAVE_HELPER"); path != "" {
		saveUntilKilled(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSaveArticlesKilledMidGroup$")
	cmd.Env = append(os.Environ(), "BRIEFBOT_SAVE_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[string]bool{}
	sc := bufio.NewScanner(out)
	for len(acked) < 600 && sc.Scan() {
		if hash, ok := strings.CutPrefix(sc.Text(), "stored "); ok {
			acked[hash] = true
		}
	}
	cmd.Process.Kill() // SIGKILL, mid-transaction most likely
	for sc.Scan() {    // acknowledged before the kill landed
		if hash, ok := strings.CutPrefix(sc.Text(), "stored "); ok {
			acked[hash] = true
		}
	}
	cmd.Wait()
	if len(acked) < 600 {
		t.Fatalf("child acknowledged only %d articles", len(acked))
	}

	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hashes := make([]string, 0, len(acked))
	for h := range acked {
		hashes = append(hashes, h)
	}
	known, err := s.KnownArticles(t.Context(), hashes)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hashes {
		if !known[h] {
			t.Errorf("acknowledged article %s lost", h)
		}
	}
	var articles, statements, incomplete int
	if err := s.r.QueryRow(`SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements),
		(SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM statements s WHERE s.article_id = a.id) <> 1
			OR (SELECT count(*) FROM actors c WHERE c.article_id = a.id) <> 1)`).Scan(&articles, &statements, &incomplete); err != nil {
		t.Fatal(err)
	}
	if articles < len(acked) || statements != articles || incomplete != 0 {
		t.Errorf("%d articles (%d acknowledged), %d statements, %d incomplete", articles, len(acked), statements, incomplete)
	}
	if _, err := s.w.Exec(`INSERT INTO statements_fts(statements_fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("full-text index after the kill: %v", err)
	}

	// Re-poll: every article the child may have written, again.
	feeds, err := s.SyncFeeds(t.Context(), []briefbot.Feed{{Name: "Wire", URL: "https://wire.example/rss"}})
	if err != nil {
		t.Fatal(err)
	}
	again := 0
	for c := range killCallers {
		var batch []*briefbot.Article
		for n := range killMaxPerCaller {
			batch = append(batch, queueArticle(feeds[0].ID, c, n))
		}
		created, err := s.SaveArticles(t.Context(), batch)
		if err != nil {
			t.Fatal(err)
		}
		for i, ok := range created {
			if ok {
				again++
				if acked[batch[i].Hash] {
					t.Errorf("acknowledged article %s stored again", batch[i].Hash)
				}
			}
		}
	}
	var after int
	if err := s.r.QueryRow(`SELECT count(*) FROM articles`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != articles+again || after != killCallers*killMaxPerCaller {
		t.Errorf("after re-poll: %d articles, want %d (%d before, %d new)", after, killCallers*killMaxPerCaller, articles, again)
	}
	t.Logf("%d acknowledged, %d stored at the kill, %d stored by the re-poll", len(acked), articles, again)
}

const killCallers, killMaxPerCaller = 16, 400

// saveUntilKilled is the child: callers save 10-article batches at once
// and print each stored article's hash once its call returns.
func saveUntilKilled(path string) {
	s, err := Open(context.Background(), path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	feeds, err := s.SyncFeeds(context.Background(), []briefbot.Feed{{Name: "Wire", URL: "https://wire.example/rss"}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for c := range killCallers {
		wg.Go(func() {
			for start := 0; start < killMaxPerCaller; start += 10 {
				var batch []*briefbot.Article
				for n := start; n < start+10; n++ {
					batch = append(batch, queueArticle(feeds[0].ID, c, n))
				}
				created, err := s.SaveArticles(context.Background(), batch)
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
				mu.Lock()
				for i, ok := range created {
					if ok {
						fmt.Fprintf(os.Stdout, "stored %s\n", batch[i].Hash)
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	select {} // wait for the kill
}

// A group stops at maxGroupRows rows; the rest lead the next one.
func TestSaveArticlesGroupBounded(t *testing.T) {
	s, feed := queueStore(t)
	perCall := maxGroupRows/2 - 10 // two calls fit in a group, three do not
	batches := make([][]*briefbot.Article, 3)
	for c := range batches {
		a := queueArticle(feed, c, 0)
		for i := len(a.Actors); i < perCall-2; i++ {
			a.Actors = append(a.Actors, briefbot.Actor{Name: fmt.Sprintf("Actor %d", i)})
		}
		batches[c] = []*briefbot.Article{a}
	}
	results, run := saveAll(s, batches)
	done := make(chan struct{})
	holdSaves(t, s, func() { go func() { run(); close(done) }() }, len(batches))
	<-done
	for c, r := range results {
		if r.err != nil || !r.created[0] {
			t.Fatalf("caller %d: %v %v", c, r.created, r.err)
		}
	}
	if s.saves.groups != 2 {
		t.Errorf("%d transactions for 3 calls of %d rows, want 2", s.saves.groups, perCall)
	}
}

// A panic while a group is written fails every call of the group (none
// takes its unwritten articles for duplicates), reaches the leader's
// caller, and leaves neither the queue nor the writer connection stuck.
func TestSaveArticlesGroupPanic(t *testing.T) {
	s, feed := queueStore(t)
	const callers = 4
	reqs := make([]*saveRequest, callers)
	for c := range reqs {
		a := queueArticle(feed, c, 0)
		rows, err := rowsOf(a)
		if err != nil {
			t.Fatal(err)
		}
		rows.speakers = speakerNames(a)
		reqs[c] = &saveRequest{ctx: t.Context(), arts: []*briefbot.Article{a}, rows: []articleRows{rows}, ids: make([]int64, 1), size: 3}
	}
	reqs[2].rows[0].speakers = nil // resolveSpeakers indexes past it: a panic mid-transaction

	panicked := make([]bool, callers)
	var wg sync.WaitGroup
	done := make(chan struct{})
	holdSaves(t, s, func() {
		go func() {
			for c, r := range reqs {
				wg.Go(func() {
					defer func() { panicked[c] = recover() != nil }()
					s.saves.save(s, r)
				})
			}
			wg.Wait()
			close(done)
		}()
	}, callers)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("callers still waiting after a panic")
	}
	leaders := 0
	for c, r := range reqs {
		if panicked[c] {
			leaders++
		}
		if r.err == nil || r.ids[0] != 0 {
			t.Errorf("caller %d: err %v, id %d", c, r.err, r.ids[0])
		}
	}
	if leaders != 1 {
		t.Errorf("%d callers saw the panic, want the leader only", leaders)
	}
	if n, _ := s.CountArticles(t.Context()); n != 0 {
		t.Errorf("%d articles stored by a group that panicked", n)
	}
	created, err := s.SaveArticles(t.Context(), []*briefbot.Article{queueArticle(feed, 0, 0)})
	if err != nil || !created[0] {
		t.Fatalf("after the panic: %v %v", created, err)
	}
	if hits, _ := s.StatementsBySpeaker(t.Context(), "Envoy Caller0", 10); len(hits) != 1 {
		t.Errorf("after the panic: %d statements of the speaker, want 1", len(hits))
	}
}
