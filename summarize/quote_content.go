package summarize

import (
	"strings"

	"github.com/briefbot/briefbot"
)

// This file owns the content of a statement once its cue is found: where
// it starts and ends after the cue, trimming, its kind (direct, indirect,
// mixed), and quotations that stand alone.

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
	case k == cueIntent && clauseIntents[toks[c].lower] && toks[i].lower != "to" && opensClause(toks, i, b):
		// "officials hope the technology can aid …": a hoped-for clause.
		bare = false
	case k == cueIntent || k == cueCommit:
		bare = false
		i = skipTimeAdjunct(toks, i, b)
		if i >= b {
			return 0, 0, false
		}
		if toks[i].lower != "to" && !negatedTo(toks, i, b) {
			// "urged Mr. Trump to make a deal": the object and what it is
			// urged to do.
			if !objectThenTo[toks[c].lower] {
				return 0, 0, false
			}
			m := i
			for m < b && m < i+6 && (toks[m].isWord() || toks[m].text == "." && m > i && abbreviations[toks[m-1].lower]) && toks[m].lower != "to" && toks[m].quote < 0 {
				m++
			}
			if (m >= b || toks[m].lower != "to" || m == i) && !(k == cueCommit && x.urgedThing(c, i, b)) {
				return 0, 0, false
			}
		}
	case k == cueTell || cuePrepositions[toks[i].lower] && !existentialThere(toks, i, b) && !clauseThis(toks, i, b):
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
		for m < b && m < i+4 && (toks[m].capitalized() || determiners[toks[m].lower] && m == i || m == i && roleNouns[toks[m].lower] && m+1 < b && toks[m+1].capitalized() || audienceNouns[toks[m].lower] || toks[m].lower == "him" || toks[m].lower == "her" || toks[m].lower == "them" || toks[m].lower == "us" || toks[m].lower == "me") {
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

// audienceNouns are who a speaker tells: "told lawmakers the government …".
var audienceNouns = wordSet("data/audience_nouns.txt")

// negatedTo reports a negated commitment at i: "vowed not to give up",
// "pledged never to accept" (the negation belongs to the content).
func negatedTo(toks []token, i, b int) bool {
	return i+1 < b && (toks[i].lower == "not" || toks[i].lower == "never") && toks[i+1].lower == "to"
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

func (x *extraction) hasQuoteIn(a, b int) bool {
	for i := a; i < b; i++ {
		if x.toks[i].quote >= 0 {
			return true
		}
	}
	return false
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

// enumerated reports a list number right before toks[a] at a paragraph
// start: "3. “…”", "4) …".
func enumerated(toks []token, a int) bool {
	if a < 2 || (toks[a-1].text != "." && toks[a-1].text != ")") || !isDigits(toks[a-2].lower) {
		return false
	}
	return a == 2 || toks[a-3].kind == tokBreak
}

// clauseThis reports "this" opening the reported clause ("believe this
// provides …"), not a time adjunct ("said this week that …", skipped
// before): a verb-like word follows it.
func clauseThis(toks []token, i, b int) bool {
	if toks[i].lower != "this" || i+1 >= b || !toks[i+1].isWord() {
		return false
	}
	w := toks[i+1].lower
	return finiteMarkers[w] || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 && !periodWords[w]
}

// existentialThere reports "there"/"here" opening the reported clause, not
// an adverb of place: "said there was no evidence", "said here is the plan".
func existentialThere(toks []token, i, b int) bool {
	l := toks[i].lower
	return (l == "there" || l == "here") && i+1 < b && (finiteMarkers[toks[i+1].lower] || toks[i+1].lower == "would" || toks[i+1].lower == "remains" || toks[i+1].lower == "remain")
}

// urgedThing reports "urged an “end to the violence”", "urged restraint":
// an appeal whose object is what is asked for, not whom. Only for "urge"
// (a pledge of "500 million pounds" is no statement), and the object
// must be a noun phrase, not a person.
func (x *extraction) urgedThing(c, i, b int) bool {
	toks := x.toks
	if !strings.HasPrefix(toks[c].lower, "urg") || i >= b {
		return false
	}
	t := toks[i]
	if t.capitalized() || pronouns[t.lower] || t.lower == "him" || t.lower == "her" || t.lower == "them" || t.lower == "us" {
		return false // "urged Iran …", "urged them …" without "to": no appeal read
	}
	return determiners[t.lower] || x.quoteInClause(i, b) || wordCount(toks, i, b) <= 6
}
