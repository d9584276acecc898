package bot

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/testcorpus"
	"github.com/briefbot/briefbot/topic"
)

// benchTopics is a realistic set of subscription queries: words, phrases,
// groups, negation, prefixes and field filters.
var benchTopics = []string{
	"Russia OR Moscow OR Kremlin", "China OR Beijing", "Ukraine OR Kyiv", `"security council"`,
	"ceasefire OR truce OR armistice", "(Iran OR Israel) AND NOT sport", "sanction* AND (EU OR \"European Union\")",
	"speaker:lavrov", "speaker:\"wang wenbin\"", "actor:nato", "country:japan", "feed:\"global times\"",
	"Taiwan AND (strait OR military)", "\"Hong Kong\" AND security", "climate OR emissions OR COP",
	"Korea AND (nuclear OR missile)", "\"Belt and Road\"", "WHO OR pandemic OR vaccine", "India AND border",
	"Africa OR African", "Pacific AND (islands OR Solomon)", "trade AND (tariff* OR WTO)", "Xinjiang OR Tibet",
	"Australia AND NOT cricket", "\"United Nations\" OR UN", "Afghanistan OR Taliban", "Syria OR Damascus",
	"Venezuela OR Cuba", "Myanmar OR ASEAN", "speaker:zhao", "Brazil OR Argentina", "Europe AND energy",
	"Japan AND Fukushima", "Canada AND (Huawei OR Meng)", "\"South China Sea\"", "Philippines OR Vietnam",
	"Germany OR France OR Italy", "Turkey OR Erdogan", "Pakistan AND corridor", "Gaza OR Palestine",
	"Mongolia OR Kazakhstan", "space AND (satellite OR lunar)", "cyber* OR hacking", "\"human rights\"",
	"G20 OR G7 OR BRICS", "Nepal OR Bangladesh OR \"Sri Lanka\"", "Ethiopia OR Sudan", "Arctic OR Antarctic",
	"Olympic* AND NOT doping", "Mexico OR Chile OR Peru",
}

// loadTranscripts reads up to n press-conference transcripts from the
// shared corpus, or skips the benchmark when the corpus is absent.
func loadTranscripts(b *testing.B, n int) []briefbot.Article {
	b.Helper()
	f, err := os.Open(testcorpus.Path(b, "corpus", "articles", "fmprc", "fmprc_press_conferences_en.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var arts []briefbot.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4<<20), 16<<20)
	for sc.Scan() && len(arts) < n {
		var rec struct {
			Title, Text, Spokesperson, URL string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, briefbot.Article{
			ID: int64(len(arts) + 1), FeedName: "Foreign Ministry", URL: rec.URL, Title: rec.Title, Text: rec.Text,
			Statements: []briefbot.Statement{{Speaker: rec.Spokesperson, Text: rec.Title}},
			Actors:     []briefbot.Actor{{Name: rec.Spokesperson, Type: briefbot.Person}, {Name: "China", Type: briefbot.Country}},
		})
	}
	if len(arts) == 0 {
		b.Skip("no transcripts read")
	}
	return arts
}

// BenchmarkMatchTopics measures what Dispatch does per article: index it
// once and run 50 topic queries. Press-conference transcripts are long
// (thousands of words), so this is a worst case for news articles.
func BenchmarkMatchTopics(b *testing.B) {
	arts := loadTranscripts(b, 100)
	queries := make([]topic.Query, len(benchTopics))
	for i, s := range benchTopics {
		q, err := topic.Parse(s)
		if err != nil {
			b.Fatalf("%q: %v", s, err)
		}
		queries[i] = q
	}
	words := 0
	for _, a := range arts {
		words += len(topic.Tokenize(a.Text))
	}
	b.ResetTimer()
	matches := 0
	for i := 0; b.Loop(); i++ {
		a := &arts[i%len(arts)]
		ix := topic.NewArticleIndex(a)
		for _, q := range queries {
			if q.MatchIndex(ix) {
				matches++
			}
		}
	}
	b.ReportMetric(float64(matches)/float64(b.N), "matches/article")
	b.ReportMetric(float64(words)/float64(len(arts)), "words/article")
}

// BenchmarkMatchOnly measures the 50 queries against a prebuilt index.
func BenchmarkMatchOnly(b *testing.B) {
	arts := loadTranscripts(b, 100)
	indexes := make([]*topic.ArticleIndex, len(arts))
	for i := range arts {
		indexes[i] = topic.NewArticleIndex(&arts[i])
	}
	queries := make([]topic.Query, len(benchTopics))
	for i, s := range benchTopics {
		queries[i], _ = topic.Parse(s)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix := indexes[i%len(indexes)]
		for _, q := range queries {
			q.MatchIndex(ix)
		}
	}
}

func BenchmarkParseQuery(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		if _, err := topic.Parse(benchTopics[i%len(benchTopics)]); err != nil {
			b.Fatal(err)
		}
	}
}
