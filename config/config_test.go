package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

func TestParseErrorsNameKeyLineAndAllowed(t *testing.T) {
	cases := map[string]struct {
		toml string
		want []string // substrings of the error
	}{
		"bad cron spec": {
			toml: "[store]\ndsn = \"x.db\"\n[poll]\nschedule = \"every ten minutes\"\n",
			want: []string{"line 4", "schedule", "every ten minutes", "@every 10m"},
		},
		"bad duration": {
			toml: "[[feeds]]\nname = \"a\"\nurl = \"https://a.example/rss\"\ninterval = \"often\"\n",
			want: []string{"line 4", "often", "10m"},
		},
		"feed url not http": {
			toml: "[[feeds]]\nname = \"a\"\nurl = \"ftp://a.example/rss\"\n",
			want: []string{"line 3", "ftp://a.example/rss", "http://"},
		},
		"unknown key": {
			toml: "[poll]\nschedule = \"@every 1m\"\nintervall = \"1m\"\n",
			want: []string{"line 3", "poll.intervall", "interval", "max_errors"},
		},
		"unknown section": {
			toml: "[stores]\ndsn = \"x\"\n",
			want: []string{"stores", "[store]"},
		},
		"unsupported dsn scheme": {
			toml: "[store]\ndsn = \"mysql://root@localhost/db\"\n",
			want: []string{"line 2", "mysql", "postgres://"},
		},
		"bad mode zone": {
			toml: "[[topics]]\nname = \"r\"\nquery = \"Russia\"\n[[subscriptions]]\nplatform = \"slack\"\nchannel = \"C1\"\ntopic = \"r\"\nmode = \"daily 08:00 Mars/Olympus\"\n",
			want: []string{"line 8", "Mars/Olympus", "IANA"},
		},
		"undefined topic": {
			toml: "[[topics]]\nname = \"r\"\nquery = \"Russia\"\n[[subscriptions]]\nplatform = \"slack\"\nchannel = \"C1\"\ntopic = \"china\"\n",
			want: []string{"line 7", "\"china\"", "not defined", "r"},
		},
		"bad platform": {
			toml: "[[topics]]\nname = \"r\"\nquery = \"Russia\"\n[[subscriptions]]\nplatform = \"teams\"\nchannel = \"C1\"\ntopic = \"r\"\n",
			want: []string{"line 5", "teams", "slack, discord, console"},
		},
		"duplicate feed name": {
			toml: "[[feeds]]\nname = \"a\"\nurl = \"https://a.example/1\"\n[[feeds]]\nname = \"a\"\nurl = \"https://a.example/2\"\n",
			want: []string{"\"a\"", "twice"},
		},
		"toml syntax": {
			toml: "[poll]\nschedule = \"@every 1m\nx=1\n",
			want: []string{"test.toml", "line 2"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.toml), "test.toml")
			if err == nil {
				t.Fatal("Parse accepted a bad config")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestAcceptanceKeys(t *testing.T) {
	src := `
[store]
dsn = "postgres://postgres@127.0.0.1:5432/briefbot?sslmode=disable"
[poll]
schedule = "CRON_TZ=Europe/Paris @every 2s"
[http]
listen = "127.0.0.1:8081"
[slack]
api_url = "http://127.0.0.1:9999/api/"
[discord]
api_url = "http://127.0.0.1:9998/api/v10"
gateway = false
[[feeds]]
name = "diplomacy"
url = "http://127.0.0.1:9000/rss.xml"
interval = "2s"
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
channel = "123"
topic = "russia"
mode = "daily 8:00 Europe/Paris"
`
	cfg, err := Parse([]byte(src), "t.toml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Store.DSN != "postgres://postgres@127.0.0.1:5432/briefbot?sslmode=disable" {
		t.Errorf("dsn = %q", cfg.Store.DSN)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if next := cfg.Poll.Schedule.Schedule.Next(now); next.Sub(now) != 2*time.Second {
		t.Errorf("schedule next = %v, want 2s later", next.Sub(now))
	}
	feeds := cfg.FeedList()
	if len(feeds) != 1 || feeds[0].Interval != 2*time.Second || feeds[0].URL != "http://127.0.0.1:9000/rss.xml" {
		t.Errorf("feeds = %+v", feeds)
	}
	subs := cfg.SubscriptionList()
	if len(subs) != 2 {
		t.Fatalf("subs = %+v", subs)
	}
	if subs[0].Mode != briefbot.ModeInstant || subs[0].Query != "Russia OR Moscow OR Kremlin" {
		t.Errorf("instant sub = %+v", subs[0])
	}
	if subs[1].Mode != briefbot.ModeDaily || subs[1].DailyAt != "08:00" || subs[1].Timezone != "Europe/Paris" {
		t.Errorf("daily sub = %+v", subs[1])
	}
	if cfg.Slack.APIURL.String() != "http://127.0.0.1:9999/api/" || cfg.Discord.Gateway {
		t.Errorf("chat = %+v %+v", cfg.Slack, cfg.Discord)
	}
}

func TestEmbeddedDefault(t *testing.T) {
	t.Chdir(t.TempDir()) // no briefbot.toml here
	t.Setenv("BRIEFBOT_CONFIG", "")
	t.Setenv("BRIEFBOT_SLACK_BOT_TOKEN", "xoxb-test")
	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Source != "embedded default" {
		t.Errorf("source = %q", cfg.Source)
	}
	if len(cfg.Feeds) < 5 {
		t.Errorf("default has %d feeds, want a real list", len(cfg.Feeds))
	}
	for _, f := range cfg.Feeds {
		if f.URL.Scheme != "https" {
			t.Errorf("default feed %s is not https", f.URL)
		}
	}
	if cfg.Store.DSN != "briefbot.db" {
		t.Errorf("default dsn = %q", cfg.Store.DSN)
	}
	if cfg.Slack.BotToken != "xoxb-test" || !cfg.Slack.Enabled() {
		t.Error("slack token not read from the environment")
	}
}

func TestLoadMissingFileNamesIt(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.toml"))
	if err == nil || !strings.Contains(err.Error(), "nope.toml") || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadPrefersLocalFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("BRIEFBOT_CONFIG", "")
	if err := os.WriteFile("briefbot.toml", []byte("[store]\ndsn = \"local.db\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Store.DSN != "local.db" || cfg.Source != "briefbot.toml" || len(cfg.Feeds) != 0 {
		t.Errorf("cfg = %+v", cfg)
	}
}

func TestParseDuration(t *testing.T) {
	cases := map[string]struct {
		in   string
		want time.Duration
		bad  bool
	}{
		"go duration": {in: "1h30m", want: 90 * time.Minute},
		"days":        {in: "7d", want: 7 * 24 * time.Hour},
		"negative":    {in: "-5m", bad: true},
		"words":       {in: "soon", bad: true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ParseDuration(tc.in)
			if tc.bad != (err != nil) || got != tc.want {
				t.Errorf("ParseDuration(%q) = %v, %v", tc.in, got, err)
			}
		})
	}
}

func TestPollAllowPrivate(t *testing.T) {
	cfg, err := Parse([]byte("[poll]\nallow_private = [\"10.0.0.0/8\", \"fd00::1\", \"192.168.1.7/24\"]\n"), "test.toml")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range cfg.Poll.AllowPrivatePrefixes() {
		got = append(got, p.String())
	}
	if strings.Join(got, " ") != "10.0.0.0/8 fd00::1/128 192.168.1.0/24" {
		t.Errorf("allow_private = %v", got)
	}
	_, err = Parse([]byte("[poll]\nschedule = \"@every 1m\"\nallow_private = [\"intranet\"]\n"), "test.toml")
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "10.0.0.0/8") {
		t.Errorf("bad range: err = %v, want line 3 and an example", err)
	}
}

func TestPollLimits(t *testing.T) {
	cfg, err := Parse([]byte("[poll]\nmax_pages_per_feed = 3\nmemory_budget = 2097152\nmax_backoff = \"1h\"\n"), "test.toml")
	if err != nil {
		t.Fatal(err)
	}
	if l := cfg.Poll.PollLimits; l.MaxPagesPerFeed != 3 || l.MemoryBudget != 2<<20 || time.Duration(l.MaxBackoff) != time.Hour || l.PageConcurrency != 8 || l.MaxRedirects != 5 {
		t.Errorf("limits = %+v", l)
	}
	_, err = Parse([]byte("[poll]\nschedule = \"@every 1m\"\nmax_pages_per_feed = -1\n"), "test.toml")
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "max_pages_per_feed") {
		t.Errorf("negative limit: err = %v, want its line and key", err)
	}
}

func TestPollPerHostBelowConcurrency(t *testing.T) {
	_, err := Parse([]byte("[poll]\nconcurrency = 4\nper_host = 4\n"), "test.toml")
	if err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "per_host") {
		t.Errorf("per_host = concurrency: err = %v, want it refused with its line", err)
	}
}
