package summarize

// This file owns the claim headline of political news: "Graham: Trump's
// Rhetoric Destroying GOP's Chance", "Lynch: No outside influence on FBI
// probe". The text's first line names a source, a colon, then its claim.

// headlineClaim reads the first sentence of the text when it opens with a
// short capitalised source and a colon.
func (x *extraction) headlineClaim(ui int) {
	u := x.units[ui]
	toks := x.toks
	if u.a >= len(toks) || x.paraOf[u.a] != 0 || ui > 0 && x.paraOf[x.units[ui-1].a] == 0 {
		return // only the text's first sentence
	}
	i := u.a
	for i < u.b && i < u.a+5 && (toks[i].capitalized() || toks[i].text == "." && i > u.a && abbreviations[toks[i-1].lower]) {
		i++
	}
	if i == u.a || i+1 >= u.b || toks[i].text != ":" || toks[i].quote >= 0 {
		return
	}
	ca, cb := x.trimContent(i+1, u.b)
	if wordCount(toks, ca, cb) < 3 {
		return
	}
	x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: i, cueB: i + 1, sp: speakerPhrase{a: u.a, b: i, head: i - 1}, hasSpeaker: true})
}

// pollNouns head the source of "In a CBS News poll released Monday, C".
var pollNouns = wordSet("data/poll_nouns.txt")

// pollOpener reads "In an NBC News/Wall Street Journal poll released
// Monday, 50 percent chose Clinton": the poll reports what follows.
func (x *extraction) pollOpener(ui int) {
	u := x.units[ui]
	toks := x.toks
	a, b := u.a, u.b
	if toks[a].lower != "in" || a+2 >= b {
		return
	}
	head := -1
	for i := a + 1; i < b && i < a+16; i++ {
		if toks[i].text == "," {
			if head < 0 {
				return
			}
			ca, cb := x.trimContent(i+1, b)
			if wordCount(toks, ca, cb) >= 3 {
				x.add(statement{a: ca, b: cb, kind: x.kindOf(ca, cb), cueA: a, cueB: a + 1, sp: speakerPhrase{a: a + 1, b: head + 1, head: head}, hasSpeaker: true})
			}
			return
		}
		if toks[i].isWord() && pollNouns[toks[i].lower] && head < 0 {
			head = i
		}
	}
}
