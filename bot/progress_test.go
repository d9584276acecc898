package bot

import (
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/fakeclock"
)

func TestSendTracker(t *testing.T) {
	clock := fakeclock.New(day)
	tracker := NewSendTracker(clock.Now)
	digest := briefbot.Digest{Title: "Morning brief"}
	key := SendKey("C1", DigestFingerprint(digest))

	if key == SendKey("C2", DigestFingerprint(digest)) || key == SendKey("C1", DigestFingerprint(briefbot.Digest{Title: "Evening brief"})) {
		t.Fatal("keys of different channels or digests collide")
	}
	tracker.Save(key, SendProgress{})
	if got := tracker.Load(key); got != (SendProgress{}) {
		t.Errorf("nothing posted was remembered: %+v", got)
	}
	tracker.Save(key, SendProgress{Posted: 2, Thread: "1700000000.000100"})
	clock.Advance(59 * time.Minute)
	if got := tracker.Load(key); got.Posted != 2 || got.Thread != "1700000000.000100" {
		t.Errorf("after 59 min: %+v, want 2 posted in thread 1700000000.000100", got)
	}
	if got := tracker.Load(SendKey("C2", DigestFingerprint(digest))); got.Posted != 0 {
		t.Errorf("another channel sees progress %+v", got)
	}
	clock.Advance(2 * time.Minute)
	if got := tracker.Load(key); got.Posted != 0 {
		t.Errorf("after 61 min: %+v, want forgotten", got)
	}
	tracker.Save(key, SendProgress{Posted: 1})
	tracker.Done(key)
	if got := tracker.Load(key); got.Posted != 0 {
		t.Errorf("after Done: %+v, want forgotten", got)
	}
}
