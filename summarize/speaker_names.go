package summarize

import "strings"

// This file owns the name helpers speaker resolution added for unseen
// news: acronyms the article defines, a role written as a title before a
// name ("President Trump" makes "the president"), institutions that keep
// their own names, and the small word lists these read.

// isAcronym reports an all-capitals word of two to six letters: "WHO",
// "CDC" (never the pronoun or function word it spells).
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// scanAcronyms records acronyms the article defines in parentheses after
// the full name, "the Centre for Disease Control (CDC)", so a later "the
// CDC said" resolves to the full name.
func (pp *people) scanAcronyms(toks []token) {
	for i := 2; i+1 < len(toks); i++ {
		if toks[i-1].text != "(" || toks[i+1].text != ")" || !isAcronym(toks[i].text) {
			continue
		}
		acr := toks[i].text
		// Walk back over the name: capitalized words and of/for/and/the.
		e := i - 1
		a := e
		n := len(acr)
		for a-1 >= 0 && n > 0 {
			t := toks[a-1]
			if t.capitalized() {
				n--
				if t.text[0] != acr[n] {
					break
				}
				a--
				continue
			}
			if t.lower == "of" || t.lower == "for" || t.lower == "and" || t.lower == "on" || t.lower == "the" && n < len(acr) {
				a--
				continue
			}
			break
		}
		if n != 0 || a >= e {
			continue
		}
		for a < e && !toks[a].capitalized() {
			a++
		}
		if pp.acronyms == nil {
			pp.acronyms = map[string]string{}
		}
		pp.acronyms[acr] = joinTokens(toks, a, e)
	}
}

func isCapitalizedWord(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// parentheticalAdverbs sit between commas between a speaker and the cue.
var parentheticalAdverbs = wordSet("data/parenthetical_adverbs.txt")

// metonyms are institutions that speak for a country but are named as
// themselves: "the Pentagon said" is not "the United States said".
var metonyms = phraseSet("data/metonyms.tsv")

// titledPerson finds the one person the article writes with the title in
// front ("President Trump"), so "the president" can refer to them.
func (pp *people) titledPerson(toks []token, title string) *person {
	var found *person
	for i := 0; i+1 < len(toks); i++ {
		if !toks[i].capitalized() || !strings.EqualFold(toks[i].text, title) || !toks[i+1].capitalized() || toks[i+1].quote >= 0 {
			continue
		}
		e := i + 1
		for e < len(toks) && e < i+4 && toks[e].capitalized() {
			e++
		}
		words := wordsOf(toks, i+1, e)
		for k, w := range words {
			words[k] = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		}
		p := pp.resolveName(words)
		if p == nil {
			continue
		}
		if found != nil && found != p {
			return nil // two presidents: no guess
		}
		found = p
	}
	return found
}

// isGivenName reports a first name from the gazetteer's list.
func isGivenName(w string) bool {
	g := loadGazetteer()
	return g.givenNames[w] || g.givenNames[strings.ToLower(w)]
}

func hasOrgWord(words []string) bool {
	for _, w := range words {
		if orgWords[strings.ToLower(w)] && isCapitalizedWord(w) {
			return true
		}
	}
	return false
}
