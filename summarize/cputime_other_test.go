//go:build !unix

package summarize

import "time"

// processCPUTime is not measured here; benchmarks then report wall-clock
// figures only.
func processCPUTime() (time.Duration, bool) { return 0, false }
