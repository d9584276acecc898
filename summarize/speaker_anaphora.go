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
	if h.capitalized() || sp.head != sp.b-1 {
		return "", false
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
		// "the president": the last person named with that role.
		if p := x.people.lastWithRole(pos, head); p != nil {
			return resolvedSpeaker{name: p.name, person: p}
		}
		if prev != nil && prev.person != nil && near {
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
func (pp *people) lastWithRole(pos int, head string) *person {
	var best *person
	bestPos := -1
	for _, m := range pp.mentions {
		if m.pos < pos && m.pos > bestPos && m.p.role != "" && containsWordFold(m.p.role, head) {
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
