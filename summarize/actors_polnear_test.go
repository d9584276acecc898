package summarize

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/testcorpus"
)

// PolNeAR annotates attribution sources, not actors, so it gives a partial
// held-out check: a source written as a proper name ("Hillary Clinton",
// "the Washington Post") should overlap a person or organisation mention.

type polnearSource struct {
	start, end int
	text       string
}

// namedSource reports whether a source span is written as a proper name of
// two or more capitalised words ("Paul Ryan", "Fox News"), not a pronoun or
// a description ("a source", "The Post").
func namedSource(s string) bool {
	words := strings.Fields(s)
	run := 0
	for _, w := range words {
		r := []rune(w)
		if len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[len(r)-1]) && w != "The" && w != "A" {
			run++
			if run >= 2 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func loadPolnear(tb testing.TB, split string) map[string][]polnearSource {
	dir := filepath.Join(testcorpus.Dir(tb), "eval", "polnear", split)
	anns, _ := filepath.Glob(filepath.Join(dir, "attributions", "*"))
	if len(anns) == 0 {
		tb.Skipf("no PolNeAR %s attributions under %s", split, dir)
	}
	out := map[string][]polnearSource{}
	for _, ann := range anns {
		f, err := os.Open(ann)
		if err != nil {
			tb.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			// T1	Source 89 106	The New York Post
			cols := strings.SplitN(sc.Text(), "\t", 3)
			if len(cols) != 3 || !strings.HasPrefix(cols[1], "Source ") {
				continue
			}
			pos := strings.Fields(strings.TrimPrefix(cols[1], "Source "))
			if len(pos) != 2 { // discontinuous spans are left out
				continue
			}
			start, err1 := strconv.Atoi(pos[0])
			end, err2 := strconv.Atoi(pos[1])
			if err1 != nil || err2 != nil || !namedSource(cols[2]) {
				continue
			}
			out[filepath.Base(ann)] = append(out[filepath.Base(ann)], polnearSource{start, end, cols[2]})
		}
		f.Close()
	}
	return out
}

func TestFindActorsPolnearNamedSources(t *testing.T) {
	for _, split := range []string{"dev", "train"} {
		t.Run(split, func(t *testing.T) { testPolnearNamedSources(t, split) })
	}
}

func testPolnearNamedSources(t *testing.T, split string) {
	sources := loadPolnear(t, split)
	dir := filepath.Join(testcorpus.Dir(t), "eval", "polnear", split, "text")
	found, total := 0, 0
	var missed []string
	for name, srcs := range sources {
		// "x_ef2d.ann" annotates "x.txt".
		base := strings.TrimSuffix(name, filepath.Ext(name))
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i]
		}
		b, err := os.ReadFile(filepath.Join(dir, base+".txt"))
		if err != nil {
			continue
		}
		actors := FindActors(string(b))
		checkOffsets(t, string(b), actors)
		for _, s := range srcs {
			total++
			if overlapsActor(actors, s.start, s.end) {
				found++
			} else if len(missed) < 40 {
				missed = append(missed, s.text)
			}
		}
	}
	if total == 0 {
		t.Skip("no named sources matched a text file")
	}
	recall := float64(found) / float64(total)
	t.Logf("PolNeAR %s named sources covered by a person, organisation or country: %d/%d = %.3f", split, found, total, recall)
	t.Logf("missed (sample): %q", missed)
	if recall < 0.8 {
		t.Errorf("named-source recall %.3f < 0.8", recall)
	}
}

func overlapsActor(actors []briefbot.Actor, start, end int) bool {
	for _, a := range actors {
		if a.Type == briefbot.Place {
			continue
		}
		for _, m := range a.Mentions {
			if m.Start < end && start < m.End {
				return true
			}
		}
	}
	return false
}

// BenchmarkFindActorsPolnear runs FindActors over every PolNeAR dev text,
// one article per iteration, for a throughput figure on real news lengths.
func BenchmarkFindActorsPolnear(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(testcorpus.Dir(b), "eval", "polnear", "dev", "text", "*.txt"))
	if len(files) == 0 {
		b.Skip("no PolNeAR dev texts")
	}
	var texts []string
	var total int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		total += int64(len(data))
	}
	loadGazetteer()
	b.SetBytes(total / int64(len(texts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		FindActors(texts[i%len(texts)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
