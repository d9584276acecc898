// Package testcorpus locates the shared, read-only data (corpus, eval
// sets) that tests and benchmarks may read. It lives beside the
// repository as ../shared and is never copied into it.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of ../shared next to the repository root
// (the nearest directory above the working directory, i.e. the package
// under test, that holds go.mod). It skips tb with a clear message when
// the root or the directory is absent.
func Dir(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatalf("testcorpus: working directory: %v", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("testcorpus: repository root (go.mod) not found above the working directory; shared corpus unavailable")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(shared); err != nil {
		tb.Skipf("testcorpus: shared corpus not found at %s (it lives next to the repository): %v", shared, err)
	}
	return shared
}

// Path returns Dir joined with elem, skipping tb when that file or
// directory is absent.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("testcorpus: %s not available: %v", p, err)
	}
	return p
}
