package bot_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store/sqlite"
)

// End to end with real parts: an RSS feed on loopback, the real poller,
// a SQLite file, the real Slack and Discord adapters talking to fake
// platform APIs, and the Dispatcher in between.

// fakeFeed serves an RSS document whose items tests can add to.
type fakeFeed struct {
	mu    sync.Mutex
	items []string // rendered <item> elements
}

func (f *fakeFeed) add(guid, title, text string, published time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.items = append(f.items, fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>https://news.example/%s</link><description>%s</description><pubDate>%s</pubDate></item>`,
		guid, title, guid, text, published.Format(time.RFC1123Z)))
}

func (f *fakeFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml")
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>https://news.example/</link><description>test wire</description>%s</channel></rss>`,
		strings.Join(f.items, ""))
}

// chatAPI is a fake Slack Web API and Discord REST API in one server,
// recording every message posted.
type chatAPI struct {
	mu            sync.Mutex
	slackPosts    []url.Values // chat.postMessage form bodies
	discordPosts  []string     // channel ids of POST /channels/{id}/messages
	slackLimitFor time.Duration
	slackLimited  int
}

func (c *chatAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/slack/api/chat.postMessage":
		if c.slackLimitFor > 0 {
			c.slackLimited++
			w.Header().Set("Retry-After", fmt.Sprint(int(c.slackLimitFor.Seconds())))
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		c.slackPosts = append(c.slackPosts, form)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"channel":%q,"ts":"1790000000.%06d"}`, form.Get("channel"), len(c.slackPosts))
	case r.Method == http.MethodPost && r.URL.Path == "/slack/api/conversations.history":
		// What a recheck reads: our earlier posts with their metadata.
		r.ParseForm()
		var msgs []string
		for i := len(c.slackPosts) - 1; i >= 0; i-- {
			if p := c.slackPosts[i]; p.Get("channel") == r.Form.Get("channel") {
				msgs = append(msgs, fmt.Sprintf(`{"type":"message","ts":"1790000000.%06d","metadata":%s}`, i+1, p.Get("metadata")))
			}
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"messages":[%s],"has_more":false}`, strings.Join(msgs, ","))
	case r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/discord/api/v10/channels/") && strings.HasSuffix(r.URL.Path, "/messages"):
		channel := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/discord/api/v10/channels/"), "/messages")
		c.discordPosts = append(c.discordPosts, channel)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"%d","channel_id":%q}`, len(c.discordPosts), channel)
	default:
		http.Error(w, "unexpected "+r.Method+" "+r.URL.Path, http.StatusNotFound)
	}
}

func (c *chatAPI) counts() (slackPosts, discordPosts int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.slackPosts), len(c.discordPosts)
}

// process is one briefbot process: what cmd/briefbot wires, minus config.
type process struct {
	store      *sqlite.Store
	poller     *feeds.Poller
	dispatcher *bot.Dispatcher
}

func startProcess(t *testing.T, dbPath, apiURL string, clock func() time.Time) *process {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	router := &bot.Router{Store: st, Topics: map[string]string{"russia": "Russia OR Moscow"}, Clock: clock}
	sl := slack.New(slack.Config{APIURL: apiURL + "/slack/api/", BotToken: "xoxb-test"}, router, nil)
	dc, err := discord.New(discord.Config{APIURL: apiURL + "/discord/api/v10", BotToken: "discord-test"}, router, nil)
	if err != nil {
		t.Fatal(err)
	}
	fetcher := feeds.NewFetcher("test")
	return &process{
		store:  st,
		poller: &feeds.Poller{Store: st, Fetcher: fetcher, Clock: clock, Owner: "p", NoFullText: true},
		dispatcher: &bot.Dispatcher{
			Store: st, Senders: map[string]bot.Sender{bot.Slack: sl, bot.Discord: dc},
			Topics: router.Topics, Clock: clock, Owner: "p",
		},
	}
}

// cycle is what cmd runs per poll: poll, dispatch, flush.
func (p *process) cycle(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	if _, err := p.poller.Cycle(ctx); err != nil {
		t.Fatalf("poll cycle: %v", err)
	}
	if _, err := p.dispatcher.Dispatch(ctx); err != nil {
		t.Fatalf("dispatch: %v", err)
	}
	if _, err := p.dispatcher.Flush(ctx); err != nil {
		t.Fatalf("flush: %v", err)
	}
}

func TestInstantSubscriptionPostsOnceToSlackAndDiscord(t *testing.T) {
	feed := &fakeFeed{}
	feedSrv := httptest.NewServer(feed)
	defer feedSrv.Close()
	api := &chatAPI{}
	apiSrv := httptest.NewServer(api)
	defer apiSrv.Close()

	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var clockMu sync.Mutex
	clock := func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return now }
	advance := func(d time.Duration) { clockMu.Lock(); now = now.Add(d); clockMu.Unlock() }

	db := filepath.Join(t.TempDir(), "briefbot.db")
	p := startProcess(t, db, apiSrv.URL, clock)
	ctx := context.Background()
	if _, err := p.store.SyncFeeds(ctx, []briefbot.Feed{{Name: "Wire", URL: feedSrv.URL + "/rss", Interval: time.Minute}}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []briefbot.Subscription{
		{Platform: bot.Slack, Channel: "C-news", Topic: "russia", Query: "Russia OR Moscow", Mode: briefbot.ModeInstant},
		{Platform: bot.Discord, Channel: "D-desk", Topic: "russia", Query: "Russia OR Moscow", Mode: briefbot.ModeInstant},
	} {
		if _, err := p.store.AddSubscription(ctx, s); err != nil {
			t.Fatal(err)
		}
	}

	// First poll: the backlog is stored silently, nobody is alerted.
	feed.add("old-1", "Moscow hosts regional forum", "Delegates met in Moscow.", now.Add(-48*time.Hour))
	p.cycle(t)
	if s, d := api.counts(); s != 0 || d != 0 {
		t.Fatalf("first poll alerted: %d Slack, %d Discord posts", s, d)
	}

	// A new article on the next poll: one message on each platform.
	advance(2 * time.Minute)
	feed.add("new-1", "Russian envoy arrives in Geneva", "The envoy will meet his counterparts.", now)
	feed.add("new-2", "Harvest festival opens in Lyon", "Nothing about diplomacy here.", now)
	p.cycle(t)
	s, d := api.counts()
	if s != 1 || d != 1 {
		t.Fatalf("new article: %d Slack chat.postMessage, %d Discord messages; want exactly 1 each", s, d)
	}
	api.mu.Lock()
	post := api.slackPosts[0]
	gotDiscord := api.discordPosts[0]
	api.mu.Unlock()
	if post.Get("channel") != "C-news" || !strings.Contains(post.Get("text")+post.Get("blocks"), "Russian envoy arrives in Geneva") {
		t.Errorf("Slack post = %v, want the envoy article in C-news", post)
	}
	if strings.Contains(post.Get("blocks"), "Harvest festival") {
		t.Errorf("off-topic article posted to Slack")
	}
	if gotDiscord != "D-desk" {
		t.Errorf("Discord post went to %q", gotDiscord)
	}

	// Restart: a new process over the same database posts nothing again.
	p.store.Close()
	advance(2 * time.Minute)
	p2 := startProcess(t, db, apiSrv.URL, clock)
	p2.cycle(t)
	advance(10 * time.Minute)
	p2.cycle(t)
	if s, d := api.counts(); s != 1 || d != 1 {
		t.Errorf("after restart: %d Slack, %d Discord posts in total; want still 1 each", s, d)
	}
}

func TestSlack429GoesBackToOutboxWithRetryAfter(t *testing.T) {
	api := &chatAPI{slackLimitFor: 30 * time.Second}
	apiSrv := httptest.NewServer(api)
	defer apiSrv.Close()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var clockMu sync.Mutex
	clock := func() time.Time { clockMu.Lock(); defer clockMu.Unlock(); return now }
	p := startProcess(t, filepath.Join(t.TempDir(), "b.db"), apiSrv.URL, clock)
	ctx := context.Background()
	if _, err := p.store.AddSubscription(ctx, briefbot.Subscription{Platform: bot.Slack, Channel: "C1", Topic: "russia", Query: "Russia", Mode: briefbot.ModeInstant}); err != nil {
		t.Fatal(err)
	}
	a := briefbot.Article{Hash: "h1", URL: "https://news.example/r", Title: "Russia and Japan sign accord", FetchedAt: now}
	if _, err := p.store.SaveArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := p.dispatcher.Dispatch(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := p.dispatcher.Flush(ctx); err != nil || n != 0 {
		t.Fatalf("Flush under 429 = %d, %v", n, err)
	}
	ds, _ := p.store.Deliveries(ctx, bot.Slack, "C1", 1)
	if len(ds) != 1 || ds[0].Status != briefbot.DeliveryPending || !ds[0].NextTry.Equal(now.Add(30*time.Second)) {
		t.Fatalf("after 429 with Retry-After 30: %+v, want pending until +30s", ds)
	}
	api.mu.Lock()
	api.slackLimitFor = 0
	api.mu.Unlock()
	clockMu.Lock()
	now = now.Add(29 * time.Second)
	clockMu.Unlock()
	if n, _ := p.dispatcher.Flush(ctx); n != 0 {
		t.Fatalf("sent before Retry-After elapsed")
	}
	clockMu.Lock()
	now = now.Add(time.Second)
	clockMu.Unlock()
	if n, err := p.dispatcher.Flush(ctx); err != nil || n != 1 {
		t.Fatalf("Flush after Retry-After = %d, %v; want 1", n, err)
	}
	if s, _ := api.counts(); s != 1 {
		t.Errorf("Slack got %d posts, want 1", s)
	}
}

func TestLongDigestIsSplitButDeliveredOnce(t *testing.T) {
	api := &chatAPI{}
	apiSrv := httptest.NewServer(api)
	defer apiSrv.Close()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	p := startProcess(t, filepath.Join(t.TempDir(), "b.db"), apiSrv.URL, clock)
	ctx := context.Background()
	for _, platform := range []string{bot.Slack, bot.Discord} {
		if _, err := p.store.AddSubscription(ctx, briefbot.Subscription{Platform: platform, Channel: "news", Topic: "russia", Query: "Russia", Mode: briefbot.ModeInstant}); err != nil {
			t.Fatal(err)
		}
	}
	const n = 60 // beyond Slack's 50 blocks and Discord's 10 embeds per message
	for i := range n {
		a := briefbot.Article{
			Hash: fmt.Sprint("h", i), URL: fmt.Sprintf("https://news.example/r%d", i), FeedName: "Wire",
			Title: fmt.Sprintf("Russia story number %03d", i), Text: strings.Repeat("Talks continued in the Russian capital. ", 20),
			FetchedAt: now,
		}
		if _, err := p.store.SaveArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := p.dispatcher.Dispatch(ctx); err != nil || got != 2 {
		t.Fatalf("Dispatch = %d, %v; want one delivery per channel", got, err)
	}
	if sent, err := p.dispatcher.Flush(ctx); err != nil || sent != 2 {
		t.Fatalf("Flush = %d, %v", sent, err)
	}
	s, d := api.counts()
	if s < 2 || d < 2 {
		t.Fatalf("%d-article digest went out as %d Slack and %d Discord messages; want it split", n, s, d)
	}
	api.mu.Lock()
	var slackBlocks strings.Builder
	for _, post := range api.slackPosts {
		slackBlocks.WriteString(post.Get("blocks"))
	}
	api.mu.Unlock()
	for i := range n {
		title := fmt.Sprintf("Russia story number %03d", i)
		if c := strings.Count(slackBlocks.String(), title); c != 1 {
			t.Errorf("Slack parts show %q %d times, want once", title, c)
		}
	}
	// Sent is final: later flushes post nothing.
	if sent, _ := p.dispatcher.Flush(ctx); sent != 0 {
		t.Errorf("second Flush sent %d", sent)
	}
	if s2, d2 := api.counts(); s2 != s || d2 != d {
		t.Errorf("posts grew after the delivery was sent: %d→%d Slack, %d→%d Discord", s, s2, d, d2)
	}
}
