package summarize

import (
	"sort"
	"strings"
)

// This file owns coreference for speakers beyond the phrase itself: a
// pronoun continuing the last sentence subject, "it" continuing an
// organisation, "the source" or "the CDC" referring back to an earlier
// speaker, and a role phrase named in the apposition after it. The
// extraction calls these while resolving speakers in text order.

// recentSubject resolves a he/she speaker to the person who is the
// subject of the closest sentence before it, in the same or the previous
// paragraph, and returns that subject's token index. Sentence subjects
// are what a pronoun most often continues; a name buried later in the
// sentence ("… call with President Zelensky. He said") is not.
func (x *extraction) recentSubject(sp speakerPhrase) (*person, int) {
	toks := x.toks
	if sp.ante != nil || sp.b-sp.a != 1 || !personalPronoun[toks[sp.head].lower] {
		return nil, -1
	}
	para := x.paraOf[sp.head]
	i := sort.Search(len(x.units), func(i int) bool { return x.units[i].b > sp.head })
	for n := 0; i >= 0 && i < len(x.units) && n < 3; i, n = i-1, n+1 {
		u := x.units[i]
		if para-x.paraOf[u.a] > 1 {
			break
		}
		limit := min(u.b, sp.a)
		if limit <= u.a {
			continue
		}
		subj, ok := mainSubject(toks, u.a, limit)
		if !ok || subj.b > limit || toks[subj.head].quote >= 0 || !toks[subj.head].capitalized() {
			continue
		}
		if p := x.people.resolveName(wordsOf(toks, subj.a, subj.b)); p != nil && compatible(p.gender, pronounGender(toks[sp.head].lower)) {
			return p, subj.head
		}
		return nil, -1 // the closest subject is no known person of that gender: no guess
	}
	return nil, -1
}

// earlierGroup resolves a definite role phrase ("the source", "the
// spokesperson") to the earlier speaker it refers back to: the closest
// statement before whose speaker phrase has the same head noun and says
// more ("a source inside the camp", "a spokesperson for the ministry").
func (x *extraction) earlierGroup(i int, sp speakerPhrase, cur resolvedSpeaker) resolvedSpeaker {
	toks := x.toks
	if !definiteGroup(toks, sp) {
		return cur
	}
	head := toks[sp.head].lower
	for j := i - 1; j >= 0; j-- {
		o := x.stmts[j]
		if !o.hasSpeaker || o.speaker.name == "" || o.sp.head == sp.head {
			continue
		}
		if toks[o.sp.head].lower == head && len(o.speaker.name) > len(cur.name) {
			return o.speaker
		}
	}
	return cur
}

// earlierAcronym expands an acronym speaker ("CDC") to an organisation
// an earlier statement named in full whose capitalized words spell it:
// "the Chinese Center for Disease Control and Prevention said …". The
// acronym must be initials of consecutive capitalized words.
func (x *extraction) earlierAcronym(i int, cur resolvedSpeaker) resolvedSpeaker {
	acr := cur.name
	if f := strings.Fields(acr); len(f) > 1 {
		acr = f[len(f)-1] // "Chinese CDC"
	}
	if !isAcronym(acr) {
		return cur
	}
	for j := i - 1; j >= 0; j-- {
		name := x.stmts[j].speaker.name
		var initials []byte
		for _, w := range strings.Fields(name) {
			if isCapitalizedWord(w) {
				initials = append(initials, w[0])
			}
		}
		if len(name) > len(acr)+3 && strings.Contains(string(initials), acr) {
			return resolvedSpeaker{name: name}
		}
	}
	return cur
}

// appositiveName resolves a role phrase to the person named in apposition
// right after it: "The leader of Ennahda, Rachid Ghannouchi, condemned …",
// "said another witness in the probe, former adviser Fiona Hill."
func (x *extraction) appositiveName(sp speakerPhrase) *person {
	toks := x.toks
	if sp.ante != nil || sp.and > 0 {
		return nil
	}
	h := toks[sp.head]
	if h.capitalized() || pronouns[h.lower] || !groupNouns[h.lower] {
		return nil
	}
	// A short complement before the comma: "of Ennahda", "in the probe".
	i := sp.b
	for n := 0; i < len(toks) && toks[i].text != "," && n < 8; i, n = i+1, n+1 {
		t := toks[i]
		if !t.isWord() || t.quote >= 0 || finiteMarkers[t.lower] {
			return nil
		}
		if k, _ := cueAt(toks, i); k != 0 {
			return nil
		}
	}
	if i >= len(toks) || toks[i].text != "," {
		return nil
	}
	// The apposition: lower-case role words, then a capitalized name that
	// ends the apposition.
	i++
	a := i
	for i < len(toks) && i-a < 10 && toks[i].isWord() && toks[i].quote < 0 && !toks[i].capitalized() && !stopHeads[toks[i].lower] {
		i++
	}
	for i < len(toks) && i-a < 10 && (toks[i].capitalized() || toks[i].isWord() && (nounModifiers[toks[i].lower] || groupNouns[toks[i].lower] || honorifics[toks[i].lower]) || toks[i].text == "." && i > a && abbreviations[toks[i-1].lower]) {
		i++
	}
	e := i
	for e > a && !toks[e-1].capitalized() {
		e--
	}
	if e-a < 2 || i < len(toks) && toks[i].text != "," && toks[i].text != "." && toks[i].kind != tokBreak {
		return nil
	}
	// Only the capitalized tail names the person.
	s := e - 1
	for s > a && toks[s-1].capitalized() {
		s--
	}
	if e-s < 2 {
		return nil
	}
	return x.people.resolveName(wordsOf(toks, s, e))
}

// subjectOrganization resolves "it" to the subject of its own sentence
// when that is a named organisation or group: "The Taliban claimed the
// attack, which it said …".
func (x *extraction) subjectOrganization(sp speakerPhrase) string {
	toks := x.toks
	if sp.ante != nil || sp.b-sp.a != 1 || toks[sp.head].lower != "it" {
		return ""
	}
	i := sort.Search(len(x.units), func(i int) bool { return x.units[i].b > sp.head })
	if i >= len(x.units) {
		return ""
	}
	u := x.units[i]
	if sp.a <= u.a {
		return ""
	}
	subj, ok := mainSubject(toks, u.a, sp.a)
	if !ok {
		// "The Afghan Taliban, however, claimed …": a name then a comma.
		k := u.a
		if determiners[toks[k].lower] {
			k++
		}
		e := k
		for e < sp.a && toks[e].capitalized() && !notNames[toks[e].lower] {
			e++
		}
		if e == k || e >= sp.a || toks[e].text != "," {
			return ""
		}
		subj, ok = speakerPhrase{a: u.a, b: e, head: e - 1}, true
	}
	if subj.b > sp.a || !toks[subj.head].capitalized() || pronouns[toks[subj.head].lower] || x.people.resolveName(wordsOf(toks, subj.a, subj.b)) != nil {
		return ""
	}
	return x.people.resolve(toks, subj, nil, false).name
}

// definiteGroup: "the source", or "one of the sources", refers back.
func definiteGroup(toks []token, sp speakerPhrase) bool {
	if !groupNouns[toks[sp.head].lower] || toks[sp.head].capitalized() {
		return false
	}
	if sp.b-sp.a == 4 && quantifiers[toks[sp.a].lower] && toks[sp.a+1].lower == "of" && toks[sp.a+2].lower == "the" {
		return true
	}
	return sp.b-sp.a == 2 && toks[sp.a].lower == "the"
}
