package summarize

import (
	"strings"

	"github.com/briefbot/briefbot"
)

// This file owns the attribution patterns added for unseen news: when a
// cue's bare object is not reported speech ("welcomed the exchange"),
// lists introduced by "said:", "Name: “quote”" captions, headings in
// quotation marks, and the word lists they read.

// subjectPronouns open a reported clause: "told doctors he …".
var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "there": true}

// finiteMarkers are auxiliaries, modals and copulas: a clause has one, an
// object noun phrase does not.
var finiteMarkers = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "will": true,
	"would": true, "could": true, "can": true, "may": true, "might": true, "should": true, "must": true,
	"did": true, "does": true, "do": true, "shall": true, "isn't": true, "wasn't": true, "won't": true,
	"didn't": true, "doesn't": true, "don't": true, "can't": true, "couldn't": true, "wouldn't": true,
	"hasn't": true, "haven't": true, "aren't": true, "weren't": true, "isn’t": true, "wasn’t": true,
	"won’t": true, "didn’t": true, "doesn’t": true, "don’t": true, "can’t": true, "couldn’t": true,
	"wouldn’t": true, "hasn’t": true, "haven’t": true, "aren’t": true, "weren’t": true,
}

// opensClause reports whether content after a bare cue reads as a reported
// clause ("said the talks had stalled", "said he would go") rather than the
// verb's object ("welcomed the exchange", "claimed victory", "accused the
// council of wasting money"): a subject pronoun first, or a verb within the
// first words before any comma.
func opensClause(toks []token, a, b int) bool {
	if a >= b {
		return false
	}
	if toks[a].quote >= 0 || subjectPronouns[toks[a].lower] || toks[a].lower == "you" || toks[a].lower == "this" {
		return true
	}
	if finiteMarkers[toks[a].lower] {
		return true // "said was …": the subject is elided, still a clause
	}
	// A subject starts with an article, a possessive, a count, a name or
	// a plural noun ("said officials were …"), not a bare singular noun
	// ("claimed victory as …").
	first := toks[a]
	if !first.capitalized() && !determiners[first.lower] && !possessivePronouns[first.lower] && !quantifiers[first.lower] && !isDigits(first.lower) && !isPossessive(first.lower) && first.lower != "both" && first.lower != "all" && first.lower != "no" && !strings.HasSuffix(first.lower, "s") {
		return false
	}
	words := 0
	for i := a + 1; i < b && words < 10; i++ {
		t := toks[i]
		if t.text == "," || t.text == ";" || t.kind == tokBreak || t.quote >= 0 || t.lower == "and" || t.lower == "but" {
			break
		}
		if !t.isWord() {
			continue
		}
		words++
		l := t.lower
		if finiteMarkers[l] {
			return true
		}
		if t.capitalized() || !toks[i-1].isWord() || determiners[toks[i-1].lower] || possessivePronouns[toks[i-1].lower] || prepositionLike[toks[i-1].lower] {
			continue
		}
		if len(l) > 3 && strings.HasSuffix(l, "ed") {
			return true
		}
		// A present-tense verb right after a one-word subject or a name:
		// "China supports …", "the minister wants …", not "peace talks".
		if len(l) > 3 && strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "ss") && !strings.HasSuffix(l, "ous") && !isPossessive(l) &&
			(i == a+1 || toks[i-1].capitalized() || i == a+2 && determiners[toks[a].lower]) {
			return true
		}
	}
	return false
}

// prepositionLike words make the next word a noun: "of talks", "in reports".
var prepositionLike = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "for": true, "with": true, "by": true, "from": true,
	"to": true, "about": true, "into": true, "over": true, "and": true, "or": true, "than": true,
}

// colonList reads "In the interview, Obama also said:" ending a paragraph
// and followed by a list: each following one-line paragraph without final
// punctuation is a point the speaker made, until the list ends.
func (x *extraction) colonList(ui int) {
	toks := x.toks
	u := x.units[ui]
	last := u.b - 1
	if last-1 <= u.a || toks[last].text != ":" || toks[last].quote >= 0 {
		return
	}
	c := last - 1
	k, n := cueAt(toks, c)
	if k != cueSay && k != cueTell || n != 1 {
		return
	}
	sp, ok := speakerBefore(toks, u.a, c)
	if !ok {
		return
	}
	for _, v := range x.units[ui+1 : min(len(x.units), ui+11)] {
		// A list item is a whole paragraph of one unit.
		if v.a == 0 || toks[v.a-1].kind != tokBreak || v.b < len(toks) && toks[v.b].kind != tokBreak {
			return
		}
		end := toks[v.b-1]
		if end.kind == tokPunct && (end.text == "." || end.text == "?" || end.text == "!" || end.text == ":") || wordCount(toks, v.a, v.b) < 4 || linkVerbs[toks[v.a].lower] {
			return
		}
		x.add(statement{a: v.a, b: v.b, kind: x.kindOf(v.a, v.b), cueA: c, cueB: c + 1, sp: sp, hasSpeaker: true})
	}
}

// nameColonQuote reads a quotation introduced by a person's name and a
// colon, as in captions and transcripts: "Barack Obama: “Britain has …”".
// Only people the article names in full qualify, so a headline such as
// "Hong Kong latest: “…”" is left alone.
func (x *extraction) nameColonQuote(u span) {
	toks := x.toks
	for i := u.a + 2; i+1 < u.b; i++ {
		if toks[i].text != ":" || toks[i].quote >= 0 || toks[i+1].kind != tokQuote || toks[i+1].quote < 0 || x.quotes[toks[i+1].quote].a != i+1 {
			continue
		}
		a := i
		for a > u.a && a > i-4 && toks[a-1].capitalized() {
			a--
		}
		if i-a < 2 {
			return
		}
		p := x.people.resolveNameAsIs(wordsOf(toks, a, i))
		if p == nil || !strings.Contains(p.name, " ") {
			return
		}
		q := x.quotes[toks[i+1].quote]
		end := min(q.b, u.b)
		if wordCount(toks, q.a, end) < 3 {
			return
		}
		x.add(statement{a: q.a, b: end, kind: briefbot.Direct, cueA: i, cueB: i + 1, sp: speakerPhrase{a: a, b: i, head: i - 1}, hasSpeaker: true})
		return
	}
}

// linkVerbs open the imperative link lines that follow lists on news
// pages: "Read the full transcript", "Watch the interview".
var linkVerbs = map[string]bool{"read": true, "watch": true, "listen": true, "see": true, "click": true, "follow": true, "subscribe": true, "share": true, "sign": true}

// endsSentence reports whether [a, b) ends with sentence punctuation,
// inside or just before the closing quotation mark.
func endsSentence(toks []token, a, b int) bool {
	for i := b - 1; i >= a && i >= b-3; i-- {
		switch toks[i].text {
		case ".", "!", "?", ",", "…":
			return true
		}
		if toks[i].kind == tokWord {
			return false
		}
	}
	return false
}

// quoteInClause reports a quotation among the first words of [a, b),
// before any comma outside quotes: "rejected the claims as “false”".
func (x *extraction) quoteInClause(a, b int) bool {
	for i := a; i < b && i < a+12; i++ {
		t := x.toks[i]
		if t.quote >= 0 {
			return true
		}
		if t.text == "," || t.text == ";" {
			return false
		}
	}
	return false
}

// nonAnswers follow "declined to" or "refused to" when nothing was said.
var nonAnswers = map[string]bool{
	"comment": true, "say": true, "elaborate": true, "discuss": true, "answer": true, "respond": true,
	"speculate": true, "confirm": true, "specify": true, "provide": true, "give": true, "disclose": true, "be": true,
}

// roleCommaName reads the wire pattern "ROLE, NAME," right before a cue,
// j being the comma after the name: "the UN Secretary-General, António
// Guterres, told …", "Russia's ambassador, Vasily Nebenzia, said …". The
// speaker phrase is the name (the resolver links the role to it); the
// role phrase must end in a title or a role noun, so "In Paris, Claire
// Dumont said" is not read as one.
func roleCommaName(toks []token, lo, j int) (speakerPhrase, bool) {
	k := j - 1
	for k > lo && j-k <= 5 && (toks[k].capitalized() || k < j-1 && nameParticles[toks[k].lower]) {
		k--
	}
	if k <= lo || k == j-1 || toks[k].text != "," || toks[k].quote >= 0 || !toks[j-1].capitalized() {
		return speakerPhrase{}, false
	}
	name := speakerPhrase{a: k + 1, b: j, head: j - 1}
	// The role: a title or role noun ending right before the first comma.
	h := k - 1
	if h < lo || !toks[h].isWord() {
		return speakerPhrase{}, false
	}
	if !isRoleWord(toks, lo, h) {
		return speakerPhrase{}, false
	}
	role, ok := phraseEndingAt(toks, lo, h)
	if !ok {
		return speakerPhrase{}, false
	}
	role.a = roleStart(toks, lo, role.a)
	// "the head of the UN peacekeeping mission, Bintou Keita,": the role
	// noun before "of" starts the role.
	if p := role.a - 1; p-1 >= lo && (toks[p].lower == "of" || toks[p].lower == "for") && isRoleWord(toks, lo, p-1) {
		if outer, ok := phraseEndingAt(toks, lo, p-1); ok {
			role.a = outer.a
		}
	}
	name.role = span{roleStart(toks, lo, role.a), k}
	return name, true
}

// roleStart extends a role phrase starting at a back over the words that
// modify it, up to its article or possessive ("the UN atomic chief", "the
// U.N. rights chief", "Serbia's top diplomat"), or to a comma; a is kept when
// neither is found within four words.
func roleStart(toks []token, lo, a int) int {
	for m := a - 1; m >= lo && m >= a-6; m-- {
		t := toks[m]
		switch {
		case t.text == ",":
			return m + 1
		case articles[t.lower] || isPossessive(t.lower):
			return m
		case t.text == "." && m-1 >= lo && abbreviations[toks[m-1].lower]:
		case !t.isWord() || t.quote >= 0 || stopHeads[t.lower]:
			return a
		}
	}
	return a
}

// isRoleWord reports whether the phrase ending at toks[h] names a role:
// "minister", "Secretary-General", "foreign policy chief", "envoy for Syria".
func isRoleWord(toks []token, lo, h int) bool {
	// "the UN special envoy for Syria": the role noun before a short
	// prepositional phrase.
	for i := h; i > lo && i >= h-4; i-- {
		if l := toks[i].lower; l == "for" || l == "to" || l == "of" {
			if i-1 >= lo && isRoleWord(toks, lo, i-1) {
				return true
			}
			break
		}
	}
	l := toks[h].lower
	if honorifics[l] || roleNouns[l] || groupNouns[l] && !strings.HasSuffix(l, "s") {
		return true
	}
	_, ok := TitleOf(toks[h].text)
	return ok
}

// roleNouns are roles that head an apposition before a name.
var roleNouns = map[string]bool{
	"secretary-general": true, "envoy": true, "representative": true, "chief": true, "head": true, "chairman": true,
	"chairwoman": true, "chairperson": true, "chair": true, "counterpart": true, "leader": true, "commander": true,
	"director": true, "director-general": true, "president": true, "premier": true, "chancellor": true, "ambassador": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "adviser": true, "advisor": true, "negotiator": true,
	"coordinator": true, "commissioner": true, "rapporteur": true, "mediator": true, "deputy": true, "official": true,
	"diplomat": true, "general": true, "governor": true, "mayor": true, "emir": true, "king": true, "queen": true,
	"host": true, "anchor": true, "presenter": true, "moderator": true, "interviewer": true,
}
