package eval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/internal/testcorpus"
	"github.com/briefbot/briefbot/summarize"
)

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
	shared := testcorpus.Dir(t)
	r := evalPath(t, filepath.Join(shared, "corpus", "seed", "globaltimes-2024-04-09-xi-lavrov.gold.json"))
	s := r.Scores[0]
	if s.F1 < 0.94 {
		t.Errorf("seed statement F1@0.3 = %.3f, want ≥ 0.94", s.F1)
	}
	if s.SpeakerAcc < 0.95 {
		t.Errorf("seed speaker accuracy@0.3 = %.3f, want ≥ 0.95", s.SpeakerAcc)
	}
}

// TestNewsGoldFloor scores hand-annotated news articles kept outside the
// repository (their texts are copyrighted): a directory of *.gold.json
// files with their .txt, named by BRIEFBOT_NEWS_GOLD. It guards quote F1
// and canonical speaker accuracy on text the rules were not written from.
func TestNewsGoldFloor(t *testing.T) {
	dir := os.Getenv("BRIEFBOT_NEWS_GOLD")
	if dir == "" {
		t.Skip("BRIEFBOT_NEWS_GOLD not set: no held-out news annotations to score")
	}
	r := evalPath(t, dir)
	s := r.Scores[0]
	if s.F1 < 0.85 {
		t.Errorf("news statement F1@0.3 = %.3f, want ≥ 0.85", s.F1)
	}
	if s.SpeakerAcc < 0.90 {
		t.Errorf("news speaker accuracy@0.3 = %.3f, want ≥ 0.90", s.SpeakerAcc)
	}
}

func TestPolNeARDevFloor(t *testing.T) {
	shared := testcorpus.Dir(t)
	r := evalPath(t, filepath.Join(shared, "eval", "polnear", "dev"))
	s := r.Scores[0]
	// Issue 8's targets on unseen political news are 0.62 / 0.93.
	if s.F1 < 0.628 {
		t.Errorf("PolNeAR dev content F1@0.3 = %.3f, want ≥ 0.628", s.F1)
	}
	if s.SourceAcc < 0.93 {
		t.Errorf("PolNeAR dev source accuracy@0.3 = %.3f, want ≥ 0.93", s.SourceAcc)
	}
}

// TestPolNeARTrainFloor guards the set the rules are tuned on.
func TestPolNeARTrainFloor(t *testing.T) {
	shared := testcorpus.Dir(t)
	r := evalPath(t, filepath.Join(shared, "eval", "polnear", "train"))
	s := r.Scores[0]
	if s.F1 < 0.598 {
		t.Errorf("PolNeAR train content F1@0.3 = %.3f, want ≥ 0.598", s.F1)
	}
	if s.SourceAcc < 0.925 {
		t.Errorf("PolNeAR train source accuracy@0.3 = %.3f, want ≥ 0.925", s.SourceAcc)
	}
}

// The quote dev sets live in summarize/testdata/quotes: news articles of
// the shared corpus annotated by us (offsets into the corpus record, clean
// text and raw page) and diplomatic wire items we wrote. "dev" is what the
// rules are tuned on, "heldout" is only scored.
func quoteSet(t *testing.T, elem ...string) Report {
	t.Helper()
	if elem[0] == "news" {
		testcorpus.Dir(t) // the news sets read their texts from ../shared
	}
	path := filepath.Join(append([]string{"..", "testdata", "quotes"}, elem...)...)
	docs, err := Loader{HTML: readableText}.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	r := Evaluate(path, docs, summarize.Extract, Taus)
	var buf bytes.Buffer
	WriteTable(&buf, []Report{r})
	t.Log("\n" + buf.String())
	return r
}

func readableText(page []byte) (string, error) {
	_, text, err := feeds.Readable(bytes.NewReader(feeds.ToUTF8(page, "")), nil)
	return text, err
}

func TestQuoteSetFloors(t *testing.T) {
	tests := []struct {
		set         []string
		f1, speaker float64 // F1@0.3 and speaker accuracy of matched statements
		recall      float64
	}{
		{[]string{"news", "dev"}, 0.935, 0.92, 0.96},
		{[]string{"news", "heldout"}, 0.88, 0.95, 0.88},
		{[]string{"wire", "dev"}, 0.98, 0.95, 0.99},
		{[]string{"wire", "heldout"}, 0.96, 0.90, 0.94},
		// dev2: 33 items written and annotated before the rules changed for
		// them; dev3: classes found by probing after dev2 was saturated;
		// heldout2: 16 items written with dev2, scored only before and at
		// the end (summarize/testdata/quotes/wire/src).
		{[]string{"wire", "dev2"}, 0.99, 0.95, 0.99},
		{[]string{"wire", "dev3"}, 0.95, 0.92, 0.95},
		{[]string{"wire", "heldout2"}, 0.99, 0.98, 0.99},
		// dev4: 25 items for the classes heldout2 missed and their
		// neighbours; heldout3: 16 items written with dev4 before any rule
		// changed, scored only at the start and the end (wire2 lane).
		{[]string{"wire", "dev4"}, 0.99, 0.98, 0.99},
		{[]string{"wire", "heldout3"}, 0.96, 0.98, 0.95},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.set, "/"), func(t *testing.T) {
			s := quoteSet(t, tc.set...).Scores[0]
			if s.F1 < tc.f1 {
				t.Errorf("F1@0.3 = %.3f, want ≥ %.2f", s.F1, tc.f1)
			}
			if s.Recall < tc.recall {
				t.Errorf("recall@0.3 = %.3f, want ≥ %.2f", s.Recall, tc.recall)
			}
			if s.SpeakerAcc < tc.speaker {
				t.Errorf("speaker accuracy@0.3 = %.3f, want ≥ %.2f", s.SpeakerAcc, tc.speaker)
			}
		})
	}
}
