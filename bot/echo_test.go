package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
)

func TestRepliesEscapeEchoedUserText(t *testing.T) {
	r, _, _ := routerFixture(t)
	cases := map[string]struct {
		text   string
		raw    string // must not appear unescaped in the reply
		escape string // must appear instead
	}{
		"masked link in a name": {"who [click](https://evil.example/x)", "[click](https://evil.example/x)", `\[click\]\(https://evil.example/x\)`},
		"slack link syntax":     {"unsubscribe <https://evil.example|click>", "<https://evil.example|click>", `\<https://evil.example\|click\>`},
		"discord mention":       {"unfollow <@123456789>", "<@123456789>", `\<\@` + "\u200b" + `123456789\>`},
		"everyone":              {"unsubscribe @everyone", "@everyone", `\@` + "\u200b" + "everyone"},
		"formatting":            {"who **Lavrov** __x__", "**Lavrov**", `\*\*Lavrov\*\*`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			reply := ask(r, tc.text)
			if strings.Contains(reply.Text, tc.raw) {
				t.Errorf("reply echoes %q live:\n%s", tc.raw, reply.Text)
			}
			if tc.escape != "" && !strings.Contains(reply.Text, tc.escape) && strings.Contains(UnescapeMarkdown(reply.Text), tc.raw) {
				t.Errorf("reply lacks the escaped %q:\n%s", tc.escape, reply.Text)
			}
		})
	}
}

func TestEscapeMarkdownRoundTrips(t *testing.T) {
	for _, s := range []string{"[t](u)", `a\b`, "<@1> @here *x* _y_ ~z~ `c` |s| # h", "plain words"} {
		esc := EscapeMarkdown(s)
		if got := strings.ReplaceAll(UnescapeMarkdown(esc), "\u200b", ""); got != s {
			t.Errorf("UnescapeMarkdown(EscapeMarkdown(%q)) = %q", s, got)
		}
		for _, c := range "[]()<>*_~`|" {
			if strings.ContainsRune(s, c) && strings.Contains(esc, string(c)) && !strings.Contains(esc, `\`+string(c)) {
				t.Errorf("EscapeMarkdown(%q) = %q leaves %q bare", s, esc, c)
			}
		}
	}
}

func TestStructuredSubscribeTakesTheTopicAsGiven(t *testing.T) {
	r, st, _ := routerFixture(t)
	ctx := context.Background()
	req := Request{Platform: Discord, Channel: "D1", User: "U1", Command: "subscribe",
		Text:    "subscribe china daily 08:00 UTC",
		Options: map[string]string{"topic": "china daily 08:00 UTC"}}
	reply := r.Handle(ctx, req)
	subs, err := st.Subscriptions(ctx, Discord, "D1")
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 1 || subs[0].Mode != briefbot.ModeInstant || !strings.Contains(subs[0].Topic, "china daily 08:00 UTC") {
		t.Fatalf("structured subscribe stored %+v (reply %q); want an instant subscription to the whole topic text", subs, reply.Text)
	}
	// The same words typed as text are a daily subscription, as documented.
	ask(r, "subscribe china daily 08:00 UTC")
	if subs, _ := st.Subscriptions(ctx, Slack, "C1"); len(subs) != 1 || subs[0].Mode != briefbot.ModeDaily {
		t.Errorf("typed subscribe stored %+v, want daily", subs)
	}

	daily := r.Handle(ctx, Request{Platform: Discord, Channel: "D2", User: "U1", Command: "subscribe",
		Options: map[string]string{"topic": "russia", "time": "8:00", "zone": "Europe/Paris"}})
	subs, _ = st.Subscriptions(ctx, Discord, "D2")
	if len(subs) != 1 || subs[0].Mode != briefbot.ModeDaily || subs[0].DailyAt != "08:00" || subs[0].Timezone != "Europe/Paris" {
		t.Errorf("structured daily: %+v (reply %q)", subs, daily.Text)
	}
	bad := r.Handle(ctx, Request{Platform: Discord, Channel: "D3", User: "U1", Command: "subscribe",
		Options: map[string]string{"topic": "russia", "mode": "daily", "time": "25:00"}})
	if !strings.Contains(bad.Text, `"25:00" is not a time of day`) {
		t.Errorf("bad time: %q", bad.Text)
	}
}
