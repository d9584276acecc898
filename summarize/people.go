package summarize

import "strings"

// KnownPerson is a public figure of data/people.tsv: the canonical name,
// every other name (spellings, initials, names in the person's own
// script) and the country or organisation.
type KnownPerson struct {
	Name        string
	Aliases     []string
	Affiliation string
}

// KnownPeople returns the people of the gazetteer, in file order. The
// store's speaker registry resolves their aliases to one speaker.
func KnownPeople() []KnownPerson {
	rows := readTSV("data/people.tsv")
	out := make([]KnownPerson, 0, len(rows))
	for _, row := range rows {
		p := KnownPerson{Name: strings.TrimSpace(row[0]), Affiliation: field(row, 2)}
		p.Aliases = append(splitList(row, 1), splitList(row, 3)...)
		out = append(out, p)
	}
	return out
}

// NameVariants maps each spelling of data/name_variants.tsv, lower-case,
// to the spelling that stands for all of them ("sergey" → "sergei").
func NameVariants() map[string]string {
	m := map[string]string{}
	for _, row := range readTSV("data/name_variants.tsv") {
		key := strings.ToLower(strings.TrimSpace(row[0]))
		for _, v := range splitList(row, 1) {
			m[strings.ToLower(v)] = key
		}
	}
	return m
}
