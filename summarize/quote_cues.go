package summarize

import (
	"fmt"
	"strings"
)

// This file owns the cue lexicon: the verbs and phrases that introduce
// reported speech, beliefs and intentions ("said", "told", "according
// to", "wants to"), built from news usage and PolNeAR's training cues.

// cueKind says how a cue verb takes its content.
type cueKind uint8

const (
	cueSay    cueKind = iota + 1 // "said (that) …"
	cueTell                      // "told reporters (that) …": an object before the content
	cueBelief                    // "believes …", "backed …": beliefs and stances (weaker)
	cueIntent                    // "wants to …": intentions, content starts at "to"/"that"
	cueCommit                    // "vowed to …", "urged Iran to …": a speech act taking "to …"
)

// cueKinds names the kinds of data/speech_verbs.tsv.
var cueKinds = map[string]cueKind{"say": cueSay, "tell": cueTell, "belief": cueBelief, "intent": cueIntent, "commit": cueCommit}

// The cue lexicon, read from data/speech_verbs.tsv (its header says what
// the columns and flags mean).
var (
	cues              = map[string]cueKind{}
	objectCues        = map[string]bool{} // a bare object after it is a thing: "welcomed the exchange"
	objectThenTo      = map[string]bool{} // an object before "to": "urged voters to …"
	participleOpeners = map[string]bool{} // "Noting that …", "…, adding that …"
	documentCues      = map[string]bool{} // a cue only for a document: "the statement read"
	stanceObjectCues  = map[string]bool{} // its bare content is the thing named: "endorsed Trump last week"
	beforeCueOnly     = map[string]bool{} // a cue only before "to" and a cue: "tried to explain …"
	clauseIntents     = map[string]bool{} // an intent taking a bare clause too: "hope the talks succeed"
)

func init() {
	if err := loadSpeechVerbs(readTSV("data/speech_verbs.tsv")); err != nil {
		panic("summarize: data/speech_verbs.tsv: " + err.Error()) // a build defect, caught by the tests
	}
}

// loadSpeechVerbs fills the lexicon from the rows of speech_verbs.tsv and
// refuses a form listed twice, so no row silently overrides another.
func loadSpeechVerbs(rows [][]string) error {
	lemmaOf := map[string]string{}
	for _, r := range rows {
		if len(r) < 3 {
			return fmt.Errorf("row %q: want lemma, kind, forms (and flags)", strings.Join(r, "\t"))
		}
		lemma, forms := r[0], strings.Fields(r[2])
		k, ok := cueKinds[r[1]]
		if !ok {
			return fmt.Errorf("%s: kind %q is not one of say, tell, commit, belief, intent", lemma, r[1])
		}
		var flags []string
		if len(r) > 3 && r[3] != "" {
			flags = strings.Split(r[3], ",")
		}
		for _, f := range forms {
			if other, dup := lemmaOf[f]; dup {
				return fmt.Errorf("form %q is listed under both %q and %q", f, other, lemma)
			}
			lemmaOf[f] = lemma
			cues[f] = k
			for _, fl := range flags {
				switch fl {
				case "object":
					objectCues[f] = true
				case "objto":
					objectThenTo[f] = true
				case "opener":
					if strings.HasSuffix(f, "ing") {
						participleOpeners[f] = true
					}
				case "document":
					documentCues[f] = true
				case "stance":
					stanceObjectCues[f] = true
				case "tocue":
					beforeCueOnly[f] = true
				case "clause":
					clauseIntents[f] = true
				default:
					return fmt.Errorf("%s: flag %q is not one of object, objto, opener, document, stance, tocue, clause", lemma, fl)
				}
			}
		}
	}
	return nil
}

// prepositions that may follow a cue before "that": "said at the
// conference that …".
var cuePrepositions = map[string]bool{
	"at": true, "in": true, "on": true, "during": true, "after": true, "before": true, "with": true,
	"to": true, "while": true, "when": true, "from": true, "for": true, "last": true, "this": true,
	"earlier": true, "later": true, "recently": true, "repeatedly": true, "again": true, "also": true,
	"previously": true, "publicly": true, "privately": true, "yesterday": true, "today": true, "then": true,
	"here": true, "there": true, "via": true, "through": true, "over": true, "by": true, "separately": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// reportCloses reports "reported" or "reports" after a capitalised name
// and at the end of the sentence, a time adjunct aside: "C, The Blaze
// reported.", "C, CNN reported Sunday."
func reportCloses(toks []token, i int) bool {
	if i == 0 || !toks[i-1].capitalized() {
		return false
	}
	e := i + 1
	for e < len(toks) && e < i+4 && (timeAdjunctWord(toks, e) || toks[e].lower == "on") {
		e++
	}
	if e < len(toks) && toks[e].text != "." && toks[e].kind != tokBreak {
		return false
	}
	// "Wang spoke with Lavrov, and both sides expressed hope …, Xinhua
	// reported": a report of remarks leaves them to their own cue.
	for j := i - 2; j >= 0 && j > i-80 && toks[j].kind != tokBreak; j-- {
		if toks[j].quote < 0 && toks[j].isWord() && cues[toks[j].lower] != 0 {
			return false
		}
	}
	return true
}

// cueAt reports whether toks[i] is a cue and how many tokens it spans.
func cueAt(toks []token, i int) (cueKind, int) {
	t := toks[i]
	if !t.isWord() || t.quote >= 0 {
		return 0, 0
	}
	switch t.lower {
	case "according":
		if i+1 < len(toks) && toks[i+1].lower == "to" {
			return cueSay, 2
		}
		return 0, 0
	case "made", "makes", "making":
		// "made clear that …", "made it clear that …".
		if i+1 < len(toks) && toks[i+1].lower == "clear" {
			return cueSay, 2
		}
		if i+2 < len(toks) && toks[i+1].lower == "it" && toks[i+2].lower == "clear" {
			return cueSay, 3
		}
		return 0, 0
	case "pointed", "points", "pointing":
		if i+1 < len(toks) && toks[i+1].lower == "out" {
			return cueSay, 2
		}
		return 0, 0
	case "called", "calling", "calls":
		if i+1 < len(toks) && (toks[i+1].lower == "for" || toks[i+1].lower == "on") {
			return cueSay, 2
		}
		// "She called Carson a “special person”": a stance, from a named speaker.
		if i > 0 && !determiners[toks[i-1].lower] && i+1 < len(toks) && toks[i+1].isWord() {
			return cueBelief, 1
		}
		return 0, 0
	case "reports", "reported", "writes":
		// "the AP reports that …", "the WHO reported last year that …",
		// "…, reports Reuters.", "…, writes the AP."
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			if toks[j].lower == "that" {
				return cueSay, 1
			}
			if !toks[j].isWord() || !(cuePrepositions[toks[j].lower] || timeWords[toks[j].lower] || toks[j].lower == "year" || toks[j].lower == "week" || toks[j].lower == "month") {
				break
			}
		}
		if i > 0 && toks[i-1].text == "," {
			e := i + 1
			if e < len(toks) && articles[toks[e].lower] {
				e++
			}
			n := 0
			for e < len(toks) && toks[e].capitalized() && n < 5 {
				e++
				n++
			}
			if n > 0 && (e >= len(toks) || toks[e].text == "." || toks[e].kind == tokBreak) {
				return cueSay, 1
			}
		}
		// "…,” The Blaze reported.", "…, the Times reported on Sunday.":
		// a publication closing the sentence.
		if reportCloses(toks, i) {
			return cueSay, 1
		}
		if t.lower != "writes" {
			return 0, 0
		}
	}
	k, ok := cues[t.lower]
	if !ok {
		return 0, 0
	}
	// "tried to conceal it" is an action; "tried to explain …" reports.
	if beforeCueOnly[t.lower] && !(i+2 < len(toks) && toks[i+1].lower == "to" && cues[toks[i+2].lower] != 0) {
		return 0, 0
	}
	if t.lower == "think" && i+1 < len(toks) && (toks[i+1].lower == "tank" || toks[i+1].lower == "tanks") {
		return 0, 0
	}
	// "said" as an adjective ("the said agreement") or a noun use after a
	// determiner is not a cue.
	if i > 0 && (determiners[toks[i-1].lower] || possessivePronouns[toks[i-1].lower] || isPossessive(toks[i-1].lower) || adjectivesBeforeNouns[toks[i-1].lower] || toks[i-1].lower == "to" && !strings.HasSuffix(t.lower, "ed") && !(i > 1 && continueVerbs[toks[i-2].lower])) && t.lower != "said" {
		return 0, 0
	}
	return k, 1
}

// auxiliaries before a progressive cue: "is saying".
var auxiliaries = map[string]bool{"is": true, "are": true, "was": true, "were": true, "been": true, "be": true, "am": true}

var possessivePronouns = map[string]bool{"his": true, "her": true, "their": true, "its": true, "our": true, "my": true, "your": true}

// subordinators open a leading subordinate clause.
var subordinators = map[string]bool{
	"when": true, "as": true, "after": true, "while": true, "if": true, "although": true, "though": true,
	"because": true, "since": true, "before": true, "once": true, "until": true, "whereas": true, "whether": true,
}

// adjectivesBeforeNouns make the next word a noun: "racial remarks",
// "public comments".
var adjectivesBeforeNouns = map[string]bool{
	"racial": true, "public": true, "recent": true, "latest": true, "new": true, "snappy": true, "angry": true,
	"controversial": true, "previous": true, "earlier": true, "such": true,
}

// continueVerbs take a cue in the infinitive without changing who speaks:
// "Trump continues to insist …".
var continueVerbs = map[string]bool{
	"continue": true, "continues": true, "continued": true, "continuing": true, "went": true, "goes": true,
	"began": true, "begins": true, "begin": true, "started": true, "starts": true,
}

// weekdays and the other words of a wire story's time adjunct: "China on
// Monday urged …", "vowed on Thursday to …", "said here on Friday".
var weekdays = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"yesterday": true, "today": true, "tonight": true,
}

// periodWords follow "this"/"last" in a time adjunct: "this week".
var periodWords = map[string]bool{"week": true, "month": true, "year": true, "weekend": true, "morning": true, "afternoon": true, "evening": true}

// sentenceAdverbs stand between a subject and its cue without commas:
// "Carter however said …".
var sentenceAdverbs = map[string]bool{"however": true, "meanwhile": true, "instead": true, "nonetheless": true, "nevertheless": true, "though": true, "too": true}

// timeAdjunctWord reports whether toks[i] belongs to a short time or place
// adjunct next to a cue: a weekday, "on" before one, "late"/"early"
// before one, "here" (Xinhua's "said here"), or a sentence adverb
// ("Carter however said").
func timeAdjunctWord(toks []token, i int) bool {
	t := toks[i]
	if !t.isWord() {
		return false
	}
	if weekdays[t.lower] || t.lower == "here" || sentenceAdverbs[t.lower] {
		return true
	}
	if i+1 < len(toks) && periodWords[toks[i+1].lower] && (t.lower == "this" || t.lower == "last") {
		return true // "this week announced"
	}
	if periodWords[t.lower] && i > 0 && (toks[i-1].lower == "this" || toks[i-1].lower == "last") {
		return true
	}
	next := i+1 < len(toks) && weekdays[toks[i+1].lower]
	return next && (t.lower == "on" || t.lower == "late" || t.lower == "early")
}

// skipTimeAdjunct moves i past a time adjunct: "vowed on Thursday to …".
func skipTimeAdjunct(toks []token, i, b int) int {
	for i < b && timeAdjunctWord(toks, i) {
		i++
	}
	return i
}
