package web

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/sqlite"
)

// newDemoFixture fills a store with a year of hand-written diplomatic
// news (our own sentences, no corpus text) for the browser check and the
// README's screenshots.
func newDemoFixture(t *testing.T) fixture {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	feeds, err := st.SyncFeeds(ctx, []briefbot.Feed{
		{Name: "UN News", URL: "https://news.un.example/rss.xml"},
		{Name: "World Wire", URL: "https://wire.example/world.rss"},
		{Name: "Asia Desk", URL: "https://asia.example/feed"},
		{Name: "TASS English", URL: "https://tass.example/rss/v2.xml"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range feeds {
		f.LastFetchedAt, f.NextCheckAt, f.LastStatus = testNow.Add(-time.Duration(2+i)*time.Minute), testNow.Add(time.Duration(8-i)*time.Minute), fmt.Sprintf("ok: %d new", 3-i%3)
		if f.Name == "TASS English" {
			f.ErrorCount, f.LastError, f.LastStatus = 4, "HTTP 503 Service Unavailable", "failed"
		}
		if f.Name == "Asia Desk" {
			f.LastStatus = "not modified"
		}
		if err := st.SaveFeedState(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	type speaker struct {
		name, role, affiliation, mention string
		lines                            []string
	}
	speakers := []speaker{
		{"Sergei Lavrov", "Foreign Minister", "Russia", "Lavrov", []string{
			"Russia will not negotiate on Ukraine while Western weapons keep flowing",
			"Moscow sees the expansion of NATO as a direct threat to its security",
			"We are ready to discuss a ceasefire if our concerns are heard",
			"The grain corridor cannot work while sanctions hit our exports",
			"Relations with Beijing have never been stronger",
			"Any settlement must take into account the realities on the ground",
		}},
		{"Wang Yi", "Foreign Minister", "China", "Wang", []string{
			"China supports all efforts that are conducive to a peaceful settlement",
			"Dialogue and negotiation are the only viable way out of the crisis",
			"Beijing opposes unilateral sanctions that have no basis in international law",
		}},
		{"António Guterres", "Secretary-General", "United Nations", "Guterres", []string{
			"A humanitarian ceasefire in Gaza is needed now",
			"The world cannot afford another frozen conflict",
			"I call on all parties to respect international humanitarian law",
		}},
	}
	var arts []briefbot.Article
	n := 0
	for week := 40; week >= 0; week-- {
		at := testNow.AddDate(0, 0, -7*week).Add(-time.Duration(week%5) * time.Hour)
		for si, sp := range speakers {
			if (week+si)%(si+2) != 0 && si != 0 {
				continue
			}
			if si == 0 && week%4 == 3 {
				continue
			}
			n++
			line := sp.lines[(week+n)%len(sp.lines)]
			if si == 0 && week < 3 {
				line = "Russia is ready to negotiate on Ukraine without preconditions"
			}
			feed := feeds[n%3]
			a := briefbot.Article{FeedID: feed.ID, FeedName: feed.Name, Hash: fmt.Sprintf("demo-%d", n),
				URL:   fmt.Sprintf("https://%s/news/2026/%d", []string{"news.un.example", "wire.example", "asia.example"}[n%3], n),
				Title: fmt.Sprintf("%s: %s", sp.mention, shortTitle(line)), PublishedAt: at, FetchedAt: at.Add(20 * time.Minute),
				Summary: sp.name + " spoke to reporters after talks with his counterparts.",
				Statements: []briefbot.Statement{
					{Text: line, Speaker: sp.name, SpeakerRole: sp.role, SpeakerAffiliation: sp.affiliation, Kind: briefbot.Direct,
						Cue: briefbot.Span{Text: "said"}, SpeakerMention: briefbot.Span{Text: sp.mention}, Score: 0.6 + float64(n%4)/10},
					{Text: "the talks would continue next month", Speaker: sp.name, SpeakerRole: sp.role, SpeakerAffiliation: sp.affiliation,
						Kind: briefbot.Indirect, Cue: briefbot.Span{Text: "added"}, SpeakerMention: briefbot.Span{Text: "he"}, Score: 0.3},
				},
				Actors: []briefbot.Actor{
					{Name: sp.name, Type: briefbot.Person, Role: sp.role, Affiliation: sp.affiliation, Mentions: []briefbot.Span{{Text: sp.mention}, {Text: "he"}}},
					{Name: "Ukraine", Type: briefbot.Country, Mentions: []briefbot.Span{{Text: "Ukraine"}}},
					{Name: "United Nations", Type: briefbot.Organization, Mentions: []briefbot.Span{{Text: "UN"}}},
				}}
			if week%3 != 1 { // a third statement some weeks, so the bars differ
				extra := sp.lines[(week+n+1)%len(sp.lines)]
				a.Statements = append(a.Statements, briefbot.Statement{Text: extra, Speaker: sp.name, SpeakerRole: sp.role,
					SpeakerAffiliation: sp.affiliation, Kind: briefbot.Direct, Cue: briefbot.Span{Text: "told reporters"},
					SpeakerMention: briefbot.Span{Text: sp.mention}, Score: 0.55})
			}
			if week%5 == 2 {
				a.Statements = a.Statements[:1]
			}
			if si == 0 && week%3 == 0 {
				a.Actors = append(a.Actors, briefbot.Actor{Name: "NATO", Type: briefbot.Organization, Mentions: []briefbot.Span{{Text: "NATO"}}})
			}
			if saved, err := st.SaveArticle(ctx, &a); err != nil || !saved {
				t.Fatalf("save: %v %v", saved, err)
			}
			arts = append(arts, a)
		}
	}
	for _, s := range []briefbot.Subscription{
		{Platform: "slack", Channel: "C0DIPLOMACY", Topic: "russia", Query: "Russia OR Moscow OR Kremlin", Mode: briefbot.ModeInstant},
		{Platform: "slack", Channel: "C0DIPLOMACY", Topic: "follow Sergei Lavrov", Query: `speaker:"Sergei Lavrov"`, Mode: briefbot.ModeInstant, Follow: true},
		{Platform: "slack", Channel: "C0DIPLOMACY", Topic: "ceasefire", Query: "ceasefire OR truce", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "Europe/Paris"},
		{Platform: "discord", Channel: "1187654321", Topic: "china", Query: "China OR Beijing", Mode: briefbot.ModeDaily, DailyAt: "09:30", Timezone: "Asia/Singapore"},
	} {
		if _, err := st.AddSubscription(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for i, key := range []string{"p1", "p2", "f1"} {
		d, _, err := st.Enqueue(ctx, briefbot.Delivery{Platform: "slack", Channel: "C0DIPLOMACY", Key: key, CreatedAt: testNow.Add(-time.Hour), NextTry: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			if err := st.MarkRetry(ctx, d.ID, "slack: channel_not_found", testNow, testNow, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	cycles := NewCycles(10)
	for i := 5; i >= 0; i-- {
		cycles.Record(Cycle{Started: testNow.Add(-time.Duration(5*i+5) * time.Minute), Duration: time.Duration(800+130*i) * time.Millisecond,
			Feeds: 4 - i%2, New: (i * 3) % 5, Failed: 1})
	}
	w := &Web{Store: st, Cycles: cycles, Clock: func() time.Time { return testNow },
		Topics: map[string]string{"ukraine": "Ukraine OR Kyiv", "ceasefire": "ceasefire OR truce", "nato": "NATO", "sanctions": "sanction*"}}
	h, err := w.Handler()
	if err != nil {
		t.Fatal(err)
	}
	return fixture{web: w, handler: h, articles: arts}
}

func shortTitle(s string) string {
	words := 0
	for i, r := range s {
		if r == ' ' {
			words++
			if words == 7 {
				return s[:i] + "…"
			}
		}
	}
	return s
}
