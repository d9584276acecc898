package summarize

import (
	"strings"
	"sync"
)

// This file owns grammatical gender for pronoun resolution: "he" needs a
// person who may be male, "she" one who may be female. A person's gender
// comes from the given name (data/given_name_genders*.tsv) or an
// honorific written with the name ("Mr.", "Ms."); unknown is compatible
// with both.

type gender uint8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

var (
	givenGendersOnce sync.Once
	givenGenders     map[string]gender
)

func loadGivenGenders() map[string]gender {
	givenGendersOnce.Do(func() {
		givenGenders = map[string]gender{}
		// The hand-written news table is read last: it overrides.
		for _, f := range []string{"data/given_name_genders.tsv", "data/given_name_genders_news.tsv"} {
			for _, row := range readTSV(f) {
				if len(row) < 2 {
					continue
				}
				g := genderUnknown
				switch strings.TrimSpace(row[1]) {
				case "m":
					g = genderMale
				case "f":
					g = genderFemale
				}
				givenGenders[strings.ToLower(strings.TrimSpace(row[0]))] = g
			}
		}
	})
	return givenGenders
}

// honorificGenders are the honorifics that state a gender.
var honorificGenders = map[string]gender{
	"mr": genderMale, "mr.": genderMale, "sir": genderMale, "lord": genderMale, "king": genderMale, "prince": genderMale,
	"mrs": genderFemale, "mrs.": genderFemale, "ms": genderFemale, "ms.": genderFemale, "miss": genderFemale,
	"madam": genderFemale, "dame": genderFemale, "lady": genderFemale, "queen": genderFemale, "princess": genderFemale,
	"spokeswoman": genderFemale, "spokesman": genderMale, "congresswoman": genderFemale, "congressman": genderMale,
	"assemblywoman": genderFemale, "assemblyman": genderMale, "chairwoman": genderFemale, "chairman": genderMale,
	"businesswoman": genderFemale, "businessman": genderMale,
}

// genderOfName reads the gender of a full name from its first word.
func genderOfName(name string) gender {
	first, _, _ := strings.Cut(name, " ")
	return loadGivenGenders()[strings.ToLower(first)]
}

// pronounGender is the gender a personal pronoun asks of its antecedent.
func pronounGender(w string) gender {
	switch w {
	case "he", "him", "his":
		return genderMale
	case "she", "her", "hers":
		return genderFemale
	}
	return genderUnknown
}

// compatible reports whether a person of gender g may be referred to by a
// pronoun asking for want.
func compatible(g, want gender) bool {
	return g == genderUnknown || want == genderUnknown || g == want
}

// knownGivenName reports a given name from the news list or the gender
// tables ("Tracy"); words of one or two letters never count.
func knownGivenName(w string) bool {
	return isGivenName(w) || len(w) > 2 && loadGivenGenders()[strings.ToLower(w)] != genderUnknown
}
