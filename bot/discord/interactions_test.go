package discord

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
)

const pingBody = `{"id":"p1","application_id":"app-1","type":1,"token":"t","version":1}`

// postInteraction sends req to an InteractionsHandler on a loopback server
// and decodes a 200 answer.
func postInteraction(t *testing.T, req *http.Request) (int, discordgo.InteractionResponse, string) {
	t.Helper()
	status, body := bottest.Do(t, req)
	var out discordgo.InteractionResponse
	if status == http.StatusOK {
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("answer is not an interaction response: %v\n%s", err, body)
		}
	}
	return status, out, body
}

func newTestDiscord(t *testing.T, cfg Config, h bot.Handler) *Discord {
	t.Helper()
	d, err := New(cfg, h, bottest.DiscardLogger())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestInteractionsHandlerVerifiesRequests(t *testing.T) {
	pub, priv := newKey(t)
	_, otherPriv := newKey(t)
	cases := map[string]struct {
		noKey    bool
		signWith string // "ours", "other"
		age      time.Duration
		tamper   bool
		unsigned bool
		want     int
	}{
		"ping signed now":       {signWith: "ours", want: http.StatusOK},
		"signed four min ago":   {signWith: "ours", age: 4 * time.Minute, want: http.StatusOK},
		"signed with other key": {signWith: "other", want: http.StatusUnauthorized},
		"ten minutes old":       {signWith: "ours", age: 10 * time.Minute, want: http.StatusUnauthorized},
		"ten minutes ahead":     {signWith: "ours", age: -10 * time.Minute, want: http.StatusUnauthorized},
		"body changed":          {signWith: "ours", tamper: true, want: http.StatusUnauthorized},
		"no signature":          {signWith: "ours", unsigned: true, want: http.StatusUnauthorized},
		"no public key set":     {noKey: true, signWith: "ours", want: http.StatusUnauthorized},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			cfg := Config{PublicKey: hex.EncodeToString(pub)}
			if tc.noKey {
				cfg.PublicKey = ""
			}
			h := &bottest.Handler{}
			d := newTestDiscord(t, cfg, h)
			srv := httptest.NewServer(d.InteractionsHandler())
			defer srv.Close()

			key := priv
			if tc.signWith == "other" {
				key = otherPriv
			}
			req := bottest.DiscordInteraction(t, srv.URL, key, time.Now().Add(-tc.age), pingBody)
			if tc.tamper {
				body := strings.Replace(pingBody, `"p1"`, `"p2"`, 1)
				req.Body, req.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
			}
			if tc.unsigned {
				req.Header.Del("X-Signature-Ed25519")
			}
			status, resp, body := postInteraction(t, req)
			if status != tc.want {
				t.Fatalf("status %d, want %d: %s", status, tc.want, body)
			}
			if status == http.StatusOK && (resp.Type != discordgo.InteractionResponsePong || strings.TrimSpace(body) != `{"type":1}`) {
				t.Errorf("PING answered %s, want {\"type\":1}", body)
			}
		})
	}
	t.Run("bad public key", func(t *testing.T) {
		if _, err := New(Config{PublicKey: "abcd"}, &bottest.Handler{}, nil); err == nil {
			t.Error("New accepted a 2-byte public key")
		}
	})
}

func TestInteractionsHandlerAnswersWhoInline(t *testing.T) {
	pub, priv := newKey(t)
	d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub)}, &bottest.Handler{OnHandle: bottest.WhoHandler})
	srv := httptest.NewServer(d.InteractionsHandler())
	defer srv.Close()

	start := time.Now()
	status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(),
		commandInteraction(2, "who", "speaker", "Lavrov")))
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, body)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("answered after %s; Discord allows 3s", took)
	}
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("response type %d, want 4", resp.Type)
	}
	if len(resp.Data.Embeds) != 1 {
		t.Fatalf("%d embeds, want 1: %s", len(resp.Data.Embeds), body)
	}
	e := resp.Data.Embeds[0]
	if e.Title != "Lavrov on talks" || e.URL != "https://example.org/talks" {
		t.Errorf("embed title %q url %q", e.Title, e.URL)
	}
	if !strings.Contains(e.Description, bottest.LavrovQuote) {
		t.Errorf("embed does not quote Lavrov:\n%s", e.Description)
	}
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 {
		t.Error("a public answer was sent as ephemeral")
	}
}

func TestInteractionsHandlerDefersSlowCommands(t *testing.T) {
	pub, priv := newKey(t)
	api := newRESTFake(t)
	release := make(chan struct{})
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		<-release
		return bottest.WhoHandler(ctx, req)
	}}
	d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub), APIURL: api.URL(), BotToken: "bot-token", AppID: "app-1"}, h)
	d.deferAfter = 50 * time.Millisecond
	srv := httptest.NewServer(d.InteractionsHandler())
	defer srv.Close()

	status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(),
		commandInteraction(2, "who", "speaker", "Lavrov")))
	if status != http.StatusOK || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("status %d, answer %s; want 200 and type 5", status, body)
	}
	if calls := api.snapshot(); len(calls) != 0 {
		t.Fatalf("REST called before the answer was ready: %+v", calls)
	}
	close(release)
	var edit recordedCall
	select {
	case edit = <-api.notify:
	case <-time.After(5 * time.Second):
		t.Fatal("deferred answer never edited in")
	}
	d.Wait()
	if edit.Method != http.MethodPatch || edit.Path != "/webhooks/app-1/itoken-1/messages/@original" {
		t.Fatalf("follow-up was %s %s, want PATCH /webhooks/app-1/itoken-1/messages/@original", edit.Method, edit.Path)
	}
	if edit.Auth != "" {
		t.Errorf("interaction webhook sent Authorization %q; the token in the path authorises it", edit.Auth)
	}
	var msg createMessage
	if err := json.Unmarshal(edit.Body, &msg); err != nil {
		t.Fatal(err)
	}
	if len(msg.Embeds) != 1 || !strings.Contains(msg.Embeds[0].Description, bottest.LavrovQuote) {
		t.Errorf("edited message does not quote Lavrov: %s", edit.Body)
	}
}

func TestInteractionsHandlerJoinsOptions(t *testing.T) {
	cases := map[string]struct {
		sub  string
		opts []string
		want string
	}{
		"who":                  {"who", []string{"speaker", "Lavrov"}, "who Lavrov"},
		"said":                 {"said", []string{"words", "nuclear talks"}, "said nuclear talks"},
		"about":                {"about", []string{"query", `"security council"`}, `about "security council"`},
		"topics":               {"topics", nil, "topics"},
		"subscribe instant":    {"subscribe", []string{"topic", "russia"}, "subscribe russia"},
		"subscribe daily":      {"subscribe", []string{"zone", "Europe/Paris", "time", "08:00", "mode", "daily", "topic", "russia"}, "subscribe russia daily 08:00 Europe/Paris"},
		"subscribe time alone": {"subscribe", []string{"topic", "russia", "time", "07:30"}, "subscribe russia daily 07:30"},
		"unsubscribe":          {"unsubscribe", []string{"topic", "russia"}, "unsubscribe russia"},
		"feeds add":            {"feeds", []string{"tags", "sahel,africa", "every", "15m", "feed", "https://sahel.example/", "action", "add", "name", "Sahel Monitor"}, "feeds add https://sahel.example/ Sahel Monitor every 15m tags sahel,africa"},
		"feeds remove":         {"feeds", []string{"action", "remove", "feed", "Sahel Monitor"}, "feeds remove Sahel Monitor"},
		"feeds list":           {"feeds", nil, "feeds"},
		"subscriptions":        {"subscriptions", nil, "subscriptions"},
		"follow":               {"follow", []string{"name", "Wang Yi"}, "follow Wang Yi"},
		"unfollow":             {"unfollow", []string{"name", "Wang Yi"}, "unfollow Wang Yi"},
		"digest":               {"digest", []string{"since", "24h"}, "digest 24h"},
		"digest default":       {"digest", nil, "digest"},
		"feeds":                {"feeds", nil, "feeds"},
		"help":                 {"help", nil, "help"},
		"profile":              {"profile", []string{"name", "Sergei Lavrov"}, "profile Sergei Lavrov"},
		"timeline":             {"timeline", []string{"since", "2026-01-01", "query", "ukraine", "name", "Sergei Lavrov"}, "timeline Sergei Lavrov ukraine 2026-01-01"},
		"compare":              {"compare", []string{"other", "Wang Yi", "name", "Sergei Lavrov", "query", "ukraine"}, "compare Sergei Lavrov Wang Yi ukraine"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			pub, priv := newKey(t)
			h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
				return bot.Reply{Ephemeral: true, Text: "answer to " + req.Text}
			}}
			d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub)}, h)
			srv := httptest.NewServer(d.InteractionsHandler())
			defer srv.Close()

			status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(),
				commandInteraction(2, tc.sub, tc.opts...)))
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			seen := h.Seen()
			if len(seen) != 1 {
				t.Fatalf("handler ran %d times", len(seen))
			}
			got := seen[0]
			if got.Text != tc.want || got.Platform != bot.Discord || got.Channel != "CH1" || got.User != "U1" ||
				len(got.Roles) != 1 || got.Roles[0] != "R1" {
				t.Errorf("request %+v, want text %q from U1 (role R1) in CH1", got, tc.want)
			}
			if resp.Data == nil || resp.Data.Content != "answer to "+tc.want || resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("answer %s, want ephemeral content %q", body, "answer to "+tc.want)
			}
		})
	}
}

func TestInteractionsHandlerAutocompletes(t *testing.T) {
	many := make([]string, 40)
	for i := range many {
		many[i] = "Speaker " + strings.Repeat("x", i)
	}
	cases := map[string]struct {
		sub       string
		opts      []string
		wantField string
		wantPre   string
		suggest   []string
		want      int
	}{
		"speaker":          {"who", []string{"speaker*", "Lav"}, "speaker", "Lav", []string{"Sergei Lavrov"}, 1},
		"follow name":      {"follow", []string{"name*", "wan"}, "speaker", "wan", []string{"Wang Yi", "Wang Wenbin"}, 2},
		"topic":            {"subscribe", []string{"topic*", "ru", "mode", "daily"}, "topic", "ru", []string{"russia"}, 1},
		"at most 25":       {"who", []string{"speaker*", ""}, "speaker", "", many, 25},
		"nothing to offer": {"who", []string{"speaker*", "zzz"}, "speaker", "zzz", nil, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			pub, priv := newKey(t)
			var gotField, gotPrefix string
			h := &bottest.Handler{OnComplete: func(field, prefix string) []string {
				gotField, gotPrefix = field, prefix
				return tc.suggest
			}}
			d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub)}, h)
			srv := httptest.NewServer(d.InteractionsHandler())
			defer srv.Close()

			status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(),
				commandInteraction(4, tc.sub, tc.opts...)))
			if status != http.StatusOK || resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				t.Fatalf("status %d answer %s, want type 8", status, body)
			}
			if gotField != tc.wantField || gotPrefix != tc.wantPre {
				t.Errorf("Complete(%q, %q), want (%q, %q)", gotField, gotPrefix, tc.wantField, tc.wantPre)
			}
			if !strings.Contains(body, `"choices":[`) {
				t.Errorf("choices missing or null: %s", body)
			}
			if len(resp.Data.Choices) != tc.want {
				t.Fatalf("%d choices, want %d", len(resp.Data.Choices), tc.want)
			}
			for i, c := range resp.Data.Choices {
				if c.Name != tc.suggest[i] || c.Value != tc.suggest[i] {
					t.Errorf("choice %d = %q/%v, want %q", i, c.Name, c.Value, tc.suggest[i])
				}
			}
			if len(h.Seen()) != 0 {
				t.Error("autocomplete ran the command")
			}
		})
	}
}

func TestInteractionsHandlerSurvivesHandlerPanic(t *testing.T) {
	pub, priv := newKey(t)
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply { panic("boom") }}
	d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub)}, h)
	srv := httptest.NewServer(d.InteractionsHandler())
	defer srv.Close()
	status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(), commandInteraction(2, "help")))
	if status != http.StatusOK || resp.Data == nil || !strings.Contains(resp.Data.Content, "went wrong") ||
		resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("status %d answer %s, want an ephemeral apology", status, body)
	}
}

func TestInteractionsHandlerSendsLongAnswersAsFollowUps(t *testing.T) {
	pub, priv := newKey(t)
	api := newRESTFake(t)
	dg := bottest.Digest(25, 2, 300) // 25 embeds: three messages
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		return bot.Reply{Text: "digest", Digest: &dg}
	}}
	d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub), APIURL: api.URL(), AppID: "app-1"}, h)
	srv := httptest.NewServer(d.InteractionsHandler())
	defer srv.Close()

	status, resp, body := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(), commandInteraction(2, "digest")))
	if status != http.StatusOK || resp.Type != discordgo.InteractionResponseChannelMessageWithSource || len(resp.Data.Embeds) != maxEmbedsPerMessage {
		t.Fatalf("status %d answer %.300s, want type 4 with 10 embeds", status, body)
	}
	d.Wait()
	calls := api.snapshot()
	if len(calls) != 2 {
		t.Fatalf("%d follow-ups, want 2", len(calls))
	}
	embeds := len(resp.Data.Embeds)
	for _, c := range calls {
		if c.Method != http.MethodPost || c.Path != "/webhooks/app-1/itoken-1" {
			t.Errorf("follow-up %s %s, want POST /webhooks/app-1/itoken-1", c.Method, c.Path)
		}
		var m createMessage
		json.Unmarshal(c.Body, &m)
		embeds += len(m.Embeds)
	}
	if embeds != 25 {
		t.Errorf("%d embeds in all, want 25", embeds)
	}
}

func TestDeferredEditRetriesUntilDiscordKnowsTheInteraction(t *testing.T) {
	api := newRESTFake(t)
	api.respond = func(n int, c recordedCall, w http.ResponseWriter) bool {
		if n == 1 {
			http.Error(w, `{"message":"Unknown Webhook","code":10015}`, http.StatusNotFound)
			return true
		}
		return false
	}
	d := newTestDiscord(t, Config{APIURL: api.URL()}, &bottest.Handler{})
	if err := d.webhookCall(context.Background(), http.MethodPatch, "/webhooks/app-1/tok/messages/@original", createMessage{Content: "hi"}); err != nil {
		t.Fatal(err)
	}
	if calls := api.snapshot(); len(calls) != 2 {
		t.Errorf("%d PATCH calls, want 2 (one 404, one success)", len(calls))
	}
}

func TestInteractionsHandlerGivesUpOnHungCommands(t *testing.T) {
	pub, priv := newKey(t)
	api := newRESTFake(t)
	hung := make(chan struct{})
	defer close(hung)
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		<-hung // ignores ctx, like a stuck store call
		return bot.Reply{Text: "too late"}
	}}
	d := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub), APIURL: api.URL(), AppID: "app-1"}, h)
	d.deferAfter, d.slowReplyTimeout = 20*time.Millisecond, 200*time.Millisecond
	srv := httptest.NewServer(d.InteractionsHandler())
	defer srv.Close()

	status, resp, _ := postInteraction(t, bottest.DiscordInteraction(t, srv.URL, priv, time.Now(), commandInteraction(2, "feeds")))
	if status != http.StatusOK || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("status %d type %d, want a deferred response", status, resp.Type)
	}
	select {
	case c := <-api.notify:
		var m createMessage
		json.Unmarshal(c.Body, &m)
		if c.Method != http.MethodPatch || !strings.Contains(m.Content, "took too long") {
			t.Errorf("%s %s %s, want the original edited to an apology", c.Method, c.Path, c.Body)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("hung command never answered")
	}
	d.Wait()
}
