package storetest

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

func testSubscriptions(t *testing.T, s store.Store) {
	add := func(sub briefbot.Subscription) briefbot.Subscription {
		t.Helper()
		got, err := s.AddSubscription(ctx(t), sub)
		check(t, err)
		return got
	}
	first := add(briefbot.Subscription{Platform: "slack", Channel: "C1", Topic: "ukraine", Query: "ukraine ceasefire",
		Mode: briefbot.ModeInstant, CreatedBy: "U1", CreatedAt: t0})
	if first.ID == 0 || first.Query != "ukraine ceasefire" || !first.CreatedAt.Equal(t0) {
		t.Fatalf("AddSubscription returned %+v", first)
	}
	add(briefbot.Subscription{Platform: "slack", Channel: "C2", Topic: "ukraine", Query: "ukraine", Mode: briefbot.ModeInstant})
	add(briefbot.Subscription{Platform: "discord", Channel: "C1", Topic: "lavrov", Query: "Sergei Lavrov", Follow: true, Mode: briefbot.ModeInstant})

	// Same platform, channel and topic: replaced, not duplicated.
	replaced := add(briefbot.Subscription{Platform: "slack", Channel: "C1", Topic: "ukraine", Query: "kyiv",
		Mode: briefbot.ModeDaily, DailyAt: "08:30", Timezone: "Europe/Paris", CreatedBy: "U2", CreatedAt: t0.Add(time.Hour)})
	want := briefbot.Subscription{ID: first.ID, Platform: "slack", Channel: "C1", Topic: "ukraine", Query: "kyiv",
		Mode: briefbot.ModeDaily, DailyAt: "08:30", Timezone: "Europe/Paris", CreatedBy: "U2", CreatedAt: t0.Add(time.Hour)}
	if !reflect.DeepEqual(replaced, want) {
		t.Errorf("replaced:\n got %+v\nwant %+v", replaced, want)
	}

	list := func(platform, channel string) []string {
		t.Helper()
		subs, err := s.Subscriptions(ctx(t), platform, channel)
		check(t, err)
		var out []string
		for _, sub := range subs {
			out = append(out, sub.Platform+"/"+sub.Channel+"/"+sub.Topic+"="+sub.Query)
		}
		slices.Sort(out)
		return out
	}
	if got := list("", ""); !slices.Equal(got, []string{"discord/C1/lavrov=Sergei Lavrov", "slack/C1/ukraine=kyiv", "slack/C2/ukraine=ukraine"}) {
		t.Errorf("all subscriptions = %q", got)
	}
	if got := list("slack", ""); len(got) != 2 {
		t.Errorf("slack subscriptions = %q", got)
	}
	if got := list("", "C1"); len(got) != 2 {
		t.Errorf("C1 subscriptions = %q", got)
	}
	if got := list("slack", "C1"); !slices.Equal(got, []string{"slack/C1/ukraine=kyiv"}) {
		t.Errorf("slack/C1 subscriptions = %q", got)
	}
	subs, err := s.Subscriptions(ctx(t), "discord", "C1")
	check(t, err)
	if len(subs) != 1 || !subs[0].Follow {
		t.Errorf("follow flag lost: %+v", subs)
	}

	removed, err := s.RemoveSubscription(ctx(t), "slack", "C1", "ukraine")
	check(t, err)
	if !removed {
		t.Error("RemoveSubscription of an existing subscription returned false")
	}
	removed, err = s.RemoveSubscription(ctx(t), "slack", "C1", "ukraine")
	check(t, err)
	if removed {
		t.Error("RemoveSubscription twice returned true")
	}
	if got := list("slack", ""); !slices.Equal(got, []string{"slack/C2/ukraine=ukraine"}) {
		t.Errorf("after remove: %q", got)
	}
}

// digestOf builds a digest with one story per pair of article IDs.
func digestOf(ids ...int64) briefbot.Digest {
	d := briefbot.Digest{Title: "Digest", Since: t0.Add(-time.Hour), Until: t0}
	for i := 0; i < len(ids); i += 2 {
		story := briefbot.DigestStory{Headline: fmt.Sprintf("story %d", i/2)}
		for _, id := range ids[i:min(i+2, len(ids))] {
			story.Articles = append(story.Articles, briefbot.DigestArticle{
				ArticleID: id, Title: fmt.Sprintf("Article %d", id), Source: "Wire",
				URL: fmt.Sprintf("https://wire.example/%d", id), PublishedAt: t0,
				Statements: []briefbot.Statement{{Text: "quote", Speaker: "Someone", Kind: briefbot.Direct}},
				Actors:     []string{"Someone"},
			})
		}
		d.Stories = append(d.Stories, story)
	}
	return d
}

func enqueue(t *testing.T, s store.Store, d briefbot.Delivery) (briefbot.Delivery, bool) {
	t.Helper()
	got, created, err := s.Enqueue(ctx(t), d)
	check(t, err)
	return got, created
}

func testEnqueueKey(t *testing.T, s store.Store) {
	d := briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "daily:C1:2026-03-14", ArticleIDs: []int64{1, 2}, Payload: digestOf(1, 2), CreatedAt: t0}
	first, created := enqueue(t, s, d)
	if !created || first.ID == 0 || first.Status != briefbot.DeliveryPending || !slices.Equal(first.ArticleIDs, []int64{1, 2}) {
		t.Fatalf("first Enqueue = %+v, created %v", first, created)
	}
	again, created := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: d.Key, ArticleIDs: []int64{3}, Payload: digestOf(3), CreatedAt: t0})
	if created || again.ID != first.ID || !slices.Equal(again.ArticleIDs, []int64{1, 2}) {
		t.Errorf("same key enqueued again: %+v, created %v", again, created)
	}
	listed, err := s.Deliveries(ctx(t), "slack", "C1", 10)
	check(t, err)
	if len(listed) != 1 {
		t.Fatalf("Deliveries = %d, want 1", len(listed))
	}
	if !reflect.DeepEqual(listed[0].Payload, d.Payload) {
		t.Errorf("payload round trip:\n got %+v\nwant %+v", listed[0].Payload, d.Payload)
	}
	if !listed[0].CreatedAt.Equal(t0) || !listed[0].NextTry.IsZero() || !listed[0].SentAt.IsZero() {
		t.Errorf("times: %+v", listed[0])
	}

	if _, _, err := s.Enqueue(ctx(t), briefbot.Delivery{Platform: "slack", Channel: "C1", ArticleIDs: []int64{7}}); err == nil {
		t.Error("Enqueue without a key: no error")
	}

	// A delivery without articles (e.g. a notice) is fine, once per key.
	notice := briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "notice:1", Payload: briefbot.Digest{Title: "Hello"}}
	if _, created := enqueue(t, s, notice); !created {
		t.Error("article-less delivery not enqueued")
	}
	if _, created := enqueue(t, s, notice); created {
		t.Error("article-less delivery enqueued twice")
	}
}

func testEnqueueArticleOnce(t *testing.T, s store.Store) {
	first, created := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "k1", ArticleIDs: []int64{1, 2}, Payload: digestOf(1, 2)})
	if !created {
		t.Fatal("k1 not created")
	}

	// 2 already went to slack/C1: k2 carries only 3 and 4, payload trimmed.
	second, created := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "k2", ArticleIDs: []int64{2, 3, 4}, Payload: digestOf(2, 3, 4)})
	if !created || second.ID == first.ID {
		t.Fatalf("k2 not created: %+v", second)
	}
	if !slices.Equal(second.ArticleIDs, []int64{3, 4}) {
		t.Errorf("k2 articles = %v, want [3 4]", second.ArticleIDs)
	}
	wantPayload := digestOf(2, 3, 4).Only(map[int64]bool{3: true, 4: true})
	if !reflect.DeepEqual(second.Payload, wantPayload) || second.Payload.ArticleCount() != 2 {
		t.Errorf("k2 payload not trimmed: %+v", second.Payload)
	}
	stored, err := s.Deliveries(ctx(t), "slack", "C1", 10)
	check(t, err)
	if len(stored) != 2 || stored[0].ID != second.ID {
		t.Fatalf("Deliveries newest first = %+v", stored)
	}
	if !slices.Equal(stored[0].ArticleIDs, []int64{3, 4}) || !reflect.DeepEqual(stored[0].Payload, wantPayload) {
		t.Errorf("stored k2 not trimmed: %v %+v", stored[0].ArticleIDs, stored[0].Payload)
	}

	// Everything already sent to slack/C1: nothing enqueued.
	none, created := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "k3", ArticleIDs: []int64{1, 4}, Payload: digestOf(1, 4)})
	if created || none.ID != 0 {
		t.Errorf("k3 with only sent articles was enqueued: %+v", none)
	}
	if stored, _ := s.Deliveries(ctx(t), "slack", "C1", 10); len(stored) != 2 {
		t.Errorf("slack/C1 has %d deliveries, want 2", len(stored))
	}
	// The k3 key was not consumed: a later delivery with new articles may use it.
	if _, created := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "k3", ArticleIDs: []int64{5}, Payload: digestOf(5)}); !created {
		t.Error("k3 with a new article not enqueued")
	}

	// The same articles still go to another channel, and another platform.
	for _, target := range [][2]string{{"slack", "C2"}, {"discord", "C1"}} {
		other, created := enqueue(t, s, briefbot.Delivery{Platform: target[0], Channel: target[1], Key: "k4-" + target[0] + target[1], ArticleIDs: []int64{1, 4}, Payload: digestOf(1, 4)})
		if !created || !slices.Equal(other.ArticleIDs, []int64{1, 4}) || other.Payload.ArticleCount() != 2 {
			t.Errorf("%s/%s: %+v created %v", target[0], target[1], other, created)
		}
	}
}

func testDeliveryLifecycle(t *testing.T, s store.Store) {
	a, _ := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "a", ArticleIDs: []int64{1}, Payload: digestOf(1), CreatedAt: t0})
	b, _ := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "b", ArticleIDs: []int64{2}, Payload: digestOf(2), CreatedAt: t0})
	c, _ := enqueue(t, s, briefbot.Delivery{Platform: "discord", Channel: "D1", Key: "c", ArticleIDs: []int64{3}, Payload: digestOf(3), CreatedAt: t0, NextTry: t0.Add(time.Hour)})

	claim := func(owner string, now time.Time) []int64 {
		t.Helper()
		ds, err := s.ClaimDeliveries(ctx(t), owner, now, time.Minute, 10)
		check(t, err)
		var ids []int64
		for _, d := range ds {
			ids = append(ids, d.ID)
		}
		return ids
	}
	if got := claim("w1", t0); !slices.Equal(got, []int64{a.ID, b.ID}) {
		t.Fatalf("claimed %v, want oldest first %v (c not due)", got, []int64{a.ID, b.ID})
	}
	if got := claim("w2", t0.Add(time.Second)); len(got) != 0 {
		t.Fatalf("claimed deliveries returned again: %v", got)
	}

	check(t, s.MarkSent(ctx(t), a.ID, t0.Add(2*time.Second)))
	check(t, s.MarkRetry(ctx(t), b.ID, "429 rate limited", t0, t0.Add(5*time.Minute), false))

	// b waits for its backoff; a is sent and never comes back.
	if got := claim("w2", t0.Add(4*time.Minute)); len(got) != 0 {
		t.Fatalf("claimed before backoff elapsed: %v", got)
	}
	if got := claim("w2", t0.Add(5*time.Minute)); !slices.Equal(got, []int64{b.ID}) {
		t.Fatalf("after backoff claimed %v, want [%d]", got, b.ID)
	}
	check(t, s.MarkRetry(ctx(t), b.ID, "500 server error", t0.Add(5*time.Minute), t0.Add(10*time.Minute), true))
	if got := claim("w3", t0.Add(2*time.Hour)); !slices.Equal(got, []int64{c.ID}) {
		t.Fatalf("at t0+2h claimed %v, want only c (%d): failed and sent are final", got, c.ID)
	}

	byID := map[int64]briefbot.Delivery{}
	for _, platform := range []string{"slack", "discord"} {
		ds, err := s.Deliveries(ctx(t), platform, "", 10)
		check(t, err)
		for _, d := range ds {
			byID[d.ID] = d
		}
	}
	if got := byID[a.ID]; got.Status != briefbot.DeliverySent || !got.SentAt.Equal(t0.Add(2*time.Second)) || got.Attempts != 1 {
		t.Errorf("a = %+v, want sent at t0+2s after 1 attempt", got)
	}
	if got := byID[b.ID]; got.Status != briefbot.DeliveryFailed || got.Attempts != 2 || got.LastError != "500 server error" || !got.SentAt.IsZero() {
		t.Errorf("b = %+v, want failed after 2 attempts with the last reason", got)
	}
	if got := byID[c.ID]; got.Status != briefbot.DeliveryPending || got.Attempts != 0 {
		t.Errorf("c = %+v, want pending, no attempt yet", got)
	}
	if err := s.MarkSent(ctx(t), c.ID+1000, t0); err == nil {
		t.Error("MarkSent of an unknown delivery: no error")
	}
}

func testDeliveryClaimExpires(t *testing.T, s store.Store) {
	d, _ := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "crash", ArticleIDs: []int64{9}, Payload: digestOf(9)})
	ds, err := s.ClaimDeliveries(ctx(t), "doomed", t0, time.Minute, 10)
	check(t, err)
	if len(ds) != 1 || ds[0].ID != d.ID || !reflect.DeepEqual(ds[0].Payload, digestOf(9)) {
		t.Fatalf("first claim: %+v", ds)
	}
	// The owner dies without marking anything.
	if ds, _ := s.ClaimDeliveries(ctx(t), "survivor", t0.Add(59*time.Second), time.Minute, 10); len(ds) != 0 {
		t.Fatalf("claimed while lease alive: %+v", ds)
	}
	ds, err = s.ClaimDeliveries(ctx(t), "survivor", t0.Add(61*time.Second), time.Minute, 10)
	check(t, err)
	if len(ds) != 1 || ds[0].ID != d.ID {
		t.Fatalf("after lease expiry claimed %+v, want delivery %d", ds, d.ID)
	}
}

func testClaimDeliveriesConcurrent(t *testing.T, s store.Store) {
	const n = 60
	for i := range n {
		enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: fmt.Sprintf("k%d", i), ArticleIDs: []int64{int64(i + 1)}, Payload: digestOf(int64(i + 1))})
	}
	got := claimConcurrently(t, "delivery", 5, n, func(owner string) ([]briefbot.Delivery, error) {
		return s.ClaimDeliveries(ctx(t), owner, t0, time.Minute, 4)
	}, func(d briefbot.Delivery) int64 { return d.ID })
	if got != n {
		t.Errorf("claimed %d deliveries, want %d", got, n)
	}
}

func testLeases(t *testing.T, s store.Store) {
	acquire := func(owner string, now time.Time) bool {
		t.Helper()
		ok, err := s.AcquireLease(ctx(t), "scheduler", owner, now, time.Minute)
		check(t, err)
		return ok
	}
	if !acquire("a", t0) {
		t.Fatal("free lease not acquired")
	}
	if acquire("b", t0.Add(30*time.Second)) {
		t.Fatal("lease held by a was acquired by b")
	}
	if !acquire("a", t0.Add(50*time.Second)) {
		t.Fatal("owner could not renew")
	}
	// Renewal moved the expiry to t0+110s.
	if acquire("b", t0.Add(100*time.Second)) {
		t.Fatal("b acquired a renewed lease before its new expiry")
	}
	if !acquire("b", t0.Add(111*time.Second)) {
		t.Fatal("b could not take an expired lease")
	}
	if acquire("a", t0.Add(112*time.Second)) {
		t.Fatal("former owner took the lease back while b holds it")
	}
	// Only the holder can release.
	check(t, s.ReleaseLease(ctx(t), "scheduler", "a"))
	if acquire("c", t0.Add(113*time.Second)) {
		t.Fatal("release by a non-owner freed the lease")
	}
	check(t, s.ReleaseLease(ctx(t), "scheduler", "b"))
	if !acquire("c", t0.Add(114*time.Second)) {
		t.Fatal("released lease not free")
	}
	// Leases are independent by name.
	ok, err := s.AcquireLease(ctx(t), "other", "a", t0.Add(114*time.Second), time.Minute)
	check(t, err)
	if !ok {
		t.Error("a distinct lease name was not free")
	}
}

func testPing(t *testing.T, s store.Store) {
	check(t, s.Ping(ctx(t)))
}
