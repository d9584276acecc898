package summarize

import (
	"slices"
	"strings"
	"sync"

	"github.com/briefbot/briefbot"
)

// This file owns FindActors and its pipeline over the actor tokens
// (actor_tokens.go): gazetteer matching (gazetteer.go), Title Case lines,
// organisations by head noun (actor_orgs.go), capitalised runs turned into
// people with role, affiliation and surname linking (actor_people.go), then
// the actors. Every step is a pass over the token slice with map lookups;
// no regular expression runs over the text.

// actEntity is a gazetteer match or a recognised organisation in the text.
type actEntity struct {
	a, b    int // token range [a, b)
	kind    gazKind
	name    string // canonical
	country string
	demonym bool
	dropped bool      // absorbed into a longer organisation name
	entry   *gazEntry // nil for organisations found by their head noun
}

// actTitle is a title or role phrase matched in the text.
type actTitle struct {
	a, b  int
	entry *titleEntry
}

// actRun is a run of capitalised tokens that may name a person.
type actRun struct {
	a, b     int // name tokens [a, b)
	ma       int // mention start: includes an honorific ("Mr. Wang")
	evidence bool
	known    *gazEntry // a known person from the gazetteer
	shaped   bool      // looks like a name but has no other evidence
	appTitle int       // token where the apposition's title starts, 0 when none
	role     string
	affil    string
	person   int // index into persons, -1 when unlinked
}

type actPerson struct {
	extra   []briefbot.Span // role-phrase mentions ("Russia's top diplomat")
	known   bool            // named from the gazetteer: the canonical name is fixed
	name    string
	tokens  []string
	role    string
	affil   string
	mention []int // indices into runs
	last    int   // token index of the latest mention, for linking
}

type actorScan struct {
	g        *gazetteer
	text     string
	toks     []actToken
	lower    keyBuf
	exact    keyBuf
	entities []actEntity
	titles   []actTitle
	// entityAt / titleEnd map a token to the entity covering it and the
	// title ending at it (index+1; 0 means none).
	entityAt []int32
	titleEnd []int32
	titleAt  []int32
	runs     []actRun
	headline []bool // token lies on a Title Case line (headline, heading)
}

// FindActors returns the people, organisations, countries and places named
// in text, with code-point offsets of every mention, sorted by number of
// mentions (most first) then name. People carry the role and affiliation
// the text gives them ("Chinese Foreign Minister Wang Yi" → Foreign
// Minister, China) and later surname mentions ("Wang", "Mr. Wang") join the
// full name.
func FindActors(text string) []briefbot.Actor {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	sc := scanPool.Get().(*actorScan)
	defer sc.release()
	sc.reset(text)
	sc.matchGazetteer()
	sc.markHeadlines()
	sc.findOrganizations()
	sc.dropSubunits()
	sc.findRuns()
	persons := sc.linkPersons()
	return sc.collect(persons)
}

// scanPool recycles scanners: their token and index slices are most of
// FindActors' allocations.
var scanPool = sync.Pool{New: func() any { return new(actorScan) }}

func (sc *actorScan) reset(text string) {
	sc.g = loadGazetteer()
	sc.text = text
	sc.toks = tokenizeActorsInto(sc.toks[:0], text)
	n := len(sc.toks)
	sc.entityAt = zeroed(sc.entityAt, n)
	sc.titleEnd = zeroed(sc.titleEnd, n)
	sc.titleAt = zeroed(sc.titleAt, n)
	sc.headline = zeroedBools(sc.headline, n)
	sc.entities = sc.entities[:0]
	sc.titles = sc.titles[:0]
	sc.runs = sc.runs[:0]
}

// release drops references into the text and returns sc to the pool.
func (sc *actorScan) release() {
	clear(sc.entities)
	sc.text = ""
	scanPool.Put(sc)
}

func zeroed(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func zeroedBools(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (sc *actorScan) matchGazetteer() {
	n := len(sc.toks)
	for i := 0; i < n; {
		t := sc.toks[i]
		if !sc.g.mayStart(t, false) {
			i++
			continue
		}
		m := sc.g.match(sc.text, sc.toks, i, &sc.lower, &sc.exact, false)
		if l := m.entityN; l > 0 {
			e := m.entity
			sc.entities = append(sc.entities, actEntity{a: i, b: i + l, kind: e.kind, name: e.name, country: e.country, demonym: e.demonym, entry: e})
			for j := i; j < i+l; j++ {
				sc.entityAt[j] = int32(len(sc.entities))
			}
			i += l
			continue
		}
		if l := m.titleN; l > 0 {
			sc.titles = append(sc.titles, actTitle{a: i, b: i + l, entry: m.title})
			for j := i; j < i+l; j++ {
				sc.titleAt[j] = int32(len(sc.titles))
			}
			sc.titleEnd[i+l-1] = int32(len(sc.titles))
			i += l
			continue
		}
		i++
	}
}

// tt is the text of token i.
func (sc *actorScan) tt(i int) string { return sc.text[sc.toks[i].bs:sc.toks[i].be] }

// entityBefore returns the entity ending right before token i, skipping a
// possessive "'s".
func (sc *actorScan) entityBefore(i int) *actEntity {
	if i <= 0 {
		return nil
	}
	j := i - 1
	if sc.toks[j].kind == actPunct && len(sc.tt(j)) > 1 {
		j--
	}
	if j < 0 || sc.entityAt[j] == 0 {
		return nil
	}
	e := &sc.entities[sc.entityAt[j]-1]
	if e.b != j+1 || e.dropped {
		return nil
	}
	return e
}

func (sc *actorScan) span(a, b int) briefbot.Span {
	return briefbot.Span{Text: sc.text[sc.toks[a].bs:sc.toks[b-1].be], Start: int(sc.toks[a].s), End: int(sc.toks[b-1].e)}
}

// collect builds the actors, merging mentions by canonical name.
func (sc *actorScan) collect(persons []actPerson) []briefbot.Actor {
	out := make([]briefbot.Actor, 0, len(persons)+16)
	for _, p := range persons {
		if len(p.mention) == 0 {
			continue
		}
		a := briefbot.Actor{Name: p.name, Type: briefbot.Person, Role: p.role, Affiliation: p.affil}
		a.Mentions = make([]briefbot.Span, 0, len(p.mention)+len(p.extra))
		for _, mi := range p.mention {
			r := sc.runs[mi]
			a.Mentions = append(a.Mentions, sc.span(r.ma, r.b))
		}
		a.Mentions = append(a.Mentions, p.extra...)
		out = append(out, a)
	}
	// Entities merge by type and canonical name; count first so each
	// actor's mentions are allocated once.
	type key struct {
		kind gazKind
		name string
	}
	index := make(map[key]int, 32)
	slot := make([]int32, len(sc.entities))
	var counts []int
	for i, e := range sc.entities {
		slot[i] = -1
		if e.dropped || e.kind == gazPerson {
			continue
		}
		k := key{e.kind, e.name}
		j, ok := index[k]
		if !ok {
			j = len(out)
			index[k] = j
			a := briefbot.Actor{Name: e.name, Type: briefbot.Country}
			switch e.kind {
			case gazOrg:
				a.Type = briefbot.Organization
			case gazPlace:
				a.Type = briefbot.Place
			}
			if e.kind != gazCountry {
				a.Affiliation = e.country
			}
			out = append(out, a)
			counts = append(counts, 0)
		}
		slot[i] = int32(j)
		counts[j-(len(out)-len(counts))]++
	}
	base := len(out) - len(counts)
	for j, n := range counts {
		out[base+j].Mentions = make([]briefbot.Span, 0, n)
	}
	for i, e := range sc.entities {
		if j := slot[i]; j >= 0 {
			out[j].Mentions = append(out[j].Mentions, sc.span(e.a, e.b))
		}
	}
	for i := range out {
		a := &out[i]
		if !slices.IsSortedFunc(a.Mentions, byStart) {
			slices.SortFunc(a.Mentions, byStart)
		}
		for _, m := range a.Mentions {
			s := m.Text
			if needsSpaceFix(s) {
				s = strings.Join(strings.Fields(s), " ")
			}
			if s != a.Name && !slices.Contains(a.Aliases, s) {
				a.Aliases = append(a.Aliases, s)
			}
		}
	}
	// Sort an index, not the (large) actors themselves.
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		if nx, ny := len(out[x].Mentions), len(out[y].Mentions); nx != ny {
			return ny - nx
		}
		return strings.Compare(out[x].Name, out[y].Name)
	})
	sorted := make([]briefbot.Actor, len(out))
	for i, j := range order {
		sorted[i] = out[j]
	}
	return sorted
}

// needsSpaceFix reports whitespace other than single spaces in s.
func needsSpaceFix(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\t', '\r':
			return true
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

func byStart(x, y briefbot.Span) int { return x.Start - y.Start }
