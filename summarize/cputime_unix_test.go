//go:build unix

package summarize

import (
	"syscall"
	"time"
)

// processCPUTime is the user+system CPU time this process has used so far.
// Benchmarks report articles per CPU-second with it, because wall-clock
// time on a shared, loaded machine says more about the neighbours than
// about the code.
func processCPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
