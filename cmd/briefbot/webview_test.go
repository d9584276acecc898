package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// `briefbot run` serves the web view on [http] listen behind the token:
// the status page shows the configured feed once polled, search finds the
// stored statements, and their speaker's page opens.
func TestDaemonServesWebView(t *testing.T) {
	if testing.Short() {
		t.Skip("daemon test takes a few seconds")
	}
	for _, k := range []string{"BRIEFBOT_SLACK_BOT_TOKEN", "BRIEFBOT_SLACK_SIGNING_SECRET", "BRIEFBOT_SLACK_APP_TOKEN",
		"BRIEFBOT_DISCORD_BOT_TOKEN", "BRIEFBOT_DISCORD_PUBLIC_KEY", "BRIEFBOT_DISCORD_APP_ID", "BRIEFBOT_WEB_TOKEN"} {
		t.Setenv(k, "")
	}
	site := newSwitchableSite(t)
	site.publish.Store(true)
	addr := freeAddr(t)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "briefbot.toml")
	cfg := fmt.Sprintf(`
[store]
dsn = %q
[poll]
schedule = "@every 1s"
[http]
listen = %q
public_url = "http://%s"
web_token = "open-sesame"
[log]
level = "warn"
[[feeds]]
name = "diplomacy"
url = %q
interval = "1s"
`, filepath.Join(dir, "b.db"), addr, addr, site.srv.URL+"/rss.xml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	stop := startDaemon(t, cfgPath, addr)
	defer stop()

	get := func(path, token string) (int, string) {
		req, _ := http.NewRequest("GET", "http://"+addr+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("/", ""); code != http.StatusUnauthorized {
		t.Errorf("GET / without the token: %d, want 401", code)
	}
	if code, _ := get("/", "wrong"); code != http.StatusUnauthorized {
		t.Errorf("GET / with a wrong token: %d, want 401", code)
	}
	var page string
	waitFor(t, "the status page to show the polled feed", 15*time.Second, func() bool {
		code, body := get("/", "open-sesame")
		page = body
		return code == 200 && strings.Contains(body, "diplomacy") && !strings.Contains(body, "not fetched yet")
	})
	if !strings.Contains(page, "What briefbot is doing") {
		t.Errorf("status page: %s", page)
	}
	var search string
	waitFor(t, "search to find the stored statements", 15*time.Second, func() bool {
		code, body := get("/search?q=grain", "open-sesame")
		search = body
		return code == 200 && strings.Contains(body, "<blockquote>")
	})
	link := regexp.MustCompile(`href="(/speakers/\d+)"`).FindStringSubmatch(search)
	if link == nil {
		t.Fatalf("no speaker link in the results:\n%s", search)
	}
	code, body := get(link[1], "open-sesame")
	if code != 200 || !strings.Contains(body, "Statements per week") {
		t.Errorf("GET %s: %d\n%s", link[1], code, body)
	}
	if code, _ := get("/healthz", ""); code != 200 {
		t.Errorf("/healthz now needs the token: %d", code)
	}
}
