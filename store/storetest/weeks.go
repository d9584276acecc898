package storetest

import (
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

// Both stores keep per-speaker weekly counts as saves go (speaker_weeks);
// these tests check the counts against what was stored, through the
// path that reads the counts (a speaker, whole weeks, no query) and the
// one that counts statements (any other span).

// weeksArticle is an article in the weekly-count history: when it was
// published (zero: not known) and fetched, and who speaks, once a name.
func weeksArticle(feed int64, n int, published, fetched time.Time, speakers ...string) briefbot.Article {
	a := article(feed, 1000+n, fetched)
	a.PublishedAt, a.FetchedAt = published, fetched
	for i, sp := range speakers {
		a.Statements = append(a.Statements, briefbot.Statement{Text: fmt.Sprintf("Statement %d of story %d", i, n), Speaker: sp})
	}
	return a
}

// countWeeks is what the weekly counts of speaker must be after arts were
// stored: each statement in the Monday-based UTC week of its article's
// publication, else fetch time; undated ones nowhere.
func countWeeks(arts []briefbot.Article, speaker string) map[time.Time]int {
	want := map[time.Time]int{}
	for _, a := range arts {
		at := a.PublishedAt
		if at.IsZero() {
			at = a.FetchedAt
		}
		if at.IsZero() {
			continue
		}
		for _, st := range a.Statements {
			if st.Speaker == speaker {
				want[briefbot.WeekStart(at)]++
			}
		}
	}
	return want
}

// checkWeeks fails t unless the speaker's weeks, read whole (the counts)
// and from a span starting mid-week (the statements), are want.
func checkWeeks(t *testing.T, s store.Store, id int64, want map[time.Time]int) {
	t.Helper()
	var wantList []briefbot.WeekCount
	for _, w := range slices.SortedFunc(maps.Keys(want), time.Time.Compare) {
		if want[w] > 0 {
			wantList = append(wantList, briefbot.WeekCount{Week: w, Count: want[w]})
		}
	}
	whole, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: id})
	check(t, err)
	if !slices.Equal(whole, wantList) {
		t.Errorf("speaker %d, whole weeks: %+v, want %+v", id, whole, wantList)
	}
	if len(wantList) == 0 {
		return
	}
	first := wantList[0].Week
	scanned, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: id, Since: first.AddDate(0, 0, -7).Add(time.Second)})
	check(t, err)
	if !slices.Equal(scanned, wantList) {
		t.Errorf("speaker %d, counted from statements: %+v, want %+v", id, scanned, wantList)
	}
	// Whole weeks with both ends: the first week left out.
	last := wantList[len(wantList)-1].Week
	tail, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: id, Since: first.AddDate(0, 0, 7), Until: last.AddDate(0, 0, 7)})
	check(t, err)
	if !slices.Equal(tail, wantList[1:]) {
		t.Errorf("speaker %d, weeks after the first: %+v, want %+v", id, tail, wantList[1:])
	}
}

// testSpeakerWeeksKept saves articles one by one and in batches, with
// duplicates, week edges and undated articles, and saves them all again.
func testSpeakerWeeksKept(t *testing.T, s store.Store) {
	feed := oneFeed(t, s)
	plus14 := time.FixedZone("+14", 14*3600)
	single := []briefbot.Article{
		weeksArticle(feed, 1, week0.Add(10*time.Hour), week0.Add(11*time.Hour), "Ada Quill", "Ada Quill", "Bo Rennet"),
		// The last second of week0's Sunday, UTC.
		weeksArticle(feed, 2, week0.AddDate(0, 0, 7).Add(-time.Second), week0.AddDate(0, 0, 7), "Ada Quill"),
		// Not dated at all: counted for the speaker, in no week.
		weeksArticle(feed, 3, time.Time{}, time.Time{}, "Ada Quill", "Bo Rennet"),
		// A statement nobody is named for.
		weeksArticle(feed, 4, week0.Add(12*time.Hour), week0.Add(12*time.Hour), "", "Bo Rennet"),
	}
	batched := []briefbot.Article{
		// Monday 00:00 UTC starts week 1.
		weeksArticle(feed, 5, week0.AddDate(0, 0, 7), week0.AddDate(0, 0, 7).Add(time.Hour), "Ada Quill", "Bo Rennet"),
		// Monday morning at +14:00 is Sunday evening UTC: week 1.
		weeksArticle(feed, 6, time.Date(2026, 3, 16, 9, 0, 0, 0, plus14), week0.AddDate(0, 0, 14), "Ada Quill", "Ada Quill"),
		// No publication date: the fetch time's week (3).
		weeksArticle(feed, 7, time.Time{}, week0.AddDate(0, 0, 21).Add(time.Hour), "Bo Rennet"),
	}
	// The same hash as article 5 in the same batch, and article 1's URL.
	dupInBatch := weeksArticle(feed, 5, week0.AddDate(0, 0, 30), week0.AddDate(0, 0, 30), "Ada Quill", "Ada Quill", "Ada Quill")
	dupInBatch.URL = "https://wire.example/elsewhere"
	dupOfStored := weeksArticle(feed, 8, week0.AddDate(0, 0, 30), week0.AddDate(0, 0, 30), "Ada Quill")
	dupOfStored.URL = single[0].URL

	for i := range single {
		if !save(t, s, &single[i]) {
			t.Fatalf("article %d not stored", i)
		}
	}
	batch := []*briefbot.Article{&batched[0], &batched[1], &dupInBatch, &dupOfStored, &batched[2]}
	if bs, ok := s.(BatchSaver); ok {
		created, err := bs.SaveArticles(ctx(t), batch)
		check(t, err)
		if want := []bool{true, true, false, false, true}; !slices.Equal(created, want) {
			t.Fatalf("batch created %v, want %v", created, want)
		}
	} else {
		for _, a := range batch {
			save(t, s, a)
		}
	}
	stored := append(slices.Clone(single), batched...)
	ada, bo := speakerID(t, s, "Ada Quill"), speakerID(t, s, "Bo Rennet")
	wantAda, wantBo := countWeeks(stored, "Ada Quill"), countWeeks(stored, "Bo Rennet")
	if wantAda[week0] != 3 || wantAda[week0.AddDate(0, 0, 7)] != 3 || wantBo[week0.AddDate(0, 0, 21)] != 1 {
		t.Fatalf("history is not what this test expects: %v %v", wantAda, wantBo)
	}
	checkWeeks(t, s, ada, wantAda)
	checkWeeks(t, s, bo, wantBo)

	// Everything again, one by one and batched: all duplicates.
	for _, a := range stored {
		again := a
		again.ID, again.Statements = 0, slices.Clone(a.Statements)
		if save(t, s, &again) {
			t.Errorf("article %q stored twice", a.Hash)
		}
	}
	if bs, ok := s.(BatchSaver); ok {
		var again []*briefbot.Article
		for _, a := range stored {
			a.ID, a.Statements = 0, slices.Clone(a.Statements)
			again = append(again, &a)
		}
		created, err := bs.SaveArticles(ctx(t), again)
		check(t, err)
		if slices.Contains(created, true) {
			t.Errorf("a batch of stored articles created %v", created)
		}
	}
	checkWeeks(t, s, ada, wantAda)
	checkWeeks(t, s, bo, wantBo)

	// The counts add up to the registry's, the undated statement aside.
	if sp, err := s.SpeakerByID(ctx(t), ada); err != nil || sp.Statements != 7 {
		t.Errorf("Ada Quill: %d statements (%v), want 7", sp.Statements, err)
	}
}

// testSpeakerWeeksConcurrent saves articles quoting the same speakers in
// the same week from several goroutines: no count is lost.
func testSpeakerWeeksConcurrent(t *testing.T, s store.Store) {
	feed := oneFeed(t, s)
	const workers, perWorker = 4, 10
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	week := week0.AddDate(0, 0, 7)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				n := w*perWorker + i
				// Speakers in both orders, so saves lock them in
				// different orders if the store does not sort them.
				names := []string{"Ada Quill", "Ada Quill", "Bo Rennet"}
				if n%2 == 1 {
					names = []string{"Bo Rennet", "Ada Quill", "Ada Quill"}
				}
				a := weeksArticle(feed, n, week.Add(time.Duration(n)*time.Hour), week.Add(time.Duration(n)*time.Hour), names...)
				var err error
				if bs, ok := s.(BatchSaver); ok && n%3 == 0 {
					_, err = bs.SaveArticles(t.Context(), []*briefbot.Article{&a})
				} else {
					_, err = s.SaveArticle(t.Context(), &a)
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	n := workers * perWorker
	// All of them within the first two days of the week.
	checkWeeks(t, s, speakerID(t, s, "Ada Quill"), map[time.Time]int{week: 2 * n})
	checkWeeks(t, s, speakerID(t, s, "Bo Rennet"), map[time.Time]int{week: n})
}

// Exec runs one SQL statement (integers written into it, no parameters)
// on the store's database, bypassing the store.
type Exec func(t *testing.T, query string)

// RunSpeakerWeeksEdits checks that the weekly counts follow statements
// deleted (with their article) or changed outside the saves: nothing in
// briefbot deletes statements today, but an operator's cleanup or a
// future retention job must not leave the charts wrong. open returns a
// fresh store and the Exec for its database.
func RunSpeakerWeeksEdits(t *testing.T, open func(t *testing.T) (store.Store, Exec)) {
	s, exec := open(t)
	feed := oneFeed(t, s)
	arts := []briefbot.Article{
		weeksArticle(feed, 1, week0.Add(time.Hour), week0.Add(time.Hour), "Ada Quill", "Bo Rennet", "Ada Quill"),
		weeksArticle(feed, 2, week0.AddDate(0, 0, 8), week0.AddDate(0, 0, 8), "Ada Quill", "Bo Rennet"),
		weeksArticle(feed, 3, week0.AddDate(0, 0, 9), week0.AddDate(0, 0, 9), "Ada Quill"),
		weeksArticle(feed, 4, week0.AddDate(0, 0, 15), week0.AddDate(0, 0, 15), "Bo Rennet", "Ada Quill"),
	}
	for i := range arts {
		if !save(t, s, &arts[i]) {
			t.Fatalf("article %d not stored", i)
		}
	}
	ada, bo := speakerID(t, s, "Ada Quill"), speakerID(t, s, "Bo Rennet")
	checkWeeks(t, s, ada, countWeeks(arts, "Ada Quill"))

	// Article 2 goes, statements and all.
	exec(t, fmt.Sprintf(`DELETE FROM articles WHERE id = %d`, arts[1].ID))
	// Article 1's first statement was Bo Rennet's after all.
	exec(t, fmt.Sprintf(`UPDATE statements SET speaker_id = %d WHERE article_id = %d AND seq = 0`, bo, arts[0].ID))
	// Article 4's date is found to be wrong.
	exec(t, fmt.Sprintf(`UPDATE statements SET said_at = NULL WHERE article_id = %d`, arts[3].ID))
	// A change that moves nothing.
	exec(t, fmt.Sprintf(`UPDATE statements SET body = body || '.' WHERE article_id = %d`, arts[2].ID))

	checkWeeks(t, s, ada, map[time.Time]int{week0: 1, week0.AddDate(0, 0, 7): 1})
	checkWeeks(t, s, bo, map[time.Time]int{week0: 2})
}
