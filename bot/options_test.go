package bot

import (
	"context"
	"slices"
	"testing"
	"unicode/utf8"
)

func TestCommandOptionsMatchRouter(t *testing.T) {
	inTable := map[string]bool{}
	for _, c := range commands {
		inTable[c.name] = true
		if _, ok := commandOptions[c.name]; !ok {
			t.Errorf("router command %q has no commandOptions entry: add its options (nil for none)", c.name)
		}
	}
	for name := range commandOptions {
		if !inTable[name] {
			t.Errorf("commandOptions has %q, which the router does not know", name)
		}
	}
	specs := Commands()
	if len(specs) != len(commands) {
		t.Fatalf("Commands() has %d entries, the router %d", len(specs), len(commands))
	}
	for i, s := range specs {
		if s.Name != commands[i].name {
			t.Errorf("Commands()[%d] = %q, want router order %q", i, s.Name, commands[i].name)
		}
		if n := utf8.RuneCountInString(s.Description); n == 0 || n > 100 {
			t.Errorf("%s: description of %d characters; Discord takes 1 to 100", s.Name, n)
		}
	}
}

// The text grammars fill only options the command declares (so the
// handlers read the same names on both paths), and keep reading the
// lines Slack and the terminal send as before.
func TestTextGrammarsFillDeclaredOptions(t *testing.T) {
	r, _, _ := routerFixture(t)
	ctx := context.Background()
	cases := []struct {
		command, text string
		want          Options
	}{
		{"about", "ceasefire since 30d", Options{"query": "ceasefire", "since": "30d"}},
		{"timeline", "Sergei Lavrov on ukraine since 90d", Options{"name": "Sergei Lavrov", "query": "ukraine", "since": "90d"}},
		{"compare", "Lavrov Wang Yi talks 12w", Options{"name": "Sergei Lavrov", "other": "Wang Yi", "query": "talks", "since": "12w"}},
		{"subscribe", "russia daily 08:00 Europe/Paris", Options{"topic": "russia", "mode": "daily", "time": "08:00", "zone": "Europe/Paris"}},
		{"follow", "Wang Yi anyway", Options{"name": "Wang Yi", "anyway": "anyway"}},
		{"feeds", "add https://x.example/ Sahel Monitor every 15m tags a,b", Options{"action": "add", "feed": "https://x.example/", "name": "Sahel Monitor", "every": "15m", "tags": "a,b"}},
		{"feeds", "rm Sahel Monitor", Options{"action": "remove", "feed": "Sahel Monitor"}},
	}
	for _, tc := range cases {
		c, _ := findCommand(tc.command)
		got, err := r.commandOptionsOf(ctx, c, Request{}, tc.text)
		if err != nil {
			t.Errorf("%s %q: %v", tc.command, tc.text, err)
			continue
		}
		for name, v := range got {
			if !slices.ContainsFunc(commandOptions[tc.command], func(s OptionSpec) bool { return s.Name == name }) {
				t.Errorf("%s %q filled undeclared option %q", tc.command, tc.text, name)
			}
			if v != tc.want[name] {
				t.Errorf("%s %q: option %s = %q, want %q", tc.command, tc.text, name, v, tc.want[name])
			}
		}
		for name, v := range tc.want {
			if got[name] != v {
				t.Errorf("%s %q: option %s = %q, want %q", tc.command, tc.text, name, got[name], v)
			}
		}
	}
	for name := range textGrammar {
		if len(commandOptions[name]) == 0 {
			t.Errorf("text grammar for %q, which has no options", name)
		}
	}
}
