package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/internal/faultfeed"
)

// Eight feeds on one host that accept the connection and never answer do
// not hold back a healthy feed's alert: it reaches Slack within the
// feed's interval plus 10 s of being published, while the hanging feeds
// of the same cycle still hang. (Before: a cycle took (8 ÷ per_host) ×
// timeout and every alert waited for the whole cycle.)
func TestDaemonAlertsWhileFeedsHang(t *testing.T) {
	if testing.Short() {
		t.Skip("daemon test takes a few seconds")
	}
	fakes := newChatFakes(t)
	site := newSwitchableSite(t)
	hanging := faultfeed.New()
	t.Cleanup(hanging.Close)
	addr := freeAddr(t)
	t.Setenv("BRIEFBOT_SLACK_BOT_TOKEN", "xoxb-test")
	t.Setenv("BRIEFBOT_SLACK_SIGNING_SECRET", "")
	t.Setenv("BRIEFBOT_SLACK_APP_TOKEN", "")
	t.Setenv("BRIEFBOT_DISCORD_BOT_TOKEN", "")
	t.Setenv("BRIEFBOT_DISCORD_PUBLIC_KEY", "")
	t.Setenv("BRIEFBOT_DISCORD_APP_ID", "")
	dir := t.TempDir()
	cfg := fmt.Sprintf(`
[store]
dsn = %q
[poll]
schedule = "@every 1s"
timeout = "6s"
# Failing feeds are due again at once, so every cycle has them hanging.
max_backoff = "1ms"
[http]
listen = %q
[log]
level = "warn"
[slack]
api_url = %q
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
`, filepath.Join(dir, "b.db"), addr, fakes.slack.URL+"/api/", site.srv.URL+"/rss.xml")
	for i := range 8 {
		cfg += fmt.Sprintf("[[feeds]]\nname = \"hang %d\"\nurl = \"%s/hang/%d\"\ninterval = \"1s\"\n", i, hanging.URL, i)
	}
	cfgPath := filepath.Join(dir, "briefbot.toml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	stop := startDaemon(t, cfgPath, addr)
	defer stop()
	// The first poll stores the Geneva story silently while the others hang.
	time.Sleep(2500 * time.Millisecond)
	if hanging.InFlight() == 0 {
		t.Fatal("no feed is hanging: the test does not exercise anything")
	}
	published := time.Now()
	site.publish.Store(true)
	hangingAtAlert := 0
	waitFor(t, "the Lavrov alert", 30*time.Second, func() bool {
		hangingAtAlert = hanging.InFlight()
		return fakes.slackPosts.Load() >= 1
	})
	if hangingAtAlert == 0 {
		t.Error("the alert came after the hanging feeds gave up: it waited for the cycle")
	}
	if took := time.Since(published); took > time.Second+10*time.Second {
		t.Errorf("alert posted %v after the item was published, want within interval (1s) + 10s", took)
	} else {
		t.Logf("alert posted %v after the item was published, with 8 feeds hanging", took.Round(100*time.Millisecond))
	}
}
