// Package registry turns speaker names as extraction writes them ("Sergey
// Lavrov", "S. Jaishankar", "Lavrov", "Лавров") into the keys the store's
// speaker registry compares, and finds names within a small edit distance.
// It knows the gazetteer of summarize/data and nothing of SQL.
package registry

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/textsearch"
	"github.com/briefbot/briefbot/summarize"
)

// Alias kinds, as stored.
const (
	KindName    = "name"    // the speaker was written so
	KindKnown   = "known"   // the gazetteer lists it (other spelling, own script)
	KindInitial = "initial" // derived: the given name cut to its initial
)

// Alias is one more key under which a speaker is found.
type Alias struct {
	Key, Text, Kind string
}

// Name is a speaker name resolved as far as the text and the gazetteer
// allow; the store then looks Key (and Initial) up among known aliases.
type Name struct {
	Display string // the name statements and replies show
	Key     string // the speaker's canonical key
	// Initial is Key with the given name cut to its initial ("s jaishankar")
	// for a name written in full: a speaker written exactly so is the same
	// person. Empty otherwise.
	Initial string
	Known   bool    // Display is a gazetteer person
	Aliases []Alias // keys a new speaker is registered under, Key first
}

// Words are the words a new speaker is found by: those of all its aliases.
// Computed on demand: most names resolve to a known speaker.
func (n Name) Words() []string {
	texts := make([]string, len(n.Aliases))
	for i, a := range n.Aliases {
		texts[i] = a.Text
	}
	return Words(texts...)
}

type gazetteer struct {
	byKey  map[string]int // key of a name or alias → person
	people []summarize.KnownPerson
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
	// variants maps other spellings of given names to one ("sergey" → "sergei").
	variants = sync.OnceValue(summarize.NameVariants)
)

func load() *gazetteer {
	gazOnce.Do(func() {
		g := &gazetteer{byKey: map[string]int{}, people: summarize.KnownPeople()}
		gaz = g
		surnames := map[string][]int{}
		for i, p := range g.people {
			for _, n := range append([]string{p.Name}, p.Aliases...) {
				if k := Key(n); k != "" {
					if _, taken := g.byKey[k]; !taken {
						g.byKey[k] = i
					}
				}
			}
			if w := strings.Fields(Key(p.Name)); len(w) >= 2 && utf8.RuneCountInString(w[len(w)-1]) >= 5 {
				surnames[w[len(w)-1]] = append(surnames[w[len(w)-1]], i)
			}
		}
		// A surname alone names a known person when only one has it.
		for sn, ids := range surnames {
			if _, taken := g.byKey[sn]; !taken && len(ids) == 1 {
				g.byKey[sn] = ids[0]
			}
		}
	})
	return gaz
}

// Key folds a name into the registry's key: lower case, accents removed,
// words of letters and digits joined by single spaces, and transliteration
// variants of given names unified ("Sergey" → "sergei").
func Key(name string) string {
	ws := words(name)
	v := variants()
	for i, w := range ws {
		if c, ok := v[w]; ok {
			ws[i] = c
		}
	}
	return strings.Join(ws, " ")
}

// words returns the folded words of name.
func words(name string) []string {
	return strings.FieldsFunc(textsearch.Fold(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r)
	})
}

// Words are the words a speaker is found by: those of its key and of each
// alias, as folded and with variants unified.
func Words(names ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		for _, w := range append(words(n), strings.Fields(Key(n))...) {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// QueryWords are the words of what a user typed, variants unified.
func QueryWords(q string) []string { return strings.Fields(Key(q)) }

// Known returns the canonical gazetteer name for a name or alias
// ("Sergey Lavrov", "Лавров", "S. Jaishankar"), if any.
func Known(name string) (string, bool) {
	g := load()
	if i, ok := g.byKey[Key(name)]; ok {
		return g.people[i].Name, true
	}
	return "", false
}

// Resolve resolves one speaker of an article. others are the full names of
// the article's other speakers and person actors: a surname alone
// ("Lavrov") stands for the one of them it ends ("Sergei Lavrov").
func Resolve(speaker string, others []string) Name {
	speaker = strings.TrimSpace(speaker)
	key := Key(speaker)
	if key == "" {
		return Name{}
	}
	if !strings.Contains(key, " ") {
		if full := uniqueFull(key, others); full != "" {
			speaker, key = full, Key(full)
		}
	}
	n := Name{Display: speaker, Key: key}
	g := load()
	if i, ok := g.byKey[key]; ok {
		p := g.people[i]
		n = Name{Display: p.Name, Key: Key(p.Name), Known: true}
		n.Aliases = append(n.Aliases, Alias{n.Key, p.Name, KindName})
		if key != n.Key {
			n.Aliases = append(n.Aliases, Alias{key, speaker, KindName})
		}
		for _, a := range p.Aliases {
			if k := Key(a); k != n.Key && k != key {
				n.Aliases = append(n.Aliases, Alias{k, a, KindKnown})
			}
		}
	} else {
		n.Aliases = append(n.Aliases, Alias{key, speaker, KindName})
	}
	if ini := initialKey(n.Key); ini != "" {
		n.Initial = ini
		n.Aliases = append(n.Aliases, Alias{ini, n.Display, KindInitial})
	}
	return n
}

// uniqueFull returns the one name of others, of two words or more, whose
// last word is surname; "" when none or several.
func uniqueFull(surname string, others []string) string {
	found := ""
	for _, o := range others {
		w := strings.Fields(Key(o))
		if len(w) < 2 || w[len(w)-1] != surname {
			continue
		}
		if found != "" && Key(found) != Key(o) {
			return ""
		}
		found = o
	}
	return found
}

// initialKey cuts the first word of a key of two words or more to its
// initial: "subrahmanyam jaishankar" → "s jaishankar". Keys whose first
// word is already one letter have none.
func initialKey(key string) string {
	first, rest, ok := strings.Cut(key, " ")
	if !ok || utf8.RuneCountInString(first) < 2 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsLetter(r) || r > unicode.MaxLatin1 {
		return ""
	}
	return string(r) + " " + rest
}

// IsInitialForm reports whether key starts with a one-letter given name
// ("s jaishankar"): such a name may be looked up among derived initials.
func IsInitialForm(key string) bool {
	first, _, ok := strings.Cut(key, " ")
	return ok && utf8.RuneCountInString(first) == 1
}

// Distance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions, in
// runes), or max+1 once it exceeds max.
func Distance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(rb)] > max {
		return max + 1
	}
	return prev[len(rb)]
}

// MaxTypos is how many edits a word of the given length may carry and
// still be guessed: none for very short words, one up to five letters,
// two beyond.
func MaxTypos(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n < 4:
		return 0
	case n <= 5:
		return 1
	}
	return 2
}

// ArticleNames are the names a surname alone may stand for in a: its
// speakers written in full and its person actors.
func ArticleNames(a *briefbot.Article) []string {
	var out []string
	for _, st := range a.Statements {
		if strings.Contains(strings.TrimSpace(st.Speaker), " ") {
			out = append(out, st.Speaker)
		}
	}
	for _, ac := range a.Actors {
		if ac.Type == briefbot.Person {
			out = append(out, ac.Name)
		}
	}
	return out
}
