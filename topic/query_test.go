package topic

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// queryArticle is a hand-written article covering every indexed part.
var queryArticle = briefbot.Article{
	FeedName: "Global Times",
	Title:    "Russian envoy meets Chinese counterpart at the Security Council",
	Text: "The talks in New York covered the ceasefire proposal and sanctions relief. " +
		"Diplomats from Iran were not present. The Ukrainian delegation left early.",
	Statements: []briefbot.Statement{
		{Text: "We support every effort towards a durable ceasefire", Speaker: "Sergei Lavrov"},
		{Text: "Dialogue is the only way forward", Speaker: "Wang Yi"},
	},
	Actors: []briefbot.Actor{
		{Name: "Sergei Lavrov", Type: briefbot.Person, Aliases: []string{"Lavrov"}},
		{Name: "Russia", Type: briefbot.Country, Aliases: []string{"Russian Federation"}},
		{Name: "China", Type: briefbot.Country},
		{Name: "North Atlantic Treaty Organization", Type: briefbot.Organization, Aliases: []string{"NATO"}},
	},
}

func TestQueryMatch(t *testing.T) {
	tests := map[string]struct {
		query string
		want  bool
	}{
		"plain word in title":                {`envoy`, true},
		"case-insensitive":                   {`ENVOY`, true},
		"demonym from country word":          {`Russia`, true},
		"demonym e→ian":                      {`Ukraine`, true},
		"plural":                             {`sanction`, true},
		"whole words only, no infix":         {`counter`, false},
		"word absent":                        {`Paris`, false},
		"implicit AND both present":          {`ceasefire sanctions`, true},
		"implicit AND one missing":           {`ceasefire Paris`, false},
		"explicit AND":                       {`ceasefire AND Paris`, false},
		"OR one present":                     {`Paris OR Moscow OR envoy`, true},
		"OR none present":                    {`Paris OR Moscow`, false},
		"lowercase operators":                {`paris or envoy`, true},
		"NOT present word":                   {`envoy NOT ceasefire`, false},
		"NOT absent word":                    {`envoy NOT Paris`, true},
		"parentheses group":                  {`(Paris OR envoy) AND ceasefire`, true},
		"parentheses change precedence":      {`Paris OR envoy AND Tokyo`, false},
		"parentheses around OR":              {`(Paris OR envoy) AND Tokyo`, false},
		"phrase in order":                    {`"security council"`, true},
		"phrase out of order":                {`"council security"`, false},
		"phrase across sentence words":       {`"durable ceasefire"`, true},
		"curly quotes":                       {`“new york”`, true},
		"prefix wildcard":                    {`diplomat*`, true},
		"prefix wildcard absent":             {`tokyo*`, false},
		"statement text is searched":         {`durable`, true},
		"speaker last name":                  {`speaker:lavrov`, true},
		"speaker prefix":                     {`speaker:lavr`, true},
		"speaker misspelt by one letter":     {`speaker:"sergey lavrov"`, true},
		"speaker not quoted":                 {`speaker:putin`, false},
		"speaker field does not read actors": {`speaker:nato`, false},
		"actor alias":                        {`actor:nato`, true},
		"actor full name phrase":             {`actor:"north atlantic"`, true},
		"actor absent":                       {`actor:"european union"`, false},
		"country actor":                      {`country:china`, true},
		"country by demonym":                 {`country:russian`, true},
		"country field ignores persons":      {`country:lavrov`, false},
		"feed name":                          {`feed:"global times"`, true},
		"feed other":                         {`feed:reuters`, false},
		"hyphenated word as sequence":        {`New-York`, true},
		"field combined with words":          {`speaker:lavrov AND (sanctions OR embargo) NOT feed:reuters`, true},
		"NOT of a group":                     {`NOT (envoy OR Paris)`, false},
		"double NOT":                         {`NOT NOT envoy`, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			q, err := Parse(tc.query)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.query, err)
			}
			a := queryArticle
			if got := q.Match(&a); got != tc.want {
				t.Errorf("Parse(%q).Match = %v, want %v", tc.query, got, tc.want)
			}
		})
	}
}

func TestQueryOnlyRussianMatchesRussia(t *testing.T) {
	// The example: users write "Russia OR Moscow"; an article that
	// only says "Russian" is on topic, one about "Prussia" is not.
	q, err := Parse("Russia OR Moscow")
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{
		"Russian troops withdrew":           true,
		"Two Russians were detained":        true,
		"Russia's envoy spoke":              true,
		"Old maps of Prussia were restored": false,
		"The Belarusian delegation arrived": false,
		"Moscow hosted the talks":           true,
	} {
		if got := q.Match(&briefbot.Article{Title: text}); got != want {
			t.Errorf("Match(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]struct {
		query string
		want  string // the error text, naming token and 1-based position
	}{
		"unbalanced open":        {`russia AND (moscow OR kyiv`, `unbalanced "(" at 12`},
		"unbalanced close":       {`russia)`, `unbalanced ")" at 7`},
		"unterminated quote":     {`"security council`, `unterminated "\"" at 1`},
		"dangling OR":            {`russia OR`, `missing term after "OR" at 8`},
		"leading AND":            {`AND russia`, `missing term before "AND" at 1`},
		"dangling NOT":           {`russia NOT`, `missing term after "NOT" at 8`},
		"unknown field":          {`russia author:smith`, `unknown field (use speaker:, actor:, country: or feed:) "author:" at 8`},
		"empty field value":      {`speaker:`, `missing value after "speaker:" at 1`},
		"empty group":            {`russia ()`, `empty group "()" at 8`},
		"empty query":            {`   `, `empty query "   " at 1`},
		"punctuation only":       {`russia ???`, `not a word "???" at 8`},
		"position counts runes":  {`Москва (`, `unbalanced "(" at 8`},
		"double operator":        {`russia OR OR moscow`, `missing term after "OR" at 8`},
		"unterminated field val": {`speaker:"wang`, `unterminated "\"" at 9`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(tc.query)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error %s", tc.query, tc.want)
			}
			var qe *Error
			if !errors.As(err, &qe) {
				t.Fatalf("error %v is %T, want *Error", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("Parse(%q) error = %s, want %s", tc.query, err, tc.want)
			}
		})
	}
}

func TestZeroQueryMatchesNothing(t *testing.T) {
	var q Query
	if q.Match(&queryArticle) {
		t.Error("zero Query matched an article")
	}
}

func TestWithinOneEdit(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"lavrov", "lavrov", true},
		{"lavrov", "lavrow", true},  // substitution
		{"lavrov", "lavrv", true},   // deletion
		{"lavrov", "lavrovv", true}, // insertion
		{"lavrov", "lavorv", false}, // transposition = two edits
		{"sergei", "sergey", true},
		{"wang", "wong", true},
		{"abc", "xyz", false},
		{"abc", "abcde", false},
	} {
		if got := withinOneEdit(tc.a, tc.b); got != tc.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzParse checks the parser never panics, that errors carry a
// position inside the query, and that a parsed query can be matched.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`russia OR moscow`, `(iran OR israel) AND NOT sport`, `"security council"`,
		`speaker:lavrov`, `feed:"global times" sanction*`, `((a)`, `a OR`, `"`, `x:y`,
		`NOT NOT NOT a`, `“curly”`, `Москва`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var qe *Error
			if !errors.As(err, &qe) {
				t.Fatalf("error %v is %T, want *Error", err, err)
			}
			if qe.Pos < 1 || qe.Pos > utf8.RuneCountInString(s)+1 {
				t.Fatalf("error position %d outside query of %d runes: %v", qe.Pos, utf8.RuneCountInString(s), err)
			}
			return
		}
		if q.String() != strings.TrimSpace(s) {
			t.Fatalf("String() = %q, want %q", q.String(), strings.TrimSpace(s))
		}
		a := briefbot.Article{Title: s, Text: s}
		q.Match(&a)
	})
}

func TestIsVariantAgreesWithWordVariants(t *testing.T) {
	words := []string{"russia", "ukraine", "iran", "iraq", "china", "war", "europe", "peru", "mali", "xi", "us", "togo", "sanction"}
	terms := []string{"russian", "russians", "ukrainian", "ukrainians", "iranian", "iraqi", "chinas", "wars", "warn", "european",
		"peruvian", "malis", "xis", "uses", "togon", "sanctions", "sanctioned", "chinese", "ukrain", "ukraines", "europeans", "warian"}
	for _, w := range words {
		want := map[string]bool{}
		for _, v := range wordVariants(w) {
			want[v] = true
		}
		for _, term := range append(terms, w) {
			if got := isVariant(w, term); got != want[term] {
				t.Errorf("isVariant(%q, %q) = %v, wordVariants says %v", w, term, got, want[term])
			}
		}
	}
}
