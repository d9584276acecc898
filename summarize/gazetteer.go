package summarize

import (
	"bufio"
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file owns the gazetteers: countries, places, organisations, titles
// and known people, loaded once from the TSV files in data/ (written by us
// from general knowledge). Entries are split with the actor tokenizer so
// lookups in text and lookups of a lone surface agree.

//go:embed data/*.tsv data/*.txt
var gazetteerFiles embed.FS

type gazKind uint8

const (
	gazCountry gazKind = iota + 1
	gazPlace
	gazOrg
	gazPerson
)

// gazEntry is what a surface form in the gazetteer stands for.
type gazEntry struct {
	kind    gazKind
	name    string // canonical name
	country string // the country a place, organisation or person belongs to; a country's own name
	demonym bool   // surface is an adjective or demonym ("Chinese")
	seat    bool   // surface is a capital or seat of government ("Beijing", "Kremlin")
}

// titleEntry is a title or role phrase.
type titleEntry struct {
	name string // canonical: "Foreign Minister", "professor"
	job  bool   // occupation ("professor"), written in lower case in roles
}

type gazetteer struct {
	// nodes is a trie flattened into one map: the key is the lower-cased
	// tokens of an entry or of a prefix of one, joined by single spaces. One
	// lookup per token tells whether an entry ends there and whether a
	// longer one may follow.
	nodes map[string]*gazNode
	// firstFilter has a bit set for the shape of every entry's first token
	// (see tokenShape): most tokens fail it and skip the map lookup.
	firstFilter [1 << 16 / 64]uint64
	// lowerFilter is firstFilter for entries a lower-case word may start
	// (titles): lower-case tokens, most of the text, check this one.
	lowerFilter [1 << 16 / 64]uint64
	givenNames  map[string]bool
	surnames    map[string]bool // family names written first (Chinese, Korean, Vietnamese)
	common      map[string]bool // capitalised words that are never names ("The", "Monday")
	// descriptors describe a person before the name and are never part
	// of it ("Republican Donald Trump").
	descriptors map[string]bool
	// titleWords are the one-word titles in lower case ("sheriff").
	titleWords map[string]bool
	// adjectives maps a country to its first adjective ("Russia" →
	// "Russian"), for "Russia's foreign ministry" → "Russian Foreign Ministry".
	adjectives map[string]string
	// nameWords answers the fallback name scan's word-list questions
	// about a word in one lookup (speaker_words.go).
	nameWords nameScanTable
}

// gazNode is what the gazetteer holds for one lower-cased token sequence.
type gazNode struct {
	lowerStart bool         // some entry starting here may begin with a lower-case word (titles, "al-Qaeda")
	prefix     bool         // a longer entry starts with these tokens
	exact      []exactEntry // entries matching only as written ("US" but not "us")
	folded     *gazEntry    // multi-word entries, matched whatever the case
	title      *titleEntry  // titles, matched whatever the case
}

type exactEntry struct {
	key string // the entry's tokens as written, joined by single spaces
	e   *gazEntry
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
)

// loadGazetteer returns the process-wide gazetteer, parsing it on first use.
func loadGazetteer() *gazetteer {
	gazOnce.Do(func() { gaz = buildGazetteer() })
	return gaz
}

func buildGazetteer() *gazetteer {
	g := &gazetteer{
		nodes:       map[string]*gazNode{},
		givenNames:  map[string]bool{},
		surnames:    map[string]bool{},
		common:      map[string]bool{},
		descriptors: map[string]bool{},
		titleWords:  map[string]bool{},
		adjectives:  map[string]string{},
	}
	// Order matters: the first entry to claim a surface keeps it.
	for _, row := range readTSV("data/countries.tsv") {
		name := row[0]
		e := &gazEntry{kind: gazCountry, name: name, country: name}
		g.add(name, e)
		for _, s := range splitList(row, 1) {
			g.add(s, e)
		}
		d := &gazEntry{kind: gazCountry, name: name, country: name, demonym: true}
		for _, s := range splitList(row, 2) {
			g.add(s, d)
			if g.adjectives[name] == "" {
				g.adjectives[name] = s
			}
		}
		c := &gazEntry{kind: gazCountry, name: name, country: name, seat: true}
		for _, s := range splitList(row, 3) {
			g.add(s, c)
		}
	}
	for _, row := range readTSV("data/organizations.tsv") {
		e := &gazEntry{kind: gazOrg, name: row[0], country: field(row, 2)}
		g.add(row[0], e)
		for _, s := range splitList(row, 1) {
			g.add(s, e)
		}
	}
	for _, row := range readTSV("data/places.tsv") {
		country := field(row, 3)
		e := &gazEntry{kind: gazPlace, name: row[0], country: country}
		g.add(row[0], e)
		for _, s := range splitList(row, 1) {
			g.add(s, e)
		}
		d := &gazEntry{kind: gazPlace, name: row[0], country: country, demonym: true}
		for _, s := range splitList(row, 2) {
			g.add(s, d)
		}
	}
	// Given names and family names first: people's surnames become aliases.
	for _, w := range readWords("data/given_names.txt") {
		g.givenNames[w] = true
	}
	for _, w := range readWords("data/surnames.txt") {
		g.surnames[w] = true
	}
	people := readTSV("data/people.tsv")
	surnameCount := map[string]int{}
	for _, row := range people {
		surnameCount[westernSurname(row[0], g)]++
	}
	for _, row := range people {
		e := &gazEntry{kind: gazPerson, name: row[0], country: field(row, 2)}
		g.add(row[0], e)
		for _, s := range splitList(row, 1) {
			g.add(s, e)
		}
		// "Putin" alone names Vladimir Putin; not so "Johnson" (two known
		// people) or "Francis" (a common given name).
		if sn := westernSurname(row[0], g); sn != "" && surnameCount[sn] == 1 && !g.givenNames[sn] {
			g.add(sn, e)
		}
	}
	for _, row := range readTSV("data/titles.tsv") {
		t := &titleEntry{name: row[0], job: field(row, 2) == "job"}
		for _, s := range append([]string{row[0]}, splitList(row, 1)...) {
			g.addTitle(s, t)
			if !strings.Contains(s, " ") {
				g.titleWords[strings.ToLower(s)] = true
			}
		}
	}
	for _, w := range readWords("data/common_words.txt") {
		g.common[w] = true
	}
	for _, w := range readWords("data/descriptor_words.txt") {
		g.descriptors[w] = true
	}
	g.nameWords = buildNameWords(g)
	return g
}

// westernSurname is the last word of a name written given name first, or ""
// for names written family name first ("Xi Jinping"), short ones and
// suffixes ("Jr.").
func westernSurname(name string, g *gazetteer) string {
	words := strings.Fields(name)
	if len(words) < 2 || g.surnames[words[0]] {
		return ""
	}
	last := words[len(words)-1]
	if strings.HasSuffix(last, ".") {
		return ""
	}
	if utf8.RuneCountInString(last) < 4 {
		return ""
	}
	return last
}

func field(row []string, i int) string {
	if i < len(row) {
		return strings.TrimSpace(row[i])
	}
	return ""
}

func splitList(row []string, i int) []string {
	f := field(row, i)
	if f == "" {
		return nil
	}
	var out []string
	for _, s := range strings.Split(f, "|") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func readTSV(path string) [][]string {
	b, err := gazetteerFiles.ReadFile(path)
	if err != nil {
		panic("summarize: missing embedded gazetteer " + path) // a build defect, not a runtime condition
	}
	var rows [][]string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

func readWords(path string) []string {
	b, err := gazetteerFiles.ReadFile(path)
	if err != nil {
		panic("summarize: missing embedded gazetteer " + path)
	}
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// gazKey joins the tokens of s with single spaces, the key format of every
// gazetteer map. Curly apostrophes are straightened.
func gazKey(text string, toks []actToken) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.str(text))
	}
	return strings.ReplaceAll(b.String(), "’", "'")
}

func (g *gazetteer) add(surface string, e *gazEntry) {
	toks := tokenizeActors(surface)
	// "The Hague", "the Taliban": the article is left to the text, which
	// keeps "the" (the commonest word) from being a trie prefix.
	if len(toks) > 1 && strings.EqualFold(toks[0].str(surface), "the") {
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return
	}
	n := g.node(surface, toks)
	if !toks[0].upper {
		g.markLowerStart(surface, toks[0])
	}
	key := gazKey(surface, toks)
	for _, x := range n.exact {
		if x.key == key {
			return // the first entry to claim a surface keeps it
		}
	}
	n.exact = append(n.exact, exactEntry{key: key, e: e})
	if len(toks) >= 2 && n.folded == nil {
		n.folded = e
	}
}

func (g *gazetteer) addTitle(surface string, t *titleEntry) {
	toks := tokenizeActors(surface)
	if len(toks) == 0 {
		return
	}
	if n := g.node(surface, toks); n.title == nil {
		n.title = t
	}
	g.markLowerStart(surface, toks[0])
}

// markLowerStart lets text tokens in lower case start a match at the node
// of first.
func (g *gazetteer) markLowerStart(surface string, first actToken) {
	var kb keyBuf
	kb.add(first.str(surface), true)
	g.nodes[string(kb.b)].lowerStart = true
	if h, ok := tokenShape(first.str(surface)); ok {
		g.lowerFilter[h/64] |= 1 << (h % 64)
	}
}

// node returns the trie node for toks, creating it and marking its
// prefixes.
func (g *gazetteer) node(text string, toks []actToken) *gazNode {
	var kb keyBuf
	var n *gazNode
	for i, t := range toks {
		if i == 0 {
			if h, ok := tokenShape(t.str(text)); ok {
				g.firstFilter[h/64] |= 1 << (h % 64)
			}
		}
		kb.add(t.str(text), true)
		n = g.nodes[string(kb.b)]
		if n == nil {
			n = &gazNode{}
			g.nodes[string(kb.b)] = n
		}
		if i < len(toks)-1 {
			n.prefix = true
		}
	}
	return n
}

// shapeOf is tokenShape for a non-empty token the tokenizer knows is ASCII.
func shapeOf(w string) uint32 {
	n := len(w)
	h := uint32(min(n, 15))
	h = h*131 + uint32(w[0]|0x20)
	if n > 1 {
		h = h*131 + uint32(w[1]|0x20)
	}
	h = h*131 + uint32(w[n-1]|0x20)
	return h & 0xFFFF
}

// tokenShape hashes an ASCII token's length and first, second and last
// bytes, case-folded. ok is false for non-ASCII tokens, which always go to
// the map.
func tokenShape(w string) (uint32, bool) {
	n := len(w)
	if n == 0 {
		return 0, false
	}
	for i := 0; i < n; i++ {
		if w[i] >= utf8.RuneSelf {
			return 0, false
		}
	}
	return shapeOf(w), true
}

// mayStart reports whether an entry can start at t: false for non-words
// and for ASCII words whose shape no entry's first word has. Small enough
// to inline (the tokenizer computed the shape), so the scan skips most
// tokens without calling match.
func (g *gazetteer) mayStart(t actToken, anyCase bool) bool {
	if t.kind != actWord {
		return false
	}
	if !t.ascii {
		return true
	}
	filter := &g.firstFilter
	if !t.upper && !anyCase {
		filter = &g.lowerFilter
	}
	return filter[t.shape/64]&(1<<(t.shape%64)) != 0
}

// gazMatch is the longest entity and the longest title starting at a token.
type gazMatch struct {
	entity  *gazEntry
	entityN int
	title   *titleEntry
	titleN  int
}

// match walks the trie from toks[i]. Exact entries match as written;
// multi-word entries also match in any case when the first word is
// capitalised, or always when anyCase is set; titles ignore case. Entries
// never span a paragraph break.
func (g *gazetteer) match(text string, toks []actToken, i int, lower, exact *keyBuf, anyCase bool) gazMatch {
	var m gazMatch
	if !g.mayStart(toks[i], anyCase) {
		return m
	}
	lower.reset()
	exact.reset()
	folds := anyCase || toks[i].upper
	for j := i; j < len(toks) && j-i < maxEntryTokens; j++ {
		if j > i && toks[j].paraBreak {
			break
		}
		lower.addLower(toks[j], text)
		n := g.nodes[string(lower.b)]
		if n == nil || j == i && !n.lowerStart && !toks[i].upper && !anyCase {
			break
		}
		l := j - i + 1
		if len(n.exact) > 0 {
			// Build the as-written key only up to here, lazily.
			exact.reset()
			for _, x := range toks[i : j+1] {
				exact.add(x.str(text), false)
			}
			for _, x := range n.exact {
				if x.key == string(exact.b) {
					m.entity, m.entityN = x.e, l
					break
				}
			}
		}
		if folds && l >= 2 && n.folded != nil && m.entityN < l {
			m.entity, m.entityN = n.folded, l
		}
		if n.title != nil {
			m.title, m.titleN = n.title, l
		}
		if !n.prefix {
			break
		}
	}
	return m
}

// maxEntryTokens bounds entry lengths tried while scanning.
const maxEntryTokens = 30

// keyBuf builds lookup keys without allocating for the common case.
type keyBuf struct{ b []byte }

func (k *keyBuf) reset() { k.b = k.b[:0] }

// addLower is add(t.str(text), true), without add's ASCII scan for the
// tokens the tokenizer already knows are ASCII.
func (k *keyBuf) addLower(t actToken, text string) {
	if !t.ascii {
		k.add(t.str(text), true)
		return
	}
	if len(k.b) > 0 {
		k.b = append(k.b, ' ')
	}
	n := len(k.b)
	k.b = append(k.b, text[t.bs:t.be]...)
	for i, c := range k.b[n:] {
		k.b[n+i] = asciiLower[c]
	}
}

// asciiLower maps ASCII bytes to lower case.
var asciiLower = func() (t [128]byte) {
	for c := range t {
		t[c] = byte(unicode.ToLower(rune(c)))
	}
	return t
}()

func (k *keyBuf) add(s string, lower bool) {
	if len(k.b) > 0 {
		k.b = append(k.b, ' ')
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if !lower {
			k.b = append(k.b, s...)
			return
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			k.b = append(k.b, c)
		}
		return
	}
	for _, r := range s {
		if r == '’' {
			r = '\''
		}
		if lower {
			r = unicode.ToLower(r)
		}
		k.b = utf8.AppendRune(k.b, r)
	}
}

// lookupSurface matches a whole surface against the entity gazetteer,
// ignoring a leading "the" and a trailing possessive.
func (g *gazetteer) lookupSurface(surface string) *gazEntry {
	surface = strings.TrimRight(strings.TrimSpace(surface), "-‐–") // "Sino-"
	// Fast path for one plain word ("Chinese", "SCO"): no tokenizing.
	if simpleWord(surface) {
		var buf [64]byte
		kb := keyBuf{b: buf[:0]}
		kb.add(surface, true)
		if n := g.nodes[string(kb.b)]; n != nil {
			for _, x := range n.exact {
				if x.key == surface {
					return x.e
				}
			}
		}
		return nil
	}
	surface = strings.TrimSpace(surface)
	var buf [16]actToken // most surfaces: no allocation
	toks := tokenizeActorsInto(buf[:0], surface)
	if len(toks) > 1 && strings.EqualFold(toks[0].str(surface), "the") {
		toks = toks[1:]
	}
	if n := len(toks); n > 1 && toks[n-1].kind == actPunct && toks[n-1].be-toks[n-1].bs > 1 {
		toks = toks[:n-1] // possessive 's
	}
	if len(toks) == 0 {
		return nil
	}
	var lower, exact keyBuf
	if m := g.match(surface, toks, 0, &lower, &exact, true); m.entityN == len(toks) {
		return m.entity
	}
	return nil
}

// simpleWord reports a non-empty word of ASCII letters only.
func simpleWord(s string) bool {
	if s == "" || len(s) > 60 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// CountryOf maps a country name, demonym, capital used for a government, or
// "Sino" to the canonical country name. Names and demonyms must be
// capitalised as in running text ("Chinese", "US"); a leading "the", a
// possessive "'s" and a trailing hyphen ("Sino-") are ignored.
func CountryOf(surface string) (string, bool) {
	e := loadGazetteer().lookupSurface(surface)
	if e == nil || e.kind != gazCountry {
		return "", false
	}
	return e.name, true
}

// TitleOf maps a diplomatic or political title or role phrase ("Foreign
// Minister", "top diplomat", "FM") to its canonical title. Matching ignores
// case, a leading article and qualifiers such as "senior" or "former" when
// the qualified phrase is not itself a title.
func TitleOf(surface string) (string, bool) {
	g := loadGazetteer()
	surface = strings.TrimSpace(surface)
	toks := tokenizeActors(surface)
	for len(toks) > 0 {
		var lower, exact keyBuf
		if m := g.match(surface, toks, 0, &lower, &exact, false); m.titleN == len(toks) {
			return m.title.name, true
		}
		l := strings.ToLower(toks[0].str(surface))
		if l == "the" || l == "a" || l == "an" || titleQualifiers[l] {
			toks = toks[1:]
			continue
		}
		break
	}
	return "", false
}

// titleQualifiers may precede a title without changing which title it is.
var titleQualifiers = map[string]bool{
	"former": true, "acting": true, "current": true, "then": true, "incumbent": true,
	"outgoing": true, "incoming": true, "new": true, "newly": true, "elected": true, "interim": true,
}

// OrganizationOf maps an organisation's name or alias ("SCO") to its
// canonical name. Acronyms must keep their case; multi-word names match
// regardless of case.
func OrganizationOf(surface string) (string, bool) {
	e := loadGazetteer().lookupSurface(surface)
	if e == nil || e.kind != gazOrg {
		return "", false
	}
	return e.name, true
}
