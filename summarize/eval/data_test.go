package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

// sharedDir finds ../shared next to the repository root.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared data not found at %s: skipping evaluation on real data", shared)
	}
	return shared
}

func evalPath(t *testing.T, path string) Report {
	t.Helper()
	docs, err := LoadPath(path)
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(filepath.Base(path), docs, summarize.Extract, Taus)
	var buf bytes.Buffer
	WriteTable(&buf, []Report{r})
	t.Log("\n" + buf.String())
	return r
}

func TestSeedFloor(t *testing.T) {
	shared := sharedDir(t)
	r := evalPath(t, filepath.Join(shared, "corpus", "seed", "globaltimes-2024-04-09-xi-lavrov.gold.json"))
	s := r.Scores[0]
	if s.F1 < 0.85 {
		t.Errorf("seed statement F1@0.3 = %.3f, want ≥ 0.85", s.F1)
	}
	if s.SpeakerAcc < 0.85 {
		t.Errorf("seed speaker accuracy@0.3 = %.3f, want ≥ 0.85", s.SpeakerAcc)
	}
}

func TestPolNeARDevFloor(t *testing.T) {
	shared := sharedDir(t)
	r := evalPath(t, filepath.Join(shared, "eval", "polnear", "dev"))
	s := r.Scores[0]
	if s.F1 < 0.55 {
		t.Errorf("PolNeAR dev content F1@0.3 = %.3f, want ≥ 0.55", s.F1)
	}
	if s.SourceAcc < 0.90 {
		t.Errorf("PolNeAR dev source accuracy@0.3 = %.3f, want ≥ 0.90", s.SourceAcc)
	}
}
