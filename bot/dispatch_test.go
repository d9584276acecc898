package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/fakeclock"
	"github.com/briefbot/briefbot/store/sqlite"
	"github.com/briefbot/briefbot/summarize"
)

var testTopics = map[string]string{
	"russia":    "Russia OR Moscow OR Kremlin",
	"ceasefire": "ceasefire OR truce",
	"asia":      "China OR Japan OR Korea",
}

func subscribe(t *testing.T, st *sqlite.Store, s briefbot.Subscription) {
	t.Helper()
	if s.Query == "" {
		s.Query = testTopics[s.Topic]
	}
	if s.Mode == "" {
		s.Mode = briefbot.ModeInstant
	}
	if _, err := st.AddSubscription(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

func newDispatcher(st *sqlite.Store, clock *fakeclock.Clock, senders map[string]Sender) *Dispatcher {
	return &Dispatcher{
		Store: st, Senders: senders, Topics: testTopics,
		Clock: clock.Now, Owner: "replica-1",
		randJitter: func(int64) int64 { return 0 }, // no jitter: exact retry times
	}
}

func mustDispatch(t *testing.T, d *Dispatcher) int {
	t.Helper()
	n, err := d.Dispatch(context.Background())
	if err != nil {
		t.Fatalf("Dispatch: %v", err)
	}
	return n
}

func mustFlush(t *testing.T, d *Dispatcher) int {
	t.Helper()
	n, err := d.Flush(context.Background())
	if err != nil {
		t.Fatalf("Flush: %v", err)
	}
	return n
}

// russianArticle is a fresh article about Russia, numbered to stay unique.
func russianArticle(n int, fetched time.Time) briefbot.Article {
	return briefbot.Article{
		FeedName:  "Wire One",
		URL:       fmt.Sprintf("https://news.example/russia-%d", n),
		Title:     fmt.Sprintf("Kremlin comments on talks, part %d", n),
		Text:      "A Russian spokesman commented on the talks.",
		FetchedAt: fetched, PublishedAt: fetched,
	}
}

func TestDispatchBatchesOneMessagePerChannel(t *testing.T) {
	st, _ := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	slack, discord := &recordingSender{}, &recordingSender{}
	d := newDispatcher(st, clock, map[string]Sender{Slack: slack, Discord: discord})

	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C-news", Topic: "russia"})
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C-news", Topic: "ceasefire"})
	subscribe(t, st, briefbot.Subscription{Platform: Discord, Channel: "D-desk", Topic: "russia"})
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C-asia", Topic: "asia"})
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C-daily", Topic: "russia", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "UTC"})

	// One poll's worth: three Russia articles (the first also about a
	// ceasefire, so it matches both topics of C-news), one on sanctions
	// that mentions a ceasefire but not Russia, and a silent first-poll item.
	a1 := saveArticle(t, st, lavrovArticle)
	a2 := saveArticle(t, st, russianArticle(2, day.Add(12*time.Hour)))
	a3 := saveArticle(t, st, russianArticle(3, day.Add(12*time.Hour)))
	a4 := saveArticle(t, st, sanctionsArticle)
	silent := russianArticle(4, day.Add(12*time.Hour))
	silent.Silent = true
	saveArticle(t, st, silent)

	if n := mustDispatch(t, d); n != 2 {
		t.Fatalf("Dispatch enqueued %d deliveries, want 2 (C-news, D-desk)", n)
	}
	if n := mustFlush(t, d); n != 2 {
		t.Fatalf("Flush sent %d, want 2", n)
	}
	for name, tc := range map[string]struct {
		sender *recordingSender
		want   []int64
	}{
		"slack C-news":   {slack, []int64{a1.ID, a2.ID, a3.ID, a4.ID}},
		"discord D-desk": {discord, []int64{a1.ID, a2.ID, a3.ID}},
	} {
		sent := tc.sender.Sent()
		if len(sent) != 1 {
			t.Fatalf("%s got %d messages, want exactly 1: %+v", name, len(sent), sent)
		}
		got := digestArticleIDs(sent[0].Digest)
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s message carries articles %v, want %v (each once, silent one left out)", name, got, tc.want)
		}
	}
	if ch := slack.Sent()[0].Channel; ch != "C-news" {
		t.Errorf("slack message went to %q, want C-news", ch)
	}
	if title := slack.Sent()[0].Digest.Title; !strings.Contains(title, "russia") || !strings.Contains(title, "ceasefire") {
		t.Errorf("title %q should name both matching topics", title)
	}

	// Nothing new: no new deliveries, nothing sent again.
	if n := mustDispatch(t, d); n != 0 {
		t.Errorf("second Dispatch enqueued %d", n)
	}
	if n := mustFlush(t, d); n != 0 || len(slack.Sent()) != 1 || len(discord.Sent()) != 1 {
		t.Errorf("second Flush sent %d more", n)
	}
}

func TestRestartDoesNotResend(t *testing.T) {
	st, path := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "russia"})
	saveArticle(t, st, lavrovArticle)

	first := &recordingSender{}
	d := newDispatcher(st, clock, map[string]Sender{Slack: first})
	mustDispatch(t, d)
	if n := mustFlush(t, d); n != 1 {
		t.Fatalf("first run sent %d, want 1", n)
	}
	st.Close()

	// A new process over the same file, with a fresh sender and memory.
	st2 := reopenStore(t, path)
	second := &recordingSender{}
	d2 := newDispatcher(st2, clock, map[string]Sender{Slack: second})
	d2.Owner = "replica-restarted"
	clock.Advance(time.Hour)
	mustDispatch(t, d2)
	mustFlush(t, d2)
	if second.Calls() != 0 {
		t.Errorf("restarted dispatcher re-sent %d messages: %+v", second.Calls(), second.Sent())
	}

	// Even if the articles were matched again (a crash between Enqueue and
	// MarkDispatched), the channel does not get them twice.
	_, created, err := st2.Enqueue(context.Background(), briefbot.Delivery{
		Platform: Slack, Channel: "C1", Key: "instant:slack:C1:replayed",
		ArticleIDs: []int64{1}, Payload: summarize.BuildDigest("replay", []briefbot.Article{lavrovArticle}, day, day),
	})
	if err != nil || created {
		t.Errorf("re-enqueueing a sent article: created %v, err %v; want not created", created, err)
	}
}

func TestCrashedClaimIsSentOnceAfterLease(t *testing.T) {
	st, _ := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "russia"})
	saveArticle(t, st, lavrovArticle)
	ctx := context.Background()

	crashed := newDispatcher(st, clock, nil)
	crashed.Owner = "replica-dead"
	mustDispatch(t, crashed)
	// The replica claims the delivery, then dies before sending.
	claimed, err := st.ClaimDeliveries(ctx, "replica-dead", clock.Now(), 2*time.Minute, 10)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %d deliveries", err, len(claimed))
	}

	sender := &recordingSender{}
	survivor := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	survivor.Owner = "replica-alive"
	survivor.Lease = 2 * time.Minute
	if n := mustFlush(t, survivor); n != 0 || sender.Calls() != 0 {
		t.Fatalf("survivor sent %d while the dead replica's claim was live", n)
	}
	clock.Advance(2*time.Minute + time.Second)
	if n := mustFlush(t, survivor); n != 1 {
		t.Fatalf("after lease expiry survivor sent %d, want 1", n)
	}
	clock.Advance(10 * time.Minute)
	mustFlush(t, survivor)
	if got := len(sender.Sent()); got != 1 {
		t.Errorf("delivery sent %d times, want exactly once", got)
	}
	ds, _ := st.Deliveries(ctx, Slack, "C1", 10)
	if len(ds) != 1 || ds[0].Status != briefbot.DeliverySent {
		t.Errorf("outbox = %+v, want one sent delivery", ds)
	}
}

func TestFlushRetriesWithBackoffThenGivesUpAfter26h(t *testing.T) {
	st, _ := openStore(t)
	start := day.Add(13 * time.Hour)
	clock := fakeclock.New(start)
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "russia"})
	saveArticle(t, st, lavrovArticle)
	ctx := context.Background()

	boom := errors.New("slack: 503 service unavailable")
	fails := make([]error, 1000)
	for i := range fails {
		fails[i] = boom
	}
	sender := &recordingSender{fail: fails}
	d := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	d.RetryBase = 30 * time.Second
	d.RetryMax = 10 * time.Minute
	mustDispatch(t, d)

	// Attempts at 0s, then after 30s, 60s, 120s… (doubling, capped at 10m).
	for i, wait := range []time.Duration{30 * time.Second, 60 * time.Second, 120 * time.Second, 240 * time.Second, 480 * time.Second, 600 * time.Second, 600 * time.Second} {
		mustFlush(t, d)
		if sender.Calls() != i+1 {
			t.Fatalf("after attempt %d: %d calls", i+1, sender.Calls())
		}
		ds, _ := st.Deliveries(ctx, Slack, "C1", 1)
		if ds[0].Status != briefbot.DeliveryPending || !ds[0].NextTry.Equal(clock.Now().Add(wait)) || ds[0].LastError != boom.Error() {
			t.Fatalf("after attempt %d: %+v, want pending, next try in %s, error recorded", i+1, ds[0], wait)
		}
		clock.Advance(wait - time.Second)
		mustFlush(t, d)
		if sender.Calls() != i+1 {
			t.Fatalf("retried %s early", time.Second)
		}
		clock.Advance(time.Second)
	}
	// Still failing after a 24h outage: still pending (no attempt budget).
	for clock.Now().Sub(start) < 26*time.Hour-10*time.Minute {
		mustFlush(t, d)
		clock.Advance(10 * time.Minute)
	}
	ds, _ := st.Deliveries(ctx, Slack, "C1", 1)
	if ds[0].Status != briefbot.DeliveryPending || ds[0].Attempts < 100 {
		t.Fatalf("before 26h: %+v, want pending after 100+ attempts", ds[0])
	}
	clock.Set(start.Add(26 * time.Hour))
	mustFlush(t, d)
	ds, _ = st.Deliveries(ctx, Slack, "C1", 1)
	if ds[0].Status != briefbot.DeliveryFailed {
		t.Fatalf("after failing for 26h: %+v, want failed", ds[0])
	}
	calls := sender.Calls()
	clock.Advance(24 * time.Hour)
	mustFlush(t, d)
	if sender.Calls() != calls {
		t.Errorf("a failed delivery was tried again (%d calls)", sender.Calls())
	}

	// The operator retries it: a fresh day-long window, sent once, and the
	// sender is told to look for an earlier copy first.
	sender.mu.Lock()
	sender.fail = nil
	sender.mu.Unlock()
	if n, err := st.RetryFailed(ctx, 0, clock.Now()); err != nil || n != 1 {
		t.Fatalf("RetryFailed = %d, %v", n, err)
	}
	if n := mustFlush(t, d); n != 1 {
		t.Fatalf("retried delivery not sent: %d", n)
	}
	if sent := sender.Sent(); len(sent) != 1 || !sent[0].Recheck {
		t.Errorf("sent %+v, want once with Recheck", sent)
	}
}

func TestFlushRateLimitsAreNotAttempts(t *testing.T) {
	st, _ := openStore(t)
	start := day.Add(13 * time.Hour)
	clock := fakeclock.New(start)
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "russia"})
	saveArticle(t, st, lavrovArticle)
	ctx := context.Background()

	// A 30-hour 429 storm (Retry-After 10m): longer than the give-up window.
	storm := make([]error, 30*6)
	for i := range storm {
		storm[i] = &RateLimitError{RetryAfter: 10 * time.Minute}
	}
	sender := &recordingSender{fail: storm}
	d := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	mustDispatch(t, d)
	for range storm {
		mustFlush(t, d)
		clock.Advance(10 * time.Minute)
	}
	ds, _ := st.Deliveries(ctx, Slack, "C1", 1)
	if ds[0].Status != briefbot.DeliveryPending || ds[0].Attempts != 0 {
		t.Fatalf("after a 30h storm: %+v, want pending with 0 attempts", ds[0])
	}
	if n := mustFlush(t, d); n != 1 || len(sender.Sent()) != 1 {
		t.Fatalf("not sent after the storm: %d", n)
	}
}

func TestFlushHonoursRetryAfter(t *testing.T) {
	st, _ := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	subscribe(t, st, briefbot.Subscription{Platform: Discord, Channel: "D1", Topic: "russia"})
	saveArticle(t, st, lavrovArticle)

	sender := &recordingSender{fail: []error{fmt.Errorf("post: %w", &RateLimitError{RetryAfter: 7 * time.Second})}}
	d := newDispatcher(st, clock, map[string]Sender{Discord: sender})
	d.RetryBase = time.Hour // the platform's Retry-After wins over backoff
	mustDispatch(t, d)
	mustFlush(t, d)
	clock.Advance(6 * time.Second)
	if mustFlush(t, d); sender.Calls() != 1 {
		t.Fatalf("retried before Retry-After: %d calls", sender.Calls())
	}
	clock.Advance(time.Second)
	if n := mustFlush(t, d); n != 1 || len(sender.Sent()) != 1 {
		t.Fatalf("not sent once Retry-After passed: sent %d", n)
	}
}

func TestFlushWithoutSenderKeepsDelivery(t *testing.T) {
	st, _ := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	subscribe(t, st, briefbot.Subscription{Platform: Discord, Channel: "D1", Topic: "russia"})
	saveArticle(t, st, lavrovArticle)
	d := newDispatcher(st, clock, map[string]Sender{Slack: &recordingSender{}})
	mustDispatch(t, d)
	// Longer than the give-up window: it waits, never fails for good.
	for range 30 {
		mustFlush(t, d)
		clock.Advance(time.Hour)
	}
	ds, _ := st.Deliveries(context.Background(), Discord, "D1", 1)
	if len(ds) != 1 || ds[0].Status != briefbot.DeliveryPending || !strings.Contains(ds[0].LastError, `no sender configured for platform "discord"`) {
		t.Fatalf("delivery for an unconfigured platform = %+v, want pending with the reason", ds)
	}
	// Once the platform is configured (a restart with credentials), it goes out.
	sender := &recordingSender{}
	d.Senders[Discord] = sender
	if n := mustFlush(t, d); n != 1 || len(sender.Sent()) != 1 {
		t.Errorf("after configuring discord: sent %d", n)
	}
}

func TestFollowAlertsWhenSpeakerQuoted(t *testing.T) {
	st, _ := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	sender := &recordingSender{}
	d := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: followPrefix + "Wang Yi", Query: FollowQuery("Wang Yi"), Follow: true})
	saveArticle(t, st, lavrovArticle)
	wang := saveArticle(t, st, wangArticle)
	mustDispatch(t, d)
	mustFlush(t, d)
	sent := sender.Sent()
	if len(sent) != 1 || !slices.Equal(digestArticleIDs(sent[0].Digest), []int64{wang.ID}) {
		t.Fatalf("follow alert = %+v, want one message with the Wang Yi article", sent)
	}
	if sent[0].Digest.Title != "Following Wang Yi" {
		t.Errorf("title = %q", sent[0].Digest.Title)
	}
}

func TestConfiguredTopicQueryOverridesStoredOne(t *testing.T) {
	st, _ := openStore(t)
	clock := fakeclock.New(day.Add(13 * time.Hour))
	sender := &recordingSender{}
	d := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	// Stored when the topic meant something else; config has changed since.
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "asia", Query: "Moscow"})
	saveArticle(t, st, lavrovArticle)
	wang := saveArticle(t, st, wangArticle)
	mustDispatch(t, d)
	mustFlush(t, d)
	if sent := sender.Sent(); len(sent) != 1 || !slices.Equal(digestArticleIDs(sent[0].Digest), []int64{wang.ID}) {
		t.Errorf("sent %+v, want the China article only (config query)", sent)
	}
}

func TestDailyDigestAtLocalTimeOncePerDay(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	// 15 January: Paris is UTC+1, so 08:00 Paris is 07:00 UTC.
	winter := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	clock := fakeclock.New(winter.Add(6*time.Hour + 59*time.Minute))
	sender := &recordingSender{}
	d := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C-paris", Topic: "russia", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "Europe/Paris"})

	old := russianArticle(1, winter.Add(-30*time.Hour)) // before the 24h window
	saveArticle(t, st, old)
	fresh := saveArticle(t, st, russianArticle(2, winter.Add(-3*time.Hour)))
	saveArticle(t, st, wangArticle) // off topic (and too old)
	// An instant subscription elsewhere must not get daily mail.
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C-instant", Topic: "asia"})

	if n, err := d.Daily(ctx, clock.Now()); err != nil || n != 0 {
		t.Fatalf("Daily at 06:59 UTC = %d, %v; want nothing before 08:00 Paris", n, err)
	}
	clock.Set(winter.Add(7 * time.Hour))
	if n, err := d.Daily(ctx, clock.Now()); err != nil || n != 1 {
		t.Fatalf("Daily at 07:00 UTC = %d, %v; want the Paris digest", n, err)
	}
	// Later the same day, from this process or a fresh one: nothing more.
	clock.Advance(5 * time.Minute)
	if n, _ := d.Daily(ctx, clock.Now()); n != 0 {
		t.Errorf("second Daily the same day enqueued %d", n)
	}
	other := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	other.Owner = "replica-1" // same owner renews the lease; a new memory must rely on the store
	if n, _ := other.Daily(ctx, clock.Now()); n != 0 {
		t.Errorf("a restarted dispatcher re-enqueued today's digest: %d", n)
	}
	mustFlush(t, d)
	sent := sender.Sent()
	if len(sent) != 1 || sent[0].Channel != "C-paris" {
		t.Fatalf("sent %+v, want one digest to C-paris", sent)
	}
	if got := digestArticleIDs(sent[0].Digest); !slices.Equal(got, []int64{fresh.ID}) {
		t.Errorf("daily digest carries %v, want only the fresh on-topic article %d", got, fresh.ID)
	}
	ds, _ := st.Deliveries(ctx, Slack, "C-paris", 1)
	if ds[0].Key != "daily:slack:C-paris:russia:2027-01-15" {
		t.Errorf("key = %q", ds[0].Key)
	}

	// The next day fires again, with the new day's article only.
	next := saveArticle(t, st, russianArticle(3, winter.Add(20*time.Hour)))
	clock.Set(winter.Add(24*time.Hour + 7*time.Hour + time.Minute))
	if n, err := d.Daily(ctx, clock.Now()); err != nil || n != 1 {
		t.Fatalf("Daily the next morning = %d, %v", n, err)
	}
	mustFlush(t, d)
	if sent := sender.Sent(); len(sent) != 2 || !slices.Equal(digestArticleIDs(sent[1].Digest), []int64{next.ID}) {
		t.Errorf("second day's digest = %+v, want only article %d", sent, next.ID)
	}
}

func TestDailyOnlyOneReplicaWorks(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	now := time.Date(2027, 7, 1, 6, 30, 0, 0, time.UTC) // 08:30 Paris in summer
	clock := fakeclock.New(now)
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "russia", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "Europe/Paris"})
	saveArticle(t, st, russianArticle(1, now.Add(-time.Hour)))
	if ok, err := st.AcquireLease(ctx, dailyLeaseName, "replica-other", now, time.Minute); err != nil || !ok {
		t.Fatalf("lease: %v %v", ok, err)
	}
	d := newDispatcher(st, clock, nil)
	if n, err := d.Daily(ctx, now); err != nil || n != 0 {
		t.Fatalf("Daily while another replica holds the lease = %d, %v", n, err)
	}
	if n, err := d.Daily(ctx, now.Add(2*time.Minute)); err != nil || n != 1 {
		t.Fatalf("Daily after the other lease expired = %d, %v; want 1", n, err)
	}
}

func TestConsoleSenderNamesChannel(t *testing.T) {
	var buf bytes.Buffer
	c := &ConsoleSender{W: &buf}
	d := summarize.BuildDigest("New on russia", []briefbot.Article{lavrovArticle}, day, day.Add(time.Hour))
	if err := c.Send(context.Background(), Post{Channel: "general", Digest: d}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, w := range []string{"#general", "New on russia", lavrovArticle.Title, lavrovArticle.URL} {
		if !strings.Contains(out, w) {
			t.Errorf("console output lacks %q:\n%s", w, out)
		}
	}
}

func TestSyncSubscriptions(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "asia", CreatedBy: "U1"}) // made in chat
	configured := []briefbot.Subscription{
		{Platform: Slack, Channel: "C1", Topic: "russia", Query: testTopics["russia"], Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "Europe/Paris", CreatedBy: ConfigCreator},
		{Platform: Discord, Channel: "D1", Topic: "ceasefire OR truce", Mode: briefbot.ModeInstant, CreatedBy: ConfigCreator},
	}
	if err := SyncSubscriptions(ctx, st, configured); err != nil {
		t.Fatal(err)
	}
	all, _ := st.Subscriptions(ctx, "", "")
	if len(all) != 3 {
		t.Fatalf("after sync: %+v, want chat one kept plus 2 configured", all)
	}
	// Dropping one from config removes it, never the chat-made one.
	if err := SyncSubscriptions(ctx, st, configured[1:]); err != nil {
		t.Fatal(err)
	}
	all, _ = st.Subscriptions(ctx, "", "")
	var topics []string
	for _, s := range all {
		topics = append(topics, s.Platform+"/"+s.Topic+"/"+s.Query)
	}
	slices.Sort(topics)
	want := []string{"discord/ceasefire OR truce/ceasefire OR truce", "slack/asia/China OR Japan OR Korea"}
	if !slices.Equal(topics, want) {
		t.Errorf("after removing one from config: %q, want %q", topics, want)
	}
	// A bad entry is reported by name and changes nothing.
	bad := append(configured[1:], briefbot.Subscription{Platform: Slack, Channel: "C9", Topic: "x", Query: "(x", Mode: briefbot.ModeInstant})
	err := SyncSubscriptions(ctx, st, bad)
	if err == nil || !strings.Contains(err.Error(), `slack/C9 "x"`) || !strings.Contains(err.Error(), `unbalanced "(" at 1`) {
		t.Errorf("sync with a bad query: %v", err)
	}
	if after, _ := st.Subscriptions(ctx, "", ""); len(after) != 2 {
		t.Errorf("a failed sync changed subscriptions: %+v", after)
	}
}
