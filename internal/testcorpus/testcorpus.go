// Package testcorpus locates the shared, read-only data (corpus, eval
// sets) that tests and benchmarks may read. It lives beside the
// repository as ../shared and is never copied into it.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv names the environment variable that turns a missing corpus
// from a skip into a failure. CI sets it (.ci/run), so the extraction
// quality floors cannot go green by silently not running.
const RequireEnv = "BRIEFBOT_REQUIRE_CORPUS"

// unavailable skips tb, or fails it when RequireEnv is set.
func unavailable(tb testing.TB, format string, args ...any) {
	tb.Helper()
	if os.Getenv(RequireEnv) != "" {
		tb.Fatalf(format+" ("+RequireEnv+" is set: the corpus is required)", args...)
	}
	tb.Skipf(format, args...)
}

// Dir returns the absolute path of ../shared next to the repository root
// (the nearest directory above the working directory, i.e. the package
// under test, that holds go.mod). It skips tb with a clear message when
// the root or the directory is absent, or fails it when RequireEnv is set.
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
			unavailable(tb, "testcorpus: repository root (go.mod) not found above the working directory; shared corpus unavailable")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	if _, err := os.Stat(shared); err != nil {
		unavailable(tb, "testcorpus: shared corpus not found at %s (it lives next to the repository): %v", shared, err)
	}
	return shared
}

// Path returns Dir joined with elem, skipping tb when that file or
// directory is absent (failing it when RequireEnv is set).
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir(tb)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		unavailable(tb, "testcorpus: %s not available: %v", p, err)
	}
	return p
}

// Glob returns the corpus files matching pattern (relative to Dir), sorted;
// none is handled like a missing corpus: a skip, or a failure when
// RequireEnv is set.
func Glob(tb testing.TB, pattern string) []string {
	tb.Helper()
	full := filepath.Join(Dir(tb), pattern)
	files, err := filepath.Glob(full)
	if err != nil || len(files) == 0 {
		unavailable(tb, "testcorpus: no files match %s (%v)", full, err)
	}
	return files
}
