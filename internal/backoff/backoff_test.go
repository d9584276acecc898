package backoff

import (
	"testing"
	"time"
)

func TestDelayGrowsAndCaps(t *testing.T) {
	p := Policy{Base: time.Second, Max: 10 * time.Second}
	for _, tc := range []struct {
		attempt int
		want    time.Duration
	}{
		{0, time.Second}, {1, time.Second}, {2, 2 * time.Second}, {3, 4 * time.Second},
		{4, 8 * time.Second}, {5, 10 * time.Second}, {1000, 10 * time.Second},
	} {
		if got := p.Delay(tc.attempt); got != tc.want {
			t.Errorf("Delay(%d) = %v, want %v", tc.attempt, got, tc.want)
		}
	}
}

func TestDelayWithoutCapDoesNotOverflow(t *testing.T) {
	p := Policy{Base: time.Hour}
	if got := p.Delay(200); got <= 0 {
		t.Fatalf("Delay(200) = %v, want a positive delay", got)
	}
}

func TestJitterShortensWithinShare(t *testing.T) {
	var asked int64
	p := Policy{Base: 8 * time.Second, Max: time.Minute, Jitter: 0.5, Rand: func(n int64) int64 { asked = n; return n - 1 }}
	got := p.Delay(1)
	if asked != int64(4*time.Second) {
		t.Fatalf("jitter drew from [0, %v), want [0, 4s)", time.Duration(asked))
	}
	if want := 4*time.Second + 1; got != want {
		t.Fatalf("Delay(1) = %v, want %v", got, want)
	}
}

func TestJitterSpreadsRealDelays(t *testing.T) {
	p := Policy{Base: time.Minute, Max: time.Hour, Jitter: 0.5}
	seen := map[time.Duration]bool{}
	for range 50 {
		d := p.Delay(3)
		if d < 2*time.Minute || d > 4*time.Minute {
			t.Fatalf("Delay(3) = %v, want within [2m, 4m]", d)
		}
		seen[d] = true
	}
	if len(seen) < 10 {
		t.Fatalf("50 delays took only %d distinct values: no jitter", len(seen))
	}
}
