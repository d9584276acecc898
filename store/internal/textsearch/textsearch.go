// Package textsearch turns what a user typed into safe full-text queries for
// both SQL dialects, and folds names so speaker lookups ignore case and
// accents. It is owned by store/ and knows nothing of SQL connections.
package textsearch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Query is a parsed search: any one of the groups must match, and every
// token of a group must match. The last token of the last group is matched
// as a prefix so "cease" finds "ceasefire" while the user is typing.
type Query struct {
	Groups [][]string
	// Exact drops the prefix match of the last token. A prefix query
	// makes the search engines merge the posting lists of every word
	// with that prefix before returning the first hit; an exact one
	// returns the newest hits first and stops. Stores search exactly
	// first and fall back to the prefix only when that finds too few.
	Exact bool
}

// ExactQuery returns q matching its last token as a whole word.
func (q Query) ExactQuery() Query {
	q.Exact = true
	return q
}

// Empty reports whether nothing searchable was typed.
func (q Query) Empty() bool { return len(q.Groups) == 0 }

// maxTokens bounds the words of one search: a search of thousands of
// words would make the store intersect thousands of posting lists. Words
// past it are ignored.
const maxTokens = 32

// Parse splits user input into word tokens. Only letters and digits survive,
// so quotes, stars, parentheses, colons and the like can never reach the FTS
// parser. An upper-case OR between words starts a new alternative; an
// upper-case AND is the default and is dropped. Tokens are lower-cased and
// accent-folded.
func Parse(input string) Query {
	var q Query
	var group []string
	tokens := 0
	flush := func() {
		if len(group) > 0 {
			q.Groups = append(q.Groups, group)
			group = nil
		}
	}
	for _, field := range strings.FieldsFunc(input, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	}) {
		switch field {
		case "OR":
			flush()
			continue
		case "AND", "NOT":
			continue
		}
		tok := Fold(field)
		if tok == "" {
			continue
		}
		if tokens++; tokens > maxTokens {
			break
		}
		group = append(group, tok)
	}
	flush()
	return q.withoutStopWords()
}

// withoutStopWords drops common English words from each group, as
// PostgreSQL's english configuration does, so "the ceasefire" means the
// same on SQLite. A group made only of stop words is kept as typed.
func (q Query) withoutStopWords() Query {
	for gi, g := range q.Groups {
		var kept []string
		for _, tok := range g {
			if !stopWords[tok] {
				kept = append(kept, tok)
			}
		}
		if len(kept) > 0 {
			q.Groups[gi] = kept
		}
	}
	return q
}

// OnlyStopWords reports whether every token is a stop word: PostgreSQL's
// english configuration drops them all, so the query matches nothing
// there (SQLite matches them as typed).
func (q Query) OnlyStopWords() bool {
	for _, g := range q.Groups {
		for _, tok := range g {
			if !stopWords[tok] {
				return false
			}
		}
	}
	return true
}

// stopWords is a subset of the Snowball English stop list PostgreSQL uses.
var stopWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`a about above after again against all am an and any are as at be because
		been before being below between both but by can did do does doing down during each few for from
		further had has have having he her here hers herself him himself his how i if in into is it its
		itself just me more most my myself no nor not now of off on once only or other our ours ourselves
		out over own same she should so some such than that the their theirs them themselves then there
		these they this those through to too under until up very was we were what when where which while
		who whom why will with you your yours yourself yourselves`) {
		m[w] = true
	}
	return m
}()

// FTS5 renders q as an SQLite FTS5 MATCH expression. Every token is a
// double-quoted string (tokens hold only letters and digits, so no escaping
// is needed) and the final token is a prefix query.
func (q Query) FTS5() string { return q.render(" OR ", " AND ", `"`, "*") }

// TSQuery renders q as a PostgreSQL to_tsquery expression: each token single
// quoted, & within a group, | between groups, :* on the final token.
func (q Query) TSQuery() string { return q.render(" | ", " & ", "'", ":*") }

// render writes the groups joined by or, their tokens joined by and, each
// token between quote marks, and prefix after the final token.
func (q Query) render(or, and, quote, prefix string) string {
	var b strings.Builder
	for gi, g := range q.Groups {
		if gi > 0 {
			b.WriteString(or)
		}
		b.WriteByte('(')
		for ti, tok := range g {
			if ti > 0 {
				b.WriteString(and)
			}
			b.WriteString(quote + tok + quote)
			if gi == len(q.Groups)-1 && ti == len(g)-1 && !q.Exact {
				b.WriteString(prefix)
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// Fold lower-cases s and strips combining marks, so "Lavrov", "LAVROV" and
// "Lávrov" compare equal. Stored speaker keys and user fragments both go
// through it.
func Fold(s string) string {
	if isPlainASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) || r == 0 || r == utf8.RuneError {
			continue // marks, NUL and invalid bytes carry no identity
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// LikePattern returns a LIKE pattern matching any string that contains the
// folded fragment, with %, _ and the escape character \ escaped. Use it with
// ESCAPE '\'.
func LikePattern(fragment string) string {
	f := Fold(fragment)
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(f) + "%"
}

// isPlainASCII reports whether s is ASCII without NUL: nothing to fold but case.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0 || c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
