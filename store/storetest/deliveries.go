package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

func testStartAttempt(t *testing.T, s store.Store) {
	d, _ := enqueue(t, s, briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "start", ArticleIDs: []int64{1}, Payload: digestOf(1), CreatedAt: t0})
	if _, ok, err := s.StartAttempt(ctx(t), d.ID, "w1", t0); err != nil || ok {
		t.Fatalf("StartAttempt without a claim = %v, %v; want refused", ok, err)
	}
	claimed, err := s.ClaimDeliveries(ctx(t), "w1", t0, time.Minute, 1)
	check(t, err)
	if len(claimed) != 1 || !claimed[0].StartedAt.IsZero() {
		t.Fatalf("claimed %+v, want one delivery not started", claimed)
	}
	if _, ok, _ := s.StartAttempt(ctx(t), d.ID, "w2", t0); ok {
		t.Fatal("another owner started an attempt on w1's claim")
	}
	if _, ok, _ := s.StartAttempt(ctx(t), d.ID, "w1", t0.Add(time.Minute)); ok {
		t.Fatal("StartAttempt succeeded on an expired claim")
	}
	got, ok, err := s.StartAttempt(ctx(t), d.ID, "w1", t0.Add(time.Second))
	check(t, err)
	if !ok || !got.StartedAt.Equal(t0.Add(time.Second)) || !got.FailingSince.IsZero() {
		t.Fatalf("StartAttempt = %+v, %v; want started at t0+1s, not failing yet", got, ok)
	}

	// Rate limited: the claim goes, no attempt is counted, the start stays.
	check(t, s.Postpone(ctx(t), d.ID, "rate limited", t0.Add(time.Hour)))
	if ds, _ := s.ClaimDeliveries(ctx(t), "w2", t0.Add(59*time.Minute), time.Minute, 5); len(ds) != 0 {
		t.Fatalf("claimed before the postponed time: %+v", ds)
	}
	ds, err := s.ClaimDeliveries(ctx(t), "w2", t0.Add(time.Hour), time.Minute, 5)
	check(t, err)
	if len(ds) != 1 || ds[0].Attempts != 0 || ds[0].LastError != "rate limited" || !ds[0].StartedAt.Equal(t0.Add(time.Second)) {
		t.Fatalf("after Postpone claimed %+v; want 0 attempts, reason kept, started kept", ds)
	}
	// A second start keeps the first time; failures start the window once.
	again, ok, err := s.StartAttempt(ctx(t), d.ID, "w2", t0.Add(time.Hour))
	check(t, err)
	if !ok || !again.StartedAt.Equal(t0.Add(time.Second)) || !again.FailingSince.IsZero() {
		t.Fatalf("second StartAttempt = %+v", again)
	}
	check(t, s.MarkRetry(ctx(t), d.ID, "503", t0.Add(time.Hour), t0.Add(2*time.Hour), false))
	ds, err = s.ClaimDeliveries(ctx(t), "w2", t0.Add(2*time.Hour), time.Minute, 5)
	check(t, err)
	check(t, s.MarkRetry(ctx(t), d.ID, "503", t0.Add(2*time.Hour), t0.Add(3*time.Hour), false))
	listed, err := s.Deliveries(ctx(t), "slack", "C1", 1)
	check(t, err)
	if len(ds) != 1 || listed[0].Attempts != 2 || !listed[0].FailingSince.Equal(t0.Add(time.Hour)) {
		t.Fatalf("after two failures: %+v; want 2 attempts, failing since the first (t0+1h)", listed)
	}
}

func testRetryFailed(t *testing.T, s store.Store) {
	var ids []int64
	for i := range 3 {
		d, _ := enqueue(t, s, briefbot.Delivery{Platform: "discord", Channel: "D1", Key: fmt.Sprintf("f%d", i), ArticleIDs: []int64{int64(i + 1)}, Payload: digestOf(int64(i + 1)), CreatedAt: t0})
		ids = append(ids, d.ID)
	}
	ds, err := s.ClaimDeliveries(ctx(t), "w", t0, time.Minute, 3)
	check(t, err)
	if len(ds) != 3 {
		t.Fatalf("claimed %d, want 3", len(ds))
	}
	for _, id := range ids[:2] {
		_, _, err := s.StartAttempt(ctx(t), id, "w", t0)
		check(t, err)
		check(t, s.MarkRetry(ctx(t), id, "503 for a day", t0, t0, true))
	}
	check(t, s.MarkSent(ctx(t), ids[2], t0))

	counts, err := s.CountDeliveries(ctx(t))
	check(t, err)
	if counts[briefbot.DeliveryFailed] != 2 || counts[briefbot.DeliveryPending] != 0 {
		t.Fatalf("CountDeliveries = %v, want 2 failed, 0 pending", counts)
	}
	failed, err := s.DeliveriesByStatus(ctx(t), briefbot.DeliveryFailed, 10)
	check(t, err)
	if len(failed) != 2 || failed[0].ID != ids[1] || failed[1].ID != ids[0] || failed[0].LastError != "503 for a day" {
		t.Fatalf("failed deliveries = %+v, want %v newest first with their reason", failed, ids[:2])
	}

	later := t0.Add(48 * time.Hour)
	if n, err := s.RetryFailed(ctx(t), ids[2], later); err != nil || n != 0 {
		t.Fatalf("RetryFailed of a sent delivery = %d, %v; want 0", n, err)
	}
	if n, err := s.RetryFailed(ctx(t), ids[0], later); err != nil || n != 1 {
		t.Fatalf("RetryFailed(%d) = %d, %v; want 1", ids[0], n, err)
	}
	if n, err := s.RetryFailed(ctx(t), 0, later); err != nil || n != 1 {
		t.Fatalf("RetryFailed(all) = %d, %v; want the 1 left", n, err)
	}
	ds, err = s.ClaimDeliveries(ctx(t), "w", later, time.Minute, 10)
	check(t, err)
	if got := []int64{ds[0].ID, ds[1].ID}; len(ds) != 2 || !slices.Equal(got, ids[:2]) {
		t.Fatalf("after retry claimed %+v, want %v", ds, ids[:2])
	}
	// A fresh give-up window, but still in doubt (a post may have landed).
	if !ds[0].FailingSince.IsZero() || !ds[0].StartedAt.Equal(t0) || ds[0].Status != briefbot.DeliveryPending {
		t.Errorf("retried delivery = %+v; want pending, window reset, started kept", ds[0])
	}
}

func testRememberRequest(t *testing.T, s store.Store) {
	remember := func(key string, now time.Time) bool {
		t.Helper()
		fresh, err := s.RememberRequest(ctx(t), key, now, now.Add(5*time.Minute))
		check(t, err)
		return fresh
	}
	if !remember("slack:sig1", t0) {
		t.Fatal("first request refused")
	}
	if remember("slack:sig1", t0.Add(4*time.Minute)) {
		t.Fatal("replay within the window accepted")
	}
	if !remember("slack:sig2", t0.Add(4*time.Minute)) {
		t.Fatal("a different signature refused")
	}
	if !remember("slack:sig1", t0.Add(5*time.Minute)) {
		t.Fatal("key not forgotten after it expired")
	}

	// Concurrent replays of one request: exactly one is fresh.
	var wg sync.WaitGroup
	var mu sync.Mutex
	fresh := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := s.RememberRequest(ctx(t), "discord:race", t0, t0.Add(time.Minute))
			if err != nil {
				t.Error(err)
				return
			}
			if ok {
				mu.Lock()
				fresh++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if fresh != 1 {
		t.Errorf("%d of 8 concurrent identical requests accepted, want 1", fresh)
	}
}
