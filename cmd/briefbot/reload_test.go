package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/store"
)

// TestMain lets a test start this test binary as `briefbot` itself, in a
// process of its own, to send it real signals.
func TestMain(m *testing.M) {
	if os.Getenv("BRIEFBOT_TEST_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func storedFeedNames(t *testing.T, dsn string) []string {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	list, err := st.ListFeeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range list {
		names = append(names, f.Name)
	}
	return names
}

// A running daemon reloads its config on SIGHUP: feeds, topics and
// subscriptions change, the change is logged, and an invalid file leaves
// it running on the previous configuration.
func TestDaemonReloadsConfigOnSIGHUP(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a daemon process")
	}
	wire := newsSite(t, "<html><body><p>Ministers met.</p></body></html>")
	monitor := monitorSite(t, "Sahel Monitor")
	dir := t.TempDir()
	db := filepath.Join(dir, "briefbot.db")
	cfgPath := filepath.Join(dir, "briefbot.toml")
	addr := freeAddr(t)
	head := fmt.Sprintf("[store]\ndsn = %q\n[http]\nlisten = %q\n[log]\nformat = \"text\"\n[poll]\nschedule = \"@every 1h\"\nallow_private = [\"127.0.0.0/8\"]\n", db, addr)
	write := func(body string) {
		t.Helper()
		if err := os.WriteFile(cfgPath, []byte(head+body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(fmt.Sprintf(`[[feeds]]
name = "Wire"
url = %q
[[topics]]
name = "talks"
query = "talks"
[[subscriptions]]
platform = "console"
channel = "stdout"
topic = "talks"
`, wire.URL+"/rss.xml"))

	cmd := exec.Command(os.Args[0], "run", "--config", cfgPath)
	const secret = "reload-signing-secret"
	cmd.Env = append(os.Environ(), "BRIEFBOT_TEST_RUN_MAIN=1", "BRIEFBOT_SLACK_SIGNING_SECRET="+secret)
	var logs syncBuffer
	cmd.Stderr, cmd.Stdout = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-exited
		}
	}()
	waitFor(t, "the daemon to run", 20*time.Second, func() bool { return strings.Contains(logs.String(), "briefbot running") })
	if got := storedFeedNames(t, db); !slices.Equal(got, []string{"Wire"}) {
		t.Fatalf("feeds at start: %v", got)
	}

	if _, body := postSlackCommand(t, addr, secret, "topics", time.Now()); !strings.Contains(body, "talks") || strings.Contains(body, "ceasefire") {
		t.Errorf("topics before reload: %s", body)
	}

	// A feed added at run time survives the reload.
	if code, out, errOut := run(t, "feeds", "add", monitor.URL+"/", "--name", "Added", "--config", cfgPath); code != 0 {
		t.Fatalf("feeds add: %s %s", out, errOut)
	}
	write(fmt.Sprintf(`[chat]
managers = ["U-boss"]
[[feeds]]
name = "Wire renamed"
url = %q
[[feeds]]
name = "Second"
url = %q
[[topics]]
name = "ceasefire"
query = "ceasefire OR truce"
[[subscriptions]]
platform = "console"
channel = "stdout"
topic = "ceasefire"
mode = "daily 08:00 Europe/Paris"
`, wire.URL+"/rss.xml", wire.URL+"/second.xml"))
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reload", 20*time.Second, func() bool { return strings.Contains(logs.String(), "config reloaded") })
	line := lineWith(logs.String(), "config reloaded")
	for _, want := range []string{"feeds_added=[Second]", `feeds_changed="[Wire renamed]"`, "topics_added=[ceasefire]", "topics_removed=[talks]", "subscriptions_added=", "console/stdout ceasefire (daily 08:00 Europe/Paris)", "subscriptions_removed=", "console/stdout talks (instant)", "managers_changed=true"} {
		if !strings.Contains(line, want) {
			t.Errorf("reload log %q lacks %s", line, want)
		}
	}
	if got := storedFeedNames(t, db); !slices.Equal(got, []string{"Added", "Second", "Wire renamed"}) {
		t.Errorf("feeds after reload: %v", got)
	}
	// The chat router answers with the new topics and managers.
	if _, body := postSlackCommand(t, addr, secret, "topics", time.Now()); !strings.Contains(body, "ceasefire") || strings.Contains(body, "talks") {
		t.Errorf("topics after reload: %s", body)
	}
	if _, body := postSlackCommand(t, addr, secret, "subscribe truce", time.Now()); !strings.Contains(body, "only the bot's managers") {
		t.Errorf("subscribe by a non-manager after reload: %s", body)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	subs, err := st.Subscriptions(context.Background(), "console", "stdout")
	st.Close()
	if err != nil || len(subs) != 1 || subs[0].Topic != "ceasefire" || subs[0].DailyAt != "08:00" {
		t.Errorf("configured subscriptions after reload: %+v, %v", subs, err)
	}

	// An invalid file changes nothing and the daemon keeps running.
	write("[[feeds]]\nname = \"Broken\"\nurl = \"not a url\"\n")
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the refused reload", 20*time.Second, func() bool { return strings.Contains(logs.String(), "config reload failed") })
	if line := lineWith(logs.String(), "config reload failed"); !strings.Contains(line, "still running on the previous configuration") || !strings.Contains(line, "not a url") {
		t.Errorf("failed reload log: %q", line)
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("daemon not healthy after a bad reload: %v %v", resp, err)
	}
	resp.Body.Close()
	if got := storedFeedNames(t, db); !slices.Equal(got, []string{"Added", "Second", "Wire renamed"}) {
		t.Errorf("feeds after a bad reload: %v", got)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("daemon exit: %v\n%s", err, logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("daemon did not stop on SIGTERM")
	}
}

func lineWith(text, s string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}
