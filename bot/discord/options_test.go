package discord

import (
	"context"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/feeds"
)

// foundFinder accepts any address as a feed without fetching it.
type foundFinder struct{}

func (foundFinder) Find(_ context.Context, rawURL string) (feeds.Found, error) {
	return feeds.Found{URL: rawURL, Title: "Found", Items: 3, Via: "url"}, nil
}

// TestTypedOptionsReachHandlersAsGiven sends every command that has
// options through the real interactions handler (signed with a real
// Ed25519 key) to the real Router over SQLite, with multi-word values and
// values holding words the text grammar would read as something else
// (a mode, a time, "since 30d", "every 10m", "anyway"). Each must reach
// its handler as typed: the answer or the stored state shows it.
func TestTypedOptionsReachHandlersAsGiven(t *testing.T) {
	ctx := context.Background()
	st := bottest.OpenLavrovStore(t)
	st.SaveQuote("wang1", "Wang Yi", "dialogue is the only way")
	pub, priv := newKey(t)
	router := &bot.Router{Store: st, Command: "brief", Finder: foundFinder{}, Logger: bottest.DiscardLogger()}
	d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub)}, router)
	srv := httptest.NewServer(d.InteractionsHandler())
	defer srv.Close()

	subscription := func(topic string) (briefbot.Subscription, bool) {
		subs, err := st.Subscriptions(ctx, bot.Discord, "CH1")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range subs {
			if s.Topic == topic {
				return s, true
			}
		}
		return briefbot.Subscription{}, false
	}
	feedNamed := func(name string) (briefbot.Feed, bool) {
		fs, err := st.ListFeeds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Name == name {
				return f, true
			}
		}
		return briefbot.Feed{}, false
	}
	const tricky = "china daily 08:00 UTC"
	// Run in order: later rows see what earlier ones stored.
	cases := []struct {
		name  string
		sub   string
		opts  []string
		want  []string // in the answer
		check func(t *testing.T, answer string)
	}{
		{name: "who", sub: "who", opts: []string{"speaker", "weekly since 30d"},
			want: []string{`No statements by "weekly since 30d"`}},
		{name: "said", sub: "said", opts: []string{"words", "ready daily 08:00 since 30d"},
			want: []string{`quoted saying "ready daily 08:00 since 30d"`}},
		{name: "about, since words in the query", sub: "about", opts: []string{"query", "talks weekly since 30d"},
			want: []string{`Nothing on "talks weekly since 30d" in the last 7d`}},
		{name: "about, since option", sub: "about", opts: []string{"since", "30d", "query", "weekly talks"},
			want: []string{`Nothing on "weekly talks" in the last 30d`}},
		{name: "profile", sub: "profile", opts: []string{"name", "Sergei Lavrov"},
			want: []string{"Sergei Lavrov"}},
		{name: "timeline, name and query with keywords", sub: "timeline",
			opts: []string{"query", "weekly since 30d", "name", "Sergei Lavrov"},
			want: []string{"Sergei Lavrov on “weekly since 30d”"}},
		{name: "timeline, multi-word name alone", sub: "timeline", opts: []string{"name", "Wang Yi", "since", "30d"},
			want: []string{"**Wang Yi**", "1 statement", "dialogue is the only way"}},
		{name: "compare, two multi-word names", sub: "compare",
			opts: []string{"other", "Sergei Lavrov", "name", "Wang Yi", "since", "2026-01-01"},
			want: []string{"**Wang Yi and Sergei Lavrov**, 2026-01-01"}},
		{name: "compare, query with keywords", sub: "compare",
			opts: []string{"name", "Sergei Lavrov", "other", "Wang Yi", "query", "talks daily since 30d"},
			want: []string{"Sergei Lavrov and Wang Yi on “talks daily since 30d”"}},
		{name: "subscribe, topic with a mode and time", sub: "subscribe", opts: []string{"topic", tricky},
			want: []string{`Subscribed this channel to "china daily 08:00 UTC": instant`},
			check: func(t *testing.T, _ string) {
				if s, ok := subscription(tricky); !ok || s.Mode != briefbot.ModeInstant {
					t.Errorf("subscription %q: %+v, found %v; want instant", tricky, s, ok)
				}
			}},
		{name: "subscribe daily, topic with since and instant", sub: "subscribe",
			opts: []string{"topic", "sahel instant since 30d", "mode", "daily", "time", "07:30", "zone", "Europe/Paris"},
			check: func(t *testing.T, _ string) {
				if s, ok := subscription("sahel instant since 30d"); !ok || s.Mode != briefbot.ModeDaily || s.DailyAt != "07:30" || s.Timezone != "Europe/Paris" {
					t.Errorf("subscription: %+v, found %v; want daily 07:30 Europe/Paris", s, ok)
				}
			}},
		{name: "unsubscribe", sub: "unsubscribe", opts: []string{"topic", tricky},
			want: []string{`Unsubscribed this channel from "china daily 08:00 UTC"`}},
		{name: "follow, a name ending in anyway", sub: "follow", opts: []string{"name", "Ms Anyway"},
			check: func(t *testing.T, answer string) {
				if _, ok := subscription("follow: Ms"); ok {
					t.Error(`"Ms Anyway" was read as "Ms" anyway`)
				}
				if _, ok := subscription("follow: Ms Anyway"); ok || !strings.Contains(answer, "Ms Anyway") {
					t.Errorf("an unseen name was followed without the anyway option: %s", answer)
				}
			}},
		{name: "follow anyway, multi-word name with keywords", sub: "follow", opts: []string{"anyway", "anyway", "name", "Daily Weekly"},
			check: func(t *testing.T, _ string) {
				if _, ok := subscription("follow: Daily Weekly"); !ok {
					t.Error(`no follow of "Daily Weekly"`)
				}
			}},
		{name: "unfollow", sub: "unfollow", opts: []string{"name", "Daily Weekly"},
			want: []string{`Unsubscribed this channel from "follow: Daily Weekly"`}},
		{name: "digest", sub: "digest", opts: []string{"since", "30d"},
			want: []string{"30d"}},
		{name: "feeds add, name with every and tags words", sub: "feeds",
			opts: []string{"action", "add", "feed", "https://sahel.example/feed.xml", "name", "Weekly since 30d every 10m tags x", "every", "15m", "tags", "sahel, africa"},
			check: func(t *testing.T, answer string) {
				f, ok := feedNamed("Weekly since 30d every 10m tags x")
				if !ok || f.Interval != 15*time.Minute || strings.Join(f.Tags, "|") != "sahel|africa" {
					t.Errorf("feed %+v (found %v); want the name as given, every 15m, tags sahel, africa; answer %s", f, ok, answer)
				}
			}},
		{name: "feeds remove", sub: "feeds", opts: []string{"feed", "Weekly since 30d every 10m tags x", "action", "remove"},
			check: func(t *testing.T, answer string) {
				if _, ok := feedNamed("Weekly since 30d every 10m tags x"); ok {
					t.Errorf("feed still there after remove: %s", answer)
				}
			}},
	}
	tested := map[string]bool{}
	for _, tc := range cases {
		tested[tc.sub] = true
		t.Run(tc.name, func(t *testing.T) {
			status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(), commandInteraction(2, tc.sub, tc.opts...)))
			if status != http.StatusOK || resp.Data == nil {
				t.Fatalf("status %d: %s", status, body)
			}
			answer := resp.Data.Content
			for _, e := range resp.Data.Embeds {
				answer += "\n" + e.Title + "\n" + e.Description
			}
			for _, w := range tc.want {
				if !strings.Contains(answer, w) {
					t.Errorf("answer lacks %q:\n%s", w, answer)
				}
			}
			if tc.check != nil {
				tc.check(t, answer)
			}
		})
	}
	for _, c := range bot.Commands() {
		if len(c.Options) > 0 && !tested[c.Name] {
			t.Errorf("command %s has options but no row here", c.Name)
		}
	}
}
