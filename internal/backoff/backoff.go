// Package backoff computes retry delays: exponential growth from a base,
// capped, with random jitter so that clients failing together (feeds on
// one dead host, deliveries during a chat outage) do not retry in lockstep.
// The poller and the outbox both use it.
package backoff

import (
	"math/rand/v2"
	"time"
)

// Policy is an exponential backoff: retry n (1-based) waits Base·2^(n−1),
// at most Max, minus a random share of up to Jitter of it. Jitter only
// shortens a delay, so Max is a true cap.
type Policy struct {
	Base   time.Duration // delay before the first retry
	Max    time.Duration // cap; 0: no cap
	Jitter float64       // 0..1, share of each delay that is randomised; 0.5 is a good default

	// Rand returns a uniform value in [0, n); nil means math/rand/v2.
	// Tests pin it.
	Rand func(n int64) int64
}

// Delay is the wait before retry number attempt (1-based; below 1 counts
// as 1).
func (p Policy) Delay(attempt int) time.Duration {
	d := p.Base
	for i := 1; i < attempt && (p.Max <= 0 || d < p.Max); i++ {
		if d > time.Duration(1<<62)/2 {
			break // doubling would overflow; Max (if any) caps below
		}
		d *= 2
	}
	if p.Max > 0 && d > p.Max {
		d = p.Max
	}
	j := min(max(p.Jitter, 0), 1)
	if spread := int64(float64(d) * j); spread > 0 {
		d -= time.Duration(p.rand(spread))
	}
	return d
}

func (p Policy) rand(n int64) int64 {
	if p.Rand != nil {
		return p.Rand(n)
	}
	return rand.Int64N(n)
}
