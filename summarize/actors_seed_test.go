package summarize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/testcorpus"
)

type goldActor struct {
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Surfaces []string `json:"surfaces"`
}

type seedDoc struct {
	name   string
	text   string
	actors []goldActor
}

func loadSeed(tb testing.TB) []seedDoc {
	tb.Helper()
	dir := filepath.Join(testcorpus.Dir(tb), "corpus", "seed")
	golds, err := filepath.Glob(filepath.Join(dir, "*.gold.json"))
	if err != nil || len(golds) == 0 {
		tb.Skipf("no *.gold.json in %s", dir)
	}
	var docs []seedDoc
	for _, g := range golds {
		b, err := os.ReadFile(g)
		if err != nil {
			tb.Fatal(err)
		}
		var gold struct {
			Actors []goldActor `json:"actors"`
		}
		if err := json.Unmarshal(b, &gold); err != nil {
			tb.Fatalf("%s: %v", g, err)
		}
		text, err := os.ReadFile(strings.TrimSuffix(g, ".gold.json") + ".txt")
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, seedDoc{name: filepath.Base(g), text: string(text), actors: gold.Actors})
	}
	return docs
}

// actorF1 scores found against gold for one type, matching canonical names
// case-insensitively; a found name also matches when it is one of the gold
// actor's surfaces.
func actorF1(gold []goldActor, found []briefbot.Actor, typ string) (p, r, f float64, missed, extra []string) {
	goldNames := map[string]string{} // any surface (lower) → gold canonical (lower)
	wanted := map[string]bool{}
	for _, g := range gold {
		if g.Type != typ {
			continue
		}
		key := strings.ToLower(g.Name)
		wanted[key] = false
		goldNames[key] = key
		for _, s := range g.Surfaces {
			if _, ok := goldNames[strings.ToLower(s)]; !ok {
				goldNames[strings.ToLower(s)] = key
			}
		}
	}
	tp, nFound := 0, 0
	for _, a := range found {
		if a.Type != typ {
			continue
		}
		nFound++
		key, ok := goldNames[strings.ToLower(a.Name)]
		if ok && !wanted[key] {
			wanted[key] = true
			tp++
			continue
		}
		extra = append(extra, a.Name)
	}
	for k, hit := range wanted {
		if !hit {
			missed = append(missed, k)
		}
	}
	if nFound > 0 {
		p = float64(tp) / float64(nFound)
	}
	if len(wanted) > 0 {
		r = float64(tp) / float64(len(wanted))
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f, missed, extra
}

func TestFindActorsSeedF1(t *testing.T) {
	min := map[string]float64{briefbot.Person: 0.85, briefbot.Country: 0.85, briefbot.Organization: 0.7}
	for _, doc := range loadSeed(t) {
		found := FindActors(doc.text)
		checkOffsets(t, doc.text, found)
		for _, typ := range []string{briefbot.Person, briefbot.Country, briefbot.Organization} {
			p, r, f, missed, extra := actorF1(doc.actors, found, typ)
			t.Logf("%s %-12s P=%.2f R=%.2f F1=%.2f missed=%q extra=%q", doc.name, typ, p, r, f, missed, extra)
			if f < min[typ] {
				t.Errorf("%s: %s F1 %.2f < %.2f", doc.name, typ, f, min[typ])
			}
		}
	}
}

// The seed's people must also carry the gold role and affiliation.
func TestFindActorsSeedRoles(t *testing.T) {
	for _, doc := range loadSeed(t) {
		b, err := os.ReadFile(filepath.Join(testcorpus.Dir(t), "corpus", "seed", doc.name))
		if err != nil {
			t.Fatal(err)
		}
		var gold struct {
			Actors []struct {
				Name        string `json:"name"`
				Type        string `json:"type"`
				Role        string `json:"role"`
				Affiliation string `json:"affiliation"`
			} `json:"actors"`
		}
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatal(err)
		}
		found := FindActors(doc.text)
		right, total := 0, 0
		for _, g := range gold.Actors {
			if g.Type != briefbot.Person {
				continue
			}
			total++
			a := findActor(found, briefbot.Person, g.Name)
			if a == nil {
				continue
			}
			if strings.EqualFold(a.Role, g.Role) && a.Affiliation == g.Affiliation {
				right++
			} else {
				t.Logf("%s: got (%q, %q), gold (%q, %q)", g.Name, a.Role, a.Affiliation, g.Role, g.Affiliation)
			}
		}
		t.Logf("%s: %d/%d people with gold role and affiliation", doc.name, right, total)
		if float64(right) < 0.8*float64(total) {
			t.Errorf("%s: only %d/%d people with the gold role and affiliation", doc.name, right, total)
		}
	}
}

func BenchmarkFindActors(b *testing.B) {
	docs := loadSeed(b)
	text := docs[0].text
	loadGazetteer()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		FindActors(text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
