package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/chatfake"
)

func TestRegisterCommands(t *testing.T) {
	cases := map[string]struct {
		guild, wantPath string
	}{
		"global":       {"", "/applications/app-1/commands"},
		"guild scoped": {"G42", "/applications/app-1/guilds/G42/commands"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := newRESTFake(t)
			d := newTestDiscord(t, Config{APIURL: api.URL(), BotToken: "bot-token", AppID: "app-1", GuildID: tc.guild}, &bottest.Handler{})
			if err := d.RegisterCommands(context.Background()); err != nil {
				t.Fatal(err)
			}
			calls := api.snapshot()
			if len(calls) != 1 {
				t.Fatalf("%d calls, want one bulk overwrite", len(calls))
			}
			c := calls[0]
			if c.Method != http.MethodPut || c.Path != tc.wantPath {
				t.Errorf("%s %s, want PUT %s", c.Method, c.Path, tc.wantPath)
			}
			if c.Auth != "Bot bot-token" {
				t.Errorf("Authorization %q", c.Auth)
			}
			var cmds []discordgo.ApplicationCommand
			if err := json.Unmarshal(c.Body, &cmds); err != nil {
				t.Fatal(err)
			}
			if len(cmds) != 1 || cmds[0].Name != "brief" || cmds[0].Type != discordgo.ChatApplicationCommand {
				t.Fatalf("commands %s, want the single chat command brief", compactJSON(c.Body))
			}
			subs := map[string]*discordgo.ApplicationCommandOption{}
			for _, o := range cmds[0].Options {
				if o.Type != discordgo.ApplicationCommandOptionSubCommand {
					t.Errorf("option %q is type %d, want a subcommand", o.Name, o.Type)
				}
				if o.Description == "" || len(o.Description) > 100 {
					t.Errorf("subcommand %q description %q (1-100 characters)", o.Name, o.Description)
				}
				subs[o.Name] = o
			}
			for _, want := range []string{"who", "said", "about", "topics", "subscribe", "unsubscribe", "subscriptions", "follow", "unfollow", "digest", "feeds", "help"} {
				if subs[want] == nil {
					t.Errorf("subcommand %q missing", want)
				}
			}
			option := func(sub, name string) *discordgo.ApplicationCommandOption {
				for _, o := range subs[sub].Options {
					if o.Name == name {
						return o
					}
				}
				t.Fatalf("/brief %s has no option %q", sub, name)
				return nil
			}
			if o := option("who", "speaker"); !o.Required || !o.Autocomplete || o.Type != discordgo.ApplicationCommandOptionString {
				t.Errorf("who speaker: %+v, want a required string with autocomplete", o)
			}
			if o := option("subscribe", "topic"); !o.Required || !o.Autocomplete {
				t.Errorf("subscribe topic: %+v, want required with autocomplete", o)
			}
			if o := option("subscribe", "mode"); o.Required || len(o.Choices) != 2 || o.Choices[0].Value != "instant" || o.Choices[1].Value != "daily" {
				t.Errorf("subscribe mode: %+v, want optional choices instant, daily", o)
			}
			if o := option("said", "words"); o.Autocomplete {
				t.Error("said words should not autocomplete")
			}
		})
	}
	t.Run("needs app id", func(t *testing.T) {
		d := newTestDiscord(t, Config{APIURL: "http://127.0.0.1:1"}, &bottest.Handler{})
		if err := d.RegisterCommands(context.Background()); err == nil {
			t.Error("registered without an application id")
		}
	})
}

// sentMessages decodes the channel messages the fake received.
func sentMessages(t *testing.T, calls []recordedCall, channel string) []createMessage {
	t.Helper()
	var out []createMessage
	for _, c := range calls {
		if c.Method != http.MethodPost || c.Path != "/channels/"+channel+"/messages" {
			t.Errorf("unexpected call %s %s", c.Method, c.Path)
			continue
		}
		if c.Auth != "Bot bot-token" {
			t.Errorf("Authorization %q", c.Auth)
		}
		var m createMessage
		if err := json.Unmarshal(c.Body, &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func TestSendSplitsToEmbedLimits(t *testing.T) {
	cases := map[string]struct {
		articles, summaryLen int
		minMessages          int
		minEmbeds            int
	}{
		"one article":            {1, 100, 1, 1},
		"120 articles":           {120, 300, 12, 120},
		"articles over 4,096":    {3, 9000, 3, 9},
		"many medium articles":   {30, 1500, 9, 30},
		"empty digest is header": {0, 0, 1, 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := newRESTFake(t)
			d := newTestDiscord(t, Config{APIURL: api.URL(), BotToken: "bot-token"}, &bottest.Handler{})
			dg := bottest.Digest(tc.articles, 2, tc.summaryLen)
			if err := d.Send(context.Background(), bot.Post{Key: "k1", Channel: "C9", Digest: dg}); err != nil {
				t.Fatal(err)
			}
			msgs := sentMessages(t, api.snapshot(), "C9")
			if len(msgs) < tc.minMessages {
				t.Fatalf("%d messages, want at least %d", len(msgs), tc.minMessages)
			}
			if !strings.Contains(msgs[0].Content, "Morning brief") {
				t.Errorf("first message content %q, want the digest title", msgs[0].Content)
			}
			titles := map[string]int{}
			embeds := 0
			nonces := map[string]bool{}
			for i, m := range msgs {
				if len(m.Embeds) > maxEmbedsPerMessage {
					t.Errorf("message %d has %d embeds", i, len(m.Embeds))
				}
				if !m.EnforceNonce || m.Nonce == "" || len(m.Nonce) > 25 || nonces[m.Nonce] {
					t.Errorf("message %d nonce %q enforce %v: want unique, ≤25 characters, enforced", i, m.Nonce, m.EnforceNonce)
				}
				nonces[m.Nonce] = true
				if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 {
					t.Errorf("message %d may ping: %+v", i, m.AllowedMentions)
				}
				total := 0
				for _, e := range m.Embeds {
					embeds++
					if n := utf8.RuneCountInString(e.Description); n > maxEmbedDescription {
						t.Errorf("description of %d characters", n)
					}
					if n := utf8.RuneCountInString(e.Title); n > maxEmbedTitle {
						t.Errorf("title of %d characters", n)
					}
					total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
					if e.Title != "" {
						titles[e.Title]++
					}
				}
				if total > maxEmbedCharsTotal {
					t.Errorf("message %d carries %d embed characters", i, total)
				}
			}
			if embeds < tc.minEmbeds {
				t.Errorf("%d embeds, want at least %d", embeds, tc.minEmbeds)
			}
			for i := 1; i <= tc.articles; i++ {
				if n := titles[fmt.Sprintf("Article number %d", i)]; n != 1 {
					t.Errorf("article %d has %d titled embeds, want 1", i, n)
				}
			}
			all := ""
			for _, m := range msgs {
				for _, e := range m.Embeds {
					all += e.Description + "\n"
				}
			}
			for i := 1; i <= tc.articles; i++ {
				if !strings.Contains(all, fmt.Sprintf(`Speaker %d: "detail only %d"`, i, i)) {
					t.Errorf("statement of article %d missing", i)
				}
			}
		})
	}
}

func TestSendHonoursRetryAfter(t *testing.T) {
	cases := map[string]struct {
		header    string // Retry-After header
		body      string // 429 body
		times     int
		wantCalls int
		wantWait  time.Duration
		wantLimit time.Duration
	}{
		"header, short wait":      {header: "1", body: `{"message":"You are being rate limited."}`, times: 1, wantCalls: 2, wantWait: time.Second},
		"body only, fractional":   {body: `{"message":"slow down","retry_after":0.4,"global":false}`, times: 1, wantCalls: 2, wantWait: 400 * time.Millisecond},
		"long wait left to queue": {header: "42", body: `{"retry_after":42}`, times: 1, wantCalls: 1, wantLimit: 42 * time.Second},
		"second 429 left":         {header: "1", times: 2, wantCalls: 2, wantLimit: time.Second},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := newRESTFake(t)
			api.respond = func(n int, c recordedCall, w http.ResponseWriter) bool {
				if n > tc.times {
					return false
				}
				if tc.header != "" {
					w.Header().Set("Retry-After", tc.header)
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusTooManyRequests)
				fmt.Fprint(w, tc.body)
				return true
			}
			d := newTestDiscord(t, Config{APIURL: api.URL(), BotToken: "bot-token"}, &bottest.Handler{})
			err := d.Send(context.Background(), bot.Post{Key: "k1", Channel: "C9", Digest: bottest.Digest(1, 2, 50)})
			calls := api.snapshot()
			if len(calls) != tc.wantCalls {
				t.Fatalf("%d calls, want %d", len(calls), tc.wantCalls)
			}
			if tc.wantLimit == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if waited := calls[len(calls)-1].At.Sub(calls[0].At); waited < tc.wantWait {
					t.Errorf("retried after %s, want at least %s", waited, tc.wantWait)
				}
				return
			}
			var rl *bot.RateLimitError
			if !errors.As(err, &rl) || rl.RetryAfter != tc.wantLimit {
				t.Fatalf("error %v, want *bot.RateLimitError after %s", err, tc.wantLimit)
			}
		})
	}
}

func TestSendResumesOnAnotherReplicaByTag(t *testing.T) {
	fake := chatfake.NewDiscord("bot-token")
	defer fake.Close()
	fake.NonceWindow = 0 // long after Discord's nonce window: the tag alone must prevent duplicates
	fake.SetPlan(func(c chatfake.Call) chatfake.Fault {
		switch {
		case c.Method == "POST messages" && c.N == 2:
			return chatfake.Lost
		case c.Method == "POST messages" && c.N == 3:
			return chatfake.Unavailable
		}
		return chatfake.Pass
	})
	dg := bottest.Digest(120, 2, 300)
	want := len(digestMessages(dg))
	since := time.Now()
	post := bot.Post{Key: "instant:discord:C9:1-120", Channel: "C9", Digest: dg}

	a := newTestDiscord(t, Config{APIURL: fake.URL(), BotToken: "bot-token"}, &bottest.Handler{})
	if err := a.Send(context.Background(), post); err == nil {
		t.Fatal("Send succeeded although part 2's answer was lost")
	}
	b := newTestDiscord(t, Config{APIURL: fake.URL(), BotToken: "bot-token"}, &bottest.Handler{})
	post.Recheck, post.Since = true, since
	if err := b.Send(context.Background(), post); err == nil {
		t.Fatal("Send succeeded through a 503")
	}
	if err := b.Send(context.Background(), post); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages()
	if len(msgs) != want {
		t.Fatalf("%d messages stored, want %d (no part twice)", len(msgs), want)
	}
	for i, m := range msgs {
		if tags := m.Tags(); len(tags) != 1 || tags[0] != bot.PartRef(post.Key, i) {
			t.Errorf("message %d tagged %q, want [%s]", i, tags, bot.PartRef(post.Key, i))
		}
		if m.Nonce != bot.PartRef(post.Key, i) {
			t.Errorf("message %d nonce %q, want its ref", i, m.Nonce)
		}
	}
}

func TestSnowflakeAtOrdersByTime(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	// Discord's documented example: 175928847299117063 is 2016-04-30 11:18:25.796 UTC.
	if got, want := snowflakeAt(time.UnixMilli(1462015105796)), uint64(175928847299117063)&^(1<<22-1); got != want {
		t.Errorf("snowflakeAt(example) = %d, want %d", got, want)
	}
	if snowflakeAt(at) >= snowflakeAt(at.Add(time.Millisecond)) {
		t.Error("snowflakes do not grow with time")
	}
}

func TestGatewaySessionUsesConfiguredAPI(t *testing.T) {
	api := newRESTFake(t)
	api.respond = func(n int, c recordedCall, w http.ResponseWriter) bool {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"url":"wss://gateway.invalid","shards":1}`)
		return true
	}
	d := newTestDiscord(t, Config{APIURL: api.URL(), BotToken: "bot-token"}, &bottest.Handler{})
	s, err := d.newSession()
	if err != nil {
		t.Fatal(err)
	}
	gw, err := s.GatewayBot()
	if err != nil {
		t.Fatal(err)
	}
	calls := api.snapshot()
	if len(calls) != 1 || calls[0].Path != "/gateway/bot" || calls[0].Auth != "Bot bot-token" {
		t.Fatalf("calls %+v, want GET /gateway/bot on the configured API with the bot token", calls)
	}
	if !strings.HasPrefix(gw.URL, "wss://gateway.invalid") {
		t.Errorf("gateway URL %q", gw.URL)
	}
}
