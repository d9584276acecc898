package main

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progressAfter is how long a poll runs before a terminal shows progress.
const progressAfter = 3 * time.Second

// startProgress rewrites one status line on w every tick once after has
// passed, only when w is a terminal, so logs and pipes stay clean. stop
// ends it and clears the line.
func startProgress(w io.Writer, after, tick time.Duration) (stop func()) {
	if !isTerminal(w) {
		return func() {}
	}
	return runProgress(w, after, tick)
}

func runProgress(w io.Writer, after, tick time.Duration) (stop func()) {
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
				fmt.Fprintf(w, "\r\033[Kpolling… %s", time.Since(start).Round(time.Second))
				t.Reset(tick)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done); wg.Wait() })
	}
}
