package summarize

import "strings"

// This file owns the word lists speaker phrases are read with: pronouns,
// group and role nouns, modifiers, honorifics, words that mark an
// organisation, and small fallback tables for titles and countries used
// when the gazetteer does not answer.

// pronounEntry is one row of data/pronouns.tsv.
type pronounEntry struct {
	gender     gender
	plural     bool
	antecedent string // "person", "group" or "none"
}

// pronounTable holds data/pronouns.tsv by lower-case pronoun.
var pronounTable = func() map[string]pronounEntry {
	t := map[string]pronounEntry{}
	for _, row := range readTSV("data/pronouns.tsv") {
		if len(row) < 4 {
			continue
		}
		e := pronounEntry{plural: row[2] == "pl", antecedent: strings.TrimSpace(row[3])}
		switch row[1] {
		case "m":
			e.gender = genderMale
		case "f":
			e.gender = genderFemale
		}
		t[row[0]] = e
	}
	return t
}()

// pronouns can head a speaker phrase.
var pronouns = func() map[string]bool {
	m := map[string]bool{}
	for w := range pronounTable {
		m[w] = true
	}
	return m
}()

// personalPronoun pronouns resolve to a person of compatible gender.
var personalPronoun = func() map[string]bool {
	m := map[string]bool{}
	for w, e := range pronounTable {
		if e.antecedent == "person" {
			m[w] = true
		}
	}
	return m
}()

// auxiliaries and adverbs that may sit between a speaker and the cue:
// "Wang also said", "she has repeatedly warned".
var cueAdverbs = wordSet("data/cue_adverbs.txt")

// groupNouns head speaker phrases that name a group or a role rather than
// a person: "experts said", "the spokesperson said".
var groupNouns = wordSet("data/group_nouns.txt")

// nounModifiers may precede a group noun inside the speaker phrase.
var nounModifiers = wordSet("data/noun_modifiers.txt")

var determiners = wordSet("data/determiners.txt")

// notNames are capitalized words that start a sentence or a clause without
// naming anyone.
var notNames = wordSet("data/not_names.txt")

// honorifics are dropped when resolving "Mr. Wang" to "Wang Yi".
var honorifics = func() map[string]bool {
	m := map[string]bool{}
	for _, h := range namePrefixes {
		if h.kind == "title" {
			m[h.word] = true
		}
	}
	return m
}()

// namePrefix is one row of data/name_prefixes.tsv.
type namePrefix struct {
	word, kind string
	gender     gender
}

var namePrefixes = func() []namePrefix {
	var rows []namePrefix
	for _, row := range readTSV("data/name_prefixes.tsv") {
		if len(row) < 3 {
			continue
		}
		h := namePrefix{word: row[0], kind: row[1]}
		switch row[2] {
		case "m":
			h.gender = genderMale
		case "f":
			h.gender = genderFemale
		}
		rows = append(rows, h)
	}
	return rows
}()

// orgWords mark a capitalized sequence as an organisation or place, not a
// person, in the fallback name scan.
var orgWords = wordSet("data/org_words.txt")

// titleFallback maps role phrases to canonical titles when the gazetteer
// does not know them.
var titleFallback = wordMap("data/title_fallback.tsv")

// countryFallback covers the countries diplomatic news names most, for
// when the gazetteer does not answer.
var countryFallback = wordMap("data/country_fallback.tsv")

var familiarWords = wordSet("data/familiar_words.txt")

// stopHeads can never head a speaker phrase.
var stopHeads = wordSet("data/stop_heads.txt")

// clauseOpeners introduce a clause whose subject follows them.
var clauseOpeners = wordSet("data/clause_openers.txt")

// evidenceNouns are sources that show or find: "new filings show …".
var evidenceNouns = wordSet("data/evidence_nouns.txt")

var quantifiers = wordSet("data/quantifiers.txt")

// nameScanWord is what the name scans (people.scanNames,
// actorScan.nameToken) ask of every capitalised word, from the word lists
// and the gazetteer, as bits.
type nameScanWord uint16

const (
	nwHonorific    nameScanWord = 1 << iota // honorifics, by lower case
	nwTitle                                 // the gazetteer's one-word titles, by lower case
	nwOrg                                   // orgWords, by lower case
	nwNotName                               // notNames, by lower case
	nwCountry                               // countryFallback, by lower case
	nwDeterminer                            // determiners and possessive pronouns, by lower case
	nwDescriptor                            // the gazetteer's descriptors, as written
	nwCommon                                // the gazetteer's common words, as written
	nwSurname                               // the gazetteer's family names written first, as written
	nwActHonorific                          // actHonorifics ("Mr", "Gen"), as written
	nwOrgHead                               // orgHeads, as written
)

// nameScanTable folds those lists into two maps, so a word costs two
// lookups instead of one per list; the lists stay the data.
type nameScanTable struct {
	lower map[string]nameScanWord // keyed like the lower-case lists
	exact map[string]nameScanWord // keyed as written
}

func buildNameWords(g *gazetteer) nameScanTable {
	t := nameScanTable{lower: map[string]nameScanWord{}, exact: map[string]nameScanWord{}}
	for bit, set := range map[nameScanWord]map[string]bool{nwHonorific: honorifics, nwTitle: g.titleWords, nwOrg: orgWords, nwNotName: notNames} {
		for w, ok := range set {
			if ok {
				t.lower[w] |= bit
			}
		}
	}
	for w := range countryFallback {
		t.lower[w] |= nwCountry
	}
	for _, set := range []map[string]bool{determiners, possessivePronouns} {
		for w, ok := range set {
			if ok {
				t.lower[w] |= nwDeterminer
			}
		}
	}
	for bit, set := range map[nameScanWord]map[string]bool{nwDescriptor: g.descriptors, nwCommon: g.common, nwSurname: g.surnames, nwActHonorific: actHonorifics, nwOrgHead: orgHeads} {
		for w, ok := range set {
			if ok {
				t.exact[w] |= bit
			}
		}
	}
	return t
}

// of returns the bits of token t.
func (nw *nameScanTable) of(t token) nameScanWord {
	return nw.lower[t.lower]&(nwHonorific|nwTitle|nwOrg|nwNotName|nwCountry) | nw.exact[t.text]&(nwDescriptor|nwCommon)
}
