package summarize

// This file owns the content of stance cues ("endorsed Trump last week",
// "supported her by a wide margin"): what is endorsed or opposed is the
// noun phrase named, not the rest of the sentence after it.

// objectPronouns stand for a person or thing named before.
var objectPronouns = wordSet("data/object_pronouns.txt")

// objectEnders close a named object: a time, place or manner adjunct, a
// coordinated clause or an aside follows ("endorsed Sanders in February
// and organized …", "supported Trump, providing …").
var objectEnders = wordSet("data/object_enders.txt")

// reasonWords keep the rest: the reason or ground of the stance is part of
// it ("attacked Rubio for his support of …", "criticized it because …").
var reasonWords = wordSet("data/reason_words.txt")

// stanceObject returns the end of a stance cue's content when it opens with
// a name or an object pronoun followed by an adjunct; otherwise cb.
func (x *extraction) stanceObject(ca, cb int) int {
	toks := x.toks
	if ca >= cb || toks[ca].quote >= 0 {
		return cb
	}
	end := ca
	switch {
	case objectPronouns[toks[ca].lower] && !toks[ca].capitalized():
		end = ca + 1
	case toks[ca].capitalized():
		for end < cb && (toks[end].capitalized() || toks[end].text == "." && end > ca && abbreviations[toks[end-1].lower]) {
			end++
		}
	default:
		return cb
	}
	if end >= cb {
		return cb
	}
	next := toks[end]
	if next.lower == "and" && end+1 < cb && toks[end+1].capitalized() {
		return cb // "Bush and Cruz"
	}
	if next.quote < 0 && !reasonWords[next.lower] && (objectEnders[next.lower] || cuePrepositions[next.lower]) {
		return end
	}
	return cb
}
