package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/briefbot/briefbot"
)

func TestInternalAddresses(t *testing.T) {
	for _, tc := range []struct {
		addr     string
		internal bool
	}{
		{"127.0.0.1", true},
		{"127.8.9.10", true},
		{"10.1.2.3", true},
		{"172.16.0.1", true},
		{"172.31.255.255", true},
		{"192.168.1.1", true},
		{"169.254.169.254", true}, // cloud metadata
		{"100.64.0.1", true},      // CGNAT
		{"0.0.0.0", true},
		{"224.0.0.1", true},
		{"255.255.255.255", true},
		{"::1", true},
		{"::", true},
		{"fc00::1", true},
		{"fd00:ec2::254", true},
		{"fe80::1%eth0", true},
		{"ff02::1", true},
		{"::ffff:127.0.0.1", true},       // IPv4-mapped loopback
		{"::ffff:169.254.169.254", true}, // IPv4-mapped metadata
		{"64:ff9b::a00:1", true},         // NAT64 of 10.0.0.1
		{"2002:7f00:1::", true},          // 6to4 of 127.0.0.1
		{"8.8.8.8", false},
		{"1.1.1.1", false},
		{"172.32.0.1", false},
		{"100.128.0.1", false},
		{"2606:4700::1111", false},
		{"::ffff:8.8.8.8", false},
		{"64:ff9b::808:808", false}, // NAT64 of 8.8.8.8
	} {
		if got := Internal(netip.MustParseAddr(tc.addr)); got != tc.internal {
			t.Errorf("Internal(%s) = %v, want %v", tc.addr, got, tc.internal)
		}
	}
}

func TestGuardAllowPrivate(t *testing.T) {
	g := &Guard{AllowPrivate: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	for addr, want := range map[string]bool{
		"10.1.2.3":          true,
		"::ffff:10.1.2.3":   true, // mapped form of an allowed address
		"192.168.1.1":       false,
		"127.0.0.1":         false,
		"169.254.169.254":   false,
		"93.184.216.34":     true,
		"2606:4700:4700::1": true,
	} {
		if got := g.Allowed(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Allowed(%s) = %v, want %v", addr, got, want)
		}
	}
}

// fakeResolver answers from a table; a name listed several times answers
// each in turn (the last one repeats), to play DNS rebinding.
type fakeResolver struct {
	mu      sync.Mutex
	answers map[string][]string
	calls   map[string]int
}

func (r *fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	seq, ok := r.answers[host]
	if !ok {
		return nil, fmt.Errorf("lookup %s: no such host", host)
	}
	if r.calls == nil {
		r.calls = map[string]int{}
	}
	i := min(r.calls[host], len(seq)-1)
	r.calls[host]++
	return []netip.Addr{netip.MustParseAddr(seq[i])}, nil
}

func TestGuardCheckURL(t *testing.T) {
	g := &Guard{Resolver: &fakeResolver{answers: map[string][]string{
		"localhost":        {"127.0.0.1"},
		"intranet.example": {"10.0.0.7"},
		"news.example":     {"93.184.216.34"},
	}}}
	ctx := context.Background()
	for _, tc := range []struct {
		url     string
		blocked bool // a BlockedError
		ok      bool
	}{
		{"https://news.example/rss", false, true},
		{"http://93.184.216.34:8080/feed", false, true},
		{"http://localhost:8080/feed", true, false},
		{"http://intranet.example/feed", true, false},
		{"http://[::1]/feed", true, false},
		{"http://169.254.169.254/latest/meta-data/", true, false},
		{"http://[::ffff:7f00:1]/", true, false},
		{"ftp://news.example/rss", false, false},
		{"http://unknown.example/", false, false},
	} {
		err := g.CheckURL(ctx, tc.url)
		var be *BlockedError
		if (err == nil) != tc.ok || errors.As(err, &be) != tc.blocked {
			t.Errorf("CheckURL(%s) = %v; want ok=%v blocked=%v", tc.url, err, tc.ok, tc.blocked)
		}
	}
}

// counted is a loopback server counting the requests it gets.
func counted(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// The poller fetches pages from the feed's own host:port, and refuses
// every way a feed's content can point at another internal service:
// another loopback port directly, by a name that resolves to it, by a
// redirect, and by a name that answers public first and internal at dial
// time (DNS rebinding). The refusals come from the real dial path: the
// same links are fetched once allow_private opens loopback.
func TestPollerGuardsArticleLinks(t *testing.T) {
	for _, open := range []bool{false, true} {
		t.Run(fmt.Sprintf("allow_private=%v", open), func(t *testing.T) {
			internal, internalHits := counted(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, articlePage)
			})
			port := internal.URL[strings.LastIndex(internal.URL, ":")+1:]
			var feedDoc string
			mux := http.NewServeMux()
			mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, feedDoc) })
			var ownHits atomic.Int32
			mux.HandleFunc("/own", func(w http.ResponseWriter, r *http.Request) {
				ownHits.Add(1)
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, articlePage)
			})
			// The feed's own (trusted) host redirects to the internal one.
			mux.Handle("/hop", http.RedirectHandler(internal.URL+"/via-redirect", http.StatusFound))
			site := httptest.NewServer(mux)
			t.Cleanup(site.Close)
			items := []testItem{
				{GUID: "own", Title: "Own host", Link: site.URL + "/own", Description: "Teaser…"},
				{GUID: "port", Title: "Other port", Link: internal.URL + "/direct", Description: "Teaser…"},
				{GUID: "name", Title: "Name to loopback", Link: "http://intranet.example:" + port + "/by-name", Description: "Teaser…"},
				{GUID: "redirect", Title: "Redirect", Link: site.URL + "/hop", Description: "Teaser…"},
				{GUID: "rebind", Title: "Rebinding", Link: "http://rebind.example:" + port + "/rebind", Description: "Teaser…"},
			}
			feedDoc = rssDoc("Guarded", items...)
			st := newMemStore()
			feed := st.addFeed(briefbot.Feed{Name: "Guarded", URL: site.URL + "/feed"})
			p := newTestPoller(st, newFakeClock())
			resolver := &fakeResolver{answers: map[string][]string{
				"intranet.example": {"127.0.0.1"},
				// Public when the request is checked, loopback when dialled.
				"rebind.example": {"93.184.216.34", "127.0.0.1"},
			}}
			p.Fetcher.Guard.Resolver = resolver
			if open {
				p.Fetcher.Guard.AllowPrivate = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
			}
			res := resultFor(t, cycle(t, p), feed.ID)
			if res.Err != nil || res.New != len(items) {
				t.Fatalf("poll = %+v, want %d articles stored", res, len(items))
			}
			texts := map[string]string{}
			for _, a := range st.allArticles() {
				texts[a.GUID] = a.Text
			}
			if n := ownHits.Load(); n != 1 || texts["own"] == "Teaser…" {
				t.Errorf("page on the feed's own host fetched %d times, text %q; want it fetched", n, texts["own"])
			}
			if !open {
				if n := internalHits.Load(); n != 0 {
					t.Errorf("internal service got %d requests, want none", n)
				}
				for _, guid := range []string{"port", "name", "redirect", "rebind"} {
					if texts[guid] != "Teaser…" {
						t.Errorf("%s: text %.40q, want the teaser kept", guid, texts[guid])
					}
				}
				// The rebinding name passed the check before the request
				// and was refused when dialled, on its second answer.
				if n := resolver.calls["rebind.example"]; n != 2 {
					t.Errorf("rebind.example resolved %d times, want 2 (request check, dial)", n)
				}
				return
			}
			// Opened: the hop redirect and the name and rebinding links
			// reach it (rebind dials loopback after the public answer).
			if n := internalHits.Load(); n != 4 {
				t.Errorf("with loopback allowed the internal service got %d requests, want 4", n)
			}
		})
	}
}

// A feed added from chat (PublicOnly) may not even be fetched from
// loopback; an operator-configured one is.
func TestPollerPublicOnlyFeeds(t *testing.T) {
	site := newTestSite(t)
	site.setFeed("/feed", rssDoc("Chat feed", testItem{GUID: "1", Title: "T", Content: longBody("x")}))
	st := newMemStore()
	feed := st.addFeed(briefbot.Feed{Name: "Chat feed", URL: site.url("/feed")})
	p := newTestPoller(st, newFakeClock())
	p.PublicOnly = func(f briefbot.Feed) bool { return f.ID == feed.ID }
	res := resultFor(t, cycle(t, p), feed.ID)
	var be *BlockedError
	if !errors.As(res.Err, &be) || Classify(res.Err) != ClassBlocked {
		t.Fatalf("public-only loopback feed: err = %v, want a BlockedError", res.Err)
	}
	if n, _, _ := site.hits("/feed"); n != 0 {
		t.Errorf("public-only loopback feed requested %d times", n)
	}
	if got := st.feed(feed.ID); !strings.Contains(got.LastError, "internal address") {
		t.Errorf("feed status %q does not say why", got.LastError)
	}
}

// The feed's trust is its host AND port: a redirect from a configured
// loopback feed to another loopback port is refused.
func TestFetchFeedRedirectToOtherPort(t *testing.T) {
	other, hits := counted(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, rss2Fixture) })
	feedSrv, _ := counted(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/feed", http.StatusFound)
	})
	_, err := NewFetcher("test").FetchFeed(context.Background(), briefbot.Feed{URL: feedSrv.URL})
	if Classify(err) != ClassBlocked {
		t.Fatalf("err = %v, want the redirect to another port refused", err)
	}
	if hits.Load() != 0 {
		t.Errorf("other port got %d requests", hits.Load())
	}
}
