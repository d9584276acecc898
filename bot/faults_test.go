package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/chatfake"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/internal/fakeclock"
	"github.com/briefbot/briefbot/store/sqlite"
)

// The chat side of the fault suite: the real Dispatcher, a SQLite outbox
// and the real Slack and Discord senders against chat stand-ins that
// answer with a 429 storm, lost posts (stored, response never arrives),
// slow posts (stored, answered after the send timeout) and a 24-hour 5xx
// outage. Every part of every delivery must be stored by the stand-in
// exactly once. The dispatcher's clock is fake (the outage passes in
// milliseconds); the slow posts are real (3 s against a 2 s send
// timeout, generous so that -race on loaded cores times out only them).

const (
	faultDeliveries = 12
	outage          = 24 * time.Hour
)

// faultPlan is the scenario, by post number: a storm of 16 consecutive
// 429s, 3 lost posts, 2 slow posts, then a 24 h outage starting at the
// next post (by the fake clock), then 3 more lost posts. The first 3
// history reads are rate limited too.
type faultPlan struct {
	clock       *fakeclock.Clock
	mu          sync.Mutex
	outageStart time.Time
	lostAfter   int
}

func (p *faultPlan) plan(c chatfake.Call) chatfake.Fault {
	if !c.Post {
		if c.N <= 3 {
			return chatfake.RateLimited
		}
		return chatfake.Pass
	}
	switch {
	case c.N <= 16:
		return chatfake.RateLimited
	case c.N <= 19:
		return chatfake.Lost
	case c.N <= 21:
		return chatfake.Slow
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock.Now()
	if p.outageStart.IsZero() {
		p.outageStart = now
	}
	if now.Before(p.outageStart.Add(outage)) {
		return chatfake.Unavailable
	}
	if c.N%7 == 0 && p.lostAfter < 3 {
		p.lostAfter++
		return chatfake.Lost
	}
	return chatfake.Pass
}

func TestFaultSuiteSlackExactlyOnce(t *testing.T) {
	fake := chatfake.NewSlack("xoxb-test")
	defer fake.Close()
	s := slack.New(slack.Config{APIURL: fake.URL(), BotToken: "xoxb-test"}, &bottest.Handler{}, bottest.DiscardLogger())
	keys := runFaultSuite(t, bot.Slack, s, func(p chatfake.Plan) { fake.SetPlan(p); fake.SetRetryAfter(0); fake.SetSlowFor(3 * time.Second) })

	counts := map[string]int{}
	for _, m := range fake.Messages() {
		counts[m.MetadataKey()]++
	}
	checkExactlyOnce(t, keys, counts, len(fake.Messages()))
	t.Logf("slack stand-in: %v calls, %d messages stored", fake.Calls(), len(fake.Messages()))
}

func TestFaultSuiteDiscordExactlyOnce(t *testing.T) {
	fake := chatfake.NewDiscord("bot-token")
	defer fake.Close()
	fake.NonceWindow = 0 // as if Discord's nonce window had passed: only the recheck stands between us and duplicates
	d, err := discord.New(discord.Config{APIURL: fake.URL(), BotToken: "bot-token"}, &bottest.Handler{}, bottest.DiscardLogger())
	if err != nil {
		t.Fatal(err)
	}
	keys := runFaultSuite(t, bot.Discord, d, func(p chatfake.Plan) { fake.SetPlan(p); fake.SetRetryAfter(0); fake.SetSlowFor(3 * time.Second) })

	refs := map[string]string{} // PartRef → PartKey
	for _, k := range keys {
		for i := range 50 {
			refs[bot.PartRef(k, i)] = bot.PartKey(k, i)
		}
	}
	counts := map[string]int{}
	for _, m := range fake.Messages() {
		for _, tag := range m.Tags() {
			counts[refs[tag]]++
		}
	}
	checkExactlyOnce(t, keys, counts, len(fake.Messages()))
	t.Logf("discord stand-in: %v calls, %d messages stored", fake.Calls(), len(fake.Messages()))
}

// runFaultSuite enqueues the deliveries, installs the fault plan and
// flushes until every delivery is sent, advancing the fake clock between
// flushes. It returns the delivery keys.
func runFaultSuite(t *testing.T, platform string, sender bot.Sender, install func(chatfake.Plan)) []string {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "faults.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	clock := fakeclock.New(start)
	install((&faultPlan{clock: clock}).plan)

	var keys []string
	for i := range faultDeliveries {
		dg := bottest.Digest(1, 2, 80)
		if i%4 == 0 {
			dg = bottest.Digest(120, 3, 300) // several messages: a thread on Slack, splits on Discord
		}
		key := fmt.Sprintf("instant:%s:C1:%d", platform, i)
		if _, _, err := st.Enqueue(ctx, briefbot.Delivery{Platform: platform, Channel: "C1", Key: key, Payload: dg, CreatedAt: start, NextTry: start}); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, key)
	}
	d := &bot.Dispatcher{Store: st, Senders: map[string]bot.Sender{platform: sender}, Clock: clock.Now, Owner: "p1",
		Logger: bottest.DiscardLogger(), SendTimeout: 2 * time.Second, Lease: 5 * time.Second, RetryMax: 30 * time.Minute}
	for round := 0; ; round++ {
		if _, err := d.Flush(ctx); err != nil {
			t.Fatalf("flush: %v", err)
		}
		counts, err := st.CountDeliveries(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if counts[briefbot.DeliveryFailed] > 0 {
			t.Fatalf("round %d: %d deliveries failed for good during a %s outage", round, counts[briefbot.DeliveryFailed], outage)
		}
		if counts[briefbot.DeliveryPending] == 0 {
			t.Logf("%s: all %d deliveries sent after %d flushes, %s of fake time", platform, len(keys), round+1, clock.Now().Sub(start))
			break
		}
		if round > 2000 {
			t.Fatalf("still %d pending after %d flushes", counts[briefbot.DeliveryPending], round)
		}
		clock.Advance(15 * time.Minute)
	}
	return keys
}

// checkExactlyOnce checks that each delivery's parts 0..n-1 were stored
// once each, and nothing else.
func checkExactlyOnce(t *testing.T, keys []string, counts map[string]int, stored int) {
	t.Helper()
	total := 0
	for i, k := range keys {
		parts := 0
		for ; counts[bot.PartKey(k, parts)] > 0; parts++ {
			if n := counts[bot.PartKey(k, parts)]; n != 1 {
				t.Errorf("%s stored %d times, want once", bot.PartKey(k, parts), n)
			}
		}
		if parts == 0 {
			t.Errorf("delivery %s never stored", k)
		}
		if i%4 == 0 && parts < 2 {
			t.Errorf("delivery %s stored as %d parts, want a split digest", k, parts)
		}
		total += parts
	}
	if stored != total {
		t.Errorf("stand-in stored %d messages, want %d (one per part)", stored, total)
	}
}
