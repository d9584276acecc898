// Package chatfake holds stand-ins for the Slack Web API and the Discord
// REST API that speak their wire formats (form posts and JSON answers,
// 429 with Retry-After, message metadata, snowflake ids) and inject the
// failures the outbox must survive: 429 storms, 5xx outages, slow posts
// and lost posts (stored, but the response never arrives). They keep
// every message they stored, so a test can count what a channel really
// got. Only tests import it; they run on loopback.
package chatfake

import (
	"net/http"
	"sync"
	"time"
)

// Fault is what the fake does with one call.
type Fault int

const (
	Pass        Fault = iota // answer normally
	RateLimited              // 429 with Retry-After; nothing stored
	Unavailable              // 503; nothing stored
	Lost                     // store the message, then drop the connection without answering
	Slow                     // store the message, answer after SlowFor (or when the client gives up)
	Hang                     // answer nothing until the client goes away; nothing stored
)

// Call describes a call for a fault plan.
type Call struct {
	Method string // "chat.postMessage", "conversations.history", "POST messages", "GET messages"…
	N      int    // 1-based count of calls to Method so far, this one included
	Post   bool   // the call would store a message
}

// Plan decides the fault for each call; nil passes everything.
type Plan func(c Call) Fault

// faults is the fault machinery the two fakes share.
type faults struct {
	mu         sync.Mutex
	plan       Plan
	calls      map[string]int
	retryAfter time.Duration
	slowFor    time.Duration
	inFlight   chan Call // notified when a Slow or Hang call starts (tests wait on it)
}

func newFaults() faults {
	return faults{calls: map[string]int{}, retryAfter: time.Second, slowFor: 2 * time.Second, inFlight: make(chan Call, 1024)}
}

// SetPlan replaces the fault plan.
func (f *faults) SetPlan(p Plan) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.plan = p
}

// SetRetryAfter sets the Retry-After of RateLimited answers (default 1 s).
func (f *faults) SetRetryAfter(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.retryAfter = d
}

// SetSlowFor sets how long a Slow call waits before answering (default 2 s).
func (f *faults) SetSlowFor(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.slowFor = d
}

// InFlight delivers each Slow or Hang call as it starts waiting.
func (f *faults) InFlight() <-chan Call { return f.inFlight }

// Calls returns how many calls each method got.
func (f *faults) Calls() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]int, len(f.calls))
	for k, v := range f.calls {
		out[k] = v
	}
	return out
}

func (f *faults) decide(method string, post bool) (Fault, time.Duration, time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[method]++
	c := Call{Method: method, N: f.calls[method], Post: post}
	fault := Pass
	if f.plan != nil {
		fault = f.plan(c)
	}
	if fault == Slow || fault == Hang {
		select {
		case f.inFlight <- c:
		default:
		}
	}
	return fault, f.retryAfter, f.slowFor
}

// drop closes the connection without an answer: the client sees EOF.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// wait blocks for d or until the client goes away.
func wait(r *http.Request, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}
