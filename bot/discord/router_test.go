package discord

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
)

// TestThroughRouter wires the adapter to the real Router over a real
// SQLite store: "/brief who speaker:Lavrov" quotes Sergei Lavrov,
// autocomplete offers stored speakers, and an instant subscription made
// through an interaction yields exactly one channel message when a
// matching article arrives.
func TestThroughRouter(t *testing.T) {
	ctx := context.Background()
	st := bottest.OpenLavrovStore(t)

	pub, priv := newKey(t)
	api := newRESTFake(t)
	router := &bot.Router{Store: st, Command: "brief", Logger: bottest.DiscardLogger()}
	d := newTestDiscord(t, Config{APIURL: api.URL(), BotToken: "bot-token", AppID: "app-1", PublicKey: hex.EncodeToString(pub)}, router)
	srv := httptest.NewServer(d.InteractionsHandler())
	defer srv.Close()

	interact := func(kind int, sub string, opts ...string) (discordgo.InteractionResponse, string) {
		t.Helper()
		status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(), commandInteraction(kind, sub, opts...)))
		if status != http.StatusOK {
			t.Fatalf("/brief %s: status %d: %s", sub, status, body)
		}
		return resp, body
	}

	resp, body := interact(2, "who", "speaker", "Lavrov")
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || len(resp.Data.Embeds) == 0 ||
		!strings.Contains(resp.Data.Embeds[0].Description, bottest.LavrovQuote) {
		t.Errorf("who speaker:Lavrov answered %s", body)
	}

	resp, body = interact(4, "who", "speaker*", "lav")
	if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(resp.Data.Choices) != 1 || resp.Data.Choices[0].Value != "Sergei Lavrov" {
		t.Errorf("autocomplete for lav: %s", body)
	}

	interact(2, "subscribe", "topic", "lavrov")
	subs, err := st.Subscriptions(ctx, bot.Discord, "CH1")
	if err != nil || len(subs) != 1 || subs[0].Mode != briefbot.ModeInstant {
		t.Fatalf("subscriptions after /brief subscribe: %+v, %v", subs, err)
	}

	st.SaveAlert()
	disp := &bot.Dispatcher{Store: st, Senders: map[string]bot.Sender{bot.Discord: d}, Owner: "test", Logger: bottest.DiscardLogger()}
	if _, err := disp.Dispatch(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := disp.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	calls := api.snapshot()
	if len(calls) != 1 {
		t.Fatalf("%d REST calls for one instant alert, want exactly 1: %+v", len(calls), calls)
	}
	if calls[0].Method != http.MethodPost || calls[0].Path != "/channels/CH1/messages" {
		t.Fatalf("alert sent as %s %s", calls[0].Method, calls[0].Path)
	}
	var msg createMessage
	if err := json.Unmarshal(calls[0].Body, &msg); err != nil {
		t.Fatal(err)
	}
	if len(msg.Embeds) != 1 || msg.Embeds[0].Title != "Lavrov rejects sanctions" {
		t.Errorf("alert embeds: %s", compactJSON(calls[0].Body))
	}
}
