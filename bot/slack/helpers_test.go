package slack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

const testSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// fakeHandler is a Handler whose answers the test decides.
type fakeHandler struct {
	mu       sync.Mutex
	requests []bot.Request
	handle   func(ctx context.Context, req bot.Request) bot.Reply
}

func (f *fakeHandler) Handle(ctx context.Context, req bot.Request) bot.Reply {
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()
	if f.handle != nil {
		return f.handle(ctx, req)
	}
	return bot.Reply{Text: "ok: " + req.Text}
}

func (f *fakeHandler) Complete(ctx context.Context, field, prefix string) []string { return nil }

func (f *fakeHandler) seen() []bot.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]bot.Request(nil), f.requests...)
}

// lavrovStatement is our own fixture, not corpus text.
var lavrovStatement = briefbot.Statement{
	Text:               "Moscow is ready to resume talks without preconditions",
	Kind:               briefbot.Direct,
	Speaker:            "Sergei Lavrov",
	SpeakerRole:        "Foreign Minister",
	SpeakerAffiliation: "Russia",
}

// whoHandler answers "who Lavrov" the way the router does: the statement
// as a digest, and as text.
func whoHandler(ctx context.Context, req bot.Request) bot.Reply {
	if req.Text != "who Lavrov" {
		return bot.Reply{Ephemeral: true, Text: "unknown: " + req.Text}
	}
	d := briefbot.Digest{Title: "Statements by Sergei Lavrov", Stories: []briefbot.DigestStory{{
		Headline: "Talks",
		Articles: []briefbot.DigestArticle{{
			ArticleID: 1, Title: "Lavrov on talks", Source: "Example Wire", URL: "https://example.org/talks",
			Statements: []briefbot.Statement{lavrovStatement},
		}},
	}}}
	return bot.Reply{Text: `Sergei Lavrov: "Moscow is ready to resume talks without preconditions"`, Digest: &d}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// signedCommand builds a slash command request signed with secret at ts.
func signedCommand(t testing.TB, target, secret string, ts time.Time, form url.Values) *http.Request {
	t.Helper()
	body := form.Encode()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

func commandForm(text, responseURL string) url.Values {
	return url.Values{
		"command":      {"/brief"},
		"text":         {text},
		"channel_id":   {"C0TEST"},
		"user_id":      {"U0TEST"},
		"team_id":      {"T0TEST"},
		"response_url": {responseURL},
		"trigger_id":   {"1.2.3"},
	}
}

// testDigest has n articles with one statement each, in stories of three.
func testDigest(n int, summaryLen int) briefbot.Digest {
	d := briefbot.Digest{Title: "Morning brief"}
	for i := 0; i < n; i++ {
		if i%3 == 0 {
			d.Stories = append(d.Stories, briefbot.DigestStory{Headline: fmt.Sprintf("Story %d", i/3)})
		}
		st := &d.Stories[len(d.Stories)-1]
		st.Articles = append(st.Articles, briefbot.DigestArticle{
			ArticleID:   int64(i + 1),
			Title:       fmt.Sprintf("Article number %d", i+1),
			Source:      "Example Wire",
			URL:         fmt.Sprintf("https://example.org/a/%d", i+1),
			PublishedAt: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC),
			Summary:     strings.Repeat("word ", summaryLen/5),
			Statements: []briefbot.Statement{
				{Speaker: "Speaker " + strconv.Itoa(i+1), Text: "first remark"},
				{Speaker: "Speaker " + strconv.Itoa(i+1), Text: "second remark"},
				{Speaker: "Speaker " + strconv.Itoa(i+1), Text: fmt.Sprintf("detail only %d", i+1)},
			},
		})
	}
	return d
}
