package summarize

import (
	"strings"
	"unicode"

	"github.com/briefbot/briefbot"
)

// This file owns attribution patterns within one sentence: content before
// the cue ("C, X said"), after it ("X said (that) C", "X told Y: “C”"),
// around it ("C, X said, C"), "according to X", participle openers and
// coordinated clauses. Each pattern yields token ranges; resolution of
// the speaker happens later.

// attributions finds statements unit by unit.
func (x *extraction) attributions() {
	for ui, u := range x.units {
		n := len(x.stmts)
		x.unit(u)
		if len(x.stmts) == n {
			x.verbThat(u)
		}
		if len(x.stmts) == n {
			x.colonList(ui)
		}
		if len(x.stmts) == n {
			x.nameColonQuote(u)
		}
		if len(x.stmts) == n {
			x.standaloneQuote(u)
		}
	}
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

// unit finds the attributions of one sentence.
func (x *extraction) unit(u span) {
	toks := x.toks
	a, b := u.a, u.b
	// Participle opener: "Noting that C1, Xi said C2."
	if k, n := cueAt(toks, a); k != 0 && n == 1 && participleOpeners[toks[a].lower] && a+1 < b && toks[a+1].lower == "that" {
		for i := a + 2; i < b; i++ {
			if toks[i].text != "," || toks[i].quote >= 0 {
				continue
			}
			for c := i + 1; c < b && c < i+8; c++ {
				if k2, n2 := cueAt(toks, c); k2 != 0 {
					if sp, ok := speakerBefore(toks, i+1, c); ok && sp.a == i+1 {
						x.add(statement{a: a + 2, b: i, kind: x.kindOf(a+2, i), cueA: a, cueB: a + 1, sp: sp, hasSpeaker: true})
						if ca, cb, ok := x.contentAfter(c+n2-1, b, k2); ok {
							x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n2, sp: sp, hasSpeaker: true})
						}
						return
					}
					break
				}
			}
		}
	}
	// "According to X, C."
	if toks[a].lower == "according" && a+1 < b && toks[a+1].lower == "to" {
		for i := a + 2; i < b && i < a+14; i++ {
			if toks[i].text == "," {
				if sp, ok := sourceAfterAccording(toks, a+2, i); ok {
					ca, cb := x.trimContent(i+1, b)
					if wordCount(toks, ca, cb) >= 3 {
						x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: a, cueB: a + 2, sp: sp, hasSpeaker: true})
					}
				}
				return
			}
		}
	}
	// "When Ghani announced the swap, he said C": a cue in a leading
	// subordinate clause does not take the main clause as its content.
	subEnd := a
	if toks[a].isWord() && subordinators[toks[a].lower] {
		for i := a + 1; i < b; i++ {
			if toks[i].text == "," && toks[i].quote < 0 {
				subEnd = i
				break
			}
		}
	}
	var deferred *statement
	for c := a; c < b; c++ {
		k, n := cueAt(toks, c)
		if k == 0 {
			continue
		}
		if c < subEnd {
			// The subordinate clause is its own statement, up to its comma.
			if sp, ok := speakerBefore(toks, a, c); ok && (k == cueSay || k == cueTell || x.strongSpeaker(sp)) {
				if ca, cb, ok := x.contentAfter(c+n-1, subEnd, k); ok {
					x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n, sp: sp, hasSpeaker: true})
				}
			}
			continue
		}
		// Trailing attribution: "C, X said." / "“Q,” said X, a professor …" /
		// "C, according to X."
		if st, ok := x.trailing(a, b, c, n, k); ok {
			deferred = nil
			x.add(st)
			// "“Q1,” X said, “Q2.”": a second quotation after the cue.
			if x.quoteAfterTrailing(st, b) {
				return
			}
			// "“Q,” Carson said on NBC, but he said C2.": look on after it.
			next := max(st.cueB, st.sp.b, st.b)
			for next < b && (toks[next].kind != tokWord || toks[next].lower == "but" || toks[next].lower == "and" || timeAdjunctWord(toks, next)) {
				next++
			}
			// "C1, Wang said, adding that C2", "…, urging the U.S. side to …".
			if next < b && participleCue(toks[next]) {
				if k2, n2 := cueAt(toks, next); k2 != 0 {
					if ca, cb, ok := x.contentAfter(next+n2-1, b, k2); ok {
						x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: next, cueB: next + n2, sp: st.sp, hasSpeaker: true})
						return
					}
				}
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
		var sp speakerPhrase
		var ok bool
		switch {
		case strings.HasSuffix(toks[c].lower, "ing") && c > a && toks[c-1].text == ",":
			// "Trump lashed out at Y, saying C": the sentence subject speaks.
			sp, ok = mainSubject(toks, a, c-1)
		case strings.HasSuffix(toks[c].lower, "ing") && (c == a || !auxiliaries[toks[c-1].lower]):
			continue // a participle inside a noun phrase, not a cue
		case passiveAt(toks, a, c):
			continue // "Assange was accused of …": the subject is not the speaker
		default:
			sp, ok = speakerBefore(toks, a, c)
		}
		if !ok {
			continue
		}
		weak := k == cueBelief || k == cueIntent
		if weak && !x.strongSpeaker(sp) {
			continue
		}
		// "declined to comment", "refused to elaborate": nothing was said.
		if k == cueIntent && (strings.HasPrefix(toks[c].lower, "declin") || strings.HasPrefix(toks[c].lower, "refus")) && c+2 < b && toks[c+1].lower == "to" && nonAnswers[toks[c+2].lower] {
			continue
		}
		// "a United Nations plan to …": a noun, not "the UN plans to".
		if weak && articles[toks[sp.a].lower] && toks[sp.a].lower != "the" && toks[sp.head].capitalized() {
			continue
		}
		if k == cueBelief && n == 1 && strings.HasPrefix(toks[c].lower, "call") && (pronouns[toks[sp.head].lower] || !toks[sp.head].capitalized()) {
			continue // "they called it …" is too loose; "Comey called it …" is a stance
		}
		ca, cb, ok := x.contentAfter(c+n-1, b, k)
		if !ok {
			continue
		}
		// A trailing attribution of someone else ends the content:
		// "Xi said C, Xinhua reported."
		cb = x.cutTrailing(ca, cb)
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
				continue
			}
		}
		st := statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: c, cueB: c + n, sp: sp, hasSpeaker: true}
		if st.kind == briefbot.Direct && ca > 0 && toks[ca-1].lower == "that" {
			st.kind = briefbot.Mixed // "told X that “…”" reports the quote
		}
		if weak {
			// A speech cue later in the sentence wins: "China supports C,
			// noted Mr. Wang."
			if deferred == nil {
				deferred = &st
			}
			continue
		}
		if sp.ante != nil && cb < b {
			// "Barkley, who said C1, said C2": the main clause goes on.
			x.add(st)
			c = cb - 1
			continue
		}
		x.addWithParticiple(st, b)
		// "X said, “Q” at the release, adding that C2.".
		if st.kind == briefbot.Direct {
			for i := st.b; i+1 < b; i++ {
				if toks[i].text == "," && toks[i].quote < 0 && participleOpeners[toks[i+1].lower] {
					if k2, n2 := cueAt(toks, i+1); k2 != 0 {
						if ca, cb, ok := x.contentAfter(i+n2, b, k2); ok {
							x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: i + 1, cueB: i + 1 + n2, sp: st.sp, hasSpeaker: true})
						}
					}
					break
				}
			}
		}
		return
	}
	if deferred != nil {
		x.add(*deferred)
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
	return pronouns[h.lower] || h.capitalized() || groupNouns[h.lower]
}

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
		if k != cueTell && p >= a && (toks[p].text == "," || toks[p].kind == tokQuote && toks[p].quote >= 0 && x.quotes[toks[p].quote].b == p+1) {
			// Inverted: "…,” said Li Haidong, a professor …"
			sp, inverted = invertedSpeaker(toks, c+n, b)
			sep = p
		}
		if !inverted {
			var ok bool
			sp, ok = speakerBefore(toks, a, c)
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
		if rest < b && (toks[rest].lower == "that" || toks[rest].text == ":") {
			return statement{}, false
		}
		// "…, the president said he would …" starts a new clause: the
		// attribution leads its own content instead.
		if rest < b && sp.a < c && clauseStart(toks[rest], k) {
			return statement{}, false
		}
		direct := toks[sep].kind == tokQuote || sep > a && toks[sep-1].kind == tokQuote || sep+1 < b && toks[sep+1].kind == tokQuote && toks[sep+1].quote >= 0 && x.quotes[toks[sep+1].quote].b == sep+2
		parenthetical := rest+1 < b && toks[rest].text == "," && toks[rest+1].kind != tokQuote && !participleCue(toks[rest+1]) && wordCount(toks, rest, b) > 3 && !direct
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
			if x.hasQuoteIn(rest, b) && !(rest < b && toks[rest].text == ",") {
				return statement{}, false
			}
			if wordCount(toks, rest, b) > 14 {
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
	if wordCount(toks, ca, cb) < 3 {
		return statement{}, false
	}
	// "Citing low growth, McCain said …": a participial opener is the
	// speaker's manner, not what was said.
	if toks[ca].isWord() && strings.HasSuffix(toks[ca].lower, "ing") && toks[ca].capitalized() && !x.hasQuoteIn(ca, cb) && ca == a {
		if _, isName := x.people.byName[toks[ca].lower]; !isName {
			return statement{}, false
		}
	}
	// "Later in the day, Volker testified …": an adverbial, not content.
	if toks[ca].isWord() && (cuePrepositions[toks[ca].lower] || toks[ca].lower == "in") && wordCount(toks, ca, cb) <= 6 && !x.hasQuoteIn(ca, cb) {
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
			if wordCount(x.toks, q.a, q.b) >= 2 {
				x.add(statement{a: q.a, b: q.b, kind: briefbot.Direct, cueA: st.cueA, cueB: st.cueB, sp: st.sp, hasSpeaker: true})
				return true
			}
			return false
		}
	}
	return false
}

func (x *extraction) hasQuoteIn(a, b int) bool {
	for i := a; i < b; i++ {
		if x.toks[i].quote >= 0 {
			return true
		}
	}
	return false
}

// contentAfter finds the content that follows the cue ending at token c.
func (x *extraction) contentAfter(c, b int, k cueKind) (int, int, bool) {
	toks := x.toks
	// "announced Sunday she will …", "said on Monday the talks …".
	i := skipTimeAdjunct(toks, c+1, b)
	if i >= b {
		return 0, 0, false
	}
	// bare content follows the cue with no "that", colon or quotation: it
	// must read as a clause, not as the verb's object ("welcomed the deal").
	bare := true
	switch {
	case toks[i].text == ":" || toks[i].text == ",":
		bare = false
		i++
		if i < b && toks[i].kind == tokQuote && toks[i].quote >= 0 {
			q := x.quotes[toks[i].quote]
			end := q.b
			if end > b {
				end = b
			}
			return q.a, end, wordCount(toks, q.a, end) >= 2
		}
		if toks[i-1].text == "," {
			return 0, 0, false // "said, however, …" is too loose to trust
		}
	case toks[i].lower == "that":
		bare = false
		i++
	case toks[i].lower == "so" && (i+1 >= b || !toks[i+1].isWord() || cuePrepositions[toks[i+1].lower]):
		return 0, 0, false // "said so during the meeting": nothing reported
	case toks[i].kind == tokQuote && toks[i].quote >= 0:
		// "said “…”".
		bare = false
	case k == cueIntent || k == cueCommit:
		bare = false
		i = skipTimeAdjunct(toks, i, b)
		if i >= b {
			return 0, 0, false
		}
		if toks[i].lower != "to" {
			// "urged Mr. Trump to make a deal": the object and what it is
			// urged to do.
			if !objectThenTo[toks[c].lower] {
				return 0, 0, false
			}
			m := i
			for m < b && m < i+6 && (toks[m].isWord() || toks[m].text == "." && m > i && abbreviations[toks[m-1].lower]) && toks[m].lower != "to" && toks[m].quote < 0 {
				m++
			}
			if m >= b || toks[m].lower != "to" || m == i {
				return 0, 0, false
			}
		}
	case k == cueTell || cuePrepositions[toks[i].lower] && !existentialThere(toks, i, b):
		j := -1
		for m := i; m < b && m < i+18; m++ {
			if toks[m].quote >= 0 {
				break
			}
			// "said in a statement, “…”".
			if toks[m].text == "," && m+1 < b && toks[m+1].kind == tokQuote && toks[m+1].quote >= 0 && x.quotes[toks[m+1].quote].a == m+1 {
				q := x.quotes[toks[m+1].quote]
				return q.a, min(q.b, b), wordCount(toks, q.a, min(q.b, b)) >= 2
			}
			if toks[m].lower == "that" || toks[m].text == ":" {
				j = m
				break
			}
		}
		if j >= 0 {
			i = j + 1
			bare = false
			if toks[j].text == ":" && i < b && toks[i].kind == tokQuote && toks[i].quote >= 0 {
				q := x.quotes[toks[i].quote]
				return q.a, min(q.b, b), true
			}
			break
		}
		if k != cueTell {
			return 0, 0, false
		}
		// "told reporters the plan …": skip a short object.
		m := i
		for m < b && m < i+4 && (toks[m].capitalized() || determiners[toks[m].lower] && m == i || m == i && roleNouns[toks[m].lower] && m+1 < b && toks[m+1].capitalized() || toks[m].lower == "reporters" || toks[m].lower == "journalists" || toks[m].lower == "him" || toks[m].lower == "her" || toks[m].lower == "them" || toks[m].lower == "us" || toks[m].lower == "me") {
			m++
		}
		// "told doctors he …": one plain noun as the object, then a clause.
		if m == i && i+1 < b && toks[i].isWord() && !stopHeads[toks[i].lower] && !toks[i+1].capitalized() && subjectPronouns[toks[i+1].lower] {
			m = i + 1
		}
		if m == i {
			return 0, 0, false
		}
		i = m
		if i < b && toks[i].text == "," {
			i++
		}
		// "advises the minister on security": a topic, not a report.
		if i < b && prepositionLike[toks[i].lower] {
			return 0, 0, false
		}
	}
	ca, cb := x.trimContent(i, b)
	if wordCount(toks, ca, cb) < 3 && !(cb > ca && toks[ca].kind == tokQuote) {
		return 0, 0, false
	}
	if bare && objectCues[toks[c].lower] && !opensClause(toks, ca, cb) && !x.quoteInClause(ca, cb) {
		return 0, 0, false
	}
	// "The Nasdaq added 20.72 points": a quantity, not a remark.
	if strings.HasPrefix(toks[c].lower, "add") && ca < cb && isDigits(toks[ca].lower) {
		return 0, 0, false
	}
	return ca, cb, true
}

// trimContent drops the final sentence punctuation outside quotations and
// trailing commas.
func (x *extraction) trimContent(a, b int) (int, int) {
	toks := x.toks
	for b > a {
		t := toks[b-1]
		if t.quote < 0 && (t.kind == tokPunct && strings.ContainsAny(t.text, ".,;:!?-—–)") || t.kind == tokBreak) {
			b--
			continue
		}
		break
	}
	for a < b && toks[a].kind == tokPunct && toks[a].quote < 0 && strings.ContainsAny(toks[a].text, ",;:—–-") {
		a++
	}
	return a, b
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
		if wordCount(toks, c+n, b) <= 6 {
			_, e := x.trimContent(a, sp.a-1)
			return e
		}
	}
	return b
}

// kindOf classifies content: a single quotation is direct, quoted
// fragments make it mixed.
func (x *extraction) kindOf(a, b int) string {
	toks := x.toks
	if a >= b {
		return briefbot.Indirect
	}
	if toks[a].quote >= 0 && x.quotes[toks[a].quote].a == a {
		q := x.quotes[toks[a].quote]
		if q.b >= b || wordCount(toks, q.b, b) == 0 {
			return briefbot.Direct
		}
	}
	quoted, words := 0, 0
	for i := a; i < b; i++ {
		if toks[i].kind != tokWord {
			continue
		}
		words++
		if toks[i].quote >= 0 {
			quoted++
		}
	}
	if quoted > 0 {
		return briefbot.Mixed
	}
	return briefbot.Indirect
}

// standaloneQuote handles a sentence that is a quotation with no cue of
// its own: it belongs to the speaker of the statement next to it.
func (x *extraction) standaloneQuote(u span) {
	toks := x.toks
	a := u.a
	if toks[a].kind != tokQuote || toks[a].quote < 0 || x.quotes[toks[a].quote].a != a {
		return
	}
	q := x.quotes[toks[a].quote]
	end := q.b
	if end > u.b {
		end = u.b
	}
	if wordCount(toks, a, end) < 3 || wordCount(toks, end, u.b) > 2 {
		return
	}
	// A short quotation standing as its own paragraph without final
	// punctuation is a heading ("“The Gordon problem”"), not speech; so is
	// a whole paragraph that is a closed quotation without final
	// punctuation, numbered or not ("3. “Not some irregular channel”").
	paraStart := a == 0 || toks[a-1].kind == tokBreak || enumerated(toks, a)
	wholePara := end >= len(toks) || toks[end].kind == tokBreak
	if paraStart && !endsSentence(toks, a, end) && (wordCount(toks, a, end) < 6 || wholePara && q.closed) {
		return
	}
	x.add(statement{a: a, b: end, kind: briefbot.Direct})
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
	return speakerPhrase{a: a, b: h + 1, head: h}, true
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
		// Lower-case words belong to the phrase when they are roles or
		// modifiers, or a title before a name ("pollster Geoff Garin").
		if w.isWord() && !w.capitalized() && !groupNouns[w.lower] && !nounModifiers[w.lower] && !determiners[w.lower] && !isPossessive(w.lower) && !quantifiers[w.lower] &&
			!(e+2 < b && toks[e+2].capitalized() && !stopHeads[w.lower]) {
			break
		}
		e++
	}
	sp, ok := phraseEndingAt(toks, h, e)
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

// mainSubject finds the subject of the main clause in [a, limit): after a
// leading adverbial ("In a speech on Tuesday, Mr. Trump struck …").
func mainSubject(toks []token, a, limit int) (speakerPhrase, bool) {
	if sp, ok := subjectFrom(toks, a, limit); ok {
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
	if wordCount(toks, ca, cb) < 3 {
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

// enumerated reports a list number right before toks[a] at a paragraph
// start: "3. “…”", "4) …".
func enumerated(toks []token, a int) bool {
	if a < 2 || (toks[a-1].text != "." && toks[a-1].text != ")") || !isDigits(toks[a-2].lower) {
		return false
	}
	return a == 2 || toks[a-3].kind == tokBreak
}

// existentialThere reports "there"/"here" opening the reported clause, not
// an adverb of place: "said there was no evidence", "said here is the plan".
func existentialThere(toks []token, i, b int) bool {
	l := toks[i].lower
	return (l == "there" || l == "here") && i+1 < b && (finiteMarkers[toks[i+1].lower] || toks[i+1].lower == "would" || toks[i+1].lower == "remains" || toks[i+1].lower == "remain")
}
