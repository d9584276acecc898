package summarize

import "strings"

// This file owns the party and state tags of US political news that sit
// between a name and the rest of its speaker phrase: "Rep. Elijah Cummings
// (D-Md.), chair of the committee, said", "Cummings, D-Md., said".

// beforeParenTag returns the index of the last token before a short
// parenthesis ending at h ("Cummings (D-Md.)" → "Cummings"), or h when
// toks[h] closes none.
func beforeParenTag(toks []token, lo, h int) int {
	if h <= lo || toks[h].text != ")" {
		return h
	}
	for k := h - 1; k > lo && h-k < 8; k-- {
		if toks[k].text == "(" {
			return k - 1
		}
	}
	return h
}

// partyTag reports whether toks[a:b] is a party tag set off by commas:
// "D-Md.", "R-Texas", "I-Vt.".
func partyTag(toks []token, a, b int) bool {
	if a >= b || !toks[a].isWord() || len(toks[a].lower) < 3 || toks[a].lower[1] != '-' || !strings.ContainsRune("dri", rune(toks[a].lower[0])) || !toks[a].capitalized() {
		return false
	}
	for i := a + 1; i < b; i++ {
		if toks[i].text != "." {
			return false
		}
	}
	return true
}
