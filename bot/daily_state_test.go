package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/fakeclock"
)

// A month of daily rounds over three subscriptions keeps at most two days
// of handled keys, not one per subscription per day forever.
func TestDailyKeysStayBounded(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	start := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	clock := fakeclock.New(start)
	d := newDispatcher(st, clock, map[string]Sender{Slack: &recordingSender{}})
	for i, zone := range []string{"UTC", "Asia/Tokyo", "America/Los_Angeles"} {
		subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: fmt.Sprint("C", i), Topic: "russia", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: zone})
	}
	most := 0
	for hour := 0; hour < 30*24; hour++ {
		clock.Set(start.Add(time.Duration(hour) * time.Hour))
		if _, err := d.Daily(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
		most = max(most, d.dailyRemembered())
	}
	if most > 3*3 || most < 3 {
		t.Errorf("remembered up to %d daily keys over 30 days for 3 subscriptions; want between 3 and 9", most)
	}
}

// When the article cap cuts the read, the log says so and the digest title
// says from when articles were searched.
func TestDailyScanCapIsStated(t *testing.T) {
	st, _ := openStore(t)
	ctx := context.Background()
	winter := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	clock := fakeclock.New(winter.Add(8 * time.Hour))
	sender := &recordingSender{}
	d := newDispatcher(st, clock, map[string]Sender{Slack: sender})
	d.DailyScan = 3
	subscribe(t, st, briefbot.Subscription{Platform: Slack, Channel: "C1", Topic: "russia", Mode: briefbot.ModeDaily, DailyAt: "08:00", Timezone: "UTC"})
	for i := 1; i <= 5; i++ {
		saveArticle(t, st, russianArticle(i, winter.Add(-time.Duration(i)*time.Hour)))
	}
	if n, err := d.Daily(ctx, clock.Now()); err != nil || n != 1 {
		t.Fatalf("Daily = %d, %v", n, err)
	}
	mustFlush(t, d)
	sent := sender.Sent()
	if len(sent) != 1 {
		t.Fatalf("sent %d digests", len(sent))
	}
	if title := sent[0].Digest.Title; !strings.Contains(title, "only articles fetched since") || !strings.Contains(title, "cap was reached") {
		t.Errorf("title %q does not state the cut", title)
	}
	if n := len(digestArticleIDs(sent[0].Digest)); n != 3 {
		t.Errorf("digest carries %d articles, want the 3 read", n)
	}
}

func TestDailyTimeRefusesABadClock(t *testing.T) {
	now := time.Date(2027, 1, 15, 12, 0, 0, 0, time.UTC)
	if _, err := dailyTime(briefbot.Subscription{DailyAt: "8h", Timezone: "UTC"}, now); err == nil {
		t.Error("dailyTime accepted 8h")
	}
	got, err := dailyTime(briefbot.Subscription{DailyAt: "7:05", Timezone: "Asia/Tokyo"}, now)
	if err != nil || got.Hour() != 7 || got.Minute() != 5 || got.Location().String() != "Asia/Tokyo" {
		t.Errorf("dailyTime 7:05 Tokyo = %v, %v", got, err)
	}
}
