package summarize

import "strings"

// This file owns the cue lexicon: the verbs and phrases that introduce
// reported speech, beliefs and intentions ("said", "told", "according
// to", "wants to"), built from news usage and PolNeAR's training cues.

// cueKind says how a cue verb takes its content.
type cueKind uint8

const (
	cueSay    cueKind = iota + 1 // "said (that) …"
	cueTell                      // "told reporters (that) …": an object before the content
	cueBelief                    // "believes …", "backed …": beliefs and stances (weaker)
	cueIntent                    // "wants to …", "vowed to …": intentions, content starts at "to"/"that"
)

var cues = map[string]cueKind{}

func addCue(k cueKind, forms ...string) {
	for _, f := range forms {
		cues[f] = k
	}
}

// regular adds the four forms of a regular verb.
func regular(k cueKind, bases ...string) {
	for _, b := range bases {
		addCue(k, verbForms(b)...)
	}
}

// verbForms are the base, -s, -ed and -ing forms of a regular verb.
func verbForms(b string) []string {
	var s, ed, ing string
	switch {
	case strings.HasSuffix(b, "e"):
		s, ed, ing = b+"s", b+"d", b[:len(b)-1]+"ing"
	case strings.HasSuffix(b, "y") && !strings.HasSuffix(b, "ay") && !strings.HasSuffix(b, "ey") && !strings.HasSuffix(b, "oy"):
		s, ed, ing = b[:len(b)-1]+"ies", b[:len(b)-1]+"ied", b+"ing"
	case strings.HasSuffix(b, "s") || strings.HasSuffix(b, "sh") || strings.HasSuffix(b, "ch") || strings.HasSuffix(b, "x"):
		s, ed, ing = b+"es", b+"ed", b+"ing"
	default:
		s, ed, ing = b+"s", b+"ed", b+"ing"
	}
	return []string{b, s, ed, ing}
}

func init() {
	addCue(cueSay, "say", "says", "said", "saying")
	addCue(cueTell, "tell", "tells", "told", "telling")
	addCue(cueSay, "write", "writes", "wrote", "writing", "written")
	addCue(cueBelief, "think", "thinks", "thought", "thinking", "know", "knows", "knew", "feel", "feels", "felt")
	addCue(cueSay, "admit", "admits", "admitted", "admitting", "commit", "vow", "vows", "vowed", "vowing")
	addCue(cueSay, "predict", "predicts", "predicted", "predicting", "reiterate", "reiterates", "reiterated", "reiterating")
	addCue(cueBelief, "find", "finds", "found", "show", "shows", "showed", "shown", "showing")
	addCue(cueSay, "tweet", "tweets", "tweeted", "tweeting")
	regular(cueSay, "recount", "muse", "scoff", "exclaim", "opine", "grumble", "concur", "interject", "chime")
	regular(cueSay, "add", "note", "stress", "warn", "urge", "insist", "argue", "explain", "ask", "declare",
		"announce", "claim", "state", "reply", "respond", "recall", "emphasize", "emphasise", "remark", "observe",
		"acknowledge", "concede", "contend", "maintain", "assert", "allege", "complain", "confirm", "deny",
		"reveal", "suggest", "report", "comment", "agree", "caution", "pledge", "promise", "underline",
		"underscore", "highlight", "conclude", "testify", "estimate", "point", "accuse", "criticize", "criticise",
		"praise", "propose", "demand", "question", "wonder", "indicate", "recommend", "boast", "charge", "counter",
		"retort", "joke", "quip", "lament", "shout", "cite", "describe", "dismiss", "reject", "call", "welcome",
		"condemn", "hint", "mention", "signal", "affirm", "reaffirm", "clarify", "disclose", "elaborate", "assure",
		"inform", "remind", "advise", "notify", "convince")
	for _, f := range []string{"assure", "inform", "remind", "advise", "notify", "convince"} {
		regular(cueTell, f)
	}
	regular(cueBelief, "believe", "hope", "expect", "fear", "worry", "want", "plan", "intend", "doubt", "assume",
		"consider", "imagine", "suspect", "realize", "realise")
	regular(cueBelief, "support", "endorse", "back", "oppose", "defend", "attack", "denounce", "blast", "slam")
	addCue(cueBelief, "see", "sees", "saw")
	addCue(cueBelief, "find", "finds", "found", "show", "shows", "showed", "shown")
	regular(cueIntent, "want", "hope", "plan", "seek", "refuse", "decline", "decide", "promise", "pledge", "vow",
		"seem", "appear", "try", "intend", "threaten", "aim", "expect", "wish", "prefer", "offer", "agree", "urge")
	addCue(cueIntent, "sought", "planned", "planning", "tried", "tries")
	// Verbs that collide with frequent non-attribution uses stay out:
	// "mention" and "call" need their particle, "state" is a noun too often.
	delete(cues, "state")
	delete(cues, "states")
	delete(cues, "point")
	delete(cues, "points")
	delete(cues, "call")
	delete(cues, "calls")
	delete(cues, "question")
	delete(cues, "report")
	delete(cues, "reports")
	delete(cues, "charge")
	delete(cues, "charges")
	delete(cues, "doubt")
	delete(cues, "fear")
	delete(cues, "fears")
	delete(cues, "worry")
	delete(cues, "comment")
	delete(cues, "comments")
	delete(cues, "remarks")
	delete(cues, "retort")
	delete(cues, "retorts")
	delete(cues, "mention")
	delete(cues, "mentioned")
	delete(cues, "mentions")
	delete(cues, "mentioning")
	delete(cues, "signal")
	delete(cues, "signals")
	delete(cues, "welcome")
	delete(cues, "welcomes")
	delete(cues, "estimate")
	delete(cues, "estimates")
	delete(cues, "demand")
	delete(cues, "demands")
	delete(cues, "joke")
	delete(cues, "jokes")
	delete(cues, "counter")
	delete(cues, "cite")
	delete(cues, "cites")
}

// participleOpeners start a sentence with a cue: "Noting that …, Xi said …".
var participleOpeners = map[string]bool{
	"noting": true, "stressing": true, "adding": true, "saying": true, "insisting": true, "warning": true,
	"arguing": true, "emphasizing": true, "emphasising": true, "pointing": true, "recalling": true,
	"acknowledging": true, "explaining": true, "underlining": true, "reiterating": true,
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
		if t.lower != "writes" {
			return 0, 0
		}
	}
	k, ok := cues[t.lower]
	if !ok {
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
