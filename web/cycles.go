package web

import (
	"sync"
	"time"
)

// Cycle is one poll cycle as the status page shows it.
type Cycle struct {
	Started  time.Time
	Duration time.Duration
	Feeds    int // feeds polled
	New      int // articles stored
	Failed   int // feeds that failed
	Err      string
}

// Cycles keeps the latest poll cycles of this process, newest first. It
// is safe for concurrent use; the zero value keeps none until Record.
type Cycles struct {
	mu   sync.Mutex
	keep int
	list []Cycle
}

// NewCycles keeps the latest n cycles.
func NewCycles(n int) *Cycles { return &Cycles{keep: n} }

// Record adds a finished cycle.
func (c *Cycles) Record(cy Cycle) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	keep := max(c.keep, 1)
	c.list = append([]Cycle{cy}, c.list[:min(len(c.list), keep-1)]...)
}

// Latest returns the kept cycles, newest first.
func (c *Cycles) Latest() []Cycle {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Cycle(nil), c.list...)
}
