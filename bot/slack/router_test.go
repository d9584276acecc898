package slack

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
)

// TestThroughRouter wires the adapter to the real Router over a real
// SQLite store: a signed "/brief who Lavrov" quotes Sergei Lavrov, and an
// instant subscription made by slash command yields exactly one
// chat.postMessage when a matching article arrives.
func TestThroughRouter(t *testing.T) {
	ctx := context.Background()
	st := bottest.OpenLavrovStore(t)

	fake := &chatFake{}
	slackAPI := newSlackFake(t, fake)
	router := &bot.Router{Store: st, Command: "brief", Logger: bottest.DiscardLogger()}
	s := New(Config{APIURL: slackAPI.GetAPIURL(), BotToken: "xoxb-test", SigningSecret: testSecret}, router, bottest.DiscardLogger())
	srv := httptest.NewServer(s.CommandsHandler())
	defer srv.Close()

	command := func(text string) decodedResponse {
		t.Helper()
		start := time.Now()
		status, body := bottest.Do(t, bottest.SlackCommand(t, srv.URL, testSecret, time.Now(), commandForm(text, "")))
		if status != http.StatusOK {
			t.Fatalf("%q: status %d: %s", text, status, body)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%q answered after %s", text, took)
		}
		return decodeResponse(t, []byte(body))
	}

	who := command("who Lavrov")
	if joined := strings.Join(blockTexts(who.Blocks.BlockSet), "\n"); !strings.Contains(joined, bottest.LavrovQuote) {
		t.Errorf("who Lavrov does not quote him:\n%s\nfallback: %s", joined, who.Text)
	}

	command("subscribe lavrov")
	subs, err := st.Subscriptions(ctx, bot.Slack, "C0TEST")
	if err != nil || len(subs) != 1 {
		t.Fatalf("subscriptions after /brief subscribe: %+v, %v", subs, err)
	}

	st.SaveAlert()
	d := &bot.Dispatcher{Store: st, Senders: map[string]bot.Sender{bot.Slack: s}, Owner: "test", Logger: bottest.DiscardLogger()}
	if _, err := d.Dispatch(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	_, posts := fake.snapshot()
	if len(posts) != 1 {
		t.Fatalf("%d chat.postMessage calls for one instant alert, want exactly 1", len(posts))
	}
	joined := strings.Join(blockTexts(posts[0].Blocks), "\n")
	if posts[0].Channel != "C0TEST" || !strings.Contains(joined, "Lavrov rejects sanctions") || strings.Contains(joined, "Moscow open to talks") {
		t.Errorf("alert to %s:\n%s\nwant only the new article", posts[0].Channel, joined)
	}
}
