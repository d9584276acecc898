package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

// RunProfiles runs the behaviour tests of store.ProfileStore.
func RunProfiles(t *testing.T, open func(t *testing.T) store.Store) {
	tests := map[string]func(t *testing.T, s store.Store){
		"SpeakerProfile":         testSpeakerProfile,
		"SpeakerWeeks":           testSpeakerWeeks,
		"SpeakerWeeksKept":       testSpeakerWeeksKept,
		"SpeakerWeeksConcurrent": testSpeakerWeeksConcurrent,
		"FindStatements":         testFindStatements,
		"ArticleByID":            testArticleByID,
		"OutboxSummary":          testOutboxSummary,
		"NoSuchSpeaker":          testNoSuchSpeaker,
		"HostileFilterIn":        testFindStatementsHostile,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) { fn(t, open(t)) })
	}
}

// Monday 2026-03-02 starts the first week of the history below.
var week0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// seedHistory stores four articles over three weeks: Lavrov speaks in all
// of them (once spelt with an accent), with a role that changes in the
// third week; Wang Yi speaks in two.
func seedHistory(t *testing.T, s store.Store) []briefbot.Article {
	t.Helper()
	feed := oneFeed(t, s)
	lavrov := func(text, mention, role string, score float64) briefbot.Statement {
		return briefbot.Statement{Text: text, Speaker: "Sergei Lavrov", SpeakerMention: briefbot.Span{Text: mention},
			SpeakerRole: role, SpeakerAffiliation: "Russia", Score: score, Kind: briefbot.Direct}
	}
	wang := briefbot.Statement{Text: "China supports talks on Ukraine", Speaker: "Wang Yi", Score: 0.5}
	nato := briefbot.Actor{Name: "NATO", Type: briefbot.Organization}
	ukraine := briefbot.Actor{Name: "Ukraine", Type: briefbot.Country}
	self := briefbot.Actor{Name: "Sergei Lavrov", Type: briefbot.Person}
	specs := []struct {
		at         time.Time
		statements []briefbot.Statement
		actors     []briefbot.Actor
	}{
		{week0.Add(10 * time.Hour), []briefbot.Statement{
			lavrov("Russia will not negotiate on Ukraine under pressure", "Lavrov", "Foreign Minister", 0.9),
			wang}, []briefbot.Actor{self, ukraine, nato}},
		{week0.Add(26 * time.Hour), []briefbot.Statement{
			lavrov("NATO expansion is a threat", "Russia's top diplomat", "Foreign Minister", 0.4)},
			[]briefbot.Actor{self, nato}},
		{week0.AddDate(0, 0, 15), []briefbot.Statement{
			lavrov("Russia is ready to negotiate on Ukraine", "Lavrov", "Former Foreign Minister", 0.8),
			lavrov("The talks could start soon", "he", "Former Foreign Minister", 0.2)},
			[]briefbot.Actor{self, ukraine}},
		{week0.AddDate(0, 0, 16), []briefbot.Statement{
			{Text: "We expect an answer on Ukraine", Speaker: "Sergéi Lavrov", SpeakerMention: briefbot.Span{Text: "Lavrov"}, Score: 0.7},
			wang}, []briefbot.Actor{ukraine}},
	}
	var arts []briefbot.Article
	for i, sp := range specs {
		a := article(feed, 100+i, sp.at)
		a.PublishedAt = sp.at
		a.Statements, a.Actors = sp.statements, sp.actors
		if !save(t, s, &a) {
			t.Fatalf("article %d not stored", i)
		}
		arts = append(arts, a)
	}
	return arts
}

// speakerID is the registry ID of the speaker named exactly name.
func speakerID(t *testing.T, s store.Store, name string) int64 {
	t.Helper()
	sps, _, err := s.FindSpeakers(ctx(t), name, 1)
	check(t, err)
	if len(sps) == 0 || sps[0].Name != name {
		t.Fatalf("speaker %q not registered: %+v", name, sps)
	}
	return sps[0].ID
}

func testSpeakerProfile(t *testing.T, s store.Store) {
	arts := seedHistory(t, s)
	id := speakerID(t, s, "Sergei Lavrov")
	if got := arts[3].Statements[0].SpeakerID; got != id {
		t.Errorf("the accented spelling is speaker %d, want %d", got, id)
	}
	p, ok, err := s.SpeakerProfile(ctx(t), id)
	check(t, err)
	if !ok {
		t.Fatal("no profile for Sergei Lavrov")
	}
	if p.Name != "Sergei Lavrov" || p.Statements != 5 || p.Articles != 4 {
		t.Errorf("name %q, %d statements in %d articles; want Sergei Lavrov, 5 in 4", p.Name, p.Statements, p.Articles)
	}
	if !p.FirstSeen.Equal(week0.Add(10*time.Hour)) || !p.LastSeen.Equal(week0.AddDate(0, 0, 16)) {
		t.Errorf("seen %v … %v", p.FirstSeen, p.LastSeen)
	}
	if want := []string{"Lavrov", "Russia's top diplomat"}; !slices.Equal(p.Mentions, want) {
		t.Errorf("mentions %q, want %q", p.Mentions, want)
	}
	if len(p.Roles) != 2 {
		t.Errorf("roles %+v, want two", p.Roles)
	}
	if want := []briefbot.NameCount{{Name: "Ukraine", Count: 3}, {Name: "NATO", Count: 2}}; !slices.Equal(p.Actors, want) {
		t.Errorf("actors %+v, want %+v (the speaker left out)", p.Actors, want)
	}
	// A feed's first poll stores old items late: first seen is the
	// earliest date, not the earliest stored.
	old := article(oneFeed(t, s), 200, week0.AddDate(0, -6, 0))
	old.PublishedAt = week0.AddDate(0, -6, 0)
	old.Statements = []briefbot.Statement{{Text: "An old remark", Speaker: "Sergei Lavrov"}}
	save(t, s, &old)
	if p, _, err := s.SpeakerProfile(ctx(t), id); err != nil || !p.FirstSeen.Equal(old.PublishedAt) || !p.LastSeen.Equal(week0.AddDate(0, 0, 16)) {
		t.Errorf("after a late old article: seen %v … %v (%v)", p.FirstSeen, p.LastSeen, err)
	}
	// The three latest scoring at least 0.5 (0.7, 0.8, 0.9), newest first;
	// the late old article, stored last, scores 0.
	if got, want := hitTexts(p.Latest), []string{"We expect an answer on Ukraine", "Russia is ready to negotiate on Ukraine",
		"Russia will not negotiate on Ukraine under pressure"}; !slices.Equal(got, want) {
		t.Errorf("key statements %q, want %q", got, want)
	}
}

func testNoSuchSpeaker(t *testing.T, s store.Store) {
	seedHistory(t, s)
	for _, id := range []int64{0, -1, 1 << 40} {
		if _, ok, err := s.SpeakerProfile(ctx(t), id); err != nil || ok {
			t.Errorf("profile of speaker %d: found=%v err=%v", id, ok, err)
		}
	}
}

func testSpeakerWeeks(t *testing.T, s store.Store) {
	seedHistory(t, s)
	key := speakerID(t, s, "Sergei Lavrov")
	weeks, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: key})
	check(t, err)
	want := []briefbot.WeekCount{{Week: week0, Count: 2}, {Week: week0.AddDate(0, 0, 14), Count: 3}}
	if !slices.Equal(weeks, want) {
		t.Errorf("weeks %+v, want %+v", weeks, want)
	}
	// Whole weeks may come from a table of counts (SQLite), other spans
	// from the statements: both must agree.
	aligned, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: key, Since: week0, Until: week0.AddDate(0, 0, 21)})
	check(t, err)
	scanned, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: key, Since: week0.Add(time.Second), Until: week0.AddDate(0, 0, 21)})
	check(t, err)
	if !slices.Equal(aligned, want) || !slices.Equal(scanned, want) {
		t.Errorf("whole weeks %+v, any span %+v, want %+v", aligned, scanned, want)
	}
	if w, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: key, Since: week0.AddDate(0, 0, 7), Until: week0.AddDate(0, 0, 14)}); err != nil || len(w) != 0 {
		t.Errorf("a quiet week: %+v %v", w, err)
	}
	weeks, err = s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{SpeakerID: key, Query: "ukraine", Since: week0.Add(11 * time.Hour)})
	check(t, err)
	if want := []briefbot.WeekCount{{Week: week0.AddDate(0, 0, 14), Count: 2}}; !slices.Equal(weeks, want) {
		t.Errorf("weeks on ukraine since 11:00 %+v, want %+v", weeks, want)
	}
	if got := briefbot.WeekStart(week0.AddDate(0, 0, 6).Add(23 * time.Hour)); !got.Equal(week0) {
		t.Errorf("WeekStart(Sunday night) = %v, want %v", got, week0)
	}
}

func testFindStatements(t *testing.T, s store.Store) {
	seedHistory(t, s)
	key := speakerID(t, s, "Sergei Lavrov")
	tests := map[string]struct {
		f    briefbot.StatementFilter
		want []string
	}{
		"speaker, newest first": {briefbot.StatementFilter{SpeakerID: key, Limit: 2},
			[]string{"We expect an answer on Ukraine", "Russia is ready to negotiate on Ukraine"}},
		"speaker, oldest first, second page": {briefbot.StatementFilter{SpeakerID: key, Oldest: true, Offset: 1, Limit: 1},
			[]string{"NATO expansion is a threat"}},
		"speaker and words": {briefbot.StatementFilter{SpeakerID: key, Query: "negotiate ukraine", Oldest: true},
			[]string{"Russia will not negotiate on Ukraine under pressure", "Russia is ready to negotiate on Ukraine"}},
		"words across speakers": {briefbot.StatementFilter{Query: "ukraine", Since: week0.AddDate(0, 0, 16)},
			[]string{"China supports talks on Ukraine", "We expect an answer on Ukraine"}},
		"date window": {briefbot.StatementFilter{SpeakerID: key, Since: week0.Add(11 * time.Hour), Until: week0.AddDate(0, 0, 15)},
			[]string{"NATO expansion is a threat"}},
		"other speaker": {briefbot.StatementFilter{SpeakerID: speakerID(t, s, "Wang Yi"), Until: week0.AddDate(0, 0, 1)},
			[]string{"China supports talks on Ukraine"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			hits, err := s.FindStatements(ctx(t), tt.f)
			check(t, err)
			got := hitTexts(hits)
			if name == "words across speakers" {
				slices.Sort(got) // same date: order between them is by ID
				slices.Sort(tt.want)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			for _, h := range hits {
				if h.ArticleURL == "" || h.PublishedAt.IsZero() {
					t.Errorf("hit %q lacks its article: %+v", h.Text, h)
				}
			}
		})
	}
}

func testFindStatementsHostile(t *testing.T, s store.Store) {
	seedHistory(t, s)
	for _, q := range []string{`"`, `*`, `NEAR(`, `') OR 1=1 --`, `speaker:lavrov`, `:*`} {
		if _, err := s.FindStatements(ctx(t), briefbot.StatementFilter{Query: q, Limit: 5}); err != nil {
			t.Errorf("query %q: %v", q, err)
		}
		if _, err := s.SpeakerWeeks(ctx(t), briefbot.StatementFilter{Query: q, SpeakerID: 7}); err != nil {
			t.Errorf("weeks %q: %v", q, err)
		}
	}
	hits, err := s.FindStatements(ctx(t), briefbot.StatementFilter{Query: `"ready" (Lavrov)!`})
	check(t, err)
	if got := hitTexts(hits); !slices.Equal(got, []string{"Russia is ready to negotiate on Ukraine"}) {
		t.Errorf("punctuated query found %q", got)
	}
}

func testArticleByID(t *testing.T, s store.Store) {
	arts := seedHistory(t, s)
	a, ok, err := s.Article(ctx(t), arts[0].ID)
	check(t, err)
	if !ok || a.Title != arts[0].Title || len(a.Statements) != 2 || len(a.Actors) != 3 || a.URL != arts[0].URL {
		t.Errorf("article %d: found=%v %q, %d statements, %d actors", arts[0].ID, ok, a.Title, len(a.Statements), len(a.Actors))
	}
	if _, ok, err := s.Article(ctx(t), arts[3].ID+1000); err != nil || ok {
		t.Errorf("missing article: found=%v err=%v", ok, err)
	}
}

func testOutboxSummary(t *testing.T, s store.Store) {
	for i, key := range []string{"a", "b", "c"} {
		d, _, err := s.Enqueue(ctx(t), briefbot.Delivery{Platform: "slack", Channel: "C1", Key: key, NextTry: t0, CreatedAt: t0})
		check(t, err)
		if i > 0 {
			check(t, s.MarkRetry(ctx(t), d.ID, "channel_not_found "+key, t0, t0, true))
		}
	}
	sum, err := s.OutboxSummary(ctx(t), 1)
	check(t, err)
	if sum.Pending != 1 || sum.Failed != 2 || len(sum.LatestFailed) != 1 || sum.LatestFailed[0].LastError != "channel_not_found c" {
		t.Errorf("summary %+v", sum)
	}
}
