package summarize

var documentNouns = wordSet("data/document_nouns.txt")

// documentSource finds who issued the document a speaker phrase names:
// "a statement from the ministry", "a readout released by the Kremlin",
// "the statement issued by the U.N. office" → the institution after
// from/by, ending at end (exclusive). ok is false when the phrase at
// head is no document with its source.
func documentSource(toks []token, head, end int) (speakerPhrase, bool) {
	if head < 0 || head >= len(toks) || !documentNouns[toks[head].lower] {
		return speakerPhrase{}, false
	}
	i := head + 1
	if i < end && (toks[i].lower == "released" || toks[i].lower == "issued" || toks[i].lower == "published") {
		i++
	}
	if i >= end || toks[i].lower != "from" && toks[i].lower != "by" {
		return speakerPhrase{}, false
	}
	for end > i+1 && !toks[end-1].isWord() {
		end--
	}
	if end-(i+1) > 8 {
		return speakerPhrase{}, false
	}
	return phraseEndingAt(toks, i+1, end-1)
}
