// Package topic is the topic query language: parsed once (config load,
// subscribe, about) and matched against articles by the dispatcher.
package topic

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// Topic query language, used by configured topics, ad-hoc subscriptions and
// the about command:
//
//	russia OR moscow                  either word
//	ceasefire gaza                    both words (adjacent terms are ANDed)
//	"security council"                the words in this order
//	sanction*                         any word starting with "sanction"
//	(iran OR israel) AND NOT sport    grouping and negation
//	speaker:lavrov                    a statement by a speaker named so
//	actor:nato country:china          an actor (any type) / a country actor
//	feed:"global times"               the article's feed name
//
// Operators AND, OR, NOT are case-insensitive; NOT binds tighter than AND,
// AND tighter than OR. Matching ignores case and punctuation.
//
// Plain words are matched "stemming-light": a word matches the same token
// and its common English inflections and demonyms, so that a user writing
// `Russia OR Moscow` also gets articles that only say "Russian" or
// "Russians": word+s/es, and for place-like words word+n/ns (Russia→Russian),
// word+an/ans (Europe→European), word−e+ian (Ukraine→Ukrainian),
// word+ian/ians/i/is (Iran→Iranian, Iraq→Iraqi). The rules are suffix
// additions only, so "war" never matches "award"; they can over-match a
// little ("war" matches "wars" and "warn"), which a topic filter tolerates
// better than missing the demonym. Phrases match exact tokens.

// Query is a parsed topic query. The zero Query matches nothing.
type Query struct {
	text string
	root queryNode
}

// String returns the query text as written.
func (q Query) String() string { return q.text }

// Error reports where a query is malformed. Pos is the 1-based
// character (rune) position of Token in the query.
type Error struct {
	Pos   int
	Token string
	Msg   string // e.g. "unbalanced", "unexpected"
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s %q at %d", e.Msg, e.Token, e.Pos)
}

// Query fields usable as field:value.
const (
	fieldSpeaker = "speaker"
	fieldActor   = "actor"
	fieldCountry = "country"
	fieldFeed    = "feed"
)

type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokLParen
	tokRParen
	tokAnd
	tokOr
	tokNot
	tokEOF
)

type qtoken struct {
	kind  tokKind
	text  string // raw text as written (for errors)
	field string // for words and phrases: "" or one of the field names
	terms []string
	pos   int // 1-based rune position
}

// Parse parses a topic query. Errors are *Error naming the
// position and token, e.g. `unbalanced "(" at 12`.
func Parse(s string) (Query, error) {
	toks, err := lexQuery(s)
	if err != nil {
		return Query{}, err
	}
	if len(toks) == 1 { // only EOF
		return Query{}, &Error{Pos: 1, Token: s, Msg: "empty query"}
	}
	p := &queryParser{toks: toks}
	root, err := p.parseOr()
	if err != nil {
		return Query{}, err
	}
	if t := p.peek(); t.kind != tokEOF {
		if t.kind == tokRParen {
			return Query{}, &Error{Pos: t.pos, Token: ")", Msg: "unbalanced"}
		}
		return Query{}, &Error{Pos: t.pos, Token: t.text, Msg: "unexpected"}
	}
	return Query{text: strings.TrimSpace(s), root: root}, nil
}

func lexQuery(s string) ([]qtoken, error) {
	var toks []qtoken
	runes := []rune(s)
	i := 0
	for i < len(runes) {
		r := runes[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(':
			toks = append(toks, qtoken{kind: tokLParen, text: "(", pos: i + 1})
			i++
		case r == ')':
			toks = append(toks, qtoken{kind: tokRParen, text: ")", pos: i + 1})
			i++
		case isQuote(r):
			start := i
			j := i + 1
			for j < len(runes) && !isQuote(runes[j]) {
				j++
			}
			if j == len(runes) {
				return nil, &Error{Pos: start + 1, Token: `"`, Msg: "unterminated"}
			}
			phrase := string(runes[i+1 : j])
			terms := Tokenize(phrase)
			if len(terms) == 0 {
				return nil, &Error{Pos: start + 1, Token: string(runes[start : j+1]), Msg: "empty phrase"}
			}
			toks = append(toks, qtoken{kind: tokPhrase, text: string(runes[start : j+1]), terms: terms, pos: start + 1})
			i = j + 1
		default:
			start := i
			for i < len(runes) && !unicode.IsSpace(runes[i]) && runes[i] != '(' && runes[i] != ')' && !isQuote(runes[i]) {
				i++
			}
			word := string(runes[start:i])
			tok, err := wordToken(word, start+1)
			if err != nil {
				return nil, err
			}
			if tok.field != "" && len(tok.terms) == 0 {
				// field:"quoted value" — the value is the next phrase.
				if i < len(runes) && isQuote(runes[i]) {
					j := i + 1
					for j < len(runes) && !isQuote(runes[j]) {
						j++
					}
					if j == len(runes) {
						return nil, &Error{Pos: i + 1, Token: `"`, Msg: "unterminated"}
					}
					tok.terms = Tokenize(string(runes[i+1 : j]))
					tok.text = string(runes[start : j+1])
					i = j + 1
				}
				if len(tok.terms) == 0 {
					return nil, &Error{Pos: start + 1, Token: word, Msg: "missing value after"}
				}
				tok.kind = tokPhrase
			}
			toks = append(toks, tok)
		}
	}
	toks = append(toks, qtoken{kind: tokEOF, text: "end of query", pos: len(runes) + 1})
	return toks, nil
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

func wordToken(word string, pos int) (qtoken, error) {
	switch strings.ToUpper(word) {
	case "AND", "&&":
		return qtoken{kind: tokAnd, text: word, pos: pos}, nil
	case "OR", "||":
		return qtoken{kind: tokOr, text: word, pos: pos}, nil
	case "NOT":
		return qtoken{kind: tokNot, text: word, pos: pos}, nil
	}
	if name, value, ok := strings.Cut(word, ":"); ok && name != "" && isLetters(name) {
		field := strings.ToLower(name)
		switch field {
		case fieldSpeaker, fieldActor, fieldCountry, fieldFeed:
		default:
			return qtoken{}, &Error{Pos: pos, Token: name + ":", Msg: "unknown field (use speaker:, actor:, country: or feed:)"}
		}
		t := qtoken{kind: tokWord, text: word, field: field, terms: Tokenize(value), pos: pos}
		if len(t.terms) > 1 {
			t.kind = tokPhrase
		}
		return t, nil
	}
	prefix := strings.HasSuffix(word, "*")
	terms := Tokenize(word)
	if len(terms) == 0 {
		return qtoken{}, &Error{Pos: pos, Token: word, Msg: "not a word"}
	}
	if len(terms) > 1 {
		// "Sino-Russian" or "U.S." are one word to the user: match the
		// tokens in sequence.
		return qtoken{kind: tokPhrase, text: word, terms: terms, pos: pos}, nil
	}
	if prefix {
		return qtoken{kind: tokWord, text: word, terms: terms, field: "*", pos: pos}, nil
	}
	return qtoken{kind: tokWord, text: word, terms: terms, pos: pos}, nil
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

type queryParser struct {
	toks []qtoken
	i    int
}

func (p *queryParser) peek() qtoken { return p.toks[p.i] }
func (p *queryParser) next() qtoken { t := p.toks[p.i]; p.i++; return t }

func (p *queryParser) parseOr() (queryNode, error) {
	left, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	nodes := []queryNode{left}
	for p.peek().kind == tokOr {
		op := p.next()
		if !startsTerm(p.peek().kind) {
			return nil, &Error{Pos: op.pos, Token: op.text, Msg: "missing term after"}
		}
		right, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, right)
	}
	if len(nodes) == 1 {
		return left, nil
	}
	return orNode(nodes), nil
}

func startsTerm(k tokKind) bool {
	return k == tokWord || k == tokPhrase || k == tokLParen || k == tokNot
}

func (p *queryParser) parseAnd() (queryNode, error) {
	t := p.peek()
	if !startsTerm(t.kind) {
		return nil, p.missingTerm(t)
	}
	left, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	nodes := []queryNode{left}
	for {
		t := p.peek()
		if t.kind == tokAnd {
			p.next()
			if !startsTerm(p.peek().kind) {
				return nil, &Error{Pos: t.pos, Token: t.text, Msg: "missing term after"}
			}
		} else if !startsTerm(t.kind) {
			break
		}
		right, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, right)
	}
	if len(nodes) == 1 {
		return left, nil
	}
	return andNode(nodes), nil
}

func (p *queryParser) missingTerm(t qtoken) error {
	switch t.kind {
	case tokRParen:
		return &Error{Pos: t.pos, Token: ")", Msg: "unbalanced"}
	case tokAnd, tokOr:
		return &Error{Pos: t.pos, Token: t.text, Msg: "missing term before"}
	case tokEOF:
		if p.i > 0 {
			prev := p.toks[p.i-1]
			if prev.kind == tokLParen {
				return &Error{Pos: prev.pos, Token: "(", Msg: "unbalanced"}
			}
			return &Error{Pos: prev.pos, Token: prev.text, Msg: "missing term after"}
		}
	}
	return &Error{Pos: t.pos, Token: t.text, Msg: "missing term at"}
}

func (p *queryParser) parseUnary() (queryNode, error) {
	t := p.next()
	switch t.kind {
	case tokNot:
		if !startsTerm(p.peek().kind) {
			return nil, &Error{Pos: t.pos, Token: t.text, Msg: "missing term after"}
		}
		inner, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return notNode{inner}, nil
	case tokLParen:
		if p.peek().kind == tokEOF {
			return nil, &Error{Pos: t.pos, Token: "(", Msg: "unbalanced"}
		}
		if p.peek().kind == tokRParen {
			return nil, &Error{Pos: t.pos, Token: "()", Msg: "empty group"}
		}
		inner, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if p.peek().kind != tokRParen {
			return nil, &Error{Pos: t.pos, Token: "(", Msg: "unbalanced"}
		}
		p.next()
		return inner, nil
	case tokWord, tokPhrase:
		switch t.field {
		case "":
			if t.kind == tokPhrase {
				return phraseNode(t.terms), nil
			}
			return wordNode{variants: wordVariants(t.terms[0])}, nil
		case "*":
			return prefixNode(t.terms[0]), nil
		default:
			return fieldNode{field: t.field, terms: t.terms}, nil
		}
	}
	return nil, p.missingTerm(t)
}

// Tokenize lowercases s and splits it into letter/digit runs. Apostrophes
// and hyphens split too: "Russia's" → russia, s; "Sino-Russian" → sino,
// russian.
func Tokenize(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

// Match reports whether the article matches the query. To match many
// queries against one article, build its ArticleIndex once and use
// MatchIndex.
func (q Query) Match(a *briefbot.Article) bool {
	if q.root == nil {
		return false
	}
	return q.root.match(NewArticleIndex(a))
}

// MatchIndex reports whether the indexed article matches the query.
func (q Query) MatchIndex(ix *ArticleIndex) bool {
	if q.root == nil {
		return false
	}
	return q.root.match(ix)
}

// ArticleIndex is a lowercase token index of one article: built once per
// article and shared by every query matched against it.
type ArticleIndex struct {
	// words maps each token of the title, teaser, text, summary,
	// statements and actor names to its positions in fields.
	words  map[string][]tokPos
	fields [][]string // token sequences of the indexed texts
	sorted []string   // distinct tokens, for prefix queries (built lazily)

	speakers  [][]string // tokens of each distinct statement speaker
	actors    [][]string // tokens of each actor name and alias
	countries [][]string // tokens of each country actor name and alias
	feed      []string
}

type tokPos struct{ field, pos int32 }

// NewArticleIndex tokenizes a once.
func NewArticleIndex(a *briefbot.Article) *ArticleIndex {
	ix := &ArticleIndex{words: make(map[string][]tokPos)}
	add := func(s string) {
		if s == "" {
			return
		}
		toks := Tokenize(s)
		f := int32(len(ix.fields))
		ix.fields = append(ix.fields, toks)
		for i, t := range toks {
			ix.words[t] = append(ix.words[t], tokPos{f, int32(i)})
		}
	}
	add(a.Title)
	add(a.Teaser)
	add(a.Text)
	add(a.Summary)
	seenSpeaker := map[string]bool{}
	for _, s := range a.Statements {
		add(s.Text)
		if s.Speaker != "" && !seenSpeaker[s.Speaker] {
			seenSpeaker[s.Speaker] = true
			add(s.Speaker)
			ix.speakers = append(ix.speakers, Tokenize(s.Speaker))
		}
	}
	for _, ac := range a.Actors {
		names := append([]string{ac.Name}, ac.Aliases...)
		for _, n := range names {
			toks := Tokenize(n)
			if len(toks) == 0 {
				continue
			}
			add(n)
			ix.actors = append(ix.actors, toks)
			if ac.Type == briefbot.Country {
				ix.countries = append(ix.countries, toks)
			}
		}
	}
	ix.feed = Tokenize(a.FeedName)
	return ix
}

type queryNode interface {
	match(ix *ArticleIndex) bool
}

type andNode []queryNode

func (n andNode) match(ix *ArticleIndex) bool {
	for _, c := range n {
		if !c.match(ix) {
			return false
		}
	}
	return true
}

type orNode []queryNode

func (n orNode) match(ix *ArticleIndex) bool {
	for _, c := range n {
		if c.match(ix) {
			return true
		}
	}
	return false
}

type notNode struct{ inner queryNode }

func (n notNode) match(ix *ArticleIndex) bool { return !n.inner.match(ix) }

// wordNode matches any of the word's variants, computed once at parse.
type wordNode struct{ variants []string }

func (n wordNode) match(ix *ArticleIndex) bool {
	for _, v := range n.variants {
		if _, ok := ix.words[v]; ok {
			return true
		}
	}
	return false
}

// wordVariants lists the tokens a plain query word matches (see the
// package comment on stemming-light matching).
func wordVariants(w string) []string {
	v := []string{w, w + "s", w + "es"}
	last, _ := utf8.DecodeLastRuneInString(w)
	if utf8.RuneCountInString(w) < 3 {
		return v
	}
	switch last {
	case 'a', 'o':
		v = append(v, w+"n", w+"ns")
	case 'e':
		base := strings.TrimSuffix(w, "e")
		v = append(v, w+"an", w+"ans", base+"ian", base+"ians")
	case 'i', 'u', 'y':
	default:
		v = append(v, w+"ian", w+"ians", w+"i", w+"is")
	}
	return v
}

// isVariant reports whether term is one of wordVariants(w), without
// allocating: Dispatch runs it for every field filter on every article.
func isVariant(w, term string) bool {
	suffix, ok := strings.CutPrefix(term, w)
	if !ok {
		// word−e+ian: ukraine → ukrainian.
		if base, isE := strings.CutSuffix(w, "e"); isE && utf8.RuneCountInString(w) >= 3 {
			if rest, ok := strings.CutPrefix(term, base); ok && (rest == "ian" || rest == "ians") {
				return true
			}
		}
		return false
	}
	switch suffix {
	case "", "s", "es":
		return true
	}
	if utf8.RuneCountInString(w) < 3 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(w)
	switch last {
	case 'a', 'o':
		return suffix == "n" || suffix == "ns"
	case 'e':
		return suffix == "an" || suffix == "ans"
	case 'i', 'u', 'y':
		return false
	}
	return suffix == "ian" || suffix == "ians" || suffix == "i" || suffix == "is"
}

type prefixNode string

func (n prefixNode) match(ix *ArticleIndex) bool {
	if ix.sorted == nil {
		ix.sorted = make([]string, 0, len(ix.words))
		for w := range ix.words {
			ix.sorted = append(ix.sorted, w)
		}
		slices.Sort(ix.sorted)
	}
	i := sort.SearchStrings(ix.sorted, string(n))
	return i < len(ix.sorted) && strings.HasPrefix(ix.sorted[i], string(n))
}

type phraseNode []string

func (n phraseNode) match(ix *ArticleIndex) bool {
	for _, p := range ix.words[n[0]] {
		field := ix.fields[p.field]
		if int(p.pos)+len(n) > len(field) {
			continue
		}
		ok := true
		for k := 1; k < len(n); k++ {
			if field[int(p.pos)+k] != n[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

type fieldNode struct {
	field string
	terms []string
}

func (n fieldNode) match(ix *ArticleIndex) bool {
	switch n.field {
	case fieldSpeaker:
		return anyNameMatches(ix.speakers, n.terms)
	case fieldActor:
		return anyNameMatches(ix.actors, n.terms)
	case fieldCountry:
		return anyNameMatches(ix.countries, n.terms)
	case fieldFeed:
		return NameMatches(ix.feed, n.terms)
	}
	return false
}

func anyNameMatches(names [][]string, terms []string) bool {
	for _, name := range names {
		if NameMatches(name, terms) {
			return true
		}
	}
	return false
}

// NameMatches is the fuzzy name match behind speaker:, actor:, country:
// and feed: — every term must match some token of the name, where a term
// matches a token it is a prefix of ("lavr" → "lavrov"), a variant of
// ("russian" is not needed: "russia" → "russian"), or a token one edit away
// for words of five letters or more ("lavrow" → "lavrov"). So
// speaker:lavrov finds "Sergei Lavrov" and speaker:"sergey lavrov" too.
func NameMatches(name, terms []string) bool {
	if len(name) == 0 {
		return false
	}
	for _, t := range terms {
		found := false
		for _, tok := range name {
			if fuzzyTokenMatch(t, tok) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func fuzzyTokenMatch(term, tok string) bool {
	if strings.HasPrefix(tok, term) {
		return true
	}
	// The query may be the demonym of the name: country:russian → Russia.
	if isVariant(tok, term) {
		return true
	}
	if utf8.RuneCountInString(term) >= 5 && withinOneEdit(term, tok) {
		return true
	}
	return false
}

// withinOneEdit reports whether a and b differ by at most one rune
// insertion, deletion or substitution.
func withinOneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	if len(rb)-len(ra) > 1 {
		return false
	}
	i, j, edits := 0, 0, 0
	for i < len(ra) && j < len(rb) {
		if ra[i] == rb[j] {
			i++
			j++
			continue
		}
		edits++
		if edits > 1 {
			return false
		}
		if len(ra) == len(rb) {
			i++
		}
		j++
	}
	return edits+(len(rb)-j)+(len(ra)-i) <= 1
}
