package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// monitorSite serves a home page that links its feed, and the feed.
func monitorSite(t *testing.T, title string) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, `<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>%s</body></html>`, title)
		case "/atom.xml":
			w.Header().Set("Content-Type", "application/atom+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><id>urn:m</id><updated>2026-03-14T09:00:00Z</updated>
<entry><title>Envoys meet</title><id>urn:1</id><updated>2026-03-14T09:00:00Z</updated><link href="%s/1"/><summary>Envoys met in Geneva on Monday, officials said.</summary></entry></feed>`, title, srv.URL)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Two configuration files share one database with feeds added from the
// CLI: no command removes or hides feeds it does not own.
func TestFeedsCLIOwnership(t *testing.T) {
	wire := newsSite(t, "<html><body><p>Ministers met.</p></body></html>")
	monitor := monitorSite(t, "Sahel Monitor")
	cfgA, db := writeConfig(t, fmt.Sprintf("[poll]\nallow_private = [\"127.0.0.0/8\"]\n[[feeds]]\nname = \"Wire A\"\nurl = %q\n", wire.URL+"/rss.xml"))
	cfgB := filepath.Join(t.TempDir(), "other.toml")
	if err := os.WriteFile(cfgB, []byte(fmt.Sprintf("[store]\ndsn = %q\n[log]\nlevel = \"warn\"\n[poll]\nallow_private = [\"127.0.0.0/8\"]\n[[feeds]]\nname = \"Wire B\"\nurl = %q\n", db, monitor.URL+"/atom.xml")), 0o600); err != nil {
		t.Fatal(err)
	}

	if code, out, errOut := run(t, "poll", "--once", "--config", cfgA); code != 0 {
		t.Fatalf("poll A: %d %s %s", code, out, errOut)
	}
	code, out, errOut := run(t, "feeds", "add", monitor.URL+"/", "--name", "Sahel", "--every", "15m", "--tags", "africa,sahel", "--config", cfgA)
	if code != 0 || !strings.Contains(out, "added: Sahel  "+monitor.URL+"/atom.xml") || !strings.Contains(out, `"Sahel Monitor", 1 items now, found via link`) {
		t.Fatalf("feeds add: %d\n%s%s", code, out, errOut)
	}
	// Adding it again (written differently) is no duplicate.
	if code, out, _ := run(t, "feeds", "add", monitor.URL+"/atom.xml/", "--config", cfgA); code != 0 || !strings.Contains(out, "already present: Sahel") || !strings.Contains(out, "added by cli") {
		t.Errorf("second add: %d %s", code, out)
	}

	// Listing with the other config syncs nothing and hides nothing.
	code, out, _ = run(t, "feeds", "--config", cfgB)
	if code != 0 || !strings.Contains(out, "Wire A") || !strings.Contains(out, "config briefbot.toml") || !strings.Contains(out, "added by cli") || strings.Contains(out, "Wire B") {
		t.Errorf("feeds --config other.toml:\n%s", out)
	}
	// Polling with the other config adds its feed (the monitor's, already
	// there as "Sahel": config B takes it over) and removes nothing.
	if code, out, errOut := run(t, "poll", "--once", "--config", cfgB); code != 0 {
		t.Fatalf("poll B: %d %s %s", code, out, errOut)
	}
	_, out, _ = run(t, "feeds", "--config", cfgA)
	if !strings.Contains(out, "Wire A") || !strings.Contains(out, "Wire B") || !strings.Contains(out, "config other.toml") {
		t.Errorf("after poll with B:\n%s", out)
	}

	// A configured feed is not removed from the CLI without --force.
	code, _, errOut = run(t, "feeds", "remove", "Wire A", "--config", cfgB)
	if code != 1 || !strings.Contains(errOut, `"Wire A" comes from`) || !strings.Contains(errOut, "--force") {
		t.Errorf("remove of a configured feed: %d %s", code, errOut)
	}
	if code, out, _ := run(t, "feeds", "remove", "Wire B", "--force", "--config", cfgA); code != 0 || !strings.Contains(out, "removed: Wire B") {
		t.Errorf("remove --force: %d %s", code, out)
	}
	if _, out, _ := run(t, "feeds", "--config", cfgA); strings.Contains(out, "Wire B") || !strings.Contains(out, "Wire A") {
		t.Errorf("after remove --force:\n%s", out)
	}
}

func TestFeedsImportExportOPML(t *testing.T) {
	wire := newsSite(t, "<html><body><p>Ministers met.</p></body></html>")
	cfg, _ := writeConfig(t, fmt.Sprintf("[[feeds]]\nname = \"Wire\"\nurl = %q\ntags = [\"world\"]\n", wire.URL+"/rss.xml"))
	if code, out, errOut := run(t, "poll", "--once", "--config", cfg); code != 0 {
		t.Fatalf("poll: %d %s %s", code, out, errOut)
	}
	in := filepath.Join(t.TempDir(), "subs.opml")
	opmlDoc := fmt.Sprintf(`<?xml version="1.0"?>
<opml version="2.0"><head><title>reader</title></head><body>
<outline text="Africa">
  <outline type="rss" text="Sahel Monitor" xmlUrl="https://sahel.example/en/rss.xml" category="/crisis"/>
  <outline type="rss" text="Horn Wire" xmlUrl="https://www.horn.example/feed/"/>
</outline>
<outline type="rss" text="Wire again" xmlUrl="%s"/>
<outline type="rss" text="Horn copy" xmlUrl="http://horn.example/feed"/>
<outline type="rss" text="Metadata" xmlUrl="http://169.254.169.254/latest"/>
<outline type="rss" text="Gopher" xmlUrl="gopher://old.example/feed"/>
<outline text="Nothing here"/>
</body></opml>`, wire.URL+"/rss.xml#x")
	if err := os.WriteFile(in, []byte(opmlDoc), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "feeds", "import", in, "--config", cfg)
	if code != 0 {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	for _, want := range []string{
		"added     Sahel Monitor  https://sahel.example/en/rss.xml",
		"added     Horn Wire  https://www.horn.example/feed/",
		`present   Wire again  ` + wire.URL + `/rss.xml#x  (as "Wire", config briefbot.toml)`,
		`present   Horn copy  http://horn.example/feed  (as "Horn Wire", added by opml:` + in + `)`,
		"invalid   line 9: Metadata: Can't add http://169.254.169.254/latest: refused: 169.254.169.254 is not a public address.",
		"invalid   line 10: Gopher: Can't add \"gopher://old.example/feed\": only http and https URLs can be feeds, not gopher.",
		"invalid   line 11: Nothing here: no xmlUrl: not a feed",
		"2 added, 2 already present, 3 invalid",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}
	// Importing again adds nothing.
	if _, out, _ := run(t, "feeds", "import", in, "--config", cfg); !strings.Contains(out, "0 added, 4 already present, 3 invalid") {
		t.Errorf("second import:\n%s", out)
	}

	exported := filepath.Join(t.TempDir(), "out.opml")
	if code, _, errOut := run(t, "feeds", "export", exported, "--config", cfg); code != 0 || !strings.Contains(errOut, "exported 3 feeds") {
		t.Fatalf("export: %d %s", code, errOut)
	}
	data, _ := os.ReadFile(exported)
	for _, want := range []string{`<opml version="2.0">`, `text="Sahel Monitor"`, `category="/africa,/crisis"`, `xmlUrl="` + wire.URL + `/rss.xml"`, `category="/world"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("export lacks %s:\n%s", want, data)
		}
	}
	// Stdout export is the same document.
	if code, out, _ := run(t, "feeds", "export", "--config", cfg); code != 0 || !strings.Contains(out, `text="Horn Wire"`) {
		t.Errorf("export to stdout: %d %s", code, out)
	}
	// The export imports into a fresh database as the same feeds, except
	// the loopback one: a run-time feed must be public unless
	// allow_private opens its range.
	fresh, _ := writeConfig(t, "")
	if _, out, _ := run(t, "feeds", "import", exported, "--config", fresh); !strings.Contains(out, "2 added, 0 already present, 1 invalid") || !strings.Contains(out, "127.0.0.1 is not a public address") {
		t.Errorf("import of the export:\n%s", out)
	}
	open, _ := writeConfig(t, "[poll]\nallow_private = [\"127.0.0.0/8\"]\n")
	if _, out, _ := run(t, "feeds", "import", exported, "--config", open); !strings.Contains(out, "3 added, 0 already present, 0 invalid") {
		t.Errorf("import of the export with allow_private:\n%s", out)
	}
	if code, _, errOut := run(t, "feeds", "import", "--config", cfg); code != 2 || !strings.Contains(errOut, "needs one OPML file") {
		t.Errorf("import without a file: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "feeds", "import", cfg, "--config", cfg); code != 1 || !strings.Contains(errOut, "not an OPML file") {
		t.Errorf("import of a TOML file: %d %s", code, errOut)
	}
}
