package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
)

// chatFakes records what briefbot posts to the fake Slack Web API and the
// fake Discord REST API.
type chatFakes struct {
	slack, discord *httptest.Server
	slackPosts     atomic.Int32
	discordPosts   atomic.Int32
	mu             sync.Mutex
	bodies         []string
}

func newChatFakes(t *testing.T) *chatFakes {
	f := &chatFakes{}
	f.slack = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/chat.postMessage") {
			f.slackPosts.Add(1)
			f.record(string(body))
			fmt.Fprintf(w, `{"ok":true,"channel":"C0123456","ts":"%d.000100"}`, time.Now().UnixNano())
			return
		}
		fmt.Fprint(w, `{"ok":true}`)
	}))
	f.discord = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/v10/channels/"):
			f.discordPosts.Add(1)
			f.record(string(body))
			fmt.Fprintf(w, `{"id":"%d","channel_id":"42"}`, time.Now().UnixNano())
		case r.Method == http.MethodPut: // command registration
			fmt.Fprint(w, `[]`)
		default:
			fmt.Fprint(w, `{}`)
		}
	}))
	t.Cleanup(f.slack.Close)
	t.Cleanup(f.discord.Close)
	return f
}

func (f *chatFakes) record(s string) {
	f.mu.Lock()
	f.bodies = append(f.bodies, s)
	f.mu.Unlock()
}

// switchableSite serves a feed whose second item appears when publish is set.
type switchableSite struct {
	srv     *httptest.Server
	publish atomic.Bool
}

func newSwitchableSite(t *testing.T) *switchableSite {
	s := &switchableSite{}
	first, err := os.ReadFile("testdata/talks.html")
	if err != nil {
		t.Fatal(err)
	}
	second, err := os.ReadFile("testdata/lavrov.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		items := fmt.Sprintf(`<item><title>Ministers meet in Geneva</title><link>%[1]s/talks.html</link><description>Talks. Read more…</description></item>`, s.srv.URL)
		if s.publish.Load() {
			items = fmt.Sprintf(`<item><title>Lavrov open to grain talks</title><link>%[1]s/lavrov.html</link><description>Lavrov spoke. Read more…</description></item>`, s.srv.URL) + items
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>diplomacy</title><link>%s/</link><description>d</description>%s</channel></rss>`, s.srv.URL, items)
	})
	mux.HandleFunc("/talks.html", func(w http.ResponseWriter, r *http.Request) { w.Write(first) })
	mux.HandleFunc("/lavrov.html", func(w http.ResponseWriter, r *http.Request) { w.Write(second) })
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startDaemon runs `briefbot run` in-process until the returned stop is called.
func startDaemon(t *testing.T, cfgPath, addr string) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	var out bytes.Buffer
	go func() { done <- runMain(ctx, []string{"run", "--config", cfgPath}, io.Discard, &out) }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("daemon did not come up: %v\n%s", err, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("daemon exit %d", code)
		}
	}
}

func waitFor(t *testing.T, what string, d time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func postSlackCommand(t *testing.T, addr, secret, text string, ts time.Time) (int, string) {
	form := url.Values{"command": {"/brief"}, "text": {text}, "channel_id": {"C0123456"}, "user_id": {"U1"},
		"team_id": {"T1"}, "response_url": {"http://127.0.0.1:1/unused"},
		"trigger_id": {fmt.Sprint(time.Now().UnixNano())}} // unique per command, as Slack's: the same signature twice is a replay
	return bottest.Do(t, bottest.SlackCommand(t, "http://"+addr+"/slack/commands", secret, ts, form))
}

func postDiscord(t *testing.T, addr string, key ed25519.PrivateKey, body string, ts time.Time) (int, string) {
	return bottest.Do(t, bottest.DiscordInteraction(t, "http://"+addr+"/discord/interactions", key, ts, body))
}

// TestDaemonChatAcceptance runs `briefbot run` against fake Slack and
// Discord APIs: signed commands are answered, bad signatures refused, a new
// article matching an instant subscription is posted exactly once to each
// platform, and a restart does not post it again.
func TestDaemonChatAcceptance(t *testing.T) {
	if testing.Short() {
		t.Skip("daemon test takes a few seconds")
	}
	fakes := newChatFakes(t)
	site := newSwitchableSite(t)
	addr := freeAddr(t)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	const secret = "test-signing-secret"
	t.Setenv("BRIEFBOT_SLACK_BOT_TOKEN", "xoxb-test")
	t.Setenv("BRIEFBOT_SLACK_SIGNING_SECRET", secret)
	t.Setenv("BRIEFBOT_SLACK_APP_TOKEN", "")
	t.Setenv("BRIEFBOT_DISCORD_BOT_TOKEN", "discord-test")
	t.Setenv("BRIEFBOT_DISCORD_PUBLIC_KEY", hex.EncodeToString(pub))
	t.Setenv("BRIEFBOT_DISCORD_APP_ID", "1234")
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "briefbot.toml")
	cfg := fmt.Sprintf(`
[store]
dsn = %q
[poll]
schedule = "@every 1s"
[http]
listen = %q
[log]
level = "warn"
[slack]
api_url = %q
[discord]
api_url = %q
gateway = false
[[feeds]]
name = "diplomacy"
url = %q
interval = "1s"
[[topics]]
name = "russia"
query = "Russia OR Moscow OR Kremlin"
[[subscriptions]]
platform = "slack"
channel = "C0123456"
topic = "russia"
mode = "instant"
[[subscriptions]]
platform = "discord"
channel = "42"
topic = "russia"
mode = "instant"
`, filepath.Join(dir, "b.db"), addr, fakes.slack.URL+"/api/", fakes.discord.URL+"/api/v10", site.srv.URL+"/rss.xml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}

	stop := startDaemon(t, cfgPath, addr)
	// First poll: the Geneva story is stored silently.
	time.Sleep(2500 * time.Millisecond)
	if n := fakes.slackPosts.Load() + fakes.discordPosts.Load(); n != 0 {
		t.Fatalf("first poll posted %d messages; it must be silent", n)
	}
	site.publish.Store(true)
	waitFor(t, "the Lavrov alert on both platforms", 15*time.Second, func() bool {
		return fakes.slackPosts.Load() >= 1 && fakes.discordPosts.Load() >= 1
	})
	time.Sleep(3 * time.Second) // more cycles: nothing more may be posted

	t.Run("signed slack who", func(t *testing.T) {
		start := time.Now()
		code, body := postSlackCommand(t, addr, secret, "who Lavrov", time.Now())
		if code != 200 || time.Since(start) > 3*time.Second || !strings.Contains(body, "Sergei Lavrov") || !strings.Contains(body, "food security") {
			t.Errorf("slack who: %d after %s: %s", code, time.Since(start), body)
		}
	})
	t.Run("slack bad signature and stale timestamp", func(t *testing.T) {
		if code, _ := postSlackCommand(t, addr, "wrong-secret", "who Lavrov", time.Now()); code != 401 {
			t.Errorf("wrong signature: %d", code)
		}
		if code, _ := postSlackCommand(t, addr, secret, "who Lavrov", time.Now().Add(-10*time.Minute)); code != 401 {
			t.Errorf("stale timestamp: %d", code)
		}
	})
	t.Run("discord ping, who, bad signature", func(t *testing.T) {
		code, body := postDiscord(t, addr, priv, `{"id":"1","application_id":"1234","type":1,"token":"t","version":1}`, time.Now())
		if code != 200 || !strings.Contains(body, `"type":1`) {
			t.Errorf("ping: %d %s", code, body)
		}
		who := `{"id":"2","application_id":"1234","type":2,"token":"tok","version":1,"channel_id":"42","member":{"user":{"id":"7","username":"u"}},"data":{"id":"9","name":"brief","type":1,"options":[{"type":1,"name":"who","options":[{"type":3,"name":"speaker","value":"Lavrov"}]}]}}`
		code, body = postDiscord(t, addr, priv, who, time.Now())
		if code != 200 || !strings.Contains(body, `"type":4`) || !strings.Contains(body, "Sergei Lavrov") {
			t.Errorf("who: %d %s", code, body)
		}
		_, other, _ := ed25519.GenerateKey(rand.Reader)
		if code, _ := postDiscord(t, addr, other, who, time.Now()); code != 401 {
			t.Errorf("bad signature: %d", code)
		}
	})
	stop()

	if s, d := fakes.slackPosts.Load(), fakes.discordPosts.Load(); s != 1 || d != 1 {
		t.Fatalf("posted %d to Slack and %d to Discord, want exactly 1 each", s, d)
	}
	fakes.mu.Lock()
	joined := strings.Join(fakes.bodies, "\n")
	fakes.mu.Unlock()
	if !strings.Contains(joined, "Lavrov") || strings.Contains(joined, "Geneva to discuss") {
		t.Errorf("alerts should carry the Lavrov story only:\n%s", joined)
	}

	// A restart over the same database posts nothing again.
	stop = startDaemon(t, cfgPath, addr)
	time.Sleep(3 * time.Second)
	stop()
	if s, d := fakes.slackPosts.Load(), fakes.discordPosts.Load(); s != 1 || d != 1 {
		t.Errorf("after restart: %d Slack and %d Discord posts, want still 1 each", s, d)
	}
}
