package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDirIsBesideTheRepository(t *testing.T) {
	dir := Dir(t)
	root, err := filepath.Abs("../..") // internal/testcorpus → repository root
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(root), "shared"); dir != want {
		t.Errorf("Dir = %s, want %s", dir, want)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("test assumption: %s is the repository root: %v", root, err)
	}
}

func TestPathSkipsWhenAbsent(t *testing.T) {
	Dir(t) // skip outright without a corpus
	t.Setenv(RequireEnv, "")
	var skipped bool
	t.Run("absent", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		Path(t, "no-such-file-in-the-corpus")
	})
	if !skipped {
		t.Error("Path did not skip for a missing file")
	}
}

// recorder is a testing.TB that records Skipf and Fatalf and stops the
// calling goroutine as the real ones do.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func callWith(fn func(testing.TB)) *recorder {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r)
	}()
	<-done
	return r
}

// Without the corpus, tests skip; with BRIEFBOT_REQUIRE_CORPUS set (CI),
// they fail, naming where the corpus was looked for.
func TestMissingCorpusFailsWhenRequired(t *testing.T) {
	repo := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo) // no ../shared beside this repository
	want := filepath.Join(filepath.Dir(repo), "shared")

	t.Setenv(RequireEnv, "")
	if r := callWith(func(tb testing.TB) { Dir(tb) }); r.failed != "" || !strings.Contains(r.skipped, want) {
		t.Errorf("without %s: skipped %q, failed %q; want a skip naming %s", RequireEnv, r.skipped, r.failed, want)
	}
	t.Setenv(RequireEnv, "1")
	if r := callWith(func(tb testing.TB) { Dir(tb) }); r.skipped != "" || !strings.Contains(r.failed, want) || !strings.Contains(r.failed, RequireEnv) {
		t.Errorf("with %s=1: skipped %q, failed %q; want a failure naming %s", RequireEnv, r.skipped, r.failed, want)
	}
}

// An empty corpus directory is as missing as no corpus at all.
func TestGlobWithoutMatchesFailsWhenRequired(t *testing.T) {
	Dir(t) // skip outright without a corpus
	t.Setenv(RequireEnv, "1")
	r := callWith(func(tb testing.TB) { Glob(tb, "corpus/no-such-dir/*") })
	if r.skipped != "" || !strings.Contains(r.failed, "no-such-dir") {
		t.Errorf("Glob with no match under %s=1: skipped %q, failed %q", RequireEnv, r.skipped, r.failed)
	}
	if files := Glob(t, "corpus/feeds/*"); len(files) == 0 {
		t.Error("Glob found no corpus feeds")
	}
}
