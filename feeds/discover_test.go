package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

const discoverRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Monitor</title><link>https://sahel.example/</link><description>d</description>
<item><title>One</title><link>https://sahel.example/1</link></item>
<item><title>Two</title><link>https://sahel.example/2</link></item>
<item><title>Three</title><link>https://sahel.example/3</link></item></channel></rss>`

const discoverAtom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Horn Wire</title><id>urn:x</id><updated>2026-03-14T09:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><updated>2026-03-14T09:00:00Z</updated><link href="https://horn.example/a"/></entry></feed>`

const discoverJSON = `{"version":"https://jsonfeed.org/version/1.1","title":"Gulf JSON","items":[{"id":"1","url":"https://gulf.example/1","content_text":"x"},{"id":"2","url":"https://gulf.example/2","content_text":"y"}]}`

// site serves a small web site whose pages and feeds tests pick by path.
func site(t *testing.T, routes map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := routes[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasPrefix(body, "<!doctype"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case strings.HasPrefix(body, "{"):
			w.Header().Set("Content-Type", "application/feed+json")
		default:
			w.Header().Set("Content-Type", "application/xml")
		}
		fmt.Fprint(w, strings.ReplaceAll(body, "$SITE", "http://"+r.Host))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// loopbackFinder may reach the test servers on loopback, as a deployment
// with [poll] allow_private = ["127.0.0.0/8"] would.
func loopbackFinder() *Finder {
	f := NewFetcher("test")
	f.Guard = &Guard{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}
	return &Finder{Fetcher: f, Timeout: 5 * time.Second}
}

func TestFindDiscoversFeeds(t *testing.T) {
	srv := site(t, map[string]string{
		"/feeds/sahel.rss": discoverRSS,
		"/news":            `<!doctype html><html><head><title>News</title><link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/atom+xml" title="Horn" href="/atom/horn"></head><body><a href="/feeds/sahel.rss">rss</a></body></html>`,
		"/atom/horn":       discoverAtom,
		"/gulf":            `<!doctype html><html><head><base href="/j/"><link rel="Alternate feed" type="application/feed+json" href="gulf.json"></head><body></body></html>`,
		"/j/gulf.json":     discoverJSON,
		"/broken-link":     `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/missing.xml"></head><body></body></html>`,
		"/rss.xml":         discoverRSS,
	})
	for name, tc := range map[string]struct {
		path, wantURL, wantTitle, wantVia string
		wantItems                         int
	}{
		"feed given":              {"/feeds/sahel.rss", "/feeds/sahel.rss", "Sahel Monitor", "url", 3},
		"page links atom":         {"/news", "/atom/horn", "Horn Wire", "link", 1},
		"json feed via base href": {"/gulf", "/j/gulf.json", "Gulf JSON", "link", 2},
		"dead link, common path":  {"/broken-link", "/rss.xml", "Sahel Monitor", "path", 3},
	} {
		t.Run(name, func(t *testing.T) {
			raw := srv.URL + tc.path
			got, err := loopbackFinder().Find(t.Context(), raw)
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != srv.URL+tc.wantURL || got.Title != tc.wantTitle || got.Items != tc.wantItems || got.Via != tc.wantVia {
				t.Errorf("Find(%s) = %+v; want %s%s %q, %d items, via %s", tc.path, got, srv.URL, tc.wantURL, tc.wantTitle, tc.wantItems, tc.wantVia)
			}
		})
	}
}

// A bare host means https, which the test server does not speak: the
// refusal names the https URL that was tried.
func TestFindWithoutSchemeTriesHTTPS(t *testing.T) {
	srv := site(t, map[string]string{"/rss.xml": discoverRSS})
	_, err := loopbackFinder().Find(t.Context(), strings.TrimPrefix(srv.URL, "http://")+"/rss.xml")
	var fe *FindError
	if !errors.As(err, &fe) || fe.URL != "https://"+strings.TrimPrefix(srv.URL, "http://")+"/rss.xml" {
		t.Fatalf("Find without scheme = %v; want a FindError on the https URL", err)
	}
}

func TestFindRefusesNamingTheReason(t *testing.T) {
	internalName := &fakeResolver{answers: map[string][]string{"intranet.example": {"10.0.0.5"}}}
	srv := site(t, map[string]string{
		"/page":     `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="http://169.254.169.254/latest/meta-data"></head><body>hi</body></html>`,
		"/notafeed": `just text`,
	})
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte("<rss>" + strings.Repeat("x", 2<<20) + "</rss>"))
	}))
	defer big.Close()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer slow.Close()
	defer close(release)

	publicOnly := func() *Finder { return &Finder{Fetcher: NewFetcher("test")} }
	withResolver := func() *Finder {
		f := NewFetcher("test")
		f.Guard = &Guard{Resolver: internalName}
		return &Finder{Fetcher: f}
	}
	capped := func() *Finder {
		f := loopbackFinder()
		f.Fetcher.MaxBytes = 1 << 20
		return f
	}
	quick := func() *Finder {
		f := loopbackFinder()
		f.Timeout = 300 * time.Millisecond
		return f
	}
	for name, tc := range map[string]struct {
		finder *Finder
		url    string
		want   []string
	}{
		"loopback literal":     {publicOnly(), srv.URL + "/page", []string{"refused", "127.0.0.1", "not a public address"}},
		"name resolves inside": {withResolver(), "http://intranet.example/rss", []string{"refused", "intranet.example", "10.0.0.5"}},
		"metadata link":        {loopbackFinder(), srv.URL + "/page", []string{"no feed found", "169.254.169.254", "refused"}},
		"not a feed":           {loopbackFinder(), srv.URL + "/notafeed", []string{"no feed found", "itself (not a feed"}},
		"too large":            {capped(), big.URL + "/huge.xml", []string{"too large"}},
		"too slow":             {quick(), slow.URL + "/rss", []string{"no answer in time"}},
		"other scheme":         {loopbackFinder(), "file:///etc/passwd", []string{"only http and https"}},
		"credentials in URL":   {loopbackFinder(), "https://me:secret@example.org/rss", []string{"user name or password"}},
		"status":               {loopbackFinder(), srv.URL + "/gone", []string{"HTTP 404"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := tc.finder.Find(context.Background(), tc.url)
			var fe *FindError
			if !errors.As(err, &fe) {
				t.Fatalf("Find(%s) = %v; want a *FindError", tc.url, err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Find(%s) error %q does not say %q", tc.url, err, w)
				}
			}
		})
	}
}

func TestNormalizeFeedURL(t *testing.T) {
	for in, want := range map[string]string{
		"<https://ex.org/feed|ex.org/feed>": "https://ex.org/feed",
		"  ex.org/rss.xml ":                 "https://ex.org/rss.xml",
		"HTTP://Ex.org/a#top":               "http://Ex.org/a",
	} {
		if got, err := NormalizeFeedURL(in); err != nil || got != want {
			t.Errorf("NormalizeFeedURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "<>", "ftp://ex.org/f", "https://u:p@ex.org/", "https:///nohost"} {
		if got, err := NormalizeFeedURL(bad); err == nil {
			t.Errorf("NormalizeFeedURL(%q) = %q; want an error", bad, got)
		}
	}
}

func TestFeedKey(t *testing.T) {
	same := []string{"https://www.Ex.org/feed/", "http://ex.org/feed", "https://ex.org:443/feed#x", "https://ex.org/feed?utm_source=a"}
	for _, s := range same {
		if FeedKey(s) != FeedKey(same[0]) || FeedKey(s) == "" {
			t.Errorf("FeedKey(%q) = %q, want %q", s, FeedKey(s), FeedKey(same[0]))
		}
	}
	for _, other := range []string{"https://ex.org/feed.xml", "https://ex.org/feed?cat=2", "https://ex.com/feed"} {
		if FeedKey(other) == FeedKey(same[0]) {
			t.Errorf("FeedKey(%q) equals that of %q", other, same[0])
		}
	}
}
