package bot

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/fakeclock"
	"github.com/briefbot/briefbot/store/sqlite"
	"github.com/briefbot/briefbot/topic"
)

// routerFixture is a Router over a real SQLite store holding the three
// fixture articles, with the clock on the evening of their day.
func routerFixture(t *testing.T) (*Router, *sqlite.Store, *fakeclock.Clock) {
	t.Helper()
	st, _ := openStore(t)
	for _, a := range []briefbot.Article{lavrovArticle, wangArticle, sanctionsArticle} {
		saveArticle(t, st, a)
	}
	clock := fakeclock.New(day.Add(20 * time.Hour))
	r := &Router{
		Store:   st,
		Topics:  map[string]string{"russia": "Russia OR Moscow OR Kremlin", "asia": "China OR Japan OR Korea"},
		Clock:   clock.Now,
		Command: "brief",
	}
	return r, st, clock
}

func ask(r *Router, text string) Reply {
	return r.Handle(context.Background(), Request{Platform: Slack, Channel: "C1", User: "U1", Text: text})
}

func TestWhoShowsStatementWithDateSourceAndLink(t *testing.T) {
	r, _, _ := routerFixture(t)
	for name, text := range map[string]string{
		"last name":           "who lavrov",
		"full name":           "who Sergei Lavrov",
		"spelling variant":    "who Sergey Lavrov",
		"natural question":    "what did Lavrov say?",
		"typo in last name":   "who Lavrow",
		"invoked with prefix": "/brief who Lavrov",
	} {
		t.Run(name, func(t *testing.T) {
			reply := ask(r, text)
			for _, want := range []string{
				"Moscow is ready to discuss a ceasefire without preconditions",
				"2026-11-20",
				"https://news.example/lavrov-ceasefire",
				"Wire One",
				"Sergei Lavrov (Foreign Minister, Russia)",
			} {
				if !strings.Contains(reply.Text, want) {
					t.Errorf("reply to %q lacks %q:\n%s", text, want, reply.Text)
				}
			}
			if strings.Contains(reply.Text, "Dialogue remains") {
				t.Errorf("reply to %q includes another speaker's statement:\n%s", text, reply.Text)
			}
			if reply.Ephemeral {
				t.Errorf("lookup reply is ephemeral; the channel should see it")
			}
			if reply.Digest == nil || len(reply.Digest.Stories) != 1 {
				t.Fatalf("reply digest = %+v, want one story", reply.Digest)
			}
			art := reply.Digest.Stories[0].Articles[0]
			if art.URL != lavrovArticle.URL || len(art.Statements) != 1 || art.Statements[0].Speaker != "Sergei Lavrov" {
				t.Errorf("digest article = %+v, want the Lavrov article with his statement", art)
			}
		})
	}
}

func TestWhoUnknownSpeaker(t *testing.T) {
	r, _, _ := routerFixture(t)
	reply := ask(r, "who Blinken")
	if !reply.Ephemeral || !strings.Contains(reply.Text, `No statements by "Blinken"`) {
		t.Errorf("reply = %+v, want an ephemeral 'no statements by Blinken'", reply)
	}
	// Suggests who is quoted instead.
	if !strings.Contains(reply.Text, "Sergei Lavrov") {
		t.Errorf("reply does not suggest quoted speakers: %s", reply.Text)
	}
}

func TestSaidSearchesStatements(t *testing.T) {
	r, _, _ := routerFixture(t)
	for _, text := range []string{"said ceasefire", "who said ceasefire?", "Who said ceasefire"} {
		reply := ask(r, text)
		// Two statements mention a ceasefire: Lavrov's and the officials'.
		for _, want := range []string{"Moscow is ready to discuss a ceasefire", "A ceasefire is not in sight", "https://news.example/eu-sanctions"} {
			if !strings.Contains(reply.Text, want) {
				t.Errorf("reply to %q lacks %q:\n%s", text, want, reply.Text)
			}
		}
		if strings.Contains(reply.Text, "Dialogue remains") {
			t.Errorf("reply to %q includes a statement without the word:\n%s", text, reply.Text)
		}
		if reply.Digest == nil || reply.Digest.ArticleCount() != 2 {
			t.Errorf("reply to %q: digest should carry the 2 articles, got %+v", text, reply.Digest)
		}
	}
	if reply := ask(r, "said armistice"); !reply.Ephemeral || !strings.Contains(reply.Text, "armistice") {
		t.Errorf("no-hit reply = %+v", reply)
	}
}

func TestAboutTopicAndQuery(t *testing.T) {
	r, _, _ := routerFixture(t)
	tests := map[string]struct {
		text     string
		want     []string
		wantNot  []string
		ephemral bool
	}{
		"configured topic": {text: "about russia", want: []string{lavrovArticle.Title, "About russia"}, wantNot: []string{wangArticle.Title}},
		"ad-hoc query":     {text: `about ceasefire NOT feed:"wire two"`, want: []string{lavrovArticle.Title, sanctionsArticle.Title}, wantNot: []string{wangArticle.Title}},
		"speaker filter":   {text: "about speaker:wang", want: []string{wangArticle.Title}, wantNot: []string{lavrovArticle.Title}},
		"nothing found":    {text: "about tokyo", want: []string{`Nothing on "tokyo"`}, ephemral: true},
		"bad query":        {text: "about (russia OR", want: []string{`missing term after "OR" at 9`, "Usage: /brief about <topic or query>"}, ephemral: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			reply := ask(r, tc.text)
			for _, w := range tc.want {
				if !strings.Contains(reply.Text, w) {
					t.Errorf("reply to %q lacks %q:\n%s", tc.text, w, reply.Text)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(reply.Text, w) {
					t.Errorf("reply to %q contains %q:\n%s", tc.text, w, reply.Text)
				}
			}
			if reply.Ephemeral != tc.ephemral {
				t.Errorf("Ephemeral = %v, want %v", reply.Ephemeral, tc.ephemral)
			}
		})
	}
}

func TestAboutSkipsArticlesOlderThanAWeek(t *testing.T) {
	r, _, clock := routerFixture(t)
	clock.Set(day.Add(8 * 24 * time.Hour))
	if reply := ask(r, "about russia"); strings.Contains(reply.Text, lavrovArticle.Title) {
		t.Errorf("about lists an article from 8 days ago:\n%s", reply.Text)
	}
}

func TestSubscribeValidatesAndStores(t *testing.T) {
	tests := map[string]struct {
		text      string
		wantReply []string
		wantSub   *briefbot.Subscription // nil: nothing stored
	}{
		"configured topic default instant": {
			text:      "subscribe russia",
			wantReply: []string{`"russia"`, "Russia OR Moscow OR Kremlin", "instant"},
			wantSub:   &briefbot.Subscription{Topic: "russia", Query: "Russia OR Moscow OR Kremlin", Mode: briefbot.ModeInstant},
		},
		"topic name is case-insensitive": {
			text:    "subscribe RUSSIA instant",
			wantSub: &briefbot.Subscription{Topic: "russia", Query: "Russia OR Moscow OR Kremlin", Mode: briefbot.ModeInstant},
		},
		"daily with zone": {
			text:      "subscribe asia daily 8:00 Asia/Tokyo",
			wantReply: []string{"daily digest at 08:00 Asia/Tokyo"},
			wantSub:   &briefbot.Subscription{Topic: "asia", Query: "China OR Japan OR Korea", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "Asia/Tokyo"},
		},
		"ad-hoc query daily": {
			text:    `subscribe "security council" OR ceasefire daily 18:30 Europe/Paris`,
			wantSub: &briefbot.Subscription{Topic: `"security council" OR ceasefire`, Query: `"security council" OR ceasefire`, Mode: briefbot.ModeDaily, DailyAt: "18:30", Timezone: "Europe/Paris"},
		},
		"bad zone names the zone": {
			text:      "subscribe russia daily 08:00 Europe/Pariss",
			wantReply: []string{`unknown time zone "Europe/Pariss"`, "Usage: /brief subscribe <topic or query> [instant | daily HH:MM Area/City]"},
		},
		"bad time names the time": {
			text:      "subscribe russia daily 25:00 Europe/Paris",
			wantReply: []string{`"25:00" is not a time of day`},
		},
		"daily without time": {
			text:      "subscribe russia daily",
			wantReply: []string{"Daily at what time?"},
		},
		"bad query names position": {
			text:      "subscribe (russia OR moscow",
			wantReply: []string{`unbalanced "(" at 1`},
		},
		"nothing to subscribe to": {
			text:      "subscribe instant",
			wantReply: []string{"Subscribe to what?"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, st, _ := routerFixture(t)
			reply := ask(r, tc.text)
			for _, w := range tc.wantReply {
				if !strings.Contains(reply.Text, w) {
					t.Errorf("reply to %q lacks %q:\n%s", tc.text, w, reply.Text)
				}
			}
			subs, err := st.Subscriptions(context.Background(), Slack, "C1")
			if err != nil {
				t.Fatal(err)
			}
			if tc.wantSub == nil {
				if len(subs) != 0 || !reply.Ephemeral {
					t.Errorf("bad input stored %+v (ephemeral reply %v)", subs, reply.Ephemeral)
				}
				return
			}
			if len(subs) != 1 {
				t.Fatalf("stored %d subscriptions, want 1: %+v", len(subs), subs)
			}
			got := subs[0]
			w := tc.wantSub
			if got.Topic != w.Topic || got.Query != w.Query || got.Mode != w.Mode || got.DailyAt != w.DailyAt || got.Timezone != w.Timezone || got.CreatedBy != "U1" {
				t.Errorf("stored %+v, want %+v created by U1", got, *w)
			}
			if reply.Ephemeral {
				t.Errorf("subscribe confirmation should be visible to the channel")
			}
		})
	}
}

func TestUnsubscribeAndSubscriptions(t *testing.T) {
	r, st, _ := routerFixture(t)
	ask(r, "subscribe russia")
	ask(r, "subscribe ceasefire daily 07:00 Europe/Paris")

	list := ask(r, "subscriptions")
	for _, w := range []string{"russia (Russia OR Moscow OR Kremlin) — instant", "ceasefire — daily 07:00 Europe/Paris"} {
		if !strings.Contains(list.Text, w) {
			t.Errorf("subscriptions lacks %q:\n%s", w, list.Text)
		}
	}

	unknown := ask(r, "unsubscribe asia")
	if !unknown.Ephemeral || !strings.Contains(unknown.Text, `no subscription to "asia"`) || !strings.Contains(unknown.Text, "• russia") {
		t.Errorf("unsubscribe of unknown topic = %+v, want it to say so and list the channel's subscriptions", unknown)
	}

	done := ask(r, "unsubscribe Russia")
	if !strings.Contains(done.Text, `Unsubscribed this channel from "russia"`) {
		t.Errorf("unsubscribe reply = %q", done.Text)
	}
	subs, _ := st.Subscriptions(context.Background(), Slack, "C1")
	if len(subs) != 1 || subs[0].Topic != "ceasefire" {
		t.Errorf("after unsubscribe: %+v, want only ceasefire", subs)
	}
	// Another channel's subscriptions are not this channel's business.
	other := r.Handle(context.Background(), Request{Platform: Slack, Channel: "C2", User: "U1", Text: "subscriptions"})
	if strings.Contains(other.Text, "ceasefire") {
		t.Errorf("channel C2 sees C1's subscriptions: %s", other.Text)
	}
}

func TestFollowAndUnfollow(t *testing.T) {
	r, st, _ := routerFixture(t)
	reply := ask(r, "follow Lavrov")
	if !strings.Contains(reply.Text, "Following Lavrov") {
		t.Errorf("follow reply = %q", reply.Text)
	}
	subs, _ := st.Subscriptions(context.Background(), Slack, "C1")
	if len(subs) != 1 || !subs[0].Follow || subs[0].Mode != briefbot.ModeInstant {
		t.Fatalf("follow stored %+v, want one instant follow subscription", subs)
	}
	q, err := topic.Parse(subs[0].Query)
	if err != nil {
		t.Fatalf("follow query %q: %v", subs[0].Query, err)
	}
	lavrov, wang := lavrovArticle, wangArticle
	if !q.Match(&lavrov) || q.Match(&wang) {
		t.Errorf("follow query %q: matches Lavrov article %v (want true), Wang article %v (want false)", subs[0].Query, q.Match(&lavrov), q.Match(&wang))
	}
	ask(r, "unfollow lavrov")
	if subs, _ := st.Subscriptions(context.Background(), Slack, "C1"); len(subs) != 0 {
		t.Errorf("after unfollow: %+v", subs)
	}
}

func TestManagersLimitChanges(t *testing.T) {
	r, st, _ := routerFixture(t)
	r.Managers = []string{"U-admin", "R-editors"}
	ctx := context.Background()
	tests := map[string]struct {
		req     Request
		allowed bool
	}{
		"listed user":           {Request{Platform: Slack, Channel: "C1", User: "U-admin"}, true},
		"user with listed role": {Request{Platform: Discord, Channel: "D1", User: "U-7", Roles: []string{"R-x", "R-editors"}}, true},
		"unlisted user":         {Request{Platform: Slack, Channel: "C1", User: "U-guest"}, false},
		"unlisted roles":        {Request{Platform: Discord, Channel: "D1", User: "U-8", Roles: []string{"R-x"}}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for _, cmd := range []string{"subscribe russia", "follow Wang Yi", "unsubscribe russia"} {
				req := tc.req
				req.Text = cmd
				reply := r.Handle(ctx, req)
				denied := strings.Contains(reply.Text, "only the bot's managers")
				if denied == tc.allowed {
					t.Errorf("%q by %s: reply %q, allowed want %v", cmd, req.User, reply.Text, tc.allowed)
				}
				if denied && !reply.Ephemeral {
					t.Errorf("denial is not ephemeral")
				}
			}
			// Lookups stay open to everyone.
			req := tc.req
			req.Text = "who wang"
			if reply := r.Handle(ctx, req); !strings.Contains(reply.Text, "Dialogue remains the only way forward") {
				t.Errorf("lookup by %s refused: %q", req.User, reply.Text)
			}
		})
	}
	// The denied attempts stored nothing.
	subs, _ := st.Subscriptions(ctx, Slack, "C1")
	for _, s := range subs {
		if s.CreatedBy == "U-guest" {
			t.Errorf("unlisted user's subscription stored: %+v", s)
		}
	}
}

func TestDigestCommand(t *testing.T) {
	r, _, clock := routerFixture(t)
	reply := ask(r, "digest")
	if reply.Digest == nil || reply.Digest.ArticleCount() != 3 {
		t.Fatalf("digest without subscriptions should carry all 3 recent articles, got %+v", reply.Digest)
	}
	ask(r, "subscribe russia")
	reply = ask(r, "digest 24h")
	if reply.Digest == nil || !slices.Equal(digestArticleIDs(*reply.Digest), []int64{1}) {
		t.Fatalf("digest with a russia subscription = %+v, want only the Lavrov article", reply.Digest)
	}
	if !strings.Contains(reply.Text, lavrovArticle.Title) || !strings.Contains(reply.Digest.Title, "russia") {
		t.Errorf("digest text/title do not name the article and topic: %q / %q", reply.Text, reply.Digest.Title)
	}
	clock.Advance(3 * 24 * time.Hour)
	if reply := ask(r, "digest 24h"); reply.Digest != nil || !strings.Contains(reply.Text, "Nothing new") {
		t.Errorf("digest of a quiet day = %+v", reply)
	}
	if reply := ask(r, "digest 7d"); reply.Digest == nil || reply.Digest.ArticleCount() != 1 {
		t.Errorf("digest 7d = %+v, want the Lavrov article", reply.Digest)
	}
	bad := ask(r, "digest yesterday")
	if !bad.Ephemeral || !strings.Contains(bad.Text, `"yesterday" is not a time span`) || !strings.Contains(bad.Text, "Usage: /brief digest") {
		t.Errorf("bad since = %+v", bad)
	}
}

func TestParseSince(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"24h": 24 * time.Hour, "7d": 7 * 24 * time.Hour, "90m": 90 * time.Minute, "1h30m": 90 * time.Minute, "31d": 31 * 24 * time.Hour,
	} {
		if got, err := ParseSince(in); err != nil || got != want {
			t.Errorf("ParseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0h", "-2h", "32d", "xd", "soon"} {
		if _, err := ParseSince(in); err == nil {
			t.Errorf("ParseSince(%q) succeeded", in)
		}
	}
}

func TestFeedsShowsStatus(t *testing.T) {
	r, st, clock := routerFixture(t)
	ctx := context.Background()
	feeds, err := st.SyncFeeds(ctx, []briefbot.Feed{
		{Name: "Wire One", URL: "https://one.example/rss"},
		{Name: "Wire Two", URL: "https://two.example/rss"},
		{Name: "Wire Three", URL: "https://three.example/rss"},
	})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]briefbot.Feed{}
	for _, f := range feeds {
		byName[f.Name] = f
	}
	ok := byName["Wire One"]
	ok.LastFetchedAt, ok.LastStatus, ok.Primed = clock.Now().Add(-5*time.Minute), "ok: 3 new", true
	failing := byName["Wire Two"]
	failing.LastFetchedAt, failing.ErrorCount, failing.LastError, failing.Disabled = clock.Now().Add(-2*time.Hour), 10, "HTTP 410 Gone", true
	for _, f := range []briefbot.Feed{ok, failing} {
		if err := st.SaveFeedState(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	reply := ask(r, "feeds")
	for _, w := range []string{"3 feeds", "✓ Wire One — ok: 3 new (fetched 5m ago)", "✗ Wire Two — disabled: HTTP 410 Gone", "Wire Three — not fetched yet"} {
		if !strings.Contains(reply.Text, w) {
			t.Errorf("feeds reply lacks %q:\n%s", w, reply.Text)
		}
	}
}

func TestTopicsHelpAndUnknown(t *testing.T) {
	r, _, _ := routerFixture(t)
	ask(r, "subscribe sanctions OR embargo")
	topics := ask(r, "topics")
	for _, w := range []string{"• asia — China OR Japan OR Korea", "• russia — Russia OR Moscow OR Kremlin", "• sanctions OR embargo"} {
		if !strings.Contains(topics.Text, w) {
			t.Errorf("topics lacks %q:\n%s", w, topics.Text)
		}
	}
	help := ask(r, "help")
	if !help.Ephemeral {
		t.Error("help is not ephemeral")
	}
	for _, c := range commands {
		if !strings.Contains(help.Text, "/brief "+c.name) {
			t.Errorf("help does not list %q", c.name)
		}
	}
	if empty := ask(r, "  "); empty.Text != help.Text {
		t.Errorf("an empty command should answer with help, got %q", empty.Text)
	}
	unknown := ask(r, "lookup lavrov")
	if !unknown.Ephemeral || !strings.Contains(unknown.Text, `don't know the command "lookup"`) || !strings.Contains(unknown.Text, "/brief who <speaker>") {
		t.Errorf("unknown command reply = %+v", unknown)
	}
	for _, text := range []string{"who", "said ?", "about", "follow", "unsubscribe"} {
		reply := ask(r, text)
		name := strings.Fields(text)[0]
		if !reply.Ephemeral || !strings.Contains(reply.Text, "Usage: /brief "+name) {
			t.Errorf("%q without arguments = %+v, want ephemeral usage", text, reply)
		}
	}
}

func TestComplete(t *testing.T) {
	r, _, _ := routerFixture(t)
	ctx := context.Background()
	ask(r, "subscribe ceasefire")
	if got := r.Complete(ctx, "speaker", "la"); !slices.Equal(got, []string{"Sergei Lavrov"}) {
		t.Errorf("Complete(speaker, la) = %q", got)
	}
	if got := r.Complete(ctx, "topic", "R"); !slices.Equal(got, []string{"russia"}) {
		t.Errorf("Complete(topic, R) = %q", got)
	}
	if got := r.Complete(ctx, "topic", ""); !slices.Equal(got, []string{"asia", "russia", "ceasefire"}) {
		t.Errorf("Complete(topic, \"\") = %q", got)
	}
	if got := r.Complete(ctx, "colour", ""); got != nil {
		t.Errorf("Complete of an unknown field = %q", got)
	}
}

func TestAsk(t *testing.T) {
	r, _, _ := routerFixture(t)
	r.Command = "briefbot ask"
	ctx := context.Background()
	out, err := r.Ask(ctx, "who Lavrov")
	if err != nil || !strings.Contains(out, "Moscow is ready to discuss a ceasefire") {
		t.Errorf("Ask(who Lavrov) = %q, %v", out, err)
	}
	out, err = r.Ask(ctx, "subscribe russia daily 08:00 Mars/Olympus")
	var ue *UsageError
	if !errors.As(err, &ue) || !strings.Contains(out, `"Mars/Olympus"`) || !strings.Contains(out, "Usage: briefbot ask subscribe") {
		t.Errorf("Ask with a bad zone = %q, %v; want a UsageError naming the zone with terminal usage", out, err)
	}
}

func TestStoreFailureGetsApology(t *testing.T) {
	r, st, _ := routerFixture(t)
	st.Close()
	reply := ask(r, "who lavrov")
	if !reply.Ephemeral || !strings.Contains(reply.Text, "something went wrong") {
		t.Errorf("reply with a closed store = %+v", reply)
	}
	if _, err := r.Ask(context.Background(), "who lavrov"); err == nil {
		t.Error("Ask with a closed store returned no error")
	}
}

func TestTerminalSubscriptionsGoToConsole(t *testing.T) {
	r, st, _ := routerFixture(t)
	r.Managers = []string{"U-admin"} // the terminal is trusted regardless
	ctx := context.Background()
	reply := r.Handle(ctx, Request{Platform: Terminal, Channel: "desk", User: "terminal", Text: "subscribe russia"})
	if !strings.Contains(reply.Text, "Subscribed") {
		t.Fatalf("terminal subscribe = %q", reply.Text)
	}
	// One console channel: the config's console subscriptions use it too,
	// so the daemon prints an alert once, not once per channel name.
	subs, _ := st.Subscriptions(ctx, Console, ConsoleChannel)
	if len(subs) != 1 || subs[0].Topic != "russia" {
		t.Fatalf("console subscriptions = %+v, want russia on console/%s", subs, ConsoleChannel)
	}
	list := r.Handle(ctx, Request{Platform: Terminal, Channel: "desk", Text: "subscriptions"})
	if !strings.Contains(list.Text, "• russia") {
		t.Errorf("terminal subscriptions = %q", list.Text)
	}
}

func TestFormatWindow(t *testing.T) {
	for d, want := range map[time.Duration]string{
		24 * time.Hour: "24h", 7 * 24 * time.Hour: "7d", 90 * time.Minute: "1h30m", 36 * time.Hour: "36h",
		30 * time.Minute: "30m", 10 * time.Minute: "10m", 2 * time.Hour: "2h",
	} {
		if got := formatWindow(d); got != want {
			t.Errorf("formatWindow(%s) = %q, want %q", d, got, want)
		}
	}
}

func TestParseSubscribeArgs(t *testing.T) {
	tests := map[string]struct {
		in   string
		want SubscribeArgs
		err  string
	}{
		"topic only":         {in: "russia", want: SubscribeArgs{Topic: "russia", Mode: briefbot.ModeInstant}},
		"explicit instant":   {in: "Russia OR Moscow INSTANT", want: SubscribeArgs{Topic: "Russia OR Moscow", Mode: briefbot.ModeInstant}},
		"daily without zone": {in: "russia daily 7:05", want: SubscribeArgs{Topic: "russia", Mode: briefbot.ModeDaily, DailyAt: "07:05", Timezone: "UTC"}},
		"daily with zone":    {in: "russia daily 23:59 America/New_York", want: SubscribeArgs{Topic: "russia", Mode: briefbot.ModeDaily, DailyAt: "23:59", Timezone: "America/New_York"}},
		"daily inside query": {in: "daily briefing OR summit", want: SubscribeArgs{Topic: "daily briefing OR summit", Mode: briefbot.ModeInstant}},
		"minutes need 2":     {in: "russia daily 8:5", err: `"8:5" is not a time of day`},
		"local is no zone":   {in: "russia daily 08:00 Local", err: `"Local" is not a time zone`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ParseSubscribeArgs(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("ParseSubscribeArgs(%q) error = %v, want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("ParseSubscribeArgs(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			}
		})
	}
}
