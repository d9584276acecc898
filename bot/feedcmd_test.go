package bot

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/feeds"
)

// crisisSite is a news site on loopback: a home page that links its RSS
// feed, the feed (one more item once publish is set), and an article.
type crisisSite struct {
	srv     *httptest.Server
	publish atomic.Bool
}

func newCrisisSite(t *testing.T) *crisisSite {
	s := &crisisSite{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, `<!doctype html><html><head><title>Sahel Monitor</title><link rel="alternate" type="application/rss+xml" href="/en/rss.xml"></head><body>News.</body></html>`)
		case "/en/rss.xml":
			items := `<item><title>Talks resume in Niamey</title><link>` + s.srv.URL + `/a/1</link><guid>a1</guid><description>Ministers met in Niamey on Monday to resume talks on the corridor, officials said.</description></item>
<item><title>Border reopens</title><link>` + s.srv.URL + `/a/2</link><guid>a2</guid><description>The border crossing reopened on Tuesday after a week, the ministry said.</description></item>`
			if s.publish.Load() {
				items = `<item><title>Ceasefire agreed in Niamey</title><link>` + s.srv.URL + `/a/3</link><guid>a3</guid><description>Both sides agreed a ceasefire on Wednesday, the mediators said in a statement.</description></item>` + items
			}
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Monitor</title><link>%s/</link><description>d</description>%s</channel></rss>`, s.srv.URL, items)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func loopbackFetcher() *feeds.Fetcher {
	f := feeds.NewFetcher("test")
	f.Guard.AllowPrivate = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}
	return f
}

func TestFeedsAddFromChatDiscoversAndPollsSilentlyFirst(t *testing.T) {
	ctx := context.Background()
	st, _ := openStore(t)
	site := newCrisisSite(t)
	r := &Router{Store: st, Finder: &feeds.Finder{Fetcher: loopbackFetcher()}, Managers: []string{"U-boss", "R-editors"}}
	slack := Request{Platform: Slack, Channel: "C1", User: "U-boss"}

	// A page, not a feed: the feed it links is found, fetched and parsed.
	slack.Text = "feeds add " + site.srv.URL + "/ every 15m tags Sahel,Africa"
	reply := r.Handle(ctx, slack)
	for _, want := range []string{"Added feed *Sahel Monitor*", site.srv.URL + "/en/rss.xml", "feed link", "2 items", "every 15m0s", "sahel, africa", `subscribe feed:"Sahel Monitor"`} {
		if !strings.Contains(reply.Text, want) {
			t.Errorf("add reply %q does not say %q", reply.Text, want)
		}
	}
	if reply.Ephemeral {
		t.Error("a feed added for the team should be announced in the channel, not ephemerally")
	}
	list, err := st.ListFeeds(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListFeeds = %v, %v", list, err)
	}
	added := list[0]
	if added.Owner != briefbot.OwnerRuntime || added.AddedBy != "slack:U-boss" || added.Interval != 15*time.Minute || strings.Join(added.Tags, ",") != "sahel,africa" {
		t.Errorf("stored feed %+v", added)
	}

	// The same feed again, written differently, or through its page: no duplicate.
	for _, again := range []string{site.srv.URL + "/en/rss.xml/", site.srv.URL + "/", strings.Replace(site.srv.URL, "http://", "https://", 1) + "/en/rss.xml#top"} {
		slack.Text = "feeds add " + again
		if reply := r.Handle(ctx, slack); !strings.Contains(reply.Text, "Already there: *Sahel Monitor*") || !strings.Contains(reply.Text, "added by slack:U-boss") {
			t.Errorf("re-adding %s: %q", again, reply.Text)
		}
	}
	if list, _ := st.ListFeeds(ctx); len(list) != 1 {
		t.Fatalf("%d feeds after re-adds, want 1", len(list))
	}

	// Only managers (by user or role) may add or remove; anyone may list.
	outsider := Request{Platform: Discord, Channel: "42", User: "U-guest", Text: "feeds remove Sahel Monitor"}
	if reply := r.Handle(ctx, outsider); !strings.Contains(reply.Text, "only the bot's managers") {
		t.Errorf("non-manager remove: %q", reply.Text)
	}
	outsider.Text = "feeds"
	if reply := r.Handle(ctx, outsider); !strings.Contains(reply.Text, "Sahel Monitor") || !strings.Contains(reply.Text, "added by slack:U-boss") {
		t.Errorf("feeds list for anyone: %q", reply.Text)
	}

	// First poll: stored silently. Second poll: the new item alerts.
	poller := &feeds.Poller{Store: st, Fetcher: loopbackFetcher(), NoFullText: true,
		PublicOnly: func(f briefbot.Feed) bool { return f.Owner == briefbot.OwnerRuntime }}
	if rep, err := poller.Cycle(ctx); err != nil || rep.NewArticles() != 2 {
		t.Fatalf("first poll: %+v, %v", rep, err)
	}
	if arts, _ := st.UndispatchedArticles(ctx, 10); len(arts) != 0 {
		t.Fatalf("first poll of an added feed alerted: %d articles to dispatch", len(arts))
	}
	// The channel subscribes to everything from that feed, as the reply suggested.
	slack.Text = `subscribe feed:"Sahel Monitor"`
	if reply := r.Handle(ctx, slack); !strings.Contains(reply.Text, "Subscribed this channel") || strings.Contains(reply.Text, "no feed is called") {
		t.Fatalf("subscribe feed: %q", reply.Text)
	}
	// A feed: filter naming no feed still subscribes, with a warning.
	slack.Text = `subscribe feed:Reuters OR feed:sahel`
	if reply := r.Handle(ctx, slack); !strings.Contains(reply.Text, "Subscribed this channel") || !strings.Contains(reply.Text, `no feed is called "Reuters" yet`) || strings.Contains(reply.Text, `"sahel"`) {
		t.Errorf("subscribe to an unknown feed: %q", reply.Text)
	}
	site.publish.Store(true)
	all := &feeds.Poller{Store: st, Fetcher: loopbackFetcher(), NoFullText: true, Clock: func() time.Time { return time.Now().Add(time.Hour) }}
	if rep, err := all.Cycle(ctx); err != nil || rep.NewArticles() != 1 {
		t.Fatalf("second poll: %+v, %v", rep, err)
	}
	arts, _ := st.UndispatchedArticles(ctx, 10)
	if len(arts) != 1 || arts[0].FeedName != "Sahel Monitor" {
		t.Fatalf("after the second poll %d articles to dispatch, want the new one", len(arts))
	}
	// Dispatched, the new item reaches the subscribed channel, once.
	sender := &recordingSender{}
	d := &Dispatcher{Store: st, Senders: map[string]Sender{Slack: sender}}
	if _, err := d.Dispatch(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	sent := sender.Sent()
	if len(sent) != 1 || sent[0].Channel != "C1" || len(digestArticleIDs(sent[0].Digest)) != 1 || sent[0].Digest.Stories[0].Articles[0].Title != "Ceasefire agreed in Niamey" {
		t.Errorf("subscribe feed: delivered %+v; want the new item to C1 once", sent)
	}

	// Autocomplete offers feed names (Discord's feeds option).
	if got := r.Complete(ctx, "feed", "monit"); len(got) != 1 || got[0] != "Sahel Monitor" {
		t.Errorf(`Complete("feed", "monit") = %v`, got)
	}
	if got := r.Complete(ctx, "feed", "reuters"); len(got) != 0 {
		t.Errorf(`Complete("feed", "reuters") = %v`, got)
	}

	// A manager by role removes it.
	editor := Request{Platform: Discord, Channel: "42", User: "U-ed", Roles: []string{"R-editors"}, Text: "feeds remove sahel monitor"}
	if reply := r.Handle(ctx, editor); !strings.Contains(reply.Text, "Removed feed *Sahel Monitor*") {
		t.Errorf("remove: %q", reply.Text)
	}
	if list, _ := st.ListFeeds(ctx); len(list) != 0 {
		t.Errorf("feeds after remove: %v", list)
	}
}

func TestFeedsAddAndRemoveRefusals(t *testing.T) {
	ctx := context.Background()
	st, _ := openStore(t)
	site := newCrisisSite(t)
	if _, err := st.SyncConfigFeeds(ctx, briefbot.ConfigOwner("/etc/briefbot.toml"), []briefbot.Feed{{Name: "UN News", URL: "https://news.un.example/rss.xml"}}); err != nil {
		t.Fatal(err)
	}
	publicOnly := &Router{Store: st, Finder: &feeds.Finder{Fetcher: feeds.NewFetcher("test")}}
	loopback := &Router{Store: st, Finder: &feeds.Finder{Fetcher: loopbackFetcher()}}
	for _, tc := range []struct {
		r    *Router
		text string
		want []string
	}{
		{publicOnly, "feeds add " + site.srv.URL + "/", []string{"Can't add", "refused", "127.0.0.1", "not a public address"}},
		{loopback, "feeds add " + site.srv.URL + "/nothing-here", []string{"Can't add", "HTTP 404"}},
		{loopback, "feeds add ftp://files.example/feed", []string{"only http and https"}},
		{loopback, "feeds add " + site.srv.URL + "/ every 10s", []string{"every 10s", "between 1m0s and 168h0m0s"}},
		{loopback, "feeds add " + site.srv.URL + "/ UN News", []string{`The name "UN News" is taken`, "news.un.example"}},
		{loopback, "feeds add", []string{"Give the address"}},
		{loopback, "feeds add " + site.srv.URL + "/ every", []string{"every` needs a time span"}},
		{loopback, "feeds remove UN News", []string{`"UN News" comes from /etc/briefbot.toml`, "SIGHUP"}},
		{loopback, "feeds remove UN", []string{`No feed is called "UN"`, "Did you mean UN News?"}},
		{loopback, "feeds rename x", []string{"is not a feeds command"}},
	} {
		reply := tc.r.Handle(ctx, Request{Platform: Slack, Channel: "C1", User: "U1", Text: tc.text})
		for _, w := range tc.want {
			if !strings.Contains(reply.Text, w) {
				t.Errorf("%q → %q; want it to say %q", tc.text, reply.Text, w)
			}
		}
		if !reply.Ephemeral {
			t.Errorf("%q: a refusal should only go to the requester", tc.text)
		}
	}
	if list, _ := st.ListFeeds(ctx); len(list) != 1 || list[0].Name != "UN News" {
		t.Errorf("refusals changed the feeds: %v", list)
	}
}

func TestParseFeedAddArgs(t *testing.T) {
	got, err := ParseFeedAddArgs(`<https://x.example/|x.example> "Horn of Africa Wire" every 2h tags horn, africa`)
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != "<https://x.example/|x.example>" || got.Name != "Horn of Africa Wire" || got.Interval != 2*time.Hour || strings.Join(got.Tags, "|") != "horn|africa" {
		t.Errorf("ParseFeedAddArgs = %+v", got)
	}
	if got, _ := ParseFeedAddArgs("x.example/rss tags a every 1d"); got.Interval != 24*time.Hour || strings.Join(got.Tags, "|") != "a" || got.Name != "" {
		t.Errorf("tags before every: %+v", got)
	}
}
