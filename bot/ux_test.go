package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

func TestUnknownCommandSuggestsTheClosest(t *testing.T) {
	r, _, _ := routerFixture(t)
	for text, want := range map[string]string{
		"subscibe russia": "Did you mean `/brief subscribe",
		"unfolow Lavrov":  "Did you mean `/brief unfollow",
		"abuot ceasefire": "Did you mean `/brief about",
		"wo Lavrov":       "Did you mean `/brief who",
	} {
		reply := ask(r, text)
		if !reply.Ephemeral || !strings.Contains(reply.Text, want) {
			t.Errorf("%q → %q, want %q", text, reply.Text, want)
		}
	}
	if reply := ask(r, "frobnicate now"); strings.Contains(reply.Text, "Did you mean") || !strings.Contains(reply.Text, `"frobnicate"`) {
		t.Errorf("a far-off command got a suggestion: %q", reply.Text)
	}
}

func TestSubscribeRefusesUnknownModeWords(t *testing.T) {
	r, st, _ := routerFixture(t)
	ctx := context.Background()
	for text, want := range map[string][]string{
		"subscribe ceasefire weekly":            {`"weekly" is not a delivery mode`, "daily 08:00", "subscribe ceasefire weekly instant"},
		"subscribe ceasefire hourly":            {`"hourly" is not a delivery mode`},
		"subscribe ceasefire dialy 08:00":       {`"dialy" is not a delivery mode`, "Did you mean daily"},
		"subscribe ceasefire instnat":           {"Did you mean instant"},
		"subscribe ceasefire 08:00 Europe/Rome": {"needs \"daily\"", "daily 08:00 Europe/Rome"},
	} {
		reply := ask(r, text)
		for _, w := range want {
			if !strings.Contains(reply.Text, w) {
				t.Errorf("%q → %q, want %q", text, reply.Text, w)
			}
		}
	}
	if subs, _ := st.Subscriptions(ctx, Slack, "C1"); len(subs) != 0 {
		t.Fatalf("refused commands subscribed: %+v", subs)
	}
	// The escape: an explicit mode makes the words before it the query.
	if reply := ask(r, "subscribe ceasefire weekly instant"); !strings.Contains(reply.Text, "Subscribed") {
		t.Fatalf("explicit mode refused: %q", reply.Text)
	}
	if reply := ask(r, "subscribe ceasefire talks daily 08:00 Europe/Paris"); !strings.Contains(reply.Text, "daily digest at 08:00 Europe/Paris") {
		t.Fatalf("daily refused: %q", reply.Text)
	}
	subs, _ := st.Subscriptions(ctx, Slack, "C1")
	var topics []string
	for _, s := range subs {
		topics = append(topics, s.Topic+"/"+s.Mode)
	}
	if strings.Join(topics, ",") != "ceasefire talks/daily,ceasefire weekly/instant" && strings.Join(topics, ",") != "ceasefire weekly/instant,ceasefire talks/daily" {
		t.Errorf("subscriptions = %v", topics)
	}
}

func TestFollowOfANameNeverSeen(t *testing.T) {
	r, st, _ := routerFixture(t)
	ctx := context.Background()
	reply := ask(r, "follow Nobody Atall")
	if !reply.Ephemeral || !strings.Contains(reply.Text, `never seen "Nobody Atall"`) || !strings.Contains(reply.Text, "follow Nobody Atall anyway") {
		t.Fatalf("follow of an unseen name = %q", reply.Text)
	}
	if subs, _ := st.Subscriptions(ctx, Slack, "C1"); len(subs) != 0 {
		t.Fatalf("followed without being asked to: %+v", subs)
	}
	if reply := ask(r, "follow Lavrof Sergej"); !strings.Contains(reply.Text, "Following") {
		t.Errorf("a known speaker, misspelt within one edit, was refused: %q", reply.Text)
	}
	if reply := ask(r, "follow Wanda Yu"); !strings.Contains(reply.Text, "Did you mean Wang Yi") {
		t.Errorf("no suggestion for a near name: %q", reply.Text)
	}
	if reply := ask(r, "follow European Union"); !strings.Contains(reply.Text, "Following") {
		t.Errorf("an actor (not a speaker) was refused: %q", reply.Text)
	}
	reply = ask(r, "follow Nobody Atall anyway")
	if !strings.Contains(reply.Text, "Following Nobody Atall") {
		t.Fatalf("follow anyway = %q", reply.Text)
	}
	subs, _ := st.Subscriptions(ctx, Slack, "C1")
	found := false
	for _, s := range subs {
		found = found || s.Topic == followPrefix+"Nobody Atall"
	}
	if !found {
		t.Errorf("follow anyway stored nothing: %+v", subs)
	}
}

func TestAboutSinceAndLimitsSayWhenTheyCut(t *testing.T) {
	r, st, clock := routerFixture(t)
	// 24 truce articles over 24 days, one a day.
	for i := range 24 {
		at := day.Add(-time.Duration(i) * 24 * time.Hour)
		saveArticle(t, st, briefbot.Article{
			FeedName: "Wire Three", URL: fmt.Sprintf("https://news.example/truce-%d", i),
			Title: fmt.Sprintf("Truce talks, day %d", i), Text: "Envoys discussed a truce.",
			PublishedAt: at.Add(time.Hour), FetchedAt: at.Add(2 * time.Hour),
		})
	}
	clock.Set(day.Add(20 * time.Hour))

	week := ask(r, "about truce")
	if week.Digest == nil || week.Digest.ArticleCount() != 7 {
		t.Fatalf("about truce (7 days) = %+v", week)
	}
	month := ask(r, "about truce since 30d")
	if month.Digest == nil || !strings.Contains(month.Digest.Title, "the 10 newest of 24 matching articles") {
		t.Fatalf("about truce since 30d: title %q", titleOf(month))
	}
	if !strings.Contains(month.Text, "the 10 newest of 24") {
		t.Errorf("plain text lacks the cut: %q", month.Text)
	}
	if short := ask(r, "about truce since 48h"); short.Digest == nil || strings.Contains(short.Digest.Title, "newest of") || short.Digest.ArticleCount() != 2 {
		t.Errorf("about since 36h = %d articles, title %q", short.Digest.ArticleCount(), titleOf(short))
	}
	for text, want := range map[string]string{
		"about truce since":      "Since when?",
		"about truce since ever": `"ever" is not a time span`,
		"about truce since 90d":  "out of range",
	} {
		if reply := ask(r, text); !strings.Contains(reply.Text, want) {
			t.Errorf("%q → %q, want %q", text, reply.Text, want)
		}
	}
	ask(r, "subscribe truce")
	dig := ask(r, "digest 30d")
	if dig.Digest == nil || !strings.Contains(dig.Digest.Title, "the 20 newest of 24 matching articles") {
		t.Errorf("digest 30d title %q", titleOf(dig))
	}
}

func titleOf(r Reply) string {
	if r.Digest == nil {
		return "(no digest) " + r.Text
	}
	return r.Digest.Title
}

func TestMoveConsoleSubscriptionsToTheOneChannel(t *testing.T) {
	_, st, _ := routerFixture(t)
	ctx := context.Background()
	for _, s := range []briefbot.Subscription{
		{Platform: Console, Channel: Terminal, Topic: "russia", Query: "Russia", Mode: briefbot.ModeInstant},
		{Platform: Console, Channel: Terminal, Topic: "truce", Query: "truce", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "UTC"},
		{Platform: Console, Channel: ConsoleChannel, Topic: "russia", Query: "Russia", Mode: briefbot.ModeInstant, CreatedBy: ConfigCreator},
	} {
		if _, err := st.AddSubscription(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	n, err := MoveConsoleSubscriptions(ctx, st)
	if err != nil || n != 2 {
		t.Fatalf("moved %d, %v; want 2", n, err)
	}
	if old, _ := st.Subscriptions(ctx, Console, Terminal); len(old) != 0 {
		t.Errorf("left on console/terminal: %+v", old)
	}
	subs, _ := st.Subscriptions(ctx, Console, ConsoleChannel)
	got := map[string]string{}
	for _, s := range subs {
		got[s.Topic] = s.Mode
	}
	if len(subs) != 2 || got["russia"] != briefbot.ModeInstant || got["truce"] != briefbot.ModeDaily {
		t.Errorf("console/%s subscriptions = %+v; want russia once and truce daily", ConsoleChannel, subs)
	}
}

func TestLimitsComeFromTheRouter(t *testing.T) {
	r, st, _ := routerFixture(t)
	for i := range 5 {
		saveArticle(t, st, briefbot.Article{
			FeedName: "Wire Three", URL: fmt.Sprintf("https://news.example/ceasefire-%d", i),
			Title: fmt.Sprintf("Ceasefire talks, part %d", i), Text: "Envoys discussed a ceasefire.",
			PublishedAt: day.Add(time.Duration(i) * time.Hour), FetchedAt: day.Add(time.Duration(i)*time.Hour + time.Minute),
		})
	}
	r.Limits = Limits{AboutArticles: 2}
	if reply := ask(r, "about ceasefire"); reply.Digest == nil || reply.Digest.ArticleCount() != 2 || !strings.Contains(reply.Digest.Title, "the 2 newest of 7 matching articles") {
		t.Errorf("about with AboutArticles 2: %q", titleOf(reply))
	}
	r.Limits = Limits{ChatScan: 3}
	if reply := ask(r, "about ceasefire"); reply.Digest == nil || !strings.Contains(reply.Digest.Title, "only the latest 3 articles of the span were searched") {
		t.Errorf("about with ChatScan 3: %q", titleOf(reply))
	}
}

// Discord sends about's query and since as typed options: used as given,
// not re-read from the joined text ("about ceasefire 30d").
func TestAboutStructuredOptions(t *testing.T) {
	r, _, _ := routerFixture(t)
	ctx := context.Background()
	req := Request{Platform: Discord, Channel: "D1", User: "U1", Text: "about ceasefire 30d", Command: "about",
		Options: map[string]string{"query": "ceasefire", "since": "30d"}}
	reply := r.Handle(ctx, req)
	if reply.Digest == nil || reply.Digest.ArticleCount() != 2 || !strings.Contains(reply.Digest.Title, "About ceasefire") {
		t.Errorf("structured about = %q", titleOf(reply))
	}
	req.Options = map[string]string{"query": "ceasefire", "since": "a while"}
	if reply := r.Handle(ctx, req); !strings.Contains(reply.Text, `"a while" is not a time span`) {
		t.Errorf("structured about with a bad since = %q", reply.Text)
	}
}
