package slack

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
)

// decodedResponse is a slash command answer as Slack reads it.
type decodedResponse struct {
	ResponseType string          `json:"response_type"`
	Text         string          `json:"text"`
	Blocks       slackapi.Blocks `json:"blocks"`
}

func decodeResponse(t *testing.T, body []byte) decodedResponse {
	t.Helper()
	var r decodedResponse
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("answer is not JSON: %v\n%s", err, body)
	}
	return r
}

// blockTexts returns the text of each header and section block.
func blockTexts(blocks []slackapi.Block) []string {
	var out []string
	for _, b := range blocks {
		switch b := b.(type) {
		case *slackapi.SectionBlock:
			out = append(out, b.Text.Text)
		case *slackapi.HeaderBlock:
			out = append(out, b.Text.Text)
		}
	}
	return out
}

func TestCommandsHandlerVerifiesRequests(t *testing.T) {
	cases := map[string]struct {
		secret   string
		age      time.Duration
		tamper   bool
		unsigned bool
		want     int
	}{
		"signed now":              {secret: testSecret, want: http.StatusOK},
		"signed four minutes ago": {secret: testSecret, age: 4 * time.Minute, want: http.StatusOK},
		"wrong secret":            {secret: "not-the-secret", want: http.StatusUnauthorized},
		"ten minutes old":         {secret: testSecret, age: 10 * time.Minute, want: http.StatusUnauthorized},
		"ten minutes ahead":       {secret: testSecret, age: -10 * time.Minute, want: http.StatusUnauthorized},
		"body changed after sign": {secret: testSecret, tamper: true, want: http.StatusUnauthorized},
		"no signature headers":    {unsigned: true, want: http.StatusUnauthorized},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			h := &bottest.Handler{OnHandle: bottest.WhoHandler}
			s := New(Config{SigningSecret: testSecret}, h, bottest.DiscardLogger())
			srv := httptest.NewServer(s.CommandsHandler())
			defer srv.Close()

			req := bottest.SlackCommand(t, srv.URL, tc.secret, time.Now().Add(-tc.age), commandForm("who Lavrov", ""))
			if tc.tamper {
				body := strings.Replace(commandForm("who Lavrov", "").Encode(), "Lavrov", "Putin", 1)
				req.Body = io.NopCloser(strings.NewReader(body))
				req.ContentLength = int64(len(body))
			}
			if tc.unsigned {
				req.Header.Del("X-Slack-Signature")
				req.Header.Del("X-Slack-Request-Timestamp")
			}
			start := time.Now()
			status, body := bottest.Do(t, req)
			if status != tc.want {
				t.Fatalf("status %d, want %d (%s)", status, tc.want, body)
			}
			if tc.want != http.StatusOK {
				if n := len(h.Seen()); n != 0 {
					t.Errorf("handler ran %d times for a rejected request", n)
				}
				return
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("answered after %s, Slack gives up after 3s", took)
			}
			answer := decodeResponse(t, []byte(body))
			if answer.ResponseType != "in_channel" {
				t.Errorf("response_type %q, want in_channel", answer.ResponseType)
			}
			joined := strings.Join(blockTexts(answer.Blocks.BlockSet), "\n")
			if !strings.Contains(joined, `Sergei Lavrov (Foreign Minister, Russia): "Moscow is ready to resume talks`) {
				t.Errorf("answer does not quote Lavrov:\n%s", joined)
			}
		})
	}
}

func TestCommandsHandlerPassesEachCommand(t *testing.T) {
	cases := map[string]struct {
		text, want string
	}{
		"who":           {"who Lavrov", "who Lavrov"},
		"said":          {"said ceasefire", "said ceasefire"},
		"about":         {`about "security council"`, `about "security council"`},
		"topics":        {"topics", "topics"},
		"subscribe":     {"subscribe russia daily 08:00 Europe/Paris", "subscribe russia daily 08:00 Europe/Paris"},
		"unsubscribe":   {"unsubscribe russia", "unsubscribe russia"},
		"subscriptions": {"subscriptions", "subscriptions"},
		"follow":        {"follow Lavrov", "follow Lavrov"},
		"unfollow":      {"unfollow Lavrov", "unfollow Lavrov"},
		"digest":        {"digest 24h", "digest 24h"},
		"feeds":         {"feeds", "feeds"},
		"help":          {"help", "help"},
		"empty is help": {"", "help"},
		"padded":        {"  feeds \n", "feeds"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
				return bot.Reply{Ephemeral: req.Text == "help", Text: "**ok** " + req.Text}
			}}
			s := New(Config{SigningSecret: testSecret}, h, bottest.DiscardLogger())
			rec := httptest.NewRecorder()
			s.CommandsHandler().ServeHTTP(rec, bottest.SlackCommand(t, "/slack/commands", testSecret, time.Now(), commandForm(tc.text, "")))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			seen := h.Seen()
			if len(seen) != 1 {
				t.Fatalf("handler ran %d times, want 1", len(seen))
			}
			want := bot.Request{Platform: bot.Slack, Channel: "C0TEST", User: "U0TEST", Text: tc.want}
			if got := seen[0]; got.Platform != want.Platform || got.Channel != want.Channel || got.User != want.User || got.Text != want.Text {
				t.Errorf("request %+v, want %+v", got, want)
			}
			answer := decodeResponse(t, rec.Body.Bytes())
			wantType := "in_channel"
			if tc.want == "help" {
				wantType = "ephemeral"
			}
			if answer.ResponseType != wantType {
				t.Errorf("response_type %q, want %q", answer.ResponseType, wantType)
			}
			if texts := blockTexts(answer.Blocks.BlockSet); len(texts) != 1 || texts[0] != "*ok* "+tc.want {
				t.Errorf("blocks %q, want one section %q (Markdown bold as mrkdwn)", texts, "*ok* "+tc.want)
			}
		})
	}
}

// responseURLServer records what is posted to a response_url.
func responseURLServer(t *testing.T) (*httptest.Server, chan decodedResponse) {
	t.Helper()
	posts := make(chan decodedResponse, 20)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("response_url got %s with Content-Type %q", r.Method, r.Header.Get("Content-Type"))
		}
		posts <- decodeResponse(t, body)
	}))
	t.Cleanup(srv.Close)
	return srv, posts
}

func TestCommandsHandlerAcksSlowCommandsAndAnswersLater(t *testing.T) {
	responses, posts := responseURLServer(t)
	release := make(chan struct{})
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		<-release
		return bottest.WhoHandler(ctx, req)
	}}
	s := New(Config{SigningSecret: testSecret}, h, bottest.DiscardLogger())
	s.ackAfter = 50 * time.Millisecond
	srv := httptest.NewServer(s.CommandsHandler())
	defer srv.Close()

	status, body := bottest.Do(t, bottest.SlackCommand(t, srv.URL, testSecret, time.Now(), commandForm("who Lavrov", responses.URL+"/hook")))
	// The handler is still blocked: this ack came before the answer existed.
	if status != http.StatusOK || len(body) != 0 {
		t.Fatalf("ack: status %d body %q, want 200 and empty", status, body)
	}
	select {
	case p := <-posts:
		t.Fatalf("posted to response_url before the answer was ready: %+v", p)
	default:
	}
	close(release)
	select {
	case p := <-posts:
		if p.ResponseType != "in_channel" {
			t.Errorf("response_type %q", p.ResponseType)
		}
		if joined := strings.Join(blockTexts(p.Blocks.BlockSet), "\n"); !strings.Contains(joined, "Sergei Lavrov") {
			t.Errorf("late answer does not quote Lavrov:\n%s", joined)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no answer posted to response_url")
	}
	s.Wait()
}

func TestCommandsHandlerSendsLongAnswersInParts(t *testing.T) {
	responses, posts := responseURLServer(t)
	d := bottest.Digest(120, 3, 200)
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		return bot.Reply{Text: "digest as text", Digest: &d}
	}}
	s := New(Config{SigningSecret: testSecret}, h, bottest.DiscardLogger())
	rec := httptest.NewRecorder()
	s.CommandsHandler().ServeHTTP(rec, bottest.SlackCommand(t, "/slack/commands", testSecret, time.Now(), commandForm("digest", responses.URL)))
	s.Wait()
	close(posts)

	parts := []decodedResponse{decodeResponse(t, rec.Body.Bytes())}
	for p := range posts {
		parts = append(parts, p)
	}
	if len(parts) < 3 {
		t.Fatalf("%d messages for 120 articles, want at least 3 (50 blocks each)", len(parts))
	}
	seen := map[string]int{}
	for i, p := range parts {
		if n := len(p.Blocks.BlockSet); n > maxBlocksPerMessage {
			t.Errorf("message %d has %d blocks", i, n)
		}
		for _, text := range blockTexts(p.Blocks.BlockSet) {
			for _, line := range strings.Split(text, "\n") {
				if strings.HasPrefix(line, "*<https://example.org/a/") {
					seen[line]++
				}
			}
		}
	}
	if len(seen) != 120 {
		t.Errorf("%d distinct articles across the parts, want 120", len(seen))
	}
	for line, n := range seen {
		if n != 1 {
			t.Errorf("%s shown %d times", line, n)
		}
	}
}

func TestMrkdwn(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"bold":          {"**Lavrov** said", "*Lavrov* said"},
		"link":          {"see [the story](https://example.org/x?a=1)", "see <https://example.org/x?a=1|the story>"},
		"escapes":       {"a < b & c > d", "a &lt; b &amp; c &gt; d"},
		"no fake links": {"<!channel> hi", "&lt;!channel&gt; hi"},
		"code kept":     {"`/brief who <speaker>`", "`/brief who &lt;speaker&gt;`"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := mrkdwn(tc.in); got != tc.want {
				t.Errorf("mrkdwn(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestCommandsHandlerCutsAnswersAtFiveMessages(t *testing.T) {
	responses, posts := responseURLServer(t)
	d := bottest.Digest(400, 3, 100) // 401 blocks: 9 messages uncut
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		return bot.Reply{Text: "digest", Digest: &d}
	}}
	s := New(Config{SigningSecret: testSecret}, h, bottest.DiscardLogger())
	rec := httptest.NewRecorder()
	s.CommandsHandler().ServeHTTP(rec, bottest.SlackCommand(t, "/slack/commands", testSecret, time.Now(), commandForm("digest", responses.URL)))
	s.Wait()
	close(posts)
	var parts []decodedResponse
	for p := range posts {
		parts = append(parts, p)
	}
	if len(parts) != maxResponses-1 {
		t.Fatalf("%d posts to response_url after the inline answer, want %d (5 in all)", len(parts), maxResponses-1)
	}
	last := blockTexts(parts[len(parts)-1].Blocks.BlockSet)
	if len(parts[len(parts)-1].Blocks.BlockSet) > maxBlocksPerMessage || !strings.Contains(last[len(last)-1], "Answer cut") {
		t.Errorf("last message does not say the answer was cut: %q", last[len(last)-1])
	}
}

func TestCommandsHandlerSurvivesHandlerPanic(t *testing.T) {
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply { panic("boom") }}
	s := New(Config{SigningSecret: testSecret}, h, bottest.DiscardLogger())
	rec := httptest.NewRecorder()
	s.CommandsHandler().ServeHTTP(rec, bottest.SlackCommand(t, "/slack/commands", testSecret, time.Now(), commandForm("who Lavrov", "")))
	answer := decodeResponse(t, rec.Body.Bytes())
	if rec.Code != http.StatusOK || answer.ResponseType != "ephemeral" || !strings.Contains(answer.Text, "went wrong") {
		t.Errorf("status %d answer %+v, want an ephemeral apology", rec.Code, answer)
	}
}

func TestCommandsHandlerChecksCommandName(t *testing.T) {
	cases := map[string]struct {
		configured, sent string
		wantRun          bool
	}{
		"same":               {"brief", "/brief", true},
		"configured slashed": {"/brief", "/brief", true},
		"other command":      {"brief", "/news", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			h := &bottest.Handler{}
			s := New(Config{SigningSecret: testSecret, Command: tc.configured}, h, bottest.DiscardLogger())
			form := commandForm("feeds", "")
			form.Set("command", tc.sent)
			rec := httptest.NewRecorder()
			s.CommandsHandler().ServeHTTP(rec, bottest.SlackCommand(t, "/slack/commands", testSecret, time.Now(), form))
			answer := decodeResponse(t, rec.Body.Bytes())
			if ran := len(h.Seen()) == 1; ran != tc.wantRun {
				t.Fatalf("handler ran: %v, want %v", ran, tc.wantRun)
			}
			if !tc.wantRun && (answer.ResponseType != "ephemeral" || !strings.Contains(answer.Text, `command = "news"`)) {
				t.Errorf("answer %+v, want an ephemeral hint naming the config fix", answer)
			}
		})
	}
}

func TestCommandsHandlerGivesUpOnHungCommands(t *testing.T) {
	responses, posts := responseURLServer(t)
	hung := make(chan struct{})
	defer close(hung)
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		<-hung // ignores ctx, like a stuck store call
		return bot.Reply{Text: "too late"}
	}}
	s := New(Config{SigningSecret: testSecret}, h, bottest.DiscardLogger())
	s.ackAfter, s.slowReplyTimeout = 20*time.Millisecond, 200*time.Millisecond
	rec := httptest.NewRecorder()
	s.CommandsHandler().ServeHTTP(rec, bottest.SlackCommand(t, "/slack/commands", testSecret, time.Now(), commandForm("feeds", responses.URL)))
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		t.Fatalf("ack %d %q, want an empty 200", rec.Code, rec.Body)
	}
	select {
	case p := <-posts:
		if p.ResponseType != "ephemeral" || !strings.Contains(p.Text, "took too long") {
			t.Errorf("posted %+v, want an ephemeral apology", p)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("hung command never answered")
	}
	s.Wait()
}

func TestMrkdwnKeepsEscapedUserTextInert(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{bot.EscapeMarkdown("[t](https://evil.example)"), "[t](https://evil.example)"},
		{bot.EscapeMarkdown("<https://evil.example|t>"), "&lt;https://evil.example|t&gt;"},
		{bot.EscapeMarkdown("**loud**"), "**loud**"},
		{"Subscribed to \"" + bot.EscapeMarkdown("<!here> a&b") + "\": see [docs](https://ok.example).",
			"Subscribed to \"&lt;!here&gt; a&amp;b\": see <https://ok.example|docs>."},
	} {
		if got := mrkdwn(tc.in); got != tc.want {
			t.Errorf("mrkdwn(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
