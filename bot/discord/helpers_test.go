package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

// fakeHandler is a Handler whose answers the test decides.
type fakeHandler struct {
	mu       sync.Mutex
	requests []bot.Request
	handle   func(ctx context.Context, req bot.Request) bot.Reply
	complete func(field, prefix string) []string
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

func (f *fakeHandler) Complete(ctx context.Context, field, prefix string) []string {
	if f.complete != nil {
		return f.complete(field, prefix)
	}
	return nil
}

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

const wantLavrov = `Sergei Lavrov (Foreign Minister, Russia): "Moscow is ready to resume talks without preconditions"`

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
	return bot.Reply{Text: "text form of the same", Digest: &d}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// signedInteraction signs body as Discord does: Ed25519 over timestamp+body.
func signedInteraction(t *testing.T, target string, key ed25519.PrivateKey, ts time.Time, body string) *http.Request {
	t.Helper()
	stamp := strconv.FormatInt(ts.Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(stamp+body))))
	return req
}

// commandInteraction is an application command interaction for
// /brief <sub> with string options given as name, value pairs.
func commandInteraction(kind int, sub string, opts ...string) string {
	var options []map[string]any
	for i := 0; i+1 < len(opts); i += 2 {
		o := map[string]any{"name": opts[i], "type": 3, "value": opts[i+1]}
		if strings.HasSuffix(opts[i], "*") { // focused (autocomplete)
			o["name"] = strings.TrimSuffix(opts[i], "*")
			o["focused"] = true
		}
		options = append(options, o)
	}
	payload := map[string]any{
		"id": "int-1", "application_id": "app-1", "type": kind, "token": "itoken-1",
		"channel_id": "CH1", "guild_id": "G1", "version": 1,
		"member": map[string]any{"user": map[string]any{"id": "U1", "username": "ana"}, "roles": []string{"R1"}},
		"data": map[string]any{"id": "cmd-1", "name": "brief", "type": 1, "options": []map[string]any{
			{"name": sub, "type": 1, "options": options},
		}},
	}
	b, _ := json.Marshal(payload)
	return string(b)
}

// recordedCall is one REST call the Discord fake received.
type recordedCall struct {
	Method, Path, Auth string
	Body               []byte
	At                 time.Time
}

// restFake is an httptest Discord REST API. respond, when set, may answer
// a call itself (return true), e.g. with a 429.
type restFake struct {
	mu      sync.Mutex
	calls   []recordedCall
	respond func(n int, c recordedCall, w http.ResponseWriter) bool
	srv     *httptest.Server
	notify  chan recordedCall
}

func newRESTFake(t *testing.T) *restFake {
	t.Helper()
	f := &restFake{notify: make(chan recordedCall, 100)}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := recordedCall{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, "/api/v10"), Auth: r.Header.Get("Authorization"), Body: body, At: time.Now()}
		f.mu.Lock()
		f.calls = append(f.calls, c)
		n := len(f.calls)
		respond := f.respond
		f.mu.Unlock()
		f.notify <- c
		if respond != nil && respond(n, c, w) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPut:
			w.Write(body) // bulk overwrite echoes the commands
		default:
			fmt.Fprintf(w, `{"id":"m%d","channel_id":"x"}`, n)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *restFake) URL() string { return f.srv.URL + "/api/v10" }

func (f *restFake) snapshot() []recordedCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedCall(nil), f.calls...)
}

// testDigest has n articles with three statements each, in stories of three.
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
				{Speaker: "Speaker " + strconv.Itoa(i+1), Text: fmt.Sprintf("detail only %d", i+1)},
			},
		})
	}
	return d
}

func compactJSON(b []byte) string {
	var out bytes.Buffer
	if json.Compact(&out, b) != nil {
		return string(b)
	}
	return out.String()
}
