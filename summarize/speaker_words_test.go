package summarize

import "testing"

// TestNameScanTable checks that the folded table answers exactly what the
// word lists it is built from answer, word by word: a list added to the
// table without its bit, or a bit read from the wrong map, fails here.
func TestNameScanTable(t *testing.T) {
	g := loadGazetteer()
	lists := []struct {
		name  string
		bit   nameScanWord
		set   map[string]bool
		exact bool
	}{
		{"honorifics", nwHonorific, honorifics, false},
		{"titleWords", nwTitle, g.titleWords, false},
		{"orgWords", nwOrg, orgWords, false},
		{"notNames", nwNotName, notNames, false},
		{"determiners", nwDeterminer, determiners, false},
		{"possessivePronouns", nwDeterminer, possessivePronouns, false},
		{"descriptors", nwDescriptor, g.descriptors, true},
		{"common", nwCommon, g.common, true},
		{"surnames", nwSurname, g.surnames, true},
		{"actHonorifics", nwActHonorific, actHonorifics, true},
		{"orgHeads", nwOrgHead, orgHeads, true},
	}
	words := map[string]bool{"Mr": true, "mr": true, "The": true, "Wang": true, "Ministry": true, "the": true, "his": true}
	for _, l := range lists {
		if len(l.set) == 0 {
			t.Errorf("%s: empty list", l.name)
		}
		for w := range l.set {
			words[w] = true
		}
	}
	for w := range countryFallback {
		words[w] = true
	}
	for w := range words {
		for _, l := range lists {
			m := g.nameWords.lower
			if l.exact {
				m = g.nameWords.exact
			}
			inBits := m[w]&l.bit != 0
			// A bit shared by two lists is set when either has the word.
			want := l.set[w]
			for _, o := range lists {
				if o.bit == l.bit && o.exact == l.exact && o.set[w] {
					want = true
				}
			}
			if inBits != want {
				t.Errorf("%s: %q: table says %v, list says %v", l.name, w, inBits, want)
			}
		}
		_, country := countryFallback[w]
		if got := g.nameWords.lower[w]&nwCountry != 0; got != country {
			t.Errorf("countryFallback: %q: table says %v, list says %v", w, got, country)
		}
	}
}
