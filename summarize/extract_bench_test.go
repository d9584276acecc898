package summarize

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/internal/testcorpus"
)

// benchCorpus is one named set of texts from ../shared.
type benchCorpus struct {
	name  string
	texts []string
}

// benchTexts loads the seed article, the PolNeAR dev texts and the fmprc
// press-conference transcripts (the jsonl "text" fields).
func benchTexts(tb testing.TB) []benchCorpus {
	shared := testcorpus.Dir(tb)
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		return string(b)
	}
	seed := benchCorpus{name: "seed", texts: []string{read(filepath.Join(shared, "corpus", "seed", "globaltimes-2024-04-09-xi-lavrov.txt"))}}
	polnear := benchCorpus{name: "polnear-dev"}
	dev, _ := filepath.Glob(filepath.Join(shared, "eval", "polnear", "dev", "text", "*.txt"))
	for _, p := range dev {
		polnear.texts = append(polnear.texts, read(p))
	}
	fmprc := benchCorpus{name: "fmprc"}
	f, err := os.Open(filepath.Join(shared, "corpus", "articles", "fmprc", "fmprc_press_conferences_en.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatal(err)
		}
		fmprc.texts = append(fmprc.texts, rec.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	all := benchCorpus{name: "all"}
	for _, c := range []benchCorpus{seed, polnear, fmprc} {
		all.texts = append(all.texts, c.texts...)
	}
	return []benchCorpus{seed, polnear, fmprc, all}
}

// BenchmarkExtract measures Extract (statements, actors and summary) over
// the texts in ../shared, per corpus and all together; one op is one
// article. Run on one core:
//
//	go test ./summarize -run '^$' -bench Extract -cpu 1 -benchtime 3s
//
// articles/s is wall-clock; articles/cpu-s divides by the CPU time the
// process used during the loop (user+system, garbage collection included),
// which stays meaningful when other processes load the machine.
func BenchmarkExtract(b *testing.B) {
	for _, c := range benchTexts(b) {
		b.Run(c.name, func(b *testing.B) {
			total := 0
			for _, t := range c.texts {
				total += len(t)
			}
			b.SetBytes(int64(total / len(c.texts)))
			b.ReportAllocs()
			i := 0
			cpuStart, cpuOK := processCPUTime()
			for b.Loop() {
				Extract(c.texts[i%len(c.texts)])
				i++
			}
			cpuEnd, _ := processCPUTime()
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "articles/s")
			if cpu := cpuEnd - cpuStart; cpuOK && cpu > 0 {
				b.ReportMetric(float64(i)/cpu.Seconds(), "articles/cpu-s")
			}
		})
	}
}
