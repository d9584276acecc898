package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

// historyNow is the fake "now" of the history tests: a Sunday.
var historyNow = time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)

// seedSpeakerHistory stores a hand-written history: Lavrov speaks on
// Ukraine in weeks 1, 2 and 10 before now (twice in week 2) and on trade
// once, changing role in week 10; Blinken speaks on Ukraine once.
func seedSpeakerHistory(t *testing.T) *Router {
	t.Helper()
	st, _ := openStore(t)
	type spec struct {
		weeksAgo      int
		speaker, role string
		text          string
		score         float64
		mention, feed string
		actors        []string
	}
	specs := []spec{
		{10, "Sergei Lavrov", "Foreign Minister", "Russia will not negotiate on Ukraine while weapons keep flowing", 0.9, "Lavrov", "Wire One", []string{"Ukraine", "NATO"}},
		{10, "Antony Blinken", "Secretary of State", "Ukraine will decide when to negotiate", 0.7, "Blinken", "Wire Two", []string{"Ukraine"}},
		{9, "Sergei Lavrov", "Foreign Minister", "Trade with China has never been stronger", 0.5, "Russia's top diplomat", "Wire One", []string{"China"}},
		{2, "Sergei Lavrov", "Foreign Minister", "Moscow sees no basis for talks on Ukraine", 0.4, "Lavrov", "Wire Two", []string{"Ukraine"}},
		{1, "Sergei Lavrov", "Special Envoy", "Russia is ready to negotiate on Ukraine without preconditions", 0.95, "Lavrov", "Wire One", []string{"Ukraine", "NATO"}},
		{1, "Sergei Lavrov", "Special Envoy", "The Ukraine talks could begin in Geneva", 0.6, "he", "Wire One", []string{"Ukraine", "Switzerland"}},
	}
	for i, s := range specs {
		at := historyNow.AddDate(0, 0, -7*s.weeksAgo)
		a := briefbot.Article{
			FeedName: s.feed, URL: fmt.Sprintf("https://news.example/history/%d", i),
			Title: fmt.Sprintf("Story %d", i), PublishedAt: at, FetchedAt: at,
			Statements: []briefbot.Statement{{Text: s.text, Speaker: s.speaker, SpeakerRole: s.role, SpeakerAffiliation: "Russia",
				SpeakerMention: briefbot.Span{Text: s.mention}, Score: s.score, Kind: briefbot.Direct}},
		}
		if s.speaker == "Antony Blinken" {
			a.Statements[0].SpeakerAffiliation = "United States"
		}
		for _, name := range s.actors {
			a.Actors = append(a.Actors, briefbot.Actor{Name: name, Type: briefbot.Country})
		}
		saveArticle(t, st, a)
	}
	return &Router{Store: st, Clock: func() time.Time { return historyNow }, Command: "brief",
		Topics: map[string]string{"ukraine": "Ukraine OR Kyiv", "china": "China OR Beijing", "gaza": "Gaza"}}
}

func askText(t *testing.T, r *Router, text string) string {
	t.Helper()
	out, err := r.Ask(context.Background(), text)
	if err != nil {
		t.Fatalf("ask %q: %v\n%s", text, err, out)
	}
	return out
}

func wantLines(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("answer lacks %q:\n%s", w, out)
		}
	}
}

func TestProfileCommand(t *testing.T) {
	r := seedSpeakerHistory(t)
	r.PublicURL = "https://brief.example/"
	out := askText(t, r, "profile lavrov")
	wantLines(t, out,
		"**Sergei Lavrov** — Special Envoy, Russia (since 2026-11-22)",
		"Earlier: Foreign Minister, Russia (2026-09-20 – 2026-11-15)",
		"Also called: Lavrov, Russia's top diplomat, ", // then the registry's own-script aliases
		"Seen 2026-09-20 – 2026-11-22 · 5 statements in 5 articles",
		"Speaks most about: ukraine (4), china (1)",
		"Most often with: Ukraine (4), NATO (2)",
		"Full profile and timeline: https://brief.example/speakers/",
	)
	// The three latest key statements (score ≥ 0.5), newest first: the
	// 0.4 one two weeks ago is skipped, the older 0.9 one is not reached.
	i1 := strings.Index(out, "ready to negotiate")
	i2 := strings.Index(out, "talks could begin")
	i3 := strings.Index(out, "Trade with China")
	if i1 < 0 || i2 < 0 || i3 < 0 || !(i1 < i3 && i2 < i3) || strings.Contains(out, "no basis") || strings.Contains(out, "will not negotiate") {
		t.Errorf("key statements wrong:\n%s", out)
	}
	if strings.Contains(out, "gaza") {
		t.Errorf("a topic never spoken about is listed:\n%s", out)
	}
}

func TestTimelineCommand(t *testing.T) {
	r := seedSpeakerHistory(t)
	out := askText(t, r, "timeline Sergey Lavrov on ukraine since 90d")
	wantLines(t, out, "**Sergei Lavrov on “ukraine”**, 2026-08-31 – 2026-11-29: 4 statements", "one bar per week, peak 2")
	// 90 days back from a Sunday span 13 Monday weeks; statements 10, 2
	// and 1 weeks ago (the last twice, the peak) and nothing else.
	if !strings.Contains(out, "`▁▁▅▁▁▁▁▁▁▁▅█▁`") {
		t.Errorf("sparkline wrong:\n%s", out)
	}
	// Oldest first, trade left out.
	iOld, iNew := strings.Index(out, "will not negotiate"), strings.Index(out, "ready to negotiate")
	if iOld < 0 || iNew < 0 || iOld > iNew || strings.Contains(out, "Trade") {
		t.Errorf("statements wrong:\n%s", out)
	}

	// The reversal is flagged against the latest earlier stance on it.
	wantLines(t, out, "“Russia is ready to negotiate on Ukraine without preconditions” — [Wire One: Story 4](https://news.example/history/4)\n"+
		"  ⚠ shift: departs from “Russia will not negotiate on Ukraine while weapons keep flowing” (2026-09-20): now “is ready to negotiate”, before “will not negotiate”\n")
	if strings.Count(out, "⚠ shift") != 1 {
		t.Errorf("want one shift flagged:\n%s", out)
	}

	out = askText(t, r, "timeline lavrov gaza")
	if out != "Nothing from Sergei Lavrov on “gaza” since 2026-08-31." {
		t.Errorf("empty timeline: %q", out)
	}
	// Discord joins its typed options without keywords.
	out = askText(t, r, "timeline Sergei Lavrov ukraine 2026-11-01")
	wantLines(t, out, "**Sergei Lavrov on “ukraine”**, 2026-11-01 – 2026-11-29: 3 statements")
	out = askText(t, r, "timeline lavrov 3w")
	wantLines(t, out, "Sergei Lavrov**, 2026-11-08 – 2026-11-29: 3 statements", "`▁▅█▁`")

	for _, bad := range []string{"timeline lavrov since yesterday", "timeline lavrov since 2030-01-01", "timeline lavrov since 9y", "timeline"} {
		if _, err := r.Ask(context.Background(), bad); err == nil {
			t.Errorf("%q: no usage error", bad)
		}
	}
	out = askText(t, r, "timeline Nobody Atall")
	wantLines(t, out, `No statements by "Nobody Atall" yet.`)
}

func TestTimelineCapsAtOneScreen(t *testing.T) {
	st, _ := openStore(t)
	for i := range 20 {
		at := historyNow.Add(-time.Duration(i) * 24 * time.Hour)
		saveArticle(t, st, briefbot.Article{URL: fmt.Sprintf("https://news.example/many/%d", i), Title: "t", PublishedAt: at, FetchedAt: at,
			Statements: []briefbot.Statement{{Text: fmt.Sprintf("Statement number %d on Ukraine", i), Speaker: "Wang Yi", Score: float64(i) / 20}}})
	}
	r := &Router{Store: st, Clock: func() time.Time { return historyNow }, PublicURL: "http://127.0.0.1:8080"}
	out := askText(t, r, "timeline wang yi")
	if n := strings.Count(out, "\n• "); n != timelineShown {
		t.Errorf("%d statements shown, want %d:\n%s", n, timelineShown, out)
	}
	wantLines(t, out, "Key statements shown: 8 of 20; all of them: http://127.0.0.1:8080/speakers/")
}

// A speaker with more statements than a timeline reads is still counted
// whole, week by week, from the store's weekly counts.
func TestTimelineCountsBeyondWhatItReads(t *testing.T) {
	defer func(n int) { timelineScan = n }(timelineScan)
	timelineScan = 5
	st, _ := openStore(t)
	for i := range 12 { // one a day: 7 in historyNow's week, 5 in the one before
		at := historyNow.Add(-time.Duration(i) * 24 * time.Hour)
		saveArticle(t, st, briefbot.Article{URL: fmt.Sprintf("https://news.example/daily/%d", i), Title: "t", PublishedAt: at, FetchedAt: at,
			Statements: []briefbot.Statement{{Text: fmt.Sprintf("Daily remark %d", i), Speaker: "Wang Yi"}, {Text: "Noted", Speaker: "Sergei Lavrov"}}})
	}
	r := &Router{Store: st, Clock: func() time.Time { return historyNow }}
	out := askText(t, r, "timeline wang yi since 3w")
	wantLines(t, out, "**Wang Yi**, 2026-11-08 – 2026-11-29: 12 statements", "`▁▁▆█` one bar per week, peak 7",
		"Key statements shown: 5 of 12 (only the latest 5 statements were read")
	out = askText(t, r, "compare wang yi and lavrov since 3w")
	wantLines(t, out, "`▁▁▆█` Wang Yi: 12 statements", "Sergei Lavrov: 12 statements")
}

func TestCompareCommand(t *testing.T) {
	r := seedSpeakerHistory(t)
	out := askText(t, r, "compare Lavrov and Blinken on ukraine")
	wantLines(t, out,
		"**Sergei Lavrov and Antony Blinken on “ukraine”**",
		"Sergei Lavrov: 4 statements", "Antony Blinken: 1 statement (",
		"Sergei Lavrov: “The Ukraine talks could begin in Geneva”",
		"Antony Blinken: “Ukraine will decide when to negotiate”",
	)
	reply := r.Handle(context.Background(), Request{Platform: Slack, Channel: "C1", Text: "compare lavrov blinken"})
	if strings.Count(reply.Chart, "▁") == 0 || !strings.Contains(reply.Chart, "█") {
		t.Errorf("chart %q", reply.Chart)
	}
	if _, err := r.Ask(context.Background(), "compare lavrov"); err == nil {
		t.Error("compare with one name: no usage error")
	}
}
