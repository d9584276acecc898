// Package gcpolicy sets the garbage collector for processes that ingest news.
//
// Extraction allocates a few tens of kilobytes per article and keeps almost
// none of it, so with Go's default GOGC=100 the collector runs every time the
// small live heap doubles: about a fifth of a cold poll cycle's CPU. A larger
// GOGC collects less often; the soft memory limit makes the collector work
// harder again as the heap nears it, so the trade stays bounded. Operators
// who set GOGC or GOMEMLIMIT keep theirs.
package gcpolicy

import (
	"os"
	"runtime/debug"
)

const (
	// Percent is the GOGC used when the environment sets none.
	Percent = 400
	// Limit is the soft memory limit used when the environment sets none.
	Limit = 1 << 30
)

// Policy says what Apply chose, for the startup log.
type Policy struct {
	Percent     int   // -1 when GOGC came from the environment
	MemoryLimit int64 // -1 when GOMEMLIMIT came from the environment
}

// Apply sets GOGC and the soft memory limit unless the environment did.
func Apply() Policy {
	p := Policy{Percent: -1, MemoryLimit: -1}
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(Percent)
		p.Percent = Percent
	}
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(Limit)
		p.MemoryLimit = Limit
	}
	return p
}
