package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/internal/testcorpus"
	"github.com/briefbot/briefbot/store"
)

// run calls the CLI in-process and returns its exit code and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := runMain(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// newsSite serves an RSS feed with one item whose description is a teaser,
// linking to an HTML page that holds the article.
func newsSite(t *testing.T, page string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test Diplomacy</title><link>%[1]s/</link><description>test</description>
<item><title>Ministers meet</title><link>%[1]s/story.html</link><guid>%[1]s/story.html</guid>
<description>Ministers met on Tuesday. Read more…</description><pubDate>Tue, 09 Apr 2024 10:00:00 GMT</pubDate></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/story.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func writeConfig(t *testing.T, body string) (path, dbPath string) {
	t.Helper()
	dir := t.TempDir()
	dbPath = filepath.Join(dir, "briefbot.db")
	path = filepath.Join(dir, "briefbot.toml")
	cfg := fmt.Sprintf("[store]\ndsn = %q\n[log]\nlevel = \"warn\"\n%s", dbPath, body)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, dbPath
}

func countArticles(t *testing.T, dbPath string) int {
	t.Helper()
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, err := st.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// pollTwiceThenDigest is the foundation's acceptance path: the first poll
// stores the one article (fetching its full text), the second stores none,
// and the digest shows who said what.
func pollTwiceThenDigest(t *testing.T, page string) string {
	srv := newsSite(t, page)
	cfgPath, dbPath := writeConfig(t, fmt.Sprintf("[[feeds]]\nname = \"Test Diplomacy\"\nurl = %q\n", srv.URL+"/rss.xml"))

	code, out, errOut := run(t, "poll", "--once", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("first poll exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(out, "Test Diplomacy: 1 new") || !strings.Contains(out, "total: 1 feeds polled, 1 new articles") {
		t.Errorf("first poll output:\n%s", out)
	}
	if n := countArticles(t, dbPath); n != 1 {
		t.Fatalf("after first poll: %d articles, want 1", n)
	}
	code, out, errOut = run(t, "poll", "--once", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("second poll exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(out, " 0 new articles") || !strings.Contains(out, "Test Diplomacy: not due") {
		t.Errorf("second poll output:\n%s", out)
	}
	// --all fetches the feed anyway: the item is known, nothing is stored twice.
	code, out, errOut = run(t, "poll", "--once", "--all", "--config", cfgPath)
	if code != 0 || !strings.Contains(out, "Test Diplomacy: 0 new of 1 items") {
		t.Errorf("poll --all exit %d:\n%s%s", code, out, errOut)
	}
	if n := countArticles(t, dbPath); n != 1 {
		t.Fatalf("after re-polls: %d articles, want 1", n)
	}
	code, out, errOut = run(t, "digest", "--since", "100000h", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("digest exit %d: %s", code, errOut)
	}
	return out
}

func TestPollTwiceThenDigestOwnFixture(t *testing.T) {
	page, err := os.ReadFile("testdata/talks.html")
	if err != nil {
		t.Fatal(err)
	}
	out := pollTwiceThenDigest(t, string(page))
	for _, want := range []string{"Ingrid Solberg", "Carlos Mendes", "stop the fighting"} {
		if !strings.Contains(out, want) {
			t.Errorf("digest lacks %q:\n%s", want, out)
		}
	}
}

func TestPollTwiceThenDigestSeed(t *testing.T) {
	text, err := os.ReadFile(filepath.Join(testcorpus.Dir(t), "corpus/seed/globaltimes-2024-04-09-xi-lavrov.txt"))
	if err != nil {
		t.Skipf("seed article absent: %v", err)
	}
	var b strings.Builder
	b.WriteString("<html><head><title>Xi meets Lavrov</title></head><body><article><h1>Xi meets Lavrov</h1>\n")
	for _, p := range strings.Split(string(text), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
	}
	b.WriteString("</article></body></html>")
	out := pollTwiceThenDigest(t, b.String())
	for _, name := range []string{"Sergei Lavrov", "Wang Yi"} {
		// A statement line reads `Name (role, affiliation): "…"`.
		if !regexp.MustCompile(regexp.QuoteMeta(name) + `[^\n]*: "`).MatchString(out) {
			t.Errorf("digest shows no statement by %s:\n%s", name, out)
		}
	}
}

// TestPollCorpusFeeds serves every feed of ../shared/corpus/feeds on
// loopback: one poll must get through all of them, each line either
// counting items or saying why it failed.
func TestPollCorpusFeeds(t *testing.T) {
	files := testcorpus.Glob(t, "corpus/feeds/*")
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Dir(files[0]))))
	defer srv.Close()
	var cfg strings.Builder
	// The corpus items link to the real sites, which are out of reach here.
	cfg.WriteString("[poll]\nfetch_full_text = false\n")
	for _, f := range files {
		fmt.Fprintf(&cfg, "[[feeds]]\nname = %q\nurl = %q\n", filepath.Base(f), srv.URL+"/"+filepath.Base(f))
	}
	cfgPath, _ := writeConfig(t, cfg.String())
	code, out, errOut := run(t, "poll", "--once", "--config", cfgPath)
	// The corpus holds deliberately broken feeds: exit 3 says some failed.
	if wantCode := map[bool]int{false: 0, true: exitFeedsFailed}[strings.Contains(out, ": failed: ")]; code != wantCode {
		t.Fatalf("poll exit %d, want %d: %s", code, wantCode, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(files)+1 {
		t.Fatalf("%d lines for %d feeds:\n%s", len(lines), len(files), out)
	}
	itemLine := regexp.MustCompile(`^[^:]+: \d+ new of ([1-9]\d*) items`)
	failLine := regexp.MustCompile(`^[^:]+: failed: .{5,}`)
	for _, l := range lines[:len(files)] {
		if !itemLine.MatchString(l) && !failLine.MatchString(l) {
			t.Errorf("feed line neither yields items nor gives a reason: %q", l)
		}
	}
	if !strings.HasPrefix(lines[len(lines)-1], fmt.Sprintf("total: %d feeds polled", len(files))) {
		t.Errorf("total line: %q", lines[len(lines)-1])
	}
}

func TestBadInputExitsNonZeroNamingIt(t *testing.T) {
	cases := map[string]struct {
		args []string
		want string
	}{
		"missing config":    {[]string{"feeds", "--config", "/nonexistent/briefbot.toml"}, "/nonexistent/briefbot.toml"},
		"bad since":         {[]string{"digest", "--since", "yesterday"}, `"yesterday"`},
		"bad format":        {[]string{"digest", "--format", "pdf"}, `"pdf"`},
		"unknown command":   {[]string{"frobnicate"}, `"frobnicate"`},
		"poll without once": {[]string{"poll"}, "--once"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			code, _, errOut := run(t, tc.args...)
			if code == 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want non-zero naming %s", code, errOut, tc.want)
			}
		})
	}
}

func TestBadConfigValuesExitNamingThem(t *testing.T) {
	cases := map[string]struct {
		config string
		want   []string
	}{
		"unsupported dsn": {"[store]\ndsn = \"mysql://root@db/x\"\n", []string{"line 2", "mysql", "postgres://"}},
		"bad feed url":    {"[[feeds]]\nname = \"x\"\nurl = \"not a url\"\n", []string{"line 3", "not a url"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "briefbot.toml")
			if err := os.WriteFile(path, []byte(tc.config), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := run(t, "poll", "--once", "--config", path)
			for _, w := range tc.want {
				if code == 0 || !strings.Contains(errOut, w) {
					t.Errorf("exit %d, stderr %q lacks %q", code, errOut, w)
				}
			}
		})
	}
}
