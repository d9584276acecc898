package textsearch

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := map[string]struct {
		input      string
		wantGroups [][]string
		wantFTS5   string
		wantTS     string
	}{
		"words become one all-match group": {
			input:      "Cease fire",
			wantGroups: [][]string{{"cease", "fire"}},
			wantFTS5:   `("cease" AND "fire"*)`,
			wantTS:     `('cease' & 'fire':*)`,
		},
		"upper-case OR splits alternatives": {
			input:      "truce OR ceasefire talks",
			wantGroups: [][]string{{"truce"}, {"ceasefire", "talks"}},
			wantFTS5:   `("truce") OR ("ceasefire" AND "talks"*)`,
			wantTS:     `('truce') | ('ceasefire' & 'talks':*)`,
		},
		"operators and punctuation are dropped": {
			input:      `"taiwan* AND (strait) -NOT: "`,
			wantGroups: [][]string{{"taiwan", "strait"}},
			wantFTS5:   `("taiwan" AND "strait"*)`,
			wantTS:     `('taiwan' & 'strait':*)`,
		},
		"accents and case fold": {
			input:      "Zelénskyy",
			wantGroups: [][]string{{"zelenskyy"}},
			wantFTS5:   `("zelenskyy"*)`,
			wantTS:     `('zelenskyy':*)`,
		},
		"only symbols is empty": {
			input: `"* ( ) : - 🙂 OR AND`,
		},
		"lower-case or is a stop word": {
			input:      "war or peace",
			wantGroups: [][]string{{"war", "peace"}},
			wantFTS5:   `("war" AND "peace"*)`,
			wantTS:     `('war' & 'peace':*)`,
		},
		"stop words dropped, prefix moves to the last kept word": {
			input:      "what did Lavrov say about the",
			wantGroups: [][]string{{"lavrov", "say"}},
			wantFTS5:   `("lavrov" AND "say"*)`,
			wantTS:     `('lavrov' & 'say':*)`,
		},
		"only stop words kept as typed": {
			input:      "The Who",
			wantGroups: [][]string{{"the", "who"}},
			wantFTS5:   `("the" AND "who"*)`,
			wantTS:     `('the' & 'who':*)`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			q := Parse(tc.input)
			if !reflect.DeepEqual(q.Groups, tc.wantGroups) {
				t.Fatalf("groups = %q, want %q", q.Groups, tc.wantGroups)
			}
			if q.Empty() != (tc.wantGroups == nil) {
				t.Errorf("Empty() = %v", q.Empty())
			}
			if got := q.FTS5(); got != tc.wantFTS5 {
				t.Errorf("FTS5() = %s, want %s", got, tc.wantFTS5)
			}
			if got := q.TSQuery(); got != tc.wantTS {
				t.Errorf("TSQuery() = %s, want %s", got, tc.wantTS)
			}
		})
	}
}

func TestLikePattern(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":            {"Lavrov", "%lavrov%"},
		"accents":          {"Müller", "%muller%"},
		"wildcards escape": {`50%_a\b`, `%50\%\_a\\b%`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := LikePattern(tc.in); got != tc.want {
				t.Errorf("LikePattern(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"ascii":        {"Sergei LAVROV", "sergei lavrov"},
		"accents":      {"António Guterres", "antonio guterres"},
		"NUL dropped":  {"Wang\x00 Yi", "wang yi"},
		"invalid byte": {"Bad\xffName", "badname"},
		"cyrillic":     {"Сергей Лавров", "сергеи лавров"}, // й is и + breve: folded like any accent, on both sides
		"decomposed":   {"Zele\u0301nskyy", "zelenskyy"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseBoundsTokens(t *testing.T) {
	q := Parse(strings.Repeat("ceasefire talks ", 5000))
	n := 0
	for _, g := range q.Groups {
		n += len(g)
	}
	if n != maxTokens {
		t.Errorf("10,000 words parsed to %d tokens, want %d", n, maxTokens)
	}
}

func TestRank(t *testing.T) {
	q := Parse("ceasefire talks")
	docs := []Doc{
		{1, "Talks went on; a ceasefire was mentioned in a long statement about many other unrelated matters of state and trade"},
		{2, "Ceasefire talks, ceasefire talks: the ceasefire holds"},
		{3, "The ceasefire talks resumed"},
	}
	got := q.Rank(docs)
	if !reflect.DeepEqual(got, []int64{2, 3, 1}) {
		t.Errorf("Rank = %v, want [2 3 1]: more matches first, then shorter texts", got)
	}
	// Equal scores keep the given (newest first) order.
	if got := Parse("peace").Rank([]Doc{{7, "peace now"}, {5, "peace now"}}); !reflect.DeepEqual(got, []int64{7, 5}) {
		t.Errorf("ties: %v, want [7 5]", got)
	}
}

func TestOnlyStopWords(t *testing.T) {
	tests := map[string]bool{
		"into":          true,
		"the OR with":   true,
		"into ukraine":  false, // the stop word is dropped, ukraine stays
		"with OR sanct": false,
		"said":          false, // not on PostgreSQL's list
	}
	for in, want := range tests {
		if got := Parse(in).OnlyStopWords(); got != want {
			t.Errorf("Parse(%q).OnlyStopWords() = %v, want %v", in, got, want)
		}
	}
}
