package summarize

import "strings"

// Word lists the actor recogniser consults, written by us. Matching is
// exact (case as written) unless a comment says otherwise.

// nameParticles may sit inside a name in lower case ("Mohammed bin Salman").
var nameParticles = map[string]bool{
	"bin": true, "ibn": true, "al": true, "el": true, "de": true, "da": true, "di": true, "du": true,
	"dos": true, "das": true, "van": true, "von": true, "der": true, "den": true, "la": true, "le": true,
}

// orgHeads end (or start) the names of organisations not in the gazetteer
// (data/org_heads.txt).
var orgHeads = wordSet("data/org_heads.txt")

// calendarWords end an organisation's "of/on" chain ("Committee on
// February 3").
var calendarWords = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true,
	"Sunday": true,
}

// onHeads take an "on" complement: "Committee on Foreign Relations".
var onHeads = map[string]bool{
	"Committee": true, "Subcommittee": true, "Commission": true, "Council": true, "Conference": true,
	"Forum": true, "Panel": true, "Center": true, "Centre": true, "Institute": true,
}

// contractionTails end contractions, not names ("I've", "don't").
var contractionTails = map[string]bool{"ve": true, "ll": true, "re": true, "d": true, "m": true, "t": true}

// orgStopWords never begin an organisation's name even when capitalised.
var orgStopWords = map[string]bool{
	"The": true, "A": true, "An": true, "In": true, "On": true, "At": true, "Of": true, "For": true,
	"From": true, "To": true, "By": true, "With": true, "And": true, "But": true, "Or": true, "As": true,
	"This": true, "That": true, "Its": true, "His": true, "Her": true, "Their": true, "Our": true,
	"Mr": true, "Ms": true, "Mrs": true, "Dr": true, "Prof": true, "While": true, "When": true, "If": true,
}

// nonNameWords end or fill capitalised runs that name things, not people
// ("Global Security Initiative", "Great Hall").
var nonNameWords = map[string]bool{
	"Initiative": true, "Strategy": true, "Plan": true, "Act": true, "Law": true, "Summit": true,
	"Day": true, "War": true, "Games": true, "Cup": true, "Prize": true, "Award": true, "Awards": true,
	"Street": true, "Road": true, "Avenue": true, "Square": true, "Hall": true, "Palace": true, "House": true,
	"Tower": true, "Building": true, "Sea": true, "Ocean": true, "River": true, "Lake": true, "Mountain": true,
	"Mountains": true, "Island": true, "Islands": true, "Province": true, "State": true, "States": true,
	"Region": true, "District": true, "City": true, "County": true, "Valley": true, "Park": true,
	"Airport": true, "Station": true, "Bridge": true, "Port": true, "Bay": true, "Coast": true, "Desert": true,
	"Belt": true, "Corridor": true, "Project": true, "Treaty": true, "Agreement": true, "Accord": true,
	"Declaration": true, "Resolution": true, "Convention": true, "Charter": true, "Protocol": true,
	"Doctrine": true, "Era": true, "Dynasty": true, "Revolution": true, "Expo": true, "Olympics": true,
	"Festival": true, "Year": true, "Week": true, "Index": true, "Report": true, "Survey": true, "Tax": true,
	"Security": true, "Cooperation": true, "Development": true, "Affairs": true, "Relations": true,
	"Studies": true, "Policy": true, "Trade": true, "Economic": true, "Partnership": true, "Vision": true,
	"Community": true, "Order": true, "Future": true, "Peace": true, "Democracy": true, "Rights": true,
	"Freedom": true, "Prosperity": true, "Health": true, "Care": true, "Climate": true,
	"Change": true, "Crisis": true, "Conflict": true, "Talks": true, "Dialogue": true, "Meeting": true,
	"Session": true, "Election": true, "Elections": true, "Campaign": true, "Exchanges": true,
	"Thought": true, "Silk": true, "Station's": true, "Cross": true, "Star": true, "Times": true,
	"Team": true, "Show": true, "Sports": true, "Muslims": true, "Christians": true, "Internet": true, "Web": true, "Twitter": true, "Facebook": true, "Instagram": true, "YouTube": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true,
	"Sunday": true, "Christmas": true, "Easter": true, "Ramadan": true, "Eid": true, "Spring": true,
	"Festival's": true, "Cabinet": true, "Hospital": true, "Commerce": true, "Shrine": true,
	"Temple": true, "Church": true, "Mosque": true, "Museum": true, "Stadium": true, "Embargo": true,
	"List": true, "Summary": true, "Connect": true, "Offices": true, "Coexistence": true, "Zone": true, "Area": true, "Route": true, "Line": true, "Highway": true,
}

// speechVerbs after a name ("Xi said") or before it ("said Li") mark a person.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "noted": true, "notes": true,
	"added": true, "adds": true, "stressed": true, "stresses": true, "stated": true, "asked": true,
	"urged": true, "warned": true, "explained": true, "argued": true, "believes": true, "wrote": true,
	"writes": true, "remarked": true, "emphasized": true, "emphasised": true, "pointed": true,
	"commented": true, "insisted": true, "claimed": true, "announced": true, "declared": true,
	"suggested": true, "replied": true, "responded": true, "acknowledged": true, "reiterated": true,
	"underlined": true, "highlighted": true, "observed": true, "contended": true, "maintained": true,
	"met": true, "meets": true, "greeted": true, "greets": true, "called": true, "expressed": true,
	"spoke": true, "held": true, "visited": true, "visits": true, "criticized": true, "criticised": true,
}

// speechVerbsBefore precede a speaker in inverted attributions ("...,
// said Li Haidong").
var speechVerbsBefore = map[string]bool{
	"said": true, "says": true, "added": true, "adds": true, "noted": true, "asked": true, "told": true,
	"wrote": true, "explained": true, "stressed": true, "urged": true, "warned": true, "argued": true,
}

// roleModifiers are kept in front of an occupation ("associate researcher").
var roleModifiers = map[string]bool{
	"associate": true, "assistant": true, "senior": true, "visiting": true, "chief": true,
	"principal": true, "adjunct": true, "distinguished": true, "deputy": true, "vice": true,
	"executive": true, "research": true, "honorary": true, "leading": true, "political": true,
	"military": true, "managing": true, "emeritus": true, "lead": true,
}

// facilityNouns after a capitalised run name a place or thing
// (data/facility_nouns.txt).
var facilityNouns = wordSet("data/facility_nouns.txt")

// wordSet reads an embedded word list into a set, case as written.
func wordSet(path string) map[string]bool {
	set := map[string]bool{}
	for _, w := range readWords(path) {
		set[w] = true
	}
	return set
}

// phraseSet reads an embedded list of phrases, one a line, into a set.
func phraseSet(path string) map[string]bool {
	set := map[string]bool{}
	for _, row := range readTSV(path) {
		set[strings.TrimSpace(row[0])] = true
	}
	return set
}

// wordMap reads an embedded two-column table (key, value) into a map.
func wordMap(path string) map[string]string {
	m := map[string]string{}
	for _, row := range readTSV(path) {
		if len(row) < 2 {
			panic("summarize: " + path + ": row " + strings.Join(row, "\t") + ": want two columns")
		}
		m[row[0]] = row[1]
	}
	return m
}
