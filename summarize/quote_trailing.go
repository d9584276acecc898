package summarize

import (
	"strings"

	"github.com/briefbot/briefbot"
)

// This file owns trailing attributions, the speaker after the content:
// "C, X said", "“Q,” said X, a professor …", "C, according to X", and
// what may follow them in the same sentence.

// trailing recognises an attribution after its content within [a, b).
func (x *extraction) trailing(a, b, c, n int, k cueKind) (statement, bool) {
	toks := x.toks
	if k == cueBelief || k == cueIntent {
		return statement{}, false
	}
	var sep int
	var sp speakerPhrase
	if toks[c].lower == "according" {
		// ", according to X."
		sep = c - 1
		if sep <= a || toks[sep].text != "," {
			return statement{}, false
		}
		end := b
		for end > c+2 && (toks[end-1].kind == tokPunct || toks[end-1].kind == tokQuote) {
			end--
		}
		if end-(c+2) > 12 || end <= c+2 {
			return statement{}, false
		}
		h := end - 1
		for i := c + 2; i < end; i++ {
			if toks[i].text == "," {
				h = i - 1
				break
			}
		}
		var ok bool
		if sp, ok = sourceAfterAccording(toks, c+2, h+1); !ok {
			return statement{}, false
		}
	} else {
		// Speaker before the cue: ", X said …" or inverted ", said X".
		p := c - 1
		for p >= a && toks[p].isWord() && cueAdverbs[toks[p].lower] {
			p--
		}
		inverted := false
		if k != cueTell && p >= a && !(c+n < b && toks[c+n].lower == "that") && !perfectBefore(toks, p, c) && (toks[p].text == "," || toks[p].kind == tokQuote && toks[p].quote >= 0 && x.quotes[toks[p].quote].b == p+1) {
			// Inverted: "…,” said Li Haidong, a professor …"
			sp, inverted = invertedSpeaker(toks, c+n, b)
			sep = p
		}
		if !inverted {
			var ok bool
			sp, ok = speakerBefore(toks, a, passiveQuoted(toks, a, c))
			if !ok {
				return statement{}, false
			}
			sep = sp.start() - 1
			if sep <= a {
				return statement{}, false
			}
			if !(toks[sep].text == "," || toks[sep].kind == tokQuote && toks[sep].quote >= 0 && x.quotes[toks[sep].quote].b == sep+1) {
				return statement{}, false
			}
		}
		if !documentSpeaks(toks, c, sp) {
			return statement{}, false
		}
		// What follows the cue must be a short adjunct, not new content:
		// "…, Wang said at the press conference." but not "…, Wang said that …".
		rest := c + n
		if sp.a > c {
			rest = sp.b
			// "said Mark Kantrowitz, a debt expert who …": the apposition.
			if rest+1 < b && toks[rest].text == "," && appositionOpener(toks, rest+1, b) {
				rest = b
			}
		}
		rest = skipTimeAdjunct(toks, rest, b) // "…, Ng said on Tuesday, calling …"
		if rest < b && (toks[rest].lower == "that" || toks[rest].text == ":") || thatAfterAdjunct(toks, rest, b) {
			return statement{}, false
		}
		// "…, the president said he would …" starts a new clause: the
		// attribution leads its own content instead.
		if rest < b && sp.a < c && clauseStart(toks[rest], k) {
			return statement{}, false
		}
		direct := toks[sep].kind == tokQuote || sep > a && toks[sep-1].kind == tokQuote || sep+1 < b && toks[sep+1].kind == tokQuote && toks[sep+1].quote >= 0 && x.quotes[toks[sep+1].quote].b == sep+2
		parenthetical := rest+1 < b && toks[rest].text == "," && toks[rest+1].kind != tokQuote && !asQuotedBy(toks, rest+1, b) && !subordinators[toks[rest+1].lower] && !participleCue(toks[rest+1]) && !clauseJoiners[toks[rest+1].lower] && wordCount(toks, rest, b) > 3 && !direct
		switch {
		case parenthetical:
			// "The good news, Woolson said, is that …": the sentence around it.
			ca, cb := x.trimContent(a, b)
			if wordCount(toks, ca, cb)-wordCount(toks, sep, rest) < 4 {
				return statement{}, false
			}
			return statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n, sp: sp, hasSpeaker: true}, true
		case direct:
			// A quotation before the attribution: whatever follows is context.
		default:
			// A quotation after the cue is new content, unless it sits in
			// a participle clause: "…, X told a news conference, calling
			// the claims “baseless.”"
			if x.hasQuoteIn(rest, participleClause(toks, rest, b)) && !(rest < b && toks[rest].text == ",") {
				return statement{}, false
			}
			if wordCount(toks, rest, participleClause(toks, rest, b)) > 14 {
				return statement{}, false
			}
		}
	}
	// The content runs from the unit start to the separator; a closing
	// quotation mark stays inside the content.
	ca, cb := a, sep
	if toks[sep].kind == tokQuote {
		cb = sep + 1
	} else if sep > a && toks[sep-1].kind == tokQuote && toks[sep-1].quote >= 0 {
		cb = sep // ", " after the closing mark
	}
	if toks[sep].text == "," && sep > a && toks[sep-1].kind == tokQuote {
		cb = sep
	}
	// A closing mark after the comma: “…,” — keep the mark.
	if sep+1 < b && toks[sep].text == "," && toks[sep+1].kind == tokQuote && toks[sep+1].quote >= 0 && x.quotes[toks[sep+1].quote].b == sep+2 {
		cb = sep + 2
	}
	// "Holm changed her account — “I do remember,” she said": the words
	// after a dash or colon are the quotation, the narration before is not.
	if cb > ca && toks[cb-1].kind == tokQuote && toks[cb-1].quote >= 0 {
		if q := x.quotes[toks[cb-1].quote]; q.a > ca && q.a-1 >= ca && (toks[q.a-1].text == "—" || toks[q.a-1].text == "–" || toks[q.a-1].text == ":") {
			ca = q.a
		}
	}
	if n := wordCount(toks, ca, cb); n < 3 && !(n == 2 && x.wholeQuote(ca, cb)) {
		return statement{}, false // "“That's correct,” Volker said" is enough
	}
	// "Citing low growth, McCain said …": a participial opener is the
	// speaker's manner, not what was said.
	if toks[ca].isWord() && strings.HasSuffix(toks[ca].lower, "ing") && toks[ca].capitalized() && !x.hasQuoteIn(ca, cb) && ca == a {
		if _, isName := x.people.byName[toks[ca].lower]; !isName {
			return statement{}, false
		}
	}
	// "Later in the day, Volker testified …": an adverbial, not content.
	if x.adverbialOnly(ca, cb) {
		return statement{}, false
	}
	return statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n, sp: sp, hasSpeaker: true}, true
}

// quoteAfterTrailing adds "“Q2.”" in "“Q1,” X said, “Q2.”" and reports
// whether it did.
func (x *extraction) quoteAfterTrailing(st statement, b int) bool {
	end := st.cueB
	if st.sp.b > end {
		end = st.sp.b
	}
	for i := end; i < b; i++ {
		t := x.toks[i]
		if t.kind == tokQuote && t.quote >= 0 && x.quotes[t.quote].a == i {
			q := x.quotes[t.quote]
			if titleQuote(x.toks, i) {
				return false // "X said on “Meet the Press.”": a title
			}
			if wordCount(x.toks, q.a, q.b) >= 2 {
				x.add(statement{a: q.a, b: q.b, kind: briefbot.Direct, cueA: st.cueA, cueB: st.cueB, sp: st.sp, hasSpeaker: true})
				return true
			}
			return false
		}
	}
	return false
}

// leadsInstead reports a trailing reading "C1, X said" whose cue has content
// of its own after it: C1 was a leading adjunct or the speaker's apposition
// ("In February, as …, Mr. Trump said, “…”"), and the cue leads. A
// quotation before the speaker stays trailing ("“Q1,” X said, “Q2.”"),
// and so does a question put to the speaker ("Asked if …, he said …").
func (x *extraction) leadsInstead(st statement, c, n int, k cueKind, b int) bool {
	toks := x.toks
	if k != cueSay || st.b <= st.a || toks[st.b-1].kind == tokQuote || st.sp.a > c || askedClause(toks, st.a) {
		return false
	}
	i := skipTimeAdjunct(toks, c+n, b)
	if i < b && (toks[i].text == "," || toks[i].text == ":") {
		i++
	}
	// Only an unmistakable opening: "that", a quotation or a subject pronoun.
	if i >= b || !(toks[i].lower == "that" || toks[i].kind == tokQuote && toks[i].quote >= 0 || subjectPronouns[toks[i].lower]) {
		return false
	}
	_, _, ok := x.contentAfter(c+n-1, b, k)
	return ok
}

// askedClause reports content opening with "Asked …" or "When asked …":
// the question put to the speaker, which stays a statement of its own.
func askedClause(toks []token, a int) bool {
	if a+1 < len(toks) && toks[a].lower == "when" {
		a++
	}
	return toks[a].lower == "asked"
}

// titleQuote reports a quotation opening at toks[i] after a preposition or
// a possessive: the title of a show, book or film ("said on “Meet the
// Press”", "in Peter Burrows's book “Backfire”"), not a second remark.
func titleQuote(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	p := toks[i-1]
	return p.isWord() && (cuePrepositions[p.lower] || isPossessive(p.lower) || p.lower == "book" || p.lower == "show" || p.lower == "program" || p.lower == "programme")
}

// afterTrailing adds a trailing attribution and what follows it: a second
// quotation ("“Q1,” X said, “Q2.”") or a participle clause ("C1, Wang said,
// adding that C2"). done reports the sentence finished; else the search
// goes on from next ("“Q,” Carson said on NBC, but he said C2").
func (x *extraction) afterTrailing(st statement, b int) (next int, done bool) {
	toks := x.toks
	x.add(st)
	if x.quoteAfterTrailing(st, b) {
		return 0, true
	}
	next = max(st.cueB, st.sp.b, st.b)
	for next < b && (toks[next].kind != tokWord || toks[next].lower == "but" || toks[next].lower == "and" || timeAdjunctWord(toks, next)) {
		next++
	}
	// "“Q,” X told a briefing in Geneva, adding that C2": past the
	// cue's object or adjunct to the comma before the participle.
	if next < b && !participleCue(toks[next]) {
		for j := next; j < b && j < next+10 && toks[j].quote < 0; j++ {
			if toks[j].text == "," {
				if j+1 < b && participleCue(toks[j+1]) {
					next = j + 1
				}
				break
			}
		}
	}
	// "C1, Wang said, adding that C2", "…, urging the U.S. side to …".
	if next < b && participleCue(toks[next]) {
		if k2, n2 := cueAt(toks, next); k2 != 0 {
			if ca, cb, ok := x.contentAfter(next+n2-1, b, k2); ok {
				x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: next, cueB: next + n2, sp: st.sp, hasSpeaker: true})
				return 0, true
			}
		}
	}
	return next, false
}

// invertedSpeaker reads the speaker after the cue in "…,” said Li Haidong,
// a professor …": a short noun phrase, never a pronoun, followed by the end
// of the sentence, a comma or an adjunct ("said Li on Monday"), never a
// verb ("said Clinton's plan was …").
func invertedSpeaker(toks []token, h, b int) (speakerPhrase, bool) {
	if h >= b || !toks[h].isWord() || cuePrepositions[toks[h].lower] && toks[h].lower != "this" {
		return speakerPhrase{}, false // "testified before the committee"
	}
	e := h
	for e+1 < b && (toks[e+1].isWord() || toks[e+1].text == "." && abbreviations[toks[e].lower] || toks[e+1].text == "-") && e-h < 6 {
		w := toks[e+1]
		if w.lower == "of" && quantifiers[toks[e].lower] && e+2 < b && toks[e+2].lower == "the" {
			e++ // "said one of the sources"
			continue
		}
		// Lower-case words belong to the phrase when they are roles or
		// modifiers, or a title before a name ("pollster Geoff Garin").
		if w.isWord() && !w.capitalized() && !groupNouns[w.lower] && !nounModifiers[w.lower] && !determiners[w.lower] && !isPossessive(w.lower) && !quantifiers[w.lower] &&
			!(e+2 < b && toks[e+2].capitalized() && !stopHeads[w.lower]) {
			break
		}
		e++
	}
	var sp speakerPhrase
	var ok bool
	if k, suffix := nameSuffixAt(toks, h, e); suffix {
		sp, ok = phraseEndingAt(toks, h, k) // "said Ferdinand Marcos Jr., the …"
		sp.b = e + 1
	} else {
		sp, ok = phraseEndingAt(toks, h, e)
	}
	if !ok || pronouns[toks[sp.head].lower] {
		return speakerPhrase{}, false
	}
	if f := sp.b; f < b && toks[f].isWord() && !cuePrepositions[toks[f].lower] && toks[f].lower != "of" && !familiarWords[toks[f].lower] {
		return speakerPhrase{}, false
	}
	if sp.a > h {
		sp.a = h // keep "one", "a" at the start of the mention
	}
	return sp, true
}

// cutTrailing ends content before a trailing attribution: ", Xinhua
// reported Tuesday".
func (x *extraction) cutTrailing(a, b int) int {
	toks := x.toks
	for c := a + 1; c < b; c++ {
		k, n := cueAt(toks, c)
		if k == 0 || k == cueBelief || k == cueIntent {
			continue
		}
		if toks[c].lower == "according" {
			if toks[c-1].text == "," && c-1 > a {
				return c - 1
			}
			continue
		}
		sp, ok := speakerBefore(toks, a, c)
		if !ok || sp.a-1 <= a || toks[sp.a-1].text != "," {
			continue
		}
		// "…, the ministry said in a statement, according to KCNA": the
		// adjunct after the cue runs to the next comma.
		e := c + n
		for e < b && !(toks[e].text == "," && toks[e].quote < 0) {
			e++
		}
		if wordCount(toks, c+n, e) <= 6 {
			_, e := x.trimContent(a, sp.a-1)
			return e
		}
	}
	return b
}

// clauseStart reports whether t, right after a cue, opens reported content
// rather than an adjunct: a subject pronoun or, for non-tell cues, a
// determiner or a name ("said the talks …", "said China …").
func clauseStart(t token, k cueKind) bool {
	if !t.isWord() {
		return false
	}
	w := t.lower
	if i := strings.IndexAny(w, "'’"); i > 0 {
		w = w[:i] // "it’s", "they're"
	}
	switch w {
	case "he", "she", "they", "we", "i", "it", "there", "this", "if", "unless", "because", "although", "once":
		return true // "Cruz said if elected he would …"
	}
	if k == cueTell {
		return false
	}
	return determiners[t.lower] || t.capitalized() && !notNames[t.lower]
}

// adverbialOnly reports content that is only an adverbial: "Later in the
// day, Volker testified …", "in a statement, according to KCNA".
func (x *extraction) adverbialOnly(a, b int) bool {
	t := x.toks[a]
	return t.isWord() && (cuePrepositions[t.lower] || t.lower == "in") && wordCount(x.toks, a, b) <= 6 && !x.hasQuoteIn(a, b)
}

// wholeQuote reports content that is exactly one closed quotation.
func (x *extraction) wholeQuote(a, b int) bool {
	t := x.toks[a]
	if t.quote < 0 {
		return false
	}
	q := x.quotes[t.quote]
	return q.closed && q.a == a && q.b == b
}

// clauseJoiners after "…, X said," open a new clause, so the attribution
// is not a parenthesis inside one sentence: "…, she said, but she warned …".
var clauseJoiners = map[string]bool{"but": true, "and": true, "while": true, "although": true, "though": true, "whereas": true}

// participleClause is where ", adding that …", ", urging …" begins after
// the adjunct that follows a trailing cue ("…, Mao told a regular press
// briefing, adding that …"), else b: that clause is a statement of its
// own, not part of the adjunct.
func participleClause(toks []token, rest, b int) int {
	for i := rest; i+1 < b; i++ {
		if toks[i].quote >= 0 {
			return b
		}
		if toks[i].text == "," && (participleCue(toks[i+1]) || subordinators[toks[i+1].lower]) {
			return i // ", adding that …", ", as his government prepared …"
		}
	}
	return b
}

// passiveQuoted is where the subject of "…, Kim was quoted as saying"
// ends: before "was quoted as"; else the cue c itself.
func passiveQuoted(toks []token, a, c int) int {
	if c-3 <= a || toks[c-1].lower != "as" {
		return c
	}
	// "was quoted as saying", "was quoted by Interfax as saying".
	q := c - 2
	if !quotedWords[toks[q].lower] {
		for q = c - 2; q > a && c-q < 9 && toks[q].lower != "by"; q-- {
		}
		q--
	}
	if q-1 > a && quotedWords[toks[q].lower] && auxiliaries[toks[q-1].lower] {
		return q - 1
	}
	return c
}

// documentSpeaks: a document cue ("read") takes only a document as its
// speaker: "the statement read", not "the minister read".
func documentSpeaks(toks []token, c int, sp speakerPhrase) bool {
	return !documentCues[toks[c].lower] || documentNouns[toks[sp.head].lower]
}

// asQuotedBy: ", as quoted by the Kremlin press service", ", as cited by
// …" after a trailing cue is where the words were reported, no content.
func asQuotedBy(toks []token, i, b int) bool {
	return i+2 < b && toks[i].lower == "as" && (toks[i+1].lower == "quoted" || toks[i+1].lower == "cited" || toks[i+1].lower == "reported") && toks[i+2].lower == "by"
}

// quotedWords: "was quoted as saying", "was cited as saying".
var quotedWords = wordSet("data/quoted_words.txt")

// perfectBefore: "…, have urged Congress to …" is a verb phrase whose
// subject came before the comma, not an inverted "…, urged X".
func perfectBefore(toks []token, p, c int) bool {
	for i := p + 1; i < c; i++ {
		switch toks[i].lower {
		case "have", "has", "had":
			return true
		}
	}
	return false
}

// thatAfterAdjunct reports "said in a joint statement that …" after the
// cue: the content follows, so the words before the cue are not it.
func thatAfterAdjunct(toks []token, rest, b int) bool {
	if rest >= b || !cuePrepositions[toks[rest].lower] {
		return false
	}
	for m := rest + 1; m < b && m < rest+8; m++ {
		if toks[m].quote >= 0 || !toks[m].isWord() {
			return false
		}
		if toks[m].lower == "that" {
			return true
		}
	}
	return false
}
