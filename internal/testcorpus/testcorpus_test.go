package testcorpus

import (
	"os"
	"path/filepath"
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
	var skipped bool
	t.Run("absent", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		Path(t, "no-such-file-in-the-corpus")
	})
	if !skipped {
		t.Error("Path did not skip for a missing file")
	}
}
