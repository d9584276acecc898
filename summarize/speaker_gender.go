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

// honorificGenders are the name prefixes that state a gender
// (data/name_prefixes.tsv), with and without a period.
var honorificGenders = func() map[string]gender {
	m := map[string]gender{}
	for _, h := range namePrefixes {
		if h.gender != genderUnknown {
			m[h.word] = h.gender
			m[h.word+"."] = h.gender
		}
	}
	return m
}()

// genderOfName reads the gender of a full name from its first word.
func genderOfName(name string) gender {
	first, _, _ := strings.Cut(name, " ")
	return loadGivenGenders()[strings.ToLower(first)]
}

// pronounGender is the gender a personal pronoun asks of its antecedent.
func pronounGender(w string) gender {
	return pronounTable[w].gender
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

// knownGivenNameToken is knownGivenName for a token, using its lower-case
// form instead of lower-casing again.
func knownGivenNameToken(t token) bool {
	g := loadGazetteer()
	return g.givenNames[t.text] || g.givenNames[t.lower] || len(t.text) > 2 && loadGivenGenders()[t.lower] != genderUnknown
}
