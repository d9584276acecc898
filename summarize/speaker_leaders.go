package summarize

import "strings"

var leaderNouns = wordSet("data/leader_nouns.txt")

// orgLeader resolves a role phrase that names the leader of an
// organisation ("the head of the World Health Organization", "the WHO
// chief") to the one person of the article affiliated with it, wherever
// the article names that person: wire leads often name the role first
// and the person a sentence later, or the other way round.
func (x *extraction) orgLeader(sp speakerPhrase, cur resolvedSpeaker) resolvedSpeaker {
	if cur.person != nil || sp.ante != nil || sp.and > 0 {
		return cur
	}
	words := trimDeterminers(wordsOf(x.toks, sp.a, sp.b))
	org := leaderOf(words)
	if org == "" {
		return cur
	}
	var found *person
	for _, p := range x.people.list {
		if !strings.EqualFold(p.affiliation, org) {
			continue
		}
		if found != nil && found != p {
			return cur // two people of that organisation: no guess
		}
		found = p
	}
	if found == nil {
		return cur
	}
	return resolvedSpeaker{name: found.name, person: found}
}

// leaderOf returns the organisation a leader phrase names: "head of the
// World Health Organization" or "WHO chief" → World Health Organization.
func leaderOf(words []string) string {
	if n := len(words); n >= 2 && strings.EqualFold(words[n-2], "secretary") && strings.EqualFold(words[n-1], "general") {
		words = append(words[:n-2:n-2], "secretary-general") // "NATO's secretary general"
	}
	if len(words) < 2 {
		return ""
	}
	var rest []string
	switch {
	case leaderNouns[strings.ToLower(words[0])] && strings.EqualFold(words[1], "of"):
		rest = trimDeterminers(words[2:])
	case leaderNouns[strings.ToLower(words[len(words)-1])]:
		rest = words[:len(words)-1]
		if n := len(rest); n > 0 {
			rest[n-1] = strings.TrimSuffix(strings.TrimSuffix(rest[n-1], "'s"), "’s")
		}
	default:
		return ""
	}
	if len(rest) == 0 || len(rest) > 6 || !isCapitalizedWord(rest[0]) {
		return ""
	}
	org, _ := OrganizationOf(strings.Join(rest, " "))
	return org
}
