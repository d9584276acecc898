package config

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every error found at load names the line of the key it is about, for
// entries of arrays of tables too, and what to do.
func TestValidateAtLoadNamesTheLine(t *testing.T) {
	threeFeeds := "[[feeds]]\nname = \"a\"\nurl = \"htp:/bad\"\n" + // line 3
		"[[feeds]]\nname = \"b\"\nurl = \"https://b.example/rss\"\n" +
		"[[feeds]]\nname = \"c\"\nurl = \"https://c.example/rss\"\n"
	cases := map[string]struct {
		toml string
		want []string
	}{
		"bad url in the first of three feeds": {threeFeeds, []string{"line 3:", "htp:/bad"}},
		"bad url in the last of three feeds": {
			strings.Replace(strings.Replace(threeFeeds, "htp:/bad", "https://a.example/rss", 1), "https://c.example/rss", "ftp://c", 1),
			[]string{"line 9:", "ftp://c"},
		},
		"bad interval in the second feed": {
			"[[feeds]]\nname = \"a\"\nurl = \"https://a.example/\"\ninterval = \"5m\"\n[[feeds]]\nname = \"b\"\nurl = \"https://b.example/\"\ninterval = \"often\"\n",
			[]string{"line 8:", "often"},
		},
		"bad query": {
			"[[topics]]\nname = \"ok\"\nquery = \"Iran\"\n[[topics]]\nname = \"r\"\nquery = \"Russia AND (\"\n",
			[]string{"line 6:", "topics[1]", `"r"`, "Russia AND (", "unbalanced"},
		},
		"delivery lease shorter than the send timeout":    {"[delivery]\nsend_timeout = \"40s\"\nlease = \"30s\"\n", []string{"line 3:", "delivery.lease", "send_timeout"}},
		"delivery lease over a minute":                    {"[delivery]\nlease = \"5m\"\n", []string{"line 2:", "delivery.lease", "within a minute"}},
		"negative concurrency":                            {"[poll]\nschedule = \"@every 1m\"\nconcurrency = -3\n", []string{"line 3:", "poll.concurrency", "-3", "1 or more"}},
		"small max_bytes":                                 {"[poll]\n\nmax_bytes = 10\n", []string{"line 3:", "max_bytes", "1024"}},
		"port out of range":                               {"[http]\nlisten = \"127.0.0.1:99999\"\n", []string{"line 2:", "99999", "65535"}},
		"listen without port":                             {"[http]\nlisten = \"localhost\"\n", []string{"line 2:", "host:port"}},
		"CRON_TZ without a schedule (robfig #554 panics)": {"[poll]\nschedule = \"CRON_TZ=Europe/Paris\"\n", []string{"line 2:", "no schedule"}},
		"TZ without a schedule":                           {"[poll]\nschedule = \"TZ=UTC\"\n", []string{"line 2:", "no schedule"}},
		"unknown cron zone":                               {"[poll]\nschedule = \"CRON_TZ=Mars/Olympus 0 7 * * *\"\n", []string{"line 2:", "Mars/Olympus", "IANA"}},
		"unknown key in the second feed": {
			"[poll]\nschedule = \"@every 1m\"\n[[feeds]]\nname = \"a\"\nurl = \"https://a.example/\"\n[[feeds]]\nname = \"b\"\nurl = \"https://b.example/\"\nschedule = \"5m\"\n",
			[]string{"line 9:", "feeds.schedule", "interval"},
		},
		"digest limit":      {"[digest]\ndaily_scan = 5000\nabout_articles = -1\n", []string{"line 3:", "digest.about_articles", "-1"}},
		"digest above scan": {"[digest]\nchat_scan = 100\ndigest_articles = 500\n", []string{"line 2:", "chat_scan"}},
		"log level":         {"[poll]\nschedule = \"@every 1m\"\n[log]\nlevel = \"loud\"\n", []string{"line 4:", "loud"}},
		"duplicate feed names point at the second": {
			"[[feeds]]\nname = \"a\"\nurl = \"https://a.example/1\"\n[[feeds]]\nname = \"a\"\nurl = \"https://a.example/2\"\n",
			[]string{"line 5:", "twice"},
		},
		"subscription without channel": {
			"[[topics]]\nname = \"r\"\nquery = \"Russia\"\n[[subscriptions]]\nplatform = \"slack\"\ntopic = \"r\"\n",
			[]string{"line 4:", "channel is required"},
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

func TestCronTimeZonePrefixes(t *testing.T) {
	for _, spec := range []string{"CRON_TZ=Europe/Paris 0 7 * * *", "TZ=UTC @every 5m", "*/10 * * * *"} {
		var c CronSpec
		if err := c.UnmarshalText([]byte(spec)); err != nil || c.Schedule == nil {
			t.Errorf("%q: %v", spec, err)
		}
	}
	for _, spec := range []string{"CRON_TZ=", "TZ=", "CRON_TZ=Europe/Paris\t0 7 * * *", "TZ= 0 7 * * *"} {
		var c CronSpec
		if err := c.UnmarshalText([]byte(spec)); err == nil {
			t.Errorf("%q accepted", spec)
		}
	}
}

func TestKeyLinesIndexesArraysOfTables(t *testing.T) {
	src := "top = 1\n[poll]\nschedule = \"@every 1m\" # comment\n" +
		"[[feeds]]\nname = \"a\"\ntags = [\n  \"x\",\n  \"name = y\",\n]\nurl = \"https://a/\"\n" +
		"[[feeds]]\n'url' = \"https://b/\"\nnote = \"\"\"\nx = 1\n\"\"\"\n[http]\nlisten = \":1\"\n"
	got := keyLines([]byte(src))
	want := map[string]int{"top": 1, "poll.schedule": 3, "feeds[0].name": 5, "feeds[0].tags": 6, "feeds[0].url": 10, "feeds[1]": 11, "feeds[1].url": 12, "http.listen": 17}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("line of %s = %d, want %d", k, got[k], v)
		}
	}
	if _, ok := got["feeds[0].name = y"]; ok || got["feeds[1].x"] != 0 {
		t.Errorf("keys inside arrays or multi-line strings were read as keys: %v", got)
	}
}

func TestLoadRefusesSQLiteInMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope", "sub")
	for _, dsn := range []string{filepath.Join(missing, "b.db"), "file:" + filepath.Join(missing, "b.db") + "?_pragma=x"} {
		path := filepath.Join(dir, "c.toml")
		if err := os.WriteFile(path, []byte("[store]\ndsn = \""+dsn+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("dsn %s: err = %v, want it to name directory %s", dsn, err, missing)
		}
		if _, err := os.Stat(missing); err == nil {
			t.Errorf("Load created %s", missing)
		}
	}
	ok := filepath.Join(dir, "c.toml")
	os.WriteFile(ok, []byte("[store]\ndsn = \""+filepath.Join(dir, "b.db")+"\"\n"), 0o644)
	if _, err := Load(ok); err != nil {
		t.Errorf("existing directory refused: %v", err)
	}
	for _, dsn := range []string{":memory:", "file::memory:?cache=shared", "postgres://u@h/db"} {
		if _, ok := sqliteDir(dsn); ok {
			t.Errorf("sqliteDir(%q) wants a directory", dsn)
		}
	}
}

func TestListenFromEnvironmentIsChecked(t *testing.T) {
	t.Setenv("BRIEFBOT_HTTP_LISTEN", "127.0.0.1:70000")
	t.Setenv("BRIEFBOT_CONFIG", "")
	t.Chdir(t.TempDir())
	_, err := Load("")
	if err == nil || !strings.Contains(err.Error(), "BRIEFBOT_HTTP_LISTEN") || !strings.Contains(err.Error(), "70000") {
		t.Fatalf("err = %v", err)
	}
	if err := ValidateListen(net.JoinHostPort("::1", "8080")); err != nil {
		t.Errorf("IPv6 refused: %v", err)
	}
}

func TestConsoleHasOneChannel(t *testing.T) {
	base := "[[topics]]\nname = \"r\"\nquery = \"Russia\"\n[[subscriptions]]\nplatform = \"console\"\ntopic = \"r\"\n"
	cfg, err := Parse([]byte(base), "t.toml")
	if err != nil || cfg.Subscriptions[0].Channel != "stdout" {
		t.Fatalf("console without channel: %v, %+v", err, cfg)
	}
	_, err = Parse([]byte(base+"channel = \"terminal\"\n"), "t.toml")
	if err == nil || !strings.Contains(err.Error(), "line 7:") || !strings.Contains(err.Error(), `"stdout"`) {
		t.Errorf("console channel terminal: %v", err)
	}
}
