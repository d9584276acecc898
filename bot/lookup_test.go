package bot

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/topic"
)

// who goes through the speaker registry: aliases and own-script names
// resolve, a typo is guessed and the reply says so, a real match never
// loses to a substring.
func TestWhoThroughRegistry(t *testing.T) {
	r, st, _ := routerFixture(t)
	xi := lavrovArticle
	xi.URL, xi.Hash, xi.Title = "https://news.example/xi", "xi", "Xi speaks"
	xi.Statements = []briefbot.Statement{
		{Text: "Cooperation will deepen", Speaker: "Xi Jinping", Kind: briefbot.Direct},
		{Text: "Markets are calm", Speaker: "Alexi Xiong", Kind: briefbot.Direct},
	}
	saveArticle(t, st, xi)
	tests := map[string]struct {
		text, want, not string
		guessed         bool
	}{
		"alias first":      {"who Xi", "Cooperation will deepen", "Markets are calm", false},
		"own script":       {"who Лавров", "Moscow is ready to discuss a ceasefire", "", false},
		"chinese script":   {"who 王毅", "Wang Yi", "Lavrov", false},
		"typo is guessed":  {"who Lavorv", "Moscow is ready to discuss a ceasefire", "", true},
		"unknown says so":  {"who Blinken", "No statements by \"Blinken\" yet", "", false},
		"substring last":   {"who xio", "Markets are calm", "", false},
		"natural question": {"what did Xi say?", "Cooperation will deepen", "Markets are calm", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			reply := ask(r, tc.text)
			if !strings.Contains(reply.Text, tc.want) || (tc.not != "" && strings.Contains(reply.Text, tc.not)) {
				t.Errorf("reply to %q: want %q, not %q:\n%s", tc.text, tc.want, tc.not, reply.Text)
			}
			if guessed := strings.Contains(reply.Text, "guessing you meant"); guessed != tc.guessed {
				t.Errorf("reply to %q says it guessed: %v, want %v:\n%s", tc.text, guessed, tc.guessed, reply.Text)
			}
		})
	}
}

// Follow of another spelling alerts on the registry's name too.
func TestFollowOtherSpelling(t *testing.T) {
	r, st, _ := routerFixture(t)
	ask(r, "follow Sergey Lavrov")
	subs, err := st.Subscriptions(context.Background(), Slack, "C1")
	if err != nil || len(subs) != 1 {
		t.Fatalf("subscriptions: %+v %v", subs, err)
	}
	q, err := topic.Parse(subs[0].Query)
	if err != nil {
		t.Fatal(err)
	}
	lavrov := lavrovArticle // quotes "Sergei Lavrov"
	if !q.Match(&lavrov) {
		t.Errorf("follow query %q does not match Sergei Lavrov's statement", subs[0].Query)
	}
}

// Oversized input is refused before it reaches the store, with a message
// naming the bound, and the log never carries the whole input.
func TestInputBounds(t *testing.T) {
	r, _, _ := routerFixture(t)
	var logs bytes.Buffer
	r.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	long := strings.Repeat("ceasefire ", 10_000)
	tests := map[string]struct{ text, want string }{
		"said 10,000 words": {"said " + long, "takes at most 500"},
		"who 60 KB":         {"who " + strings.Repeat("Lavrov", 10_000), "takes at most 100"},
		"about long query":  {"about " + long, "takes at most 500"},
		"follow long name":  {"follow " + strings.Repeat("x", 101), "takes at most 100"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			reply := ask(r, tc.text)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("%s answered in %s, want < 2s", name, took)
			}
			if !reply.Ephemeral || !strings.Contains(reply.Text, tc.want) {
				t.Errorf("%s: reply %q, want an ephemeral refusal containing %q", name, clip(reply.Text, 300), tc.want)
			}
		})
	}
	// At the bound, still answered.
	if reply := ask(r, "said "+strings.Repeat("a", 495)+" ceasefire"[:5]); strings.Contains(reply.Text, "takes at most") {
		t.Errorf("500 characters refused: %q", reply.Text)
	}
	if logs.Len() > 2000 {
		t.Errorf("logs carry %d bytes for oversized input", logs.Len())
	}
}
