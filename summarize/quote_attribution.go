package summarize

import (
	"strings"
	"unicode"

	"github.com/briefbot/briefbot"
)

// This file owns the attribution stages of one sentence (sentenceStages)
// and the leading patterns: "X said (that) C", "X told Y: “C”", "According
// to X, C", participle openers and coordinated clauses. Trailing
// attributions are in quote_trailing.go, the content after a cue in
// quote_content.go. Each pattern yields token ranges; resolution of the
// speaker happens later.

// attributions finds statements sentence by sentence (the units of the
// sentence splitter), trying the stages in order until one finds some.
func (x *extraction) attributions() {
	for ui := range x.units {
		n := len(x.stmts)
		for _, stage := range sentenceStages {
			stage.run(x, ui)
			if len(x.stmts) > n {
				break
			}
		}
	}
}

// sentenceStages are the attribution patterns of one sentence, most
// specific first. A new pattern is a new stage (or a case inside one).
var sentenceStages = []struct {
	name string
	run  func(x *extraction, ui int)
}{
	{"cues", func(x *extraction, ui int) { x.unit(x.units[ui]) }},                        // openers, trailing and leading cues
	{"verb that", func(x *extraction, ui int) { x.verbThat(x.units[ui]) }},               // a verb outside the lexicon before "that"
	{"colon list", (*extraction).colonList},                                              // "Obama also said:" and a list
	{"name colon quote", func(x *extraction, ui int) { x.nameColonQuote(x.units[ui]) }},  // "Barack Obama: “…”"
	{"headline claim", (*extraction).headlineClaim},                                      // "Graham: Trump's Rhetoric Destroying GOP"
	{"poll opener", (*extraction).pollOpener},                                            // "In a CBS News poll released Monday, C"
	{"standalone quote", func(x *extraction, ui int) { x.standaloneQuote(x.units[ui]) }}, // a quotation taking a neighbour's speaker
}

// verbThat is the fallback for verbs outside the lexicon: a named speaker,
// a pronoun or a group, then a past or present-tense verb, then "that":
// "Burr conceded that …", "officials fear that …".
func (x *extraction) verbThat(u span) {
	toks := x.toks
	for t := u.a + 2; t+1 < u.b; t++ {
		if toks[t].lower != "that" || toks[t].quote >= 0 {
			continue
		}
		v := t - 1
		w := toks[v]
		if !w.isWord() || w.capitalized() || stopHeads[w.lower] || cueAdverbs[w.lower] || !(strings.HasSuffix(w.lower, "ed") || strings.HasSuffix(w.lower, "s")) || nonVerbsBeforeThat[w.lower] {
			continue
		}
		sp, ok := speakerBefore(toks, u.a, v)
		if !ok || !x.strongSpeaker(sp) || passiveAt(toks, u.a, v) {
			continue
		}
		ca, cb := x.trimContent(t+1, u.b)
		cb = x.cutTrailing(ca, cb)
		if wordCount(toks, ca, cb) < 3 {
			continue
		}
		x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: v, cueB: v + 1, sp: sp, hasSpeaker: true})
		return
	}
}

// nonVerbsBeforeThat end in -s or -ed before "that" without reporting
// anything: "the fact that", "is so that", "was such that".
var nonVerbsBeforeThat = map[string]bool{
	"is": true, "was": true, "has": true, "does": true, "seems": true, "means": true, "years": true,
	"days": true, "times": true, "ensured": true, "ensures": true, "needed": true, "needs": true,
	"happens": true, "happened": true, "proved": true, "proves": true, "requires": true,
	"required": true,
}

// unit finds the attributions of one sentence: a sentence opener ("Noting
// that C1, Xi said C2", "According to X, C"), else each cue in turn.
func (x *extraction) unit(u span) {
	if x.participleOpener(u) || x.accordingOpener(u) {
		return
	}
	from := len(x.stmts)
	x.cueClauses(u)
	x.askedQuestion(u, from)
}

// participleOpener reads "Noting that C1, Xi said C2." and reports
// whether it did.
func (x *extraction) participleOpener(u span) bool {
	toks := x.toks
	a, b := u.a, u.b
	if k, n := cueAt(toks, a); k == 0 || n != 1 || !participleOpeners[toks[a].lower] || a+1 >= b || toks[a+1].lower != "that" {
		return false
	}
	for i := a + 2; i < b; i++ {
		if toks[i].text != "," || toks[i].quote >= 0 {
			continue
		}
		for c := i + 1; c < b && c < i+8; c++ {
			k2, n2 := cueAt(toks, c)
			if k2 == 0 {
				continue
			}
			if sp, ok := speakerBefore(toks, i+1, c); ok && sp.a == i+1 {
				x.add(statement{a: a + 2, b: i, kind: x.kindOf(a+2, i), cueA: a, cueB: a + 1, sp: sp, hasSpeaker: true})
				if ca, cb, ok := x.contentAfter(c+n2-1, b, k2); ok {
					x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n2, sp: sp, hasSpeaker: true})
				}
				return true
			}
			break
		}
	}
	return false
}

// accordingOpener reads "According to X, C." and reports whether the
// sentence opened that way (whether or not X read as a source).
func (x *extraction) accordingOpener(u span) bool {
	toks := x.toks
	a, b := u.a, u.b
	if toks[a].lower != "according" || a+1 >= b || toks[a+1].lower != "to" {
		return false
	}
	// The source may be long: "According to the results of exit polls
	// conducted by Edison Research for The Associated Press, …".
	for i := a + 2; i < b && i < a+27; i++ {
		if toks[i].text != "," {
			continue
		}
		if sp, ok := sourceAfterAccording(toks, a+2, i); ok {
			ca, cb := x.trimContent(i+1, b)
			if wordCount(toks, ca, cb) >= 3 {
				x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: a, cueB: a + 2, sp: sp, hasSpeaker: true})
			}
		}
		return true
	}
	return false
}

// cueClauses tries each cue of the sentence: a trailing attribution ("C, X
// said"), "according to" inside the sentence, else a leading one ("X said
// C"). Belief and intention cues wait in case a speech cue follows.
func (x *extraction) cueClauses(u span) {
	toks := x.toks
	a, b := u.a, u.b
	subEnd := subordinateEnd(toks, a, b)
	var deferred *statement
	for c := a; c < b; c++ {
		k, n := cueAt(toks, c)
		if k == 0 {
			continue
		}
		if c < subEnd {
			x.subordinateCue(a, subEnd, c, k, n)
			continue
		}
		if st, ok := x.trailing(a, b, c, n, k); ok && !x.leadsInstead(st, c, n, k, b) {
			deferred = nil
			next, done := x.afterTrailing(st, b)
			if done {
				return
			}
			if next < b && next > c {
				a = next
				c = next - 1
			}
			continue
		}
		if toks[c].lower == "according" {
			if st, ok := x.accordingInside(a, b, c); ok {
				x.add(st)
				return
			}
			continue
		}
		st, weak, ok := x.leadingCue(a, b, c, k, n)
		switch {
		case !ok:
			continue
		case x.thingSpeaker(st.sp) && x.laterTrailing(a, b, st.b):
			// "The draft resolution calls for C, a diplomat said": the
			// sentence is the diplomat's; a thing's "calls for" is inside it.
			continue
		case weak:
			// A speech cue later in the sentence wins: "China supports C,
			// noted Mr. Wang."
			if deferred == nil {
				deferred = &st
			}
			continue
		case st.sp.ante != nil && st.b < b:
			// "Barkley, who said C1, said C2": the main clause goes on.
			x.add(st)
			c = st.b - 1
			continue
		}
		x.addWithParticiple(st, b)
		x.participleAfterDirect(st, b)
		return
	}
	if deferred != nil {
		x.add(*deferred)
	}
}

// subordinateEnd is the comma closing a leading subordinate clause ("When
// Ghani announced the swap, he said C"), or a when there is none: a cue
// inside it does not take the main clause as its content.
func subordinateEnd(toks []token, a, b int) int {
	if !toks[a].isWord() || !subordinators[toks[a].lower] {
		return a
	}
	for i := a + 1; i < b; i++ {
		if toks[i].text == "," && toks[i].quote < 0 {
			return i
		}
	}
	return a
}

// subordinateCue makes the subordinate clause its own statement, up to its
// comma.
func (x *extraction) subordinateCue(a, subEnd, c int, k cueKind, n int) {
	sp, ok := speakerBefore(x.toks, a, c)
	if !ok || !(k == cueSay || k == cueTell || x.strongSpeaker(sp)) {
		return
	}
	if ca, cb, ok := x.contentAfter(c+n-1, subEnd, k); ok {
		x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n, sp: sp, hasSpeaker: true})
	}
}

// leadingCue reads a speaker before the cue at c and the content after it:
// "X said (that) C", "Trump lashed out at Y, saying C". weak reports a
// belief or intention cue.
func (x *extraction) leadingCue(a, b, c int, k cueKind, n int) (st statement, weak, ok bool) {
	toks := x.toks
	sp, ok := x.cueSpeaker(a, c)
	if !ok {
		return statement{}, false, false
	}
	weak = k == cueBelief || k == cueIntent
	if !x.cueTakesSpeaker(b, c, k, n, sp, weak) {
		return statement{}, false, false
	}
	ca, cb, ok := x.contentAfter(c+n-1, b, k)
	if !ok {
		return statement{}, false, false
	}
	// A trailing attribution of someone else ends the content:
	// "Xi said C, Xinhua reported."
	cb = x.cutTrailing(ca, cb)
	if wordCount(toks, ca, cb) < 3 && toks[ca].quote < 0 {
		// "The country would respond firmly, the ministry said": what is
		// left is no statement; the trailing cue will take the sentence.
		return statement{}, false, false
	}
	if stanceObjectCues[toks[c].lower] {
		cb = x.stanceObject(ca, cb) // "endorsed Trump last week" → "Trump"
	}
	if sp.ante != nil {
		// "Assange, who denies the accusation, has avoided …": the
		// relative clause ends at its comma.
		for i := ca; i < cb; i++ {
			if toks[i].text == "," && toks[i].quote < 0 {
				cb = i
				break
			}
		}
		if wordCount(toks, ca, cb) < 2 {
			return statement{}, false, false
		}
	}
	st = statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n, sp: sp, hasSpeaker: true}
	if st.kind == briefbot.Direct && ca > 0 && toks[ca-1].lower == "that" {
		st.kind = briefbot.Mixed // "told X that “…”" reports the quote
	}
	return st, weak, true
}

// cueSpeaker finds who speaks at the cue c: the phrase before it, or the
// sentence subject for a participle after a comma.
func (x *extraction) cueSpeaker(a, c int) (speakerPhrase, bool) {
	toks := x.toks
	switch {
	case c-2 > a && toks[c-1].lower == "as" && quotedWords[toks[c-2].lower]:
		// "Kim was quoted as saying C": the subject of the passive speaks.
		return speakerBefore(toks, a, c-2)
	case quotedByAs(toks, a, c) > a:
		// "Ryabkov was quoted by RIA Novosti as saying C".
		return speakerBefore(toks, a, quotedByAs(toks, a, c))
	case strings.HasSuffix(toks[c].lower, "ing") && c > a && toks[c-1].text == ",":
		// "Trump lashed out at Y, saying C": the sentence subject speaks.
		return mainSubject(toks, a, c-1)
	case strings.HasSuffix(toks[c].lower, "ing") && c > a && toks[c-1].capitalized():
		// "…, with President Andrzej Duda saying he would veto the bill".
		if sp, ok := speakerBefore(toks, a, c); ok && sp.start()-1 >= a && toks[sp.start()-1].lower == "with" {
			return sp, true
		}
		return speakerPhrase{}, false
	case strings.HasSuffix(toks[c].lower, "ing") && (c == a || !auxiliaries[toks[c-1].lower]):
		return speakerPhrase{}, false // a participle inside a noun phrase, not a cue
	case passiveAt(toks, a, c):
		return speakerPhrase{}, false // "Assange was accused of …": the subject is not the speaker
	}
	return speakerBefore(toks, a, c)
}

// questionAfter reports the question a speaker declined to answer:
// "declined to say whether …", "refused to discuss how …".
func questionAfter(toks []token, i, b int) bool {
	return i+2 < b && questionWords[toks[i].lower]
}

// questionWords open an indirect question.
var questionWords = wordSet("data/question_words.txt")

// cueTakesSpeaker filters cues whose speaker or use says nothing was
// reported.
func (x *extraction) cueTakesSpeaker(b, c int, k cueKind, n int, sp speakerPhrase, weak bool) bool {
	toks := x.toks
	if weak && !x.strongSpeaker(sp) || !documentSpeaks(toks, c, sp) {
		return false
	}
	// "declined to comment", "refused to elaborate": nothing was said.
	if k == cueIntent && (strings.HasPrefix(toks[c].lower, "declin") || strings.HasPrefix(toks[c].lower, "refus")) && c+2 < b && toks[c+1].lower == "to" && nonAnswers[toks[c+2].lower] && !questionAfter(toks, c+3, b) {
		return false
	}
	// "a United Nations plan to …": a noun, not "the UN plans to".
	if weak && articles[toks[sp.a].lower] && toks[sp.a].lower != "the" && toks[sp.head].capitalized() {
		return false
	}
	// "they called it …" is too loose; "Comey called it …" is a stance.
	return !(k == cueBelief && n == 1 && strings.HasPrefix(toks[c].lower, "call") && (pronouns[toks[sp.head].lower] || !toks[sp.head].capitalized()))
}

// participleAfterDirect adds "adding that C2" in "X said, “Q” at the
// release, adding that C2.".
func (x *extraction) participleAfterDirect(st statement, b int) {
	toks := x.toks
	if st.kind != briefbot.Direct {
		return
	}
	for i := st.b; i+1 < b; i++ {
		if toks[i].text != "," || toks[i].quote >= 0 || !participleOpeners[toks[i+1].lower] {
			continue
		}
		if k2, n2 := cueAt(toks, i+1); k2 != 0 {
			if ca, cb, ok := x.contentAfter(i+n2, b, k2); ok {
				x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: i + 1, cueB: i + 1 + n2, sp: st.sp, hasSpeaker: true})
			}
		}
		return
	}
}

// strongSpeaker limits belief cues to named people, pronouns and groups.
func (x *extraction) strongSpeaker(sp speakerPhrase) bool {
	if sp.ante != nil {
		sp = *sp.ante
	}
	h := x.toks[sp.head]
	if h.lower == "it" {
		return false
	}
	// "China supports …" is policy, not a stance someone voiced.
	if _, isCountry := x.people.countryOf(h.text); isCountry && sp.b-sp.a <= 2 {
		return false
	}
	// "Many businesses agree that …": a counted group.
	if quantifiers[x.toks[sp.a].lower] && sp.head > sp.a && strings.HasSuffix(h.lower, "s") {
		return true
	}
	return pronouns[h.lower] || h.capitalized() || groupNouns[h.lower] || evidenceNouns[h.lower] && evidenceCue(x.toks, sp.b)
}

// evidenceCue reports "show" or "find" right after an evidence speaker
// (an adverb aside): "polls show", "the survey found", "data clearly show".
func evidenceCue(toks []token, i int) bool {
	for n := 0; i < len(toks) && n < 2 && cueAdverbs[toks[i].lower]; n++ {
		i++
	}
	if i >= len(toks) {
		return false
	}
	switch toks[i].lower {
	case "show", "shows", "showed", "shown", "find", "finds", "found":
		return true
	}
	return false
}

// isAllCaps reports a word of two or more letters, all upper case.
func isAllCaps(t token) bool {
	if t.kind != tokWord || len(t.text) < 2 {
		return false
	}
	for _, r := range t.text {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func (x *extraction) add(st statement) {
	if st.b <= st.a {
		return
	}
	// Never two statements over the same content.
	for _, o := range x.stmts {
		if st.a < o.b && o.a < st.b {
			return
		}
	}
	x.stmts = append(x.stmts, st)
}

// sourceAfterAccording takes the whole phrase after "according to" as the
// source: "according to FEC filings", "according to a count by the AP".
func sourceAfterAccording(toks []token, a, b int) (speakerPhrase, bool) {
	for b > a && !toks[b-1].isWord() {
		b--
	}
	if b <= a || b-a > 25 {
		return speakerPhrase{}, false
	}
	// The head is the first noun before "of/by/from/in": "a count by the AP" → "count".
	h := b - 1
	for i := a; i < b; i++ {
		l := toks[i].lower
		// "the Centre for Disease Control": of/for inside a proper name.
		if (l == "of" || l == "for") && toks[i-1].capitalized() && i+1 < b && toks[i+1].capitalized() {
			continue
		}
		if l == "with" && familiarWords[toks[i-1].lower] {
			continue // "people familiar with their thinking"
		}
		if i > a && (l == "of" || l == "by" || l == "from" || l == "in" || l == "at" || l == "for" || l == "with" || l == "who" || l == "that" || toks[i].text == "," || toks[i].text == "(") {
			h = i - 1
			break
		}
	}
	if !toks[h].isWord() {
		return speakerPhrase{}, false
	}
	// "according to a statement from the ministry", "a readout released
	// by the Kremlin": the institution.
	for _, d := range []int{h, h - 1} {
		if d >= a {
			if src, ok := documentSource(toks, d, b); ok {
				return src, true
			}
		}
	}
	return speakerPhrase{a: a, b: h + 1, head: h}, true
}

// appositiveSubject reads a name opening the clause and set off by an
// apposition: "Bob Smith, a committeeman from Virginia, endorsed …".
func appositiveSubject(toks []token, a, limit int) (speakerPhrase, bool) {
	if a >= limit || !toks[a].capitalized() {
		return speakerPhrase{}, false
	}
	for k := a + 1; k < limit && k < a+6; k++ {
		if toks[k].text != "," {
			continue
		}
		// A capitalised apposition may be the name itself ("Qatar's Prime
		// Minister, Sheikh Tamim, said"), left to the speaker rules.
		if k+1 >= limit || toks[k+1].capitalized() || !appositionOpener(toks, k+1, limit) {
			return speakerPhrase{}, false
		}
		sp, ok := phraseEndingAt(toks, a, k-1)
		if !ok || sp.a != a || !toks[sp.head].capitalized() {
			return speakerPhrase{}, false
		}
		return sp, true
	}
	return speakerPhrase{}, false
}

// mainSubject finds the subject of the main clause in [a, limit): after a
// leading adverbial ("In a speech on Tuesday, Mr. Trump struck …").
func mainSubject(toks []token, a, limit int) (speakerPhrase, bool) {
	if sp, ok := subjectFrom(toks, a, limit); ok {
		return sp, true
	}
	// "Bob Smith, a committeeman from Virginia, endorsed Cruz, saying C".
	if sp, ok := appositiveSubject(toks, a, limit); ok {
		return sp, true
	}
	if !toks[a].isWord() || !(cuePrepositions[toks[a].lower] || subordinators[toks[a].lower] || notNames[toks[a].lower] || strings.HasSuffix(toks[a].lower, "ing") || toks[a].lower == "in") {
		return speakerPhrase{}, false
	}
	for i := a + 1; i < limit; i++ {
		if toks[i].text == "," && toks[i].quote < 0 {
			return subjectFrom(toks, i+1, limit)
		}
	}
	return speakerPhrase{}, false
}

// addWithParticiple adds a leading statement, split at a trailing
// participle cue of the same speaker: "Wang said C1, adding that C2".
func (x *extraction) addWithParticiple(st statement, b int) {
	toks := x.toks
	for i := st.a + 1; i+1 < st.b; i++ {
		if toks[i].quote >= 0 {
			continue
		}
		j := i + 1
		switch {
		case toks[i].text == "," || toks[i].text == ";":
		case (toks[i].lower == "and" || toks[i].lower == "but") && i > st.a+2:
			// "… as “a mistake” and said C2", "… and the police said C2",
			// "… “extremely careless,” but said C2".
			j = i
		default:
			continue
		}
		second, ok := x.clauseAfter(j, b, st.sp)
		if !ok {
			continue
		}
		first := st
		first.b = i
		first.kind = x.kindOf(first.a, first.b)
		if wordCount(toks, first.a, first.b) < 2 {
			break
		}
		x.add(first)
		x.addWithParticiple(second, b)
		return
	}
	x.add(st)
}

// clauseAfter reads a second attribution starting at token j, after a
// comma inside a statement's content: "…, adding that C2" (same speaker)
// or "…, but 55 percent say C2" (a new speaker).
func (x *extraction) clauseAfter(j, b int, sp speakerPhrase) (statement, bool) {
	toks := x.toks
	if j >= b || !toks[j].isWord() {
		return statement{}, false
	}
	if participleOpeners[toks[j].lower] || strings.HasSuffix(toks[j].lower, "ing") && cues[toks[j].lower] == cueSay {
		// "…, adding that C2", "…, urging voters to C2".
		k, n := cueAt(toks, j)
		if k == 0 {
			return statement{}, false
		}
		ca, cb, ok := x.contentAfter(j+n-1, b, k)
		if !ok {
			return statement{}, false
		}
		return statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: j, cueB: j + n, sp: sp, hasSpeaker: true}, true
	}
	if toks[j].lower == "but" || toks[j].lower == "and" || toks[j].lower == "while" || toks[j].lower == "whereas" {
		j++
		// "… and said C2": the same speaker goes on.
		if j < b {
			if k, n := cueAt(toks, j); coordinatedCue(toks[j], k) {
				if ca, cb, ok := x.contentAfter(j+n-1, b, k); ok {
					return statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: j, cueB: j + n, sp: sp, hasSpeaker: true}, true
				}
				return statement{}, false
			}
		}
	}
	for c := j + 1; c < b && c < j+8; c++ {
		k, n := cueAt(toks, c)
		if k == 0 {
			continue
		}
		if k != cueSay && k != cueTell {
			return statement{}, false
		}
		sp2, ok := speakerBefore(toks, j, c)
		if !ok || sp2.a != j {
			return statement{}, false
		}
		ca, cb, ok := x.contentAfter(c+n-1, b, k)
		if !ok {
			return statement{}, false
		}
		return statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n, sp: sp2, hasSpeaker: true}, true
	}
	return statement{}, false
}

// passiveAt reports a passive cue: "was accused of", "were told that",
// "has been asked". "is expected to" stays active: its subject expects.
func passiveAt(toks []token, a, c int) bool {
	l := toks[c].lower
	if !(strings.HasSuffix(l, "ed") || l == "told" || l == "shown" || l == "seen" || l == "thought" || l == "known") || l == "expected" {
		return false
	}
	for j := c - 1; j >= a && j >= c-3; j-- {
		switch toks[j].lower {
		case "was", "were", "been", "being", "is", "are", "be", "get", "got":
			return true
		case "not", "also", "reportedly", "repeatedly", "never", "previously", "later", "widely":
			continue
		}
		return false
	}
	return false
}

// accordingInside handles "according to X" after the sentence start, with
// or without a comma: "Clinton leads by 271 delegates according to a count
// by the AP, but …" (the content is what comes before) and "His criticism,
// according to an interview, was …" (the sentence around it).
func (x *extraction) accordingInside(a, b, c int) (statement, bool) {
	toks := x.toks
	if c <= a {
		return statement{}, false
	}
	e := c + 2
	for e < b && e < c+2+25 && !(toks[e].text == "," && toks[e].quote < 0) && !(toks[e].kind == tokPunct && toks[e].text == ".") {
		e++
	}
	sp, ok := sourceAfterAccording(toks, c+2, e)
	if !ok {
		return statement{}, false
	}
	ca, cb := x.trimContent(a, c)
	if wordCount(toks, e, b) > 3 && toks[c-1].text == "," {
		ca, cb = x.trimContent(a, b) // a parenthetical source inside the sentence
	}
	if wordCount(toks, ca, cb) < 3 || x.adverbialOnly(ca, cb) {
		return statement{}, false
	}
	return statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + 2, sp: sp, hasSpeaker: true}, true
}

// participleCue reports an -ing cue opening a clause of the same speaker:
// "…, adding that …", "…, urging Iran to …", "…, calling the measures …".
func participleCue(t token) bool {
	if participleOpeners[t.lower] {
		return true
	}
	if !strings.HasSuffix(t.lower, "ing") {
		return false
	}
	k := cues[t.lower]
	return k == cueSay || k == cueTell || k == cueCommit
}

// coordinatedCue reports a cue after "and"/"but" that goes on with the same
// speaker ("Darko called for a ceasefire and urged all parties to …", "…
// and said C2") rather than a verb of the reported clause ("said Moscow
// supported dialogue but rejected …"): verbs of saying and commitments.
func coordinatedCue(t token, k cueKind) bool {
	if strings.HasSuffix(t.lower, "ing") {
		return false
	}
	switch k {
	case cueCommit:
		return true
	case cueSay, cueTell:
		return objectThenTo[t.lower] || !objectCues[t.lower] && !accusingCues[t.lower]
	}
	return false
}

// accusingCues take a person or a thing as their object and, after "and"
// or "but", usually belong to the reported clause: "… but rejected X".
var accusingCues = map[string]bool{
	"rejected": true, "rejects": true, "denied": true, "denies": true, "accused": true, "accuses": true,
	"criticized": true, "criticised": true, "praised": true, "dismissed": true, "condemned": true,
	"described": true, "blamed": true,
}

// thingSpeaker reports a speaker phrase headed by a plain lower-case noun
// that is neither a person, a group nor a pronoun: "the draft resolution",
// "the package", "the text".
func (x *extraction) thingSpeaker(sp speakerPhrase) bool {
	h := x.toks[sp.head]
	return sp.ante == nil && h.isWord() && !h.capitalized() && !pronouns[h.lower] && !groupNouns[h.lower] && !roleNouns[h.lower]
}

// laterTrailing reports a trailing attribution (", X said.") after token
// from that takes the sentence from a as its content.
func (x *extraction) laterTrailing(a, b, from int) bool {
	for c := from; c < b; c++ {
		// "…, according to a statement" names where, not who.
		if k, n := cueAt(x.toks, c); k != 0 && x.toks[c].lower != "according" {
			if _, ok := x.trailing(a, b, c, n, k); ok {
				return true
			}
		}
	}
	return false
}

// quotedByAs is the index of "quoted" in "quoted by AGENCY as" right before
// the cue at c ("was quoted by RIA Novosti as saying"), or -1.
func quotedByAs(toks []token, a, c int) int {
	if c-4 <= a || toks[c-1].lower != "as" {
		return -1
	}
	m := c - 2
	for m > a && m > c-8 && toks[m].isWord() && toks[m].quote < 0 && toks[m].lower != "by" {
		m--
	}
	if m-1 <= a || m == c-2 || toks[m].lower != "by" || !quotedWords[toks[m-1].lower] {
		return -1
	}
	return m - 1
}
