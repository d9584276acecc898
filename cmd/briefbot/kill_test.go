package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/chatfake"
)

// The kill -9 part of the fault suite: the real briefbot binary, built
// here, runs against Slack and Discord stand-ins on loopback and is
// killed with SIGKILL while a post is in flight (stored by the platform,
// answer pending; or not stored yet), and at an arbitrary moment, then
// restarted. Every alert must end up stored exactly once per channel.
// Timings are shortened through [delivery] so the test takes seconds.

// waveSite serves a feed whose items appear in waves, each item linking
// to a small article page on the same server.
type waveSite struct {
	srv   *httptest.Server
	mu    sync.Mutex
	items []string
}

func newWaveSite(t *testing.T) *waveSite {
	s := &waveSite{}
	mux := http.NewServeMux()
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		var b strings.Builder
		for i := len(s.items) - 1; i >= 0; i-- {
			fmt.Fprintf(&b, `<item><title>%[2]s</title><link>%[1]s/a/%[3]d.html</link><guid>%[1]s/a/%[3]d.html</guid><description>Talks in Geneva, round %[3]d. Read more…</description></item>`,
				s.srv.URL, s.items[i], i)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>wire</title><link>%s/</link><description>d</description>%s</channel></rss>`, s.srv.URL, b.String())
	})
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<html><head><title>Geneva talks</title></head><body><article><h1>Geneva talks</h1><p>Delegations met in Geneva on Tuesday for another round of talks on the ceasefire, officials said. The talks at %s lasted four hours.</p><p>"We made progress," the mediator told reporters after the meeting in Geneva.</p></article></body></html>`, r.URL.Path)
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

// publish adds n items titled "Geneva talks round k".
func (s *waveSite) publish(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.items = append(s.items, fmt.Sprintf("Geneva talks round %d", len(s.items)))
	}
}

func (s *waveSite) urls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for i := 1; i < len(s.items); i++ { // item 0 is the silent first poll's
		out = append(out, fmt.Sprintf("%s/a/%d.html", s.srv.URL, i))
	}
	return out
}

// buildBinary compiles briefbot into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "briefbot")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// daemonProc is one `briefbot run` process.
type daemonProc struct {
	cmd *exec.Cmd
	out *bytes.Buffer
}

func startBinary(t *testing.T, bin, cfgPath, addr string, env []string) *daemonProc {
	t.Helper()
	p := &daemonProc{cmd: exec.Command(bin, "run", "--config", cfgPath), out: &bytes.Buffer{}}
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.kill() })
	waitFor(t, "the daemon's /healthz", 20*time.Second, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	return p
}

// kill sends SIGKILL and reaps the process.
func (p *daemonProc) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Kill()
	p.cmd.Wait()
}

func TestKill9DeliversEachAlertExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the daemon binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	slackFake := chatfake.NewSlack("xoxb-test")
	defer slackFake.Close()
	discordFake := chatfake.NewDiscord("discord-test")
	defer discordFake.Close()
	discordFake.NonceWindow = 0 // the recheck, not Discord's nonce window, must prevent duplicates
	site := newWaveSite(t)
	site.publish(1) // stored silently by the first poll
	addr := freeAddr(t)

	cfgPath := filepath.Join(dir, "briefbot.toml")
	cfg := fmt.Sprintf(`
[store]
dsn = %q
[poll]
schedule = "@every 1s"
interval = "1s"
allow_private = ["127.0.0.0/8"]
[http]
listen = %q
[log]
level = "info"
format = "text"
[delivery]
flush_every = "200ms"
lease = "2s"
send_timeout = "1500ms"
retry_base = "200ms"
retry_max = "1s"
[slack]
api_url = %q
[discord]
api_url = %q
gateway = false
[[feeds]]
name = "wire"
url = %q
interval = "1s"
[[topics]]
name = "geneva"
query = "Geneva"
[[subscriptions]]
platform = "slack"
channel = "C1"
topic = "geneva"
[[subscriptions]]
platform = "discord"
channel = "42"
topic = "geneva"
`, filepath.Join(dir, "b.db"), addr, slackFake.URL(), discordFake.URL(), site.srv.URL+"/rss.xml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"BRIEFBOT_SLACK_BOT_TOKEN=xoxb-test", "BRIEFBOT_SLACK_SIGNING_SECRET=", "BRIEFBOT_SLACK_APP_TOKEN=",
		"BRIEFBOT_DISCORD_BOT_TOKEN=discord-test", "BRIEFBOT_DISCORD_PUBLIC_KEY=", "BRIEFBOT_DISCORD_APP_ID="}

	var procs []*daemonProc
	start := func() { procs = append(procs, startBinary(t, bin, cfgPath, addr, env)) }
	killLast := func() { procs[len(procs)-1].kill() }
	logs := func() string {
		var b strings.Builder
		for i, p := range procs {
			fmt.Fprintf(&b, "--- process %d ---\n%s", i+1, p.out.String())
		}
		return b.String()
	}
	inFlight := func(fake interface{ InFlight() <-chan chatfake.Call }, what string) {
		t.Helper()
		select {
		case <-fake.InFlight():
		case <-time.After(20 * time.Second):
			t.Fatalf("no %s in flight\n%s", what, logs())
		}
	}

	start()
	time.Sleep(2 * time.Second) // the first poll stores item 0 silently

	// Kill 1: the Slack post is stored, its answer is held back.
	slackFake.SetSlowFor(time.Minute)
	slackFake.SetPlan(func(c chatfake.Call) chatfake.Fault {
		if c.Post && c.N == 1 {
			return chatfake.Slow
		}
		return chatfake.Pass
	})
	site.publish(5)
	inFlight(slackFake, "Slack post")
	killLast()
	slackFake.SetPlan(nil)

	// Kill 2: the Discord post hangs before Discord stores it.
	var hung sync.Once
	discordFake.SetPlan(func(c chatfake.Call) chatfake.Fault {
		fault := chatfake.Pass
		if c.Post {
			hung.Do(func() { fault = chatfake.Hang })
		}
		return fault
	})
	start()
	site.publish(3)
	inFlight(discordFake, "Discord post")
	killLast()
	discordFake.SetPlan(nil)

	// Kills 3 and 4: at arbitrary moments while waves are being sent.
	for _, after := range []time.Duration{700 * time.Millisecond, 1500 * time.Millisecond} {
		start()
		site.publish(4)
		time.Sleep(after)
		killLast()
	}

	// Last run, with a lost answer thrown in: everything must settle.
	var lost sync.Once
	slackFake.SetPlan(func(c chatfake.Call) chatfake.Fault {
		fault := chatfake.Pass
		if c.Post {
			lost.Do(func() { fault = chatfake.Lost })
		}
		return fault
	})
	start()
	site.publish(3)
	urls := site.urls()
	for deadline := time.Now().Add(60 * time.Second); !allDelivered(slackFake, discordFake, urls); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			_, sl := slackDeliveries(slackFake)
			_, dc := discordDeliveries(discordFake)
			var missing []string
			for _, u := range urls {
				if len(sl[u]) == 0 || len(dc[u]) == 0 {
					missing = append(missing, fmt.Sprintf("%s (slack %d, discord %d)", u, len(sl[u]), len(dc[u])))
				}
			}
			t.Fatalf("alerts missing after 60 s: %v\n%s", missing, logs())
		}
	}
	time.Sleep(3 * time.Second) // more cycles and flushes: nothing more may be posted
	killLast()

	slackParts, slackByURL := slackDeliveries(slackFake)
	discordParts, discordByURL := discordDeliveries(discordFake)
	for _, u := range urls {
		if n := len(slackByURL[u]); n != 1 {
			t.Errorf("slack: %s in %d deliveries' messages %v, want exactly 1", u, n, slackByURL[u])
		}
		if n := len(discordByURL[u]); n != 1 {
			t.Errorf("discord: %s in %d messages %v, want exactly 1", u, n, discordByURL[u])
		}
	}
	for key, n := range slackParts {
		if n != 1 {
			t.Errorf("slack: part %s stored %d times", key, n)
		}
	}
	for key, n := range discordParts {
		if n != 1 {
			t.Errorf("discord: part %s stored %d times", key, n)
		}
	}
	if t.Failed() {
		t.Logf("%s", logs())
	}
	t.Logf("%d alerts over %d processes (4 killed with SIGKILL): slack stored %d messages, discord %d; calls slack %v discord %v",
		len(urls), len(procs), len(slackFake.Messages()), len(discordFake.Messages()), slackFake.Calls(), discordFake.Calls())
}

// slackDeliveries counts stored messages per part key, and, per article
// URL, the deliveries whose messages carry it.
func slackDeliveries(f *chatfake.Slack) (map[string]int, map[string][]string) {
	parts, byURL := map[string]int{}, map[string][]string{}
	for _, m := range f.Messages() {
		key := m.MetadataKey()
		parts[key]++
		delivery, _, _ := strings.Cut(key, "#") // an article may show in a thread part too
		for _, u := range articleURLs(string(m.Blocks)) {
			if !slices.Contains(byURL[u], delivery) {
				byURL[u] = append(byURL[u], delivery)
			}
		}
	}
	return parts, byURL
}

func discordDeliveries(f *chatfake.Discord) (map[string]int, map[string][]string) {
	parts, byURL := map[string]int{}, map[string][]string{}
	for _, m := range f.Messages() {
		key := strings.Join(m.Tags(), ",")
		parts[key]++
		for _, e := range m.Embeds {
			if e.URL != "" {
				byURL[e.URL] = append(byURL[e.URL], key)
			}
		}
	}
	return parts, byURL
}

// articleURLs finds the distinct article page URLs in text.
func articleURLs(text string) []string {
	text = strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(text) // JSON escapes of Slack's <url|title>
	seen := map[string]bool{}
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == '<' || r == '|' || r == '"' || r == '>' }) {
		if strings.Contains(f, "/a/") && strings.HasSuffix(f, ".html") && strings.HasPrefix(f, "http") && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

func allDelivered(s *chatfake.Slack, d *chatfake.Discord, urls []string) bool {
	_, sl := slackDeliveries(s)
	_, dc := discordDeliveries(d)
	for _, u := range urls {
		if len(sl[u]) == 0 || len(dc[u]) == 0 {
			return false
		}
	}
	return true
}
