package summarize

import "testing"

func TestCountryOf(t *testing.T) {
	tests := map[string]struct {
		surface string
		want    string
		ok      bool
	}{
		"name":                {"China", "China", true},
		"demonym":             {"Chinese", "China", true},
		"plural demonym":      {"Russians", "Russia", true},
		"capital as govt":     {"Beijing", "China", true},
		"seat of government":  {"Kremlin", "Russia", true},
		"two-word seat":       {"White House", "United States", true},
		"Sino prefix":         {"Sino", "China", true},
		"Sino with hyphen":    {"Sino-", "China", true},
		"acronym":             {"US", "United States", true},
		"dotted acronym":      {"U.S.", "United States", true},
		"alias":               {"Britain", "United Kingdom", true},
		"with article":        {"the United States", "United States", true},
		"possessive":          {"Russia's", "Russia", true},
		"curly possessive":    {"China’s", "China", true},
		"Gaza is Palestine":   {"Gaza", "Palestine", true},
		"Palestinian":         {"Palestinian", "Palestine", true},
		"Israeli":             {"Israeli", "Israel", true},
		"hyphenated country":  {"Guinea-Bissau", "Guinea-Bissau", true},
		"lower-case pronoun":  {"us", "", false},
		"lower-case demonym":  {"chinese", "", false},
		"place is no country": {"Shanghai", "", false},
		"organisation":        {"NATO", "", false},
		"unknown":             {"Atlantis", "", false},
		"empty":               {"", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := CountryOf(tc.surface)
			if got != tc.want || ok != tc.ok {
				t.Errorf("CountryOf(%q) = %q, %v; want %q, %v", tc.surface, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestTitleOf(t *testing.T) {
	tests := map[string]struct {
		surface string
		want    string
		ok      bool
	}{
		"canonical":          {"Foreign Minister", "Foreign Minister", true},
		"lower case":         {"foreign minister", "Foreign Minister", true},
		"abbreviation":       {"FM", "Foreign Minister", true},
		"role phrase":        {"top diplomat", "Foreign Minister", true},
		"spokesman":          {"spokesman", "Spokesperson", true},
		"spokeswoman":        {"Spokeswoman", "Spokesperson", true},
		"president":          {"president", "President", true},
		"prime minister":     {"Prime Minister", "Prime Minister", true},
		"secretary of state": {"Secretary of State", "Secretary of State", true},
		"envoy":              {"envoy", "Ambassador", true},
		"hyphenated":         {"Secretary-General", "Secretary-General", true},
		"qualifier dropped":  {"former president", "President", true},
		"article dropped":    {"the spokesperson", "Spokesperson", true},
		"occupation":         {"professor", "professor", true},
		"not a title":        {"farmer", "", false},
		"trailing words":     {"president of France", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := TitleOf(tc.surface)
			if got != tc.want || ok != tc.ok {
				t.Errorf("TitleOf(%q) = %q, %v; want %q, %v", tc.surface, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestOrganizationOf(t *testing.T) {
	tests := map[string]struct {
		surface string
		want    string
		ok      bool
	}{
		"acronym to full":      {"SCO", "Shanghai Cooperation Organization", true},
		"full name":            {"Shanghai Cooperation Organization", "Shanghai Cooperation Organization", true},
		"British spelling":     {"Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", true},
		"UN Security Council":  {"UN Security Council", "United Nations Security Council", true},
		"UNSC":                 {"UNSC", "United Nations Security Council", true},
		"NATO stays acronym":   {"North Atlantic Treaty Organization", "NATO", true},
		"news agency short":    {"Xinhua", "Xinhua News Agency", true},
		"case-insensitive":     {"xinhua news agency", "Xinhua News Agency", true},
		"with article":         {"the World Bank", "World Bank", true},
		"acronym keeps case":   {"who", "", false},
		"country is no org":    {"China", "", false},
		"unknown organisation": {"Acme Widgets", "", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, ok := OrganizationOf(tc.surface)
			if got != tc.want || ok != tc.ok {
				t.Errorf("OrganizationOf(%q) = %q, %v; want %q, %v", tc.surface, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// Every country row must be reachable by its own name, and data files must
// not silently shadow one country's name with another's.
func TestGazetteerCountriesResolveToThemselves(t *testing.T) {
	rows := readTSV("data/countries.tsv")
	if len(rows) < 190 {
		t.Fatalf("countries.tsv has %d rows, want ≥ 190", len(rows))
	}
	for _, row := range rows {
		got, ok := CountryOf(row[0])
		if !ok || got != row[0] {
			t.Errorf("CountryOf(%q) = %q, %v", row[0], got, ok)
		}
	}
	if n := len(readTSV("data/organizations.tsv")); n < 150 {
		t.Errorf("organizations.tsv has %d rows, want ≥ 150", n)
	}
}
