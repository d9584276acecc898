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
var cueAdverbs = map[string]bool{
	"also": true, "has": true, "have": true, "had": true, "was": true, "were": true, "is": true, "are": true,
	"would": true, "will": true, "could": true, "can": true, "may": true, "might": true, "did": true,
	"does": true, "do": true, "not": true, "never": true, "previously": true, "later": true, "then": true,
	"again": true, "repeatedly": true, "recently": true, "reportedly": true, "publicly": true, "once": true,
	"further": true, "already": true, "still": true, "often": true, "always": true, "just": true, "even": true,
	"earlier": true, "first": true, "last": true, "privately": true, "openly": true, "separately": true,
	"initially": true, "shall": true, "should": true, "must": true, "been": true, "being": true,
	"specifically": true, "explicitly": true, "clearly": true, "firmly": true, "strongly": true, "flatly": true,
	"simply": true, "really": true, "actually": true, "frequently": true, "personally": true, "herself": true,
	"himself": true, "themselves": true, "itself": true, "likewise": true, "similarly": true, "too": true,
	"long": true, "since": true, "now": true, "subsequently": true, "immediately": true, "quickly": true,
}

// groupNouns head speaker phrases that name a group or a role rather than
// a person: "experts said", "the spokesperson said".
var groupNouns = map[string]bool{
	"experts": true, "expert": true, "analysts": true, "analyst": true, "officials": true, "official": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "spokespeople": true, "diplomat": true, "diplomats": true,
	"minister": true, "ministers": true, "ministry": true, "government": true, "governments": true, "source": true, "sources": true,
	"observers": true, "observer": true, "critics": true, "critic": true, "scholars": true, "scholar": true,
	"researchers": true, "researcher": true, "people": true, "residents": true, "voters": true, "aides": true, "aide": true,
	"adviser": true, "advisers": true, "advisor": true, "advisors": true, "lawmakers": true, "lawmaker": true,
	"democrats": true, "republicans": true, "campaign": true, "statement": true, "report": true, "reports": true,
	"poll": true, "polls": true, "survey": true, "surveys": true, "study": true, "studies": true, "data": true,
	"president": true, "leader": true, "leaders": true, "chief": true, "head": true, "secretary": true,
	"ambassador": true, "envoy": true, "professor": true, "director": true, "chairman": true, "chairwoman": true,
	"premier": true, "senator": true, "senators": true, "governor": true, "mayor": true, "candidate": true,
	"nominee": true, "hopeful": true, "hopefuls": true, "contender": true, "supporters": true, "opponents": true, "members": true, "member": true, "authorities": true,
	"agency": true, "council": true, "committee": true, "commission": true, "court": true, "police": true,
	"military": true, "army": true, "embassy": true, "office": true, "administration": true, "company": true,
	"organization": true, "organisation": true, "group": true, "groups": true, "party": true, "side": true,
	"media": true, "newspaper": true, "paper": true, "documents": true, "document": true, "letter": true,
	"website": true, "article": true, "editorial": true, "commentators": true, "commentator": true,
	"economists": true, "economist": true, "scientists": true, "scientist": true, "activists": true, "activist": true,
	"protesters": true, "witnesses": true, "witness": true, "victims": true, "families": true, "insiders": true,
	"specialists": true, "academics": true, "academic": true, "strategists": true, "strategist": true,
	"staff": true, "staffers": true, "negotiators": true, "mediators": true, "delegates": true, "delegation": true,
	"representative": true, "representatives": true, "host": true, "reporters": true, "reporter": true,
	"journalist": true, "journalists": true, "correspondent": true, "columnist": true, "author": true, "authors": true,
	"voices": true, "americans": true, "citizens": true, "many": true, "others": true, "both": true, "some": true,
	"percent": true, "half": true, "majority": true, "majorities": true, "third": true, "thirds": true,
	"quarter": true, "quarters": true, "most": true, "respondents": true, "participants": true,
}

// nounModifiers may precede a group noun inside the speaker phrase.
var nounModifiers = map[string]bool{
	"top": true, "senior": true, "chief": true, "foreign": true, "former": true, "deputy": true, "vice": true,
	"visiting": true, "some": true, "many": true, "several": true, "other": true, "western": true, "local": true,
	"independent": true, "political": true, "military": true, "security": true, "government": true, "state": true,
	"party": true, "campaign": true, "health": true, "legal": true, "economic": true, "international": true,
	"public": true, "police": true, "defense": true, "defence": true, "trade": true, "finance": true, "interior": true,
	"prime": true, "most": true, "few": true, "two": true, "three": true, "both": true, "these": true, "those": true,
	"administration": true, "ministry": true, "white": true, "house": true, "senior-level": true, "high-ranking": true,
	"associate": true, "assistant": true, "spokesperson": true, "spokesman": true, "spokeswoman": true, "press": true,
	"news": true, "federal": true, "regional": true, "industry": true, "chinese": true, "american": true, "russian": true,
	"european": true, "us": true, "u.s": true, "republican": true, "democratic": true, "new": true, "recent": true,
	"latest": true, "national": true, "general": true, "executive": true, "his": true, "her": true, "their": true,
	"its": true, "our": true,
}

var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
}

// notNames are capitalized words that start a sentence or a clause without
// naming anyone.
var notNames = map[string]bool{
	"the": true, "a": true, "an": true, "but": true, "and": true, "or": true, "so": true, "yet": true,
	"in": true, "on": true, "at": true, "as": true, "if": true, "when": true, "while": true, "after": true,
	"before": true, "since": true, "for": true, "with": true, "this": true, "that": true, "these": true,
	"those": true, "there": true, "here": true, "what": true, "which": true, "who": true, "how": true,
	"why": true, "where": true, "however": true, "meanwhile": true, "still": true, "also": true, "then": true,
	"now": true, "today": true, "tuesday": true, "monday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "by": true, "from": true, "to": true, "of": true,
	"although": true, "though": true, "because": true, "instead": true, "indeed": true, "moreover": true,
	"earlier": true, "later": true, "last": true, "next": true, "photo": true, "not": true, "no": true,
	"having": true, "asked": true, "january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "editor’s": true, "editor's": true, "yesterday": true, "tonight": true,
}

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
var orgWords = map[string]bool{
	"university": true, "institute": true, "times": true, "hall": true, "council": true, "ministry": true,
	"party": true, "committee": true, "organization": true, "organisation": true, "agency": true, "news": true,
	"academy": true, "school": true, "association": true, "union": true, "nations": true, "states": true,
	"house": true, "department": true, "bank": true, "fund": true, "forum": true, "initiative": true,
	"conference": true, "court": true, "congress": true, "senate": true, "parliament": true, "assembly": true,
	"group": true, "center": true, "centre": true, "office": true, "post": true, "journal": true, "daily": true,
	"press": true, "service": true, "company": true, "corporation": true, "inc": true, "security": true,
	"cooperation": true, "studies": true, "sciences": true, "affairs": true, "politics": true, "relations": true,
	"region": true, "asia": true, "europe": true, "pacific": true, "east": true, "west": true, "middle": true,
	"north": true, "south": true, "central": true, "eastern": true, "western": true, "republic": true,
	"kingdom": true, "street": true, "people": true, "day": true, "war": true, "world": true, "global": true,
	"international": true, "national": true, "federal": true, "commission": true, "command": true, "force": true,
	"forces": true, "army": true, "navy": true, "guard": true, "police": true, "airlines": true, "network": true,
	"television": true, "radio": true, "tv": true, "media": true, "foundation": true, "council's": true,
	"island": true, "islands": true, "sea": true, "strait": true, "river": true, "city": true, "province": true,
	"county": true, "embassy": true, "mission": true, "agreement": true, "treaty": true, "act": true, "law": true,
	"summit": true, "games": true, "olympics": true, "cup": true, "league": true, "club": true, "church": true,
	"museum": true, "hospital": true, "airport": true, "station": true, "square": true, "palace": true,
	"gate": true, "wall": true, "road": true, "belt": true, "silk": true, "brics": true, "nato": true, "un": true,
	"eu": true, "sco": true, "cpc": true, "ccp": true, "democrats": true, "republicans": true, "white": true,
	"great": true, "new": true, "year": true, "covid-19": true, "coronavirus": true, "january": true,
	"february": true, "march": true, "april": true, "may": true, "june": true, "july": true, "august": true,
	"september": true, "october": true, "november": true, "december": true, "monday": true, "tuesday": true,
	"wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true, "photo": true,
	"authority": true, "authorities": true, "prosecution": true, "prosecutor's": true, "bureau": true,
	"xinhua": true, "reuters": true, "afp": true, "ap": true, "cctv": true, "bbc": true, "cnn": true,
	"federation": true, "alliance": true, "coalition": true, "society": true, "project": true, "trust": true,
	"board": true, "directorate": true, "tribunal": true, "chamber": true, "secretariat": true, "observatory": true,
}

// titleFallback maps role phrases to canonical titles when the gazetteer
// does not know them.
var titleFallback = map[string]string{
	"president": "President", "foreign minister": "Foreign Minister", "top diplomat": "Foreign Minister",
	"minister": "Minister", "prime minister": "Prime Minister", "premier": "Premier",
	"spokesperson": "Spokesperson", "spokesman": "Spokesperson", "spokeswoman": "Spokesperson",
	"foreign ministry spokesperson": "Spokesperson", "foreign ministry spokesman": "Spokesperson",
	"secretary of state": "Secretary of State", "defense minister": "Defense Minister",
	"defence minister": "Defense Minister", "chancellor": "Chancellor", "ambassador": "Ambassador",
	"envoy": "Envoy", "leader": "Leader", "secretary-general": "Secretary-General",
}

// countryFallback covers the countries diplomatic news names most, for
// when the gazetteer does not answer.
var countryFallback = map[string]string{
	"china": "China", "chinese": "China", "beijing": "China", "sino": "China",
	"russia": "Russia", "russian": "Russia", "moscow": "Russia", "kremlin": "Russia",
	"us": "United States", "u.s": "United States", "american": "United States", "washington": "United States",
	"united states": "United States", "ukraine": "Ukraine", "ukrainian": "Ukraine", "kyiv": "Ukraine",
	"japan": "Japan", "japanese": "Japan", "tokyo": "Japan", "india": "India", "indian": "India",
	"france": "France", "french": "France", "paris": "France", "germany": "Germany", "german": "Germany",
	"berlin": "Germany", "britain": "United Kingdom", "british": "United Kingdom", "uk": "United Kingdom",
	"london": "United Kingdom", "united kingdom": "United Kingdom", "iran": "Iran", "iranian": "Iran",
	"tehran": "Iran", "israel": "Israel", "israeli": "Israel", "palestinian": "Palestine", "gaza": "Palestine",
	"korea": "South Korea", "korean": "South Korea", "seoul": "South Korea", "pyongyang": "North Korea",
	"vietnam": "Vietnam", "vietnamese": "Vietnam", "laos": "Laos", "cuba": "Cuba", "pakistan": "Pakistan",
	"pakistani": "Pakistan", "turkey": "Turkey", "turkish": "Turkey", "eu": "European Union",
}

var familiarWords = map[string]bool{"familiar": true, "close": true, "briefed": true, "knowledgeable": true, "involved": true, "present": true}

// stopHeads can never head a speaker phrase.
var stopHeads = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "or": true, "but": true, "that": true,
	"which": true, "to": true, "in": true, "on": true, "at": true, "for": true, "with": true, "by": true,
	"from": true, "as": true, "is": true, "was": true, "be": true, "been": true, "this": true, "there": true,
	"what": true, "than": true, "not": true, "if": true, "so": true, "because": true, "when": true, "where": true,
	"who": true, "whom": true, "how": true, "why": true, "about": true, "into": true, "over": true, "after": true,
	"before": true, "it": false, "its": true, "his": true, "her": true, "their": true, "our": true, "my": true,
	"your": true, "them": true, "him": true, "us": true, "me": true, "also": true, "then": true, "now": true,
	"week": true, "year": true, "month": true, "day": true, "night": true, "morning": true, "afternoon": true,
	"evening": true, "weekend": true, "time": true, "times": true, "years": true, "weeks": true, "months": true,
	"days": true, "ago": true,
}

// clauseOpeners introduce a clause whose subject follows them.
var clauseOpeners = map[string]bool{
	"when": true, "while": true, "as": true, "after": true, "before": true, "because": true, "since": true,
	"but": true, "and": true, "though": true, "although": true, "if": true, "once": true, "yet": true, "so": true,
}

var quantifiers = map[string]bool{
	"one": true, "another": true, "some": true, "many": true, "several": true, "two": true, "three": true,
	"most": true, "few": true, "other": true,
}
