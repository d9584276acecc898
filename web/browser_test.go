package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// The browser check: a real headless Chromium loads every page from a
// loopback server, and the DOM it renders is checked like the parsed
// pages. With BRIEFBOT_SCREENSHOTS=1 it also writes docs/web-*.png (the
// README's screenshots). Without a chromium binary it skips.
//
//	apt-get install -y chromium
//	BRIEFBOT_SCREENSHOTS=1 go test ./web -run Browser -v

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium binary on PATH: install Debian's chromium (apt-get install -y chromium) to run the browser check")
	return ""
}

// runChromium runs headless Chromium with a fresh profile and the given
// extra arguments, bounded in time.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

func TestBrowser(t *testing.T) {
	bin := chromium(t)
	f := newDemoFixture(t)
	srv := httptest.NewServer(f.handler) // loopback only
	defer srv.Close()

	lavrov := f.pathOf(t, "Sergei Lavrov")
	pages := []struct {
		name, path string
		check      func(doc *html.Node) error
	}{
		{"status", "/", func(doc *html.Node) error {
			return contains(doc, "What briefbot is doing", "TASS English", "HTTP 503 Service Unavailable", "Failed for good", "slack · C0DIPLOMACY")
		}},
		{"search", "/search?q=" + urlQuery("Russia OR Moscow OR Beijing") + "&from=2026-06-01", func(doc *html.Node) error {
			return contains(doc, "Results", "Moscow sees the expansion", "Older →")
		}},
		{"speaker", lavrov, func(doc *html.Node) error {
			if n := len(findAll(doc, "rect", hasClass("bar"))); n < 20 {
				return fmt.Errorf("%d bars drawn", n)
			}
			return contains(doc, "Sergei Lavrov", "Statements per week", "Latest key statements", "Also called")
		}},
		{"article", fmt.Sprintf("/articles/%d", f.articles[len(f.articles)-1].ID), func(doc *html.Node) error {
			return contains(doc, "Read at the source", "Who is involved", "Statements")
		}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			dom := runChromium(t, bin, "--dump-dom", srv.URL+p.path)
			doc, err := html.Parse(strings.NewReader(string(dom)))
			if err != nil {
				t.Fatal(err)
			}
			if err := p.check(doc); err != nil {
				t.Errorf("%s as rendered by Chromium: %v", p.path, err)
			}
			checkAccessible(t, doc)
			if os.Getenv("BRIEFBOT_SCREENSHOTS") == "" {
				return
			}
			for _, size := range []struct{ suffix, window string }{{"", "1280,1400"}, {"-phone", "390,1100"}} {
				out, _ := filepath.Abs(filepath.Join("..", "docs", "web-"+p.name+size.suffix+".png"))
				runChromium(t, bin, "--window-size="+size.window, "--screenshot="+out, srv.URL+p.path)
				if st, err := os.Stat(out); err != nil || st.Size() < 5000 {
					t.Errorf("screenshot %s: %v", out, err)
				}
			}
		})
	}
}

// contains reports the first of want missing from the document's text.
func contains(doc *html.Node, want ...string) error {
	all := text(doc)
	for _, w := range want {
		if !strings.Contains(all, w) {
			return fmt.Errorf("page lacks %q", w)
		}
	}
	return nil
}
