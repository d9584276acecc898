package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

// seedStatements stores three articles whose statements the search tests query.
func seedStatements(t *testing.T, s store.Store) {
	t.Helper()
	feed := oneFeed(t, s)
	arts := []struct {
		n          int
		published  time.Time
		statements []briefbot.Statement
	}{
		{1, t0, []briefbot.Statement{
			{Text: "Russia is ready for a ceasefire in the region", Speaker: "Sergei Lavrov"},
			{Text: "Sanctions hurt ordinary people", Speaker: "Maria Zakharova"},
		}},
		{2, t0.Add(time.Hour), []briefbot.Statement{
			{Text: "The ceasefire must hold, and talks should resume", Speaker: "António Guterres"},
			{Text: "We discussed trade with Lavrov", Speaker: "Wang Yi"},
		}},
		{3, t0.Add(2 * time.Hour), []briefbot.Statement{
			{Text: "Dialogue remains the only path to peace", Speaker: "Sergei Lavrov"},
			{Text: "Experts doubt the truce will last", Speaker: "experts"},
		}},
	}
	for _, a := range arts {
		art := article(feed, a.n, a.published)
		art.PublishedAt = a.published
		art.Statements = a.statements
		if !save(t, s, &art) {
			t.Fatalf("article %d not stored", a.n)
		}
	}
}

func hitTexts(hits []briefbot.StatementHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Text)
	}
	return out
}

func testSearchStatements(t *testing.T, s store.Store) {
	seedStatements(t, s)
	tests := map[string]struct {
		query string
		want  []string // any order
	}{
		"one word":                 {"ceasefire", []string{"Russia is ready for a ceasefire in the region", "The ceasefire must hold, and talks should resume"}},
		"case and punctuation":     {"CEASEFIRE, region!", []string{"Russia is ready for a ceasefire in the region"}},
		"all words must match":     {"ceasefire talks", []string{"The ceasefire must hold, and talks should resume"}},
		"speaker name":             {"zakharova", []string{"Sanctions hurt ordinary people"}},
		"speaker and word":         {"lavrov dialogue", []string{"Dialogue remains the only path to peace"}},
		"accent-free speaker":      {"guterres", []string{"The ceasefire must hold, and talks should resume"}},
		"prefix on last word":      {"sanct", []string{"Sanctions hurt ordinary people"}},
		"OR alternatives":          {"truce OR sanctions", []string{"Sanctions hurt ordinary people", "Experts doubt the truce will last"}},
		"no match":                 {"earthquake", nil},
		"mentioned not speaker":    {"trade lavrov", []string{"We discussed trade with Lavrov"}},
		"quoted phrase is words":   {`"ceasefire hold"`, []string{"The ceasefire must hold, and talks should resume"}},
		"stop words ignored":       {"the ceasefire in the region", []string{"Russia is ready for a ceasefire in the region"}},
		"question words":           {"what about sanctions", []string{"Sanctions hurt ordinary people"}},
		"only punctuation matches": {`"*():-`, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			hits, err := s.SearchStatements(ctx(t), tc.query, 10)
			check(t, err)
			got := hitTexts(hits)
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("SearchStatements(%q) = %q, want %q", tc.query, got, want)
			}
		})
	}

	hits, err := s.SearchStatements(ctx(t), "zakharova", 10)
	check(t, err)
	if len(hits) != 1 {
		t.Fatalf("got %d hits", len(hits))
	}
	h := hits[0]
	if h.ArticleTitle != "Story 1" || h.ArticleURL != "https://wire.example/news/1" || h.FeedName != "Wire" || !h.PublishedAt.Equal(t0) || h.ID == 0 || h.ArticleID == 0 {
		t.Errorf("hit lacks its article: %+v", h)
	}
	if hits, err := s.SearchStatements(ctx(t), "ceasefire", 1); err != nil || len(hits) != 1 {
		t.Errorf("limit 1: %d hits, %v", len(hits), err)
	}
}

func testSearchStatementsHostile(t *testing.T, s store.Store) {
	seedStatements(t, s)
	for _, q := range []string{
		`"`, `""`, `*`, `ceasefire*`, `AND`, `OR`, `NOT`, `ceasefire AND`, `AND ceasefire OR`, `(`, `)`, `(ceasefire`,
		`-`, `-ceasefire`, `:`, `speaker:lavrov`, `body:x`, `🕊️`, `ceasefire 🕊️`, `'`, `'; DROP TABLE statements; --`,
		`\`, `%`, `_`, `&`, `|`, `!`, `<->`, `:*`, `a & b | !c`, `NEAR(a b)`, `^ceasefire`, `{a b}`, "\x00", ``, `   `,
	} {
		hits, err := s.SearchStatements(ctx(t), q, 10)
		if err != nil {
			t.Errorf("SearchStatements(%q): %v", q, err)
		}
		for _, h := range hits {
			if h.Text == "" {
				t.Errorf("SearchStatements(%q) returned an empty hit", q)
			}
		}
	}
	// Operators are ignored, the words still count.
	hits, err := s.SearchStatements(ctx(t), `(ceasefire AND "hold")`, 10)
	check(t, err)
	if got := hitTexts(hits); !slices.Equal(got, []string{"The ceasefire must hold, and talks should resume"}) {
		t.Errorf("operators in input: got %q", got)
	}
}

func testStatementsBySpeaker(t *testing.T, s store.Store) {
	seedStatements(t, s)
	tests := map[string]struct {
		name string
		want []string // newest first
	}{
		"surname lower-case": {"lavrov", []string{"Dialogue remains the only path to peace", "Russia is ready for a ceasefire in the region"}},
		"full name":          {"Sergei Lavrov", []string{"Dialogue remains the only path to peace", "Russia is ready for a ceasefire in the region"}},
		"upper-case":         {"ZAKHAROVA", []string{"Sanctions hurt ordinary people"}},
		"without accent":     {"antonio", []string{"The ceasefire must hold, and talks should resume"}},
		"with accent":        {"Antónió", []string{"The ceasefire must hold, and talks should resume"}},
		"LIKE wildcard":      {"%", nil},
		"underscore":         {"_", nil},
		"unknown":            {"Blinken", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			hits, err := s.StatementsBySpeaker(ctx(t), tc.name, 10)
			check(t, err)
			if got := hitTexts(hits); !slices.Equal(got, tc.want) {
				t.Errorf("StatementsBySpeaker(%q) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
	hits, err := s.StatementsBySpeaker(ctx(t), "lavrov", 1)
	check(t, err)
	if len(hits) != 1 || hits[0].Speaker != "Sergei Lavrov" || hits[0].ArticleTitle != "Story 3" {
		t.Errorf("limit 1: %+v", hits)
	}
}

func testSpeakers(t *testing.T, s store.Store) {
	seedStatements(t, s)
	tests := map[string]struct {
		fragment string
		limit    int
		want     []string
	}{
		"most quoted first": {"", 2, []string{"Sergei Lavrov", "António Guterres"}},
		"fragment":          {"ov", 10, []string{"Sergei Lavrov", "Maria Zakharova"}},
		"accent tolerant":   {"anto", 10, []string{"António Guterres"}},
		"none":              {"zz", 10, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := s.Speakers(ctx(t), tc.fragment, tc.limit)
			check(t, err)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Speakers(%q) = %q, want %q", tc.fragment, got, tc.want)
			}
		})
	}
}

// seedMinisters stores nine statements, oldest first, where "minister" is
// common, "foreign minister" less so and "ministry"/"ministries" complete
// a typed prefix; returns their texts in the order they were stored.
func seedMinisters(t *testing.T, s store.Store) []string {
	t.Helper()
	feed := oneFeed(t, s)
	texts := [][]string{
		{"The foreign minister met his counterpart", "The minister declined to comment", "Foreign ministry officials were present"},
		{"The prime minister spoke about trade", "A foreign minister called for talks", "The minister of finance resigned"},
		{"Foreign ministries issued a joint statement", "The minister visited the border", "The foreign minister said nothing new"},
	}
	var stored []string
	for i, group := range texts {
		published := t0.Add(time.Duration(i) * time.Hour)
		art := article(feed, 10+i, published)
		art.PublishedAt = published
		for _, text := range group {
			art.Statements = append(art.Statements, briefbot.Statement{Text: text, Speaker: "Officials"})
			stored = append(stored, text)
		}
		if !save(t, s, &art) {
			t.Fatalf("article %d not stored", i)
		}
	}
	return stored
}

// Two words where one is common, the last typed as a prefix: the whole
// words match nothing together, the prefix completes to "ministry" and
// "ministries". Text searches without a speaker page through matches in
// the order they were stored, newest first.
func testSearchCommonWords(t *testing.T, s store.Store) {
	stored := seedMinisters(t, s)
	foreign := []string{stored[8], stored[6], stored[4], stored[2], stored[0]} // newest first
	hits, err := s.SearchStatements(ctx(t), "foreign minis", 10)
	check(t, err)
	got := hitTexts(hits)
	slices.Sort(got)
	want := slices.Clone(foreign)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("SearchStatements(foreign minis) = %q, want %q", got, want)
	}
	if hits, err := s.SearchStatements(ctx(t), "foreign minister", 2); err != nil || len(hits) != 2 {
		t.Errorf("foreign minister, limit 2: %d hits, %v", len(hits), err)
	}
	if hits, err := s.SearchStatements(ctx(t), "minister", 5); err != nil || len(hits) != 5 {
		t.Errorf("common word, limit 5: %d hits, %v", len(hits), err)
	}
	for _, tc := range []struct{ offset, limit int }{{0, 2}, {1, 2}, {3, 5}, {5, 2}} {
		hits, err := s.FindStatements(ctx(t), briefbot.StatementFilter{Query: "foreign minis", Offset: tc.offset, Limit: tc.limit})
		check(t, err)
		want := foreign[min(tc.offset, len(foreign)):min(tc.offset+tc.limit, len(foreign))]
		if got := hitTexts(hits); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("FindStatements(foreign minis, offset %d, limit %d) = %q, want %q", tc.offset, tc.limit, got, want)
		}
	}
}
