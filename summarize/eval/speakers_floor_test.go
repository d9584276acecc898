package eval

import (
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/internal/testcorpus"
)

// The speaker dev sets (summarize/testdata/speakers) give the full name
// each PolNeAR train source refers to; their texts stay in ../shared.
// "dev" is the slice rules are tuned on, "heldout" is never tuned on. The
// floors are exact full speaker name accuracy of matched statements.
func TestSpeakerDevSetFloors(t *testing.T) {
	testcorpus.Dir(t) // the texts live in the shared corpus
	for _, c := range []struct {
		set   string
		floor float64
	}{
		{"dev", 0.93},
		{"heldout", 0.70},
	} {
		r := evalPath(t, filepath.Join("..", "testdata", "speakers", c.set))
		s := r.Scores[0]
		if s.SpeakerTotal < 50 {
			t.Errorf("%s: %d matched statements with a gold speaker, want ≥ 50 (annotations lost?)", c.set, s.SpeakerTotal)
		}
		if s.SpeakerAcc < c.floor {
			t.Errorf("%s: exact speaker name accuracy@0.3 = %.3f, want ≥ %.2f", c.set, s.SpeakerAcc, c.floor)
		}
	}
}

// The actor dev sets (summarize/testdata/actors) list every person some
// world-politics articles name; the floor is people F1.
func TestActorDevSetFloors(t *testing.T) {
	testcorpus.Dir(t)
	for _, c := range []struct {
		set   string
		floor float64
	}{
		{"dev", 0.94},
		{"heldout", 0.85},
	} {
		r := evalPath(t, filepath.Join("..", "testdata", "actors", c.set))
		p := r.Actors["person"]
		if p.Gold < 20 {
			t.Errorf("%s: %d gold people, want ≥ 20 (annotations lost?)", c.set, p.Gold)
		}
		if p.F1 < c.floor {
			t.Errorf("%s: people F1 = %.3f, want ≥ %.2f", c.set, p.F1, c.floor)
		}
	}
}
