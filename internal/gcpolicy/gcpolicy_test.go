package gcpolicy

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// restore puts the runtime's settings back after a test changed them.
func restore(t *testing.T) {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	limit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	})
}

func TestApplySetsDefaultsWhenEnvironmentIsSilent(t *testing.T) {
	restore(t)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	unsetenv(t, "GOGC", "GOMEMLIMIT")
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)

	got := Apply()
	if got != (Policy{Percent: Percent, MemoryLimit: Limit}) {
		t.Fatalf("Apply() = %+v, want percent %d and limit %d", got, Percent, Limit)
	}
	if p := debug.SetGCPercent(100); p != Percent {
		t.Errorf("GOGC after Apply = %d, want %d", p, Percent)
	}
	if l := debug.SetMemoryLimit(-1); l != Limit {
		t.Errorf("memory limit after Apply = %d, want %d", l, Limit)
	}
}

func TestApplyKeepsTheOperatorsSettings(t *testing.T) {
	restore(t)
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "300MiB")
	debug.SetGCPercent(150)
	debug.SetMemoryLimit(300 << 20)

	got := Apply()
	if got != (Policy{Percent: -1, MemoryLimit: -1}) {
		t.Fatalf("Apply() = %+v, want both left to the environment", got)
	}
	if p := debug.SetGCPercent(100); p != 150 {
		t.Errorf("GOGC after Apply = %d, want the operator's 150", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 300<<20 {
		t.Errorf("memory limit after Apply = %d, want the operator's %d", l, 300<<20)
	}
}

// unsetenv removes variables for one test; t.Setenv first registers their
// restoration, since testing has no Unsetenv.
func unsetenv(t *testing.T, names ...string) {
	for _, n := range names {
		if err := os.Unsetenv(n); err != nil {
			t.Fatal(err)
		}
	}
}
