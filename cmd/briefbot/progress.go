package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/briefbot/briefbot/feeds"
)

// progressAfter is how long a poll runs before a terminal shows progress.
const progressAfter = 3 * time.Second

// progress is a one-line status a long poll rewrites on a terminal:
// "polling… 12/40 feeds, 1 failed, 7s". Only terminals get it, so logs and
// pipes stay clean.
type progress struct {
	mu                    sync.Mutex
	done, claimed, failed int
}

// observe is the poller's OnFeed hook.
func (p *progress) observe(fp feeds.FeedProgress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done, p.claimed = max(p.done, fp.Done), max(p.claimed, fp.Claimed)
	if fp.Result.Err != nil {
		p.failed++
	}
}

func (p *progress) line(elapsed time.Duration) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := fmt.Sprintf("polling… %d/%d feeds", p.done, p.claimed)
	if p.failed > 0 {
		s += fmt.Sprintf(", %d failed", p.failed)
	}
	return s + ", " + elapsed.Round(time.Second).String()
}

// startProgress shows p on w once after has passed, every tick, when w
// is a terminal; stop ends it and clears the line.
func startProgress(w io.Writer, p *progress, after, tick time.Duration) (stop func()) {
	if !isTerminal(w) {
		return func() {}
	}
	return runProgress(w, p, after, tick)
}

func runProgress(w io.Writer, p *progress, after, tick time.Duration) (stop func()) {
	start := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTimer(after)
		defer t.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\033[K")
				}
				return
			case <-t.C:
				shown = true
				fmt.Fprint(w, "\r\033[K"+p.line(time.Since(start)))
				t.Reset(tick)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done); wg.Wait() })
	}
}
