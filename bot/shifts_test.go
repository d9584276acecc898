package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/fakeclock"
	"github.com/briefbot/briefbot/summarize"
)

// A followed speaker's alert flags a statement that reverses their earlier
// stance on the same matter, naming the earlier statement and its date;
// a statement in line with the latest earlier stance is not flagged.
func TestFollowAlertFlagsStanceShift(t *testing.T) {
	st, _ := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	slack := &recordingSender{}
	d := newDispatcher(st, clock, map[string]Sender{Slack: slack})
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: followPrefix + "Sergei Lavrov", Query: FollowQuery("Sergei Lavrov"), Follow: true})

	old := func(n int, at time.Time, text string) {
		saveArticle(t, st, briefbot.Article{URL: "https://news.example/old-" + text[:10], Title: "Earlier", FetchedAt: at, PublishedAt: at, Silent: true,
			Statements: []briefbot.Statement{{Text: text, Speaker: "Sergei Lavrov", Score: 0.8}}})
	}
	old(1, day.AddDate(0, -2, 0), "Russia is open to talks on Ukraine with the West")
	old(2, day.AddDate(0, -1, 0), "Russia will not negotiate on Ukraine while weapons keep flowing")
	saveArticle(t, st, briefbot.Article{URL: "https://news.example/new", Title: "Lavrov shifts", FetchedAt: day.Add(12 * time.Hour), PublishedAt: day.Add(12 * time.Hour),
		Statements: []briefbot.Statement{
			{Text: "Russia is ready to negotiate on Ukraine without preconditions", Speaker: "Sergei Lavrov", Score: 0.9},
			{Text: "Russia will not negotiate on Ukraine under pressure from Washington", Speaker: "Sergei Lavrov", Score: 0.5},
		}})
	mustDispatch(t, d)
	mustFlush(t, d)
	sent := slack.Sent()
	if len(sent) != 1 {
		t.Fatalf("%d messages", len(sent))
	}
	var shifted, steady briefbot.Statement
	for _, s := range sent[0].Digest.Stories[0].Articles[0].Statements {
		if strings.Contains(s.Text, "ready to") {
			shifted = s
		} else {
			steady = s
		}
	}
	want := "departs from “Russia will not negotiate on Ukraine while weapons keep flowing” (2026-10-20): now “is ready to negotiate”, before “will not negotiate”"
	if shifted.Shift != want {
		t.Errorf("shift note\n got %q\nwant %q", shifted.Shift, want)
	}
	if steady.Shift != "" {
		t.Errorf("a statement in line with the latest stance is flagged: %q", steady.Shift)
	}
	if line := summarize.FormatStatement(shifted, 0); !strings.HasSuffix(line, "\" ⚠ shift: "+want) {
		t.Errorf("rendered %q", line)
	}
}
