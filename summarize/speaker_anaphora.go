package summarize

import (
	"sort"
	"strings"
	"sync"

	"github.com/briefbot/briefbot"
)

// This file owns nominal anaphora, the coreference stage for definite
// descriptions a speaker phrase did not resolve by itself: "the senator
// said" is the person speaking or named just before, "the company said"
// the last organisation named. The head nouns and what they refer to are
// data (data/anaphor_heads.tsv); add a noun there, not a branch here.

var (
	anaphorHeadsOnce sync.Once
	anaphorHeads     map[string]string // head noun → briefbot.Person or briefbot.Organization
)

func loadAnaphorHeads() map[string]string {
	anaphorHeadsOnce.Do(func() {
		anaphorHeads = map[string]string{}
		for _, row := range readTSV("data/anaphor_heads.tsv") {
			if len(row) >= 2 {
				anaphorHeads[strings.TrimSpace(row[0])] = strings.TrimSpace(row[1])
			}
		}
	})
	return anaphorHeads
}

// orgMention is an organisation named at a code-point offset.
type orgMention struct {
	pos  int
	name string
}

// orgMentionsOf lists the organisation mentions FindActors found, in text
// order, for "the company" and its kind.
func orgMentionsOf(actors []briefbot.Actor) []orgMention {
	var out []orgMention
	for _, a := range actors {
		if a.Type != briefbot.Organization {
			continue
		}
		for _, m := range a.Mentions {
			out = append(out, orgMention{m.Start, a.Name})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}

// definiteHead returns the head noun of a definite description: "the"
// (or "this", "that"), lower-case modifiers, then the head; nothing
// capitalised after the determiner except a nationality or party word the
// role resolver already tried ("the Republican nominee").
func definiteHead(toks []token, sp speakerPhrase) (string, bool) {
	if sp.ante != nil || sp.and > 0 || sp.b-sp.a < 2 || sp.b-sp.a > 4 {
		return "", false
	}
	switch toks[sp.a].lower {
	case "the", "this", "that":
	default:
		return "", false
	}
	h := toks[sp.head]
	if h.capitalized() && !(sp.b-sp.a == 2 && loadAnaphorHeads()[h.lower] == briefbot.Person) || sp.head != sp.b-1 {
		return "", false // "the Secretary" is a title used as a description
	}
	for i := sp.a + 1; i < sp.b; i++ {
		if !toks[i].isWord() {
			return "", false
		}
	}
	return h.lower, true
}

// nominalAnaphor resolves a definite description left unresolved by the
// phrase resolver. A person description takes the previous speaker when
// that is a person in the same stretch of text (an article's "the
// candidate said" continues its subject), else the last person named; an
// organisation description takes the last organisation named before it.
func (x *extraction) nominalAnaphor(sp speakerPhrase, cur resolvedSpeaker, prev *resolvedSpeaker, near bool) resolvedSpeaker {
	if cur.person != nil {
		return cur
	}
	head, ok := definiteHead(x.toks, sp)
	if !ok {
		return cur
	}
	pos := int(x.toks[sp.a].s)
	switch loadAnaphorHeads()[head] {
	case briefbot.Person:
		// "the president": the last person named with that role; "the
		// Egyptian minister" is never a minister of another country.
		country := x.phraseCountry(sp)
		if p := x.people.lastWithRole(pos, head, country); p != nil {
			return resolvedSpeaker{name: p.name, person: p}
		}
		if prev != nil && prev.person != nil && near && !otherCountry(prev.person, country) {
			return *prev
		}
		if p := x.people.lastPersonBefore(pos, genderUnknown); p != nil {
			return resolvedSpeaker{name: p.name, person: p}
		}
	case briefbot.Organization:
		name := ""
		for _, m := range x.orgMentions {
			if m.pos >= pos {
				break
			}
			name = m.name
		}
		if name != "" {
			return resolvedSpeaker{name: name}
		}
	}
	return cur
}

// lastWithRole returns the person mentioned last before pos whose role
// has the word head ("the governor" → "Indiana Governor Mike Pence").
func (pp *people) lastWithRole(pos int, head, country string) *person {
	var best *person
	bestPos := -1
	for _, m := range pp.mentions {
		if m.pos < pos && m.pos > bestPos && m.p.role != "" && containsWordFold(m.p.role, head) && !otherCountry(m.p, country) {
			best, bestPos = m.p, m.pos
		}
	}
	return best
}

// containsWordFold reports whether s has the word w, ignoring case.
func containsWordFold(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// roleCataphora resolves a role phrase no earlier person holds ("Egypt's
// foreign minister said …", "the bloc's foreign policy chief said …") to
// the person the next sentence or two name, when that person has no
// other role or the same one and no other affiliation: wire stories name
// the official right after the lead. Only a singular role phrase with a
// known title qualifies.
func (x *extraction) roleCataphora(sp speakerPhrase, cur resolvedSpeaker) resolvedSpeaker {
	toks := x.toks
	if cur.person != nil || sp.ante != nil || sp.and > 0 || pronouns[toks[sp.head].lower] {
		return cur
	}
	if to := destinationAt(toks, sp); to > 0 {
		sp.head = to - 1
	}
	if toks[sp.head].capitalized() || strings.HasSuffix(toks[sp.head].lower, "s") {
		return cur
	}
	// "China's ambassador to Britain … China's ambassador to Britain Liu
	// Xiaming": the same role phrase written again before a name.
	if p := x.sameRoleBeforeName(sp); p != nil {
		return resolvedSpeaker{name: p.name, person: p}
	}
	end := sp.b
	if to := destinationAt(toks, sp); to > 0 {
		end = to
	}
	var roleWords []string
	country := ""
	for _, w := range wordsOf(toks, sp.a, end) {
		base := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if c, ok := x.people.countryOf(base); ok && country == "" {
			country = c
			continue
		}
		roleWords = append(roleWords, strings.ToLower(w))
	}
	title := roleTitle(roleWords)
	if title == "" {
		return cur
	}
	// "a Homeland Security Department official said": an indefinite
	// official or source is someone the article does not name.
	if first := toks[sp.a].lower; (first == "a" || first == "an" || first == "one" || first == "another") && groupNouns[toks[sp.head].lower] {
		return cur
	}
	// The sentence after the phrase's own, and the one after that.
	u := sort.Search(len(x.units), func(i int) bool { return x.units[i].b > sp.head })
	if u+1 >= len(x.units) {
		return cur
	}
	from := int(toks[x.units[u].b-1].e)
	last := x.units[min(u+2, len(x.units)-1)]
	if x.paraOf[last.a]-x.paraOf[sp.head] > 2 {
		last = x.units[u+1]
	}
	to := int(toks[last.b-1].e)
	for _, m := range x.people.mentions {
		if m.pos < from || m.pos >= to {
			continue
		}
		p := m.p
		if p.role != "" && !strings.EqualFold(canonicalTitle(p.role), title) {
			continue
		}
		if country != "" && p.affiliation != "" && !strings.EqualFold(p.affiliation, country) {
			continue
		}
		if !x.speaksAt(m.pos) {
			continue
		}
		return resolvedSpeaker{name: p.name, person: p}
	}
	return cur
}

// speaksAt reports whether the name mentioned at code-point offset pos is
// the speaker of a cue right there: "Sameh Farouk said", "said Josep
// Borrell", "Kevin Sullivan also says".
func (x *extraction) speaksAt(pos int) bool {
	toks := x.toks
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].s) >= pos })
	if i >= len(toks) || int(toks[i].s) != pos {
		return false
	}
	if i > 0 {
		if k, _ := cueAt(toks, i-1); k == cueSay || k == cueTell {
			return true
		}
	}
	j := i
	for j < len(toks) && (toks[j].capitalized() || toks[j].text == "." || toks[j].text == "-") {
		j++
	}
	for j < len(toks) && cueAdverbs[toks[j].lower] {
		j++
	}
	if j >= len(toks) {
		return false
	}
	if madeRemarks(toks, j) {
		return true
	}
	k, _ := cueAt(toks, j)
	return k == cueSay || k == cueTell
}

// madeRemarks: "Ayatollah Ali Khamenei made the comments in a speech":
// the person named is the one who spoke.
func madeRemarks(toks []token, j int) bool {
	if j+2 >= len(toks) || toks[j].lower != "made" {
		return false
	}
	switch toks[j+2].lower {
	case "remarks", "comments", "statement", "remark", "comment":
		return determiners[toks[j+1].lower] || possessivePronouns[toks[j+1].lower]
	}
	return false
}

// sameRoleBeforeName finds a person mentioned later right after the same
// role words as the phrase (at least two, the role noun included):
// "ambassador to Britain Liu Xiaming".
func (x *extraction) sameRoleBeforeName(sp speakerPhrase) *person {
	toks := x.toks
	var role []string
	for i := sp.a; i < sp.b; i++ {
		if toks[i].isWord() && !determiners[toks[i].lower] {
			role = append(role, toks[i].lower)
		}
	}
	if len(role) < 2 {
		return nil
	}
	role = role[max(0, len(role)-3):]
	from := int(toks[sp.b-1].e)
	for _, m := range x.people.mentions {
		if m.pos <= from {
			continue
		}
		i := sort.Search(len(toks), func(i int) bool { return int(toks[i].s) >= m.pos })
		if i >= len(toks) || int(toks[i].s) != m.pos || i < len(role) {
			continue
		}
		same := true
		for k := range role {
			if toks[i-len(role)+k].lower != role[k] {
				same = false
				break
			}
		}
		if same {
			return m.p
		}
	}
	return nil
}

// phraseCountry is the country a description names ("the Egyptian
// minister", "Russia's top diplomat"), or "".
func (x *extraction) phraseCountry(sp speakerPhrase) string {
	for _, w := range wordsOf(x.toks, sp.a, sp.b) {
		if c, ok := x.people.countryOf(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")); ok {
			return c
		}
	}
	return ""
}

// otherCountry: the person is known to belong to another country than the
// description names.
func otherCountry(p *person, country string) bool {
	if country == "" || p.affiliation == "" {
		return false
	}
	if _, isCountry := countryOf(p.affiliation); !isCountry {
		return false // an organisation: no conflict
	}
	return !strings.EqualFold(p.affiliation, country)
}
