package summarize

import (
	"strings"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// This file owns speaker noun phrases: finding the phrase that names who
// speaks next to a cue, and resolving it (surnames, "Mr. Wang", pronouns,
// role phrases such as "Russia's top diplomat") to a canonical name using
// the people the article itself establishes.

// person is someone the article establishes, as known to the resolver.
type person struct {
	name        string
	role        string
	affiliation string
	actor       int // index into the extraction's actors, -1 when found by the fallback scan
	gender      gender
	// weak marks a fallback name with no sign of a person (no title, no
	// known given name): it resolves a speaker phrase that writes it, but
	// is no pronoun antecedent.
	weak bool
}

// people resolves speaker phrases within one article.
type people struct {
	// orgs are the organisations' names and aliases in lower case: a
	// capitalised pair the actors call an organisation is no person.
	orgs    map[string]bool
	list    []*person
	byName  map[string]*person   // lower-case full name or alias
	byToken map[string][]*person // lower-case first/last name token
	// tokenKeys has a bit for the length and first byte of every byToken
	// key: the surname-mention scan skips most capitalised words with it.
	tokenKeys [4]uint64
	// mentions of people in text order, for pronouns.
	mentions []personMention
	text     string // the article, to check which full names it writes
	// countries caches countryOf by surface; "" means not a country.
	countries map[string]string
	// countryAt holds the countries FindActors found, by mention start.
	countryAt map[int]string
	// acronyms maps acronyms defined in the article to the full name.
	acronyms map[string]string
	// at is the code-point offset of the speaker phrase being resolved,
	// -1 when unknown: a shared surname prefers the people its section
	// names.
	at int
	// sections are the code-point offsets of section headings (a line
	// with only a time of day, as in news round-ups), found on first use.
	sections      []int
	sectionsFound bool
}

// countryAtTok reports whether the token is a country mention, from the
// actors when they have countries, else from the small fallback table.
func (pp *people) countryAtTok(t token, w nameScanWord) (string, bool) {
	if c, ok := pp.countryAt[int(t.s)]; ok {
		return c, true
	}
	if w&nwCountry == 0 {
		return "", false
	}
	c, ok := countryFallback[t.lower]
	return c, ok
}

type personMention struct {
	pos int // code-point offset
	p   *person
}

func newPeople() *people {
	return &people{byName: map[string]*person{}, byToken: map[string][]*person{}, countries: map[string]string{}, at: -1}
}

func (pp *people) add(p *person, aliases []string) {
	if p.gender == genderUnknown {
		p.gender = genderOfName(p.name)
	}
	if p.gender == genderUnknown {
		for _, a := range append([]string{p.role}, aliases...) {
			if p.gender != genderUnknown {
				break
			}
			first, _, _ := strings.Cut(strings.ToLower(a), " ")
			p.gender = honorificGenders[first]
		}
	}
	pp.list = append(pp.list, p)
	pp.index(p, p.name)
	for _, a := range aliases {
		if _, ok := pp.byName[strings.ToLower(a)]; !ok {
			pp.byName[strings.ToLower(a)] = p
		}
	}
}

func (pp *people) index(p *person, name string) {
	ln := strings.ToLower(name)
	if _, ok := pp.byName[ln]; !ok {
		pp.byName[ln] = p
	}
	parts := strings.Fields(ln)
	if len(parts) < 2 {
		return
	}
	for _, w := range []string{parts[0], parts[len(parts)-1]} {
		if !containsPerson(pp.byToken[w], p) {
			pp.byToken[w] = append(pp.byToken[w], p)
			k, bit := tokenKeyBit(w)
			pp.tokenKeys[k] |= bit
		}
	}
}

func containsMention(ms []personMention, p *person) bool {
	for _, m := range ms {
		if m.p == p {
			return true
		}
	}
	return false
}

func containsPerson(ps []*person, p *person) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// fromActors indexes the people FindActors established.
// Mentions inside quotations (inQuote reports them) are not candidates
// for pronouns: in "“Trump is wrong,” he said", he is not Trump.
func (pp *people) fromActors(actors []briefbot.Actor, inQuote func(pos int) bool) {
	countries := 0
	for _, a := range actors {
		if a.Type == briefbot.Country {
			countries += len(a.Mentions)
		}
	}
	pp.countryAt = make(map[int]string, countries) // sized once: no rehashing
	for i, a := range actors {
		if a.Type == briefbot.Country {
			for _, m := range a.Mentions {
				pp.countryAt[m.Start] = a.Name
			}
		}
		if a.Type == briefbot.Organization {
			if pp.orgs == nil {
				pp.orgs = map[string]bool{}
			}
			pp.orgs[strings.ToLower(a.Name)] = true
			for _, al := range a.Aliases {
				pp.orgs[strings.ToLower(al)] = true
			}
		}
		if a.Type != briefbot.Person {
			continue
		}
		p := &person{name: writtenName(a), role: a.Role, affiliation: a.Affiliation, actor: i}
		pp.add(p, append(a.Aliases, a.Name))
		for _, m := range a.Mentions {
			if !inQuote(m.Start) {
				pp.mentions = append(pp.mentions, personMention{m.Start, p})
			}
		}
	}
}

// scanNames is the fallback recogniser: capitalized sequences of two to
// four name-like words, with the title and nationality written before them
// ("Russian Foreign Minister Sergei Lavrov"). It only adds people the
// actors do not already cover.
func (pp *people) scanNames(toks []token) {
	g := loadGazetteer()
	var last lastWord
	for i := 0; i < len(toks); i++ {
		if !toks[i].capitalized() || toks[i].quote >= 0 {
			continue
		}
		// Titles and nationality before the name.
		j := i
		var titleWords []string
		country := ""
		for j < len(toks) && toks[j].capitalized() {
			lw := toks[j].lower
			w := last.of(&g.nameWords, toks, j)
			if c, ok := pp.countryAtTok(toks[j], w); ok && country == "" && len(titleWords) == 0 {
				country = c
				j++
				continue
			}
			if w&nwDescriptor != 0 {
				j++ // "Republican Donald Trump": a party, not a name
				continue
			}
			if j == i && w&nwCommon != 0 && j+1 < len(toks) && knownGivenNameToken(toks[j+1]) {
				j++ // "Perhaps Tracy Chapman": an adverb, then the name
				continue
			}
			if w&(nwHonorific|nwTitle) != 0 || lw == "ministry" && len(titleWords) > 0 {
				titleWords = append(titleWords, toks[j].text)
				j++
				if j < len(toks) && toks[j].text == "." {
					j++
				}
				continue
			}
			break
		}
		if j == i && i > 1 && (toks[i-1].lower == "for" || toks[i-1].lower == "of") && toks[i-2].capitalized() && !isGivenName(toks[i].text) {
			// "Office for Public Health", "Centre for Economic Policy
			// Research": the rest of a longer proper name, not a person.
			for i+1 < len(toks) && toks[i+1].capitalized() {
				i++
			}
			continue
		}
		if j == i && i > 0 && g.nameWords.lower[toks[i-1].lower]&nwDeterminer != 0 {
			// "the Gush Etzion settlement": a place or thing, not a person.
			for i+1 < len(toks) && toks[i+1].capitalized() {
				i++
			}
			continue
		}
		k := j
		for k < len(toks) && k-j < 5 && toks[k].capitalized() {
			w := last.of(&g.nameWords, toks, k)
			if w&(nwOrg|nwNotName|nwHonorific|nwDescriptor) != 0 || strings.ContainsAny(toks[k].text, "'’") {
				break
			}
			if _, isCountry := pp.countryAtTok(toks[k], w); isCountry {
				break
			}
			k++
			// A middle initial: "Mary E. Lovely".
			if k+1 < len(toks) && k > j && toks[k].text == "." && len(toks[k-1].text) == 1 && toks[k+1].capitalized() {
				k++
			}
			// A particle inside the name: "Mohammed bin Abdulrahman Al Thani".
			if k+1 < len(toks) && (toks[k].text == "bin" || toks[k].text == "ibn") && toks[k+1].capitalized() {
				k++
			}
		}
		if k-j < 2 || (k < len(toks) && toks[k].capitalized()) {
			if k > i {
				i = k - 1
			}
			continue
		}
		if k < len(toks) && toks[k].text == "." && (toks[k-1].text == "Jr" || toks[k-1].text == "Sr") {
			k++ // "Ferdinand Marcos Jr.": the suffix keeps its period
		}
		name := joinTokens(toks, j, k)
		lname := strings.ToLower(name)
		if pp.orgs[lname] {
			i = k - 1
			continue
		}
		p := pp.byName[lname]
		if p == nil {
			p = &person{name: name, actor: -1}
			pp.add(p, nil)
		}
		if p.actor < 0 {
			if p.role == "" && len(titleWords) > 0 {
				p.role = canonicalTitle(strings.Join(titleWords, " "))
			}
			if p.affiliation == "" && country != "" {
				p.affiliation = country
			}
		}
		// Only names with some evidence of a person are pronoun
		// antecedents: "Investment Partnership" is capitalised too.
		if p.actor >= 0 || len(titleWords) > 0 || knownGivenNameToken(toks[j]) {
			pp.mentions = append(pp.mentions, personMention{int(toks[j].s), p})
			p.weak = false
		} else if p.actor < 0 && !containsMention(pp.mentions, p) {
			p.weak = true
		}
		i = k - 1
	}
}

// tokenKeyBit places a word in people.tokenKeys by its length (mod 8) and
// first byte (mod 32); the empty word, never a key, has no bit.
func tokenKeyBit(w string) (int, uint64) {
	if w == "" {
		return 0, 0
	}
	k := len(w)&7<<5 | int(w[0]&31)
	return k >> 6, 1 << (k & 63)
}

// lastWord remembers the name-scan bits of the token asked about last:
// scanNames' title loop and name loop ask about the same token in turn.
type lastWord struct {
	i int // index of the token + 1; 0: none yet
	w nameScanWord
}

func (l *lastWord) of(nw *nameScanTable, toks []token, i int) nameScanWord {
	if l.i != i+1 {
		l.i, l.w = i+1, nw.of(toks[i])
	}
	return l.w
}

// scanSurnameMentions records surname-only mentions ("Wang") of known
// people, so pronouns can find the latest person talked about.
func (pp *people) scanSurnameMentions(toks []token) {
	for i := range toks {
		t := &toks[i] // no copy: most tokens are skipped
		if !t.capitalized() || t.quote >= 0 {
			continue
		}
		if k, bit := tokenKeyBit(t.lower); pp.tokenKeys[k]&bit == 0 {
			continue
		}
		if ps := pp.byToken[t.lower]; len(ps) == 1 && !ps[0].weak {
			pp.mentions = append(pp.mentions, personMention{int(t.s), ps[0]})
		}
	}
}

func joinTokens(toks []token, a, b int) string {
	var sb strings.Builder
	for i := a; i < b; i++ {
		if i > a && toks[i].spaceB {
			sb.WriteByte(' ')
		}
		sb.WriteString(toks[i].text)
	}
	return sb.String()
}

// countryOf memoizes the gazetteer per article: the name scan asks about
// every capitalized word.
func (pp *people) countryOf(surface string) (string, bool) {
	if c, ok := pp.countries[surface]; ok {
		return c, c != ""
	}
	c, _ := countryOf(surface)
	pp.countries[surface] = c
	return c, c != ""
}

func countryOf(surface string) (string, bool) {
	if c, ok := CountryOf(surface); ok {
		return c, true
	}
	c, ok := countryFallback[strings.ToLower(surface)]
	return c, ok
}

func canonicalTitle(phrase string) string {
	if t, ok := TitleOf(phrase); ok {
		return t
	}
	l := strings.ToLower(phrase)
	if t, ok := titleFallback[l]; ok {
		return t
	}
	// Keep the last known title word: "Foreign Ministry Spokesperson" → "Spokesperson".
	parts := strings.Fields(l)
	for i := 0; i < len(parts); i++ {
		if t, ok := titleFallback[strings.Join(parts[i:], " ")]; ok {
			return t
		}
	}
	return phrase
}

// resolveName maps a capitalized speaker phrase ("Chinese President Xi
// Jinping", "Mr. Wang", "Lavrov") to a known person.
func (pp *people) resolveName(words []string) *person {
	return pp.fuller(pp.resolveNameAsIs(words))
}

// fuller swaps a person known by one word ("Vindman", from "Lt Col
// Alexander Vindman" that the actor scan cut short) for the one person
// whose full name ends with that word.
func (pp *people) fuller(p *person) *person {
	if p == nil || strings.Contains(p.name, " ") {
		return p
	}
	var found *person
	for _, q := range pp.byToken[strings.ToLower(p.name)] {
		if q == p || !strings.Contains(q.name, " ") || !strings.HasSuffix(strings.ToLower(q.name), " "+strings.ToLower(p.name)) {
			continue
		}
		if found != nil && found.name != q.name {
			return p // two candidates: keep the short name
		}
		found = q
	}
	if found == nil {
		return p
	}
	return found
}

func (pp *people) resolveNameAsIs(words []string) *person {
	// "Mrs. Clinton": the honorific's gender narrows a shared surname.
	want := genderUnknown
	if len(words) > 1 {
		want = honorificGenders[strings.ToLower(strings.TrimSuffix(words[0], "."))]
	}
	// Longest known full name or alias inside the phrase.
	for n := len(words); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			if p := pp.byName[strings.ToLower(strings.Join(words[i:i+n], " "))]; p != nil {
				if n == 1 {
					if q := pp.sharedSurname(strings.ToLower(words[i]), want); q != nil {
						return q
					}
					return pp.preferWritten(p, strings.ToLower(words[i]))
				}
				return p
			}
		}
	}
	// A single surname or given name: last word first.
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.ToLower(words[i])
		if honorifics[w] {
			continue
		}
		if q := pp.sharedSurname(w, want); q != nil {
			return q
		}
		if ps := pp.byToken[w]; len(ps) > 0 {
			p := ps[len(ps)-1]
			// A person the actor scan established outranks a variant only
			// the fallback scan saw ("Joshua Apte" over a byline "Josh Apte").
			if p.actor < 0 {
				for _, q := range ps {
					if q.actor >= 0 {
						p = q
						break
					}
				}
			}
			return pp.preferWritten(p, w)
		}
	}
	return nil
}

// sharedSurname resolves a surname several people in the article bear
// ("Cruz" for Ted and Heidi Cruz) to the one the article introduced
// first, of a compatible gender: a relative named later is called by the
// full or given name, the main figure by the surname. It returns nil when
// the surname is not shared.
func (pp *people) sharedSurname(surname string, want gender) *person {
	var cands []*person
	for _, q := range pp.byToken[surname] {
		f := strings.Fields(strings.ToLower(q.name))
		if len(f) > 1 && f[len(f)-1] == surname && q.actor >= 0 && compatible(q.gender, want) {
			cands = append(cands, q)
		}
	}
	// A stated gender prefers those known to have it over the unknown.
	if want != genderUnknown {
		var exact []*person
		for _, q := range cands {
			if q.gender == want {
				exact = append(exact, q)
			}
		}
		if len(exact) > 0 {
			cands = exact
		}
	}
	// "De Blasio" in a headline and "Bill de Blasio" are one person.
	for i := 0; i < len(cands); i++ {
		for _, q := range cands {
			if q != cands[i] && len(q.name) > len(cands[i].name) && strings.HasSuffix(strings.ToLower(q.name), " "+strings.ToLower(cands[i].name)) {
				cands = append(cands[:i], cands[i+1:]...)
				i--
				break
			}
		}
	}
	if len(cands) < 2 {
		if len(cands) == 1 && want != genderUnknown {
			return cands[0]
		}
		return nil
	}
	// A round-up of unrelated items ("The Latest": "5:45 p.m. … Gary
	// Johnson …", "8:05 a.m. … Jeh Johnson … Johnson said"): the person
	// the speaker's own section introduces.
	if from := pp.sectionStart(pp.at); from > 0 {
		for _, m := range pp.mentions {
			if m.pos < from || m.pos >= pp.at {
				continue
			}
			for _, q := range cands {
				if m.p == q {
					return q
				}
			}
		}
	}
	for _, m := range pp.mentions { // in text order
		for _, q := range cands {
			if m.p == q {
				return q
			}
		}
	}
	return nil
}

// sectionStart is the code-point offset of the section heading before
// offset at, 0 when the article has no section there (or at is unknown).
func (pp *people) sectionStart(at int) int {
	if at < 0 {
		return 0
	}
	if !pp.sectionsFound {
		pp.sectionsFound = true
		pp.sections = sectionHeadings(pp.text)
	}
	from := 0
	for _, s := range pp.sections {
		if s > at {
			break
		}
		from = s
	}
	return from
}

// sectionHeadings returns the code-point offsets of the lines that hold
// only a time of day ("8:05 a.m.", "11:40 PM"), which head the items of
// live updates and round-ups.
func sectionHeadings(text string) []int {
	var out []int
	cp, b := 0, 0
	for b < len(text) {
		e := strings.IndexByte(text[b:], '\n')
		if e < 0 {
			e = len(text)
		} else {
			e += b
		}
		if isTimeOfDayLine(strings.TrimSpace(text[b:e])) {
			out = append(out, cp)
		}
		if e < len(text) {
			cp += utf8.RuneCountInString(text[b:e]) + 1
		}
		b = e + 1
	}
	return out
}

// isTimeOfDayLine reports whether line is a clock time with an optional
// a.m./p.m.: "8:05 a.m.", "12:50 p.m.", "23:15".
func isTimeOfDayLine(line string) bool {
	h := 0
	for h < len(line) && h < 2 && line[h] >= '0' && line[h] <= '9' {
		h++
	}
	if h == 0 || len(line) < h+3 || line[h] != ':' || !isDigit(line[h+1]) || !isDigit(line[h+2]) {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(line[h+3:])) {
	case "", "a.m.", "p.m.", "am", "pm", "a.m", "p.m":
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// preferWritten picks, among the people a surname could mean, one whose
// full name the article actually writes: "Morrison" is Tim Morrison when
// only he is named in full, whatever a gazetteer links the surname to.
func (pp *people) preferWritten(p *person, surname string) *person {
	if pp.text == "" || strings.Contains(pp.text, p.name) {
		return p
	}
	for _, q := range pp.byToken[surname] {
		if q != p && strings.Contains(pp.text, q.name) {
			return q
		}
	}
	return p
}

// resolveRole maps a role phrase to the person holding that role, with
// the affiliation when the phrase names one ("Russia's top diplomat").
func (pp *people) resolveRole(title, country string) *person {
	var found *person
	n := 0
	for _, p := range pp.list {
		if p.role == "" || !strings.EqualFold(canonicalTitle(p.role), title) {
			continue
		}
		if country != "" && !strings.EqualFold(p.affiliation, country) {
			continue
		}
		if found != p {
			found = p
			n++
		}
	}
	if n == 1 {
		return found
	}
	return nil
}

// lastPersonBefore returns the person of a compatible gender mentioned
// last before pos.
func (pp *people) lastPersonBefore(pos int, want gender) *person {
	var best *person
	bestPos := -1
	for _, m := range pp.mentions {
		if m.pos < pos && m.pos > bestPos && compatible(m.p.gender, want) {
			best, bestPos = m.p, m.pos
		}
	}
	return best
}

// speakerPhrase is the noun phrase found at an attribution.
type speakerPhrase struct {
	a, b int // token range
	head int // head token index
	// ante is the antecedent of a relative "who" mention ("Sosa, who
	// said"): the mention stays "who", the speaker comes from ante.
	ante *speakerPhrase
	// and is the token index of "and" in a coordinated phrase ("Volker and
	// Morrison"), 0 when the phrase names one speaker.
	and int
	// role is the role apposition before the name in "the UN
	// Secretary-General, António Guterres, told" (role.b == 0: none); the
	// phrase itself is the name.
	role span
}

// start is the first token of the phrase with its leading role apposition.
func (sp speakerPhrase) start() int {
	if sp.role.b > 0 {
		return sp.role.a
	}
	return sp.a
}

// speakerBefore finds the speaker phrase ending right before the cue at
// token c, within [lo, c). It skips auxiliaries ("has also said") and a
// comma-delimited apposition ("Yang Jin, an associate researcher at …,
// told").
func speakerBefore(toks []token, lo, c int) (speakerPhrase, bool) {
	j := c - 1
	for n := 0; j >= lo && n < 4 && toks[j].isWord() && (cueAdverbs[toks[j].lower] || !toks[j].capitalized() && len(toks[j].lower) > 4 && strings.HasSuffix(toks[j].lower, "ly") || toks[j].lower == "to" && j-1 >= lo && continueVerbs[toks[j-1].lower] || continueVerbs[toks[j].lower] && j+1 < c && toks[j+1].lower == "to" || timeAdjunctWord(toks, j)); n++ {
		j-- // "also said", "ultimately admitted", "continues to insist", "on Monday urged"
	}
	// "Netanyahu, however, said …": a parenthetical adverb.
	if j-3 >= lo && toks[j].text == "," && parentheticalAdverbs[toks[j-1].lower] && toks[j-2].text == "," {
		j -= 3
	}
	// "Fidan, for his part, noted": the same, three words long.
	if j-5 >= lo && toks[j].text == "," && toks[j-1].lower == "part" && possessivePronouns[toks[j-2].lower] && toks[j-3].lower == "for" && toks[j-4].text == "," {
		j -= 5
	}
	if j < lo {
		return speakerPhrase{}, false
	}
	if toks[j].text == "," && j-1 > lo && toks[j-1].text == ")" {
		j-- // "Gov. John Kasich (R-OH), said"
	}
	if toks[j].text == ")" {
		// "Elizabeth Warren (D-MA) said": skip the parenthesis.
		k := j - 1
		for k > lo && toks[k].text != "(" && j-k < 12 {
			k--
		}
		if k > lo && toks[k].text == "(" {
			return phraseEndingAt(toks, lo, k-1)
		}
		return speakerPhrase{}, false
	}
	if toks[j].text == "," {
		// "Cummings, D-Md., said": the tag is no apposition.
		for k := j - 1; k > lo && j-k <= 3; k-- {
			if toks[k].text == "," && partyTag(toks, k+1, j) {
				return phraseEndingAt(toks, lo, k-1)
			}
		}
		// "the UN Secretary-General, António Guterres, told": the name.
		if sp, ok := roleCommaName(toks, lo, j); ok {
			return sp, true
		}
		// Apposition: the nearest comma with an apposition opener after it
		// and a speaker-like phrase before it; organisations and places
		// inside the apposition ("at the University of Kent, the …") are
		// skipped so the search reaches the person.
		for k := j - 1; k > lo; k-- {
			if toks[k].text != "," || toks[k].quote >= 0 {
				continue
			}
			if j-k > 45 {
				break
			}
			if !appositionOpener(toks, k+1, j) {
				continue
			}
			// "Cummings (D-Md.), chair of …": the name before the tag.
			if sp, ok := phraseEndingAt(toks, lo, beforeParenTag(toks, lo, k-1)); ok && !orgWords[toks[sp.head].lower] {
				// "Omar Lamrani, a senior analyst at Stratfor, the Texas-based
				// firm, told …": a name opening the clause further back is
				// the speaker, the nearer one is inside the apposition.
				if sp.a > lo {
					for k2 := sp.a - 1; k2 > lo && j-k2 <= 45; k2-- {
						if toks[k2].text != "," || toks[k2].quote >= 0 || !appositionOpener(toks, k2+1, j) {
							continue
						}
						if far, ok := phraseEndingAt(toks, lo, k2-1); ok && far.a == lo && toks[far.head].capitalized() && !orgWords[toks[far.head].lower] {
							return far, true
						}
					}
				}
				return sp, true
			}
		}
		return speakerPhrase{}, false
	}
	if toks[j].lower == "and" || toks[j].lower == "but" {
		return clauseSubject(toks, lo, j)
	}
	if toks[j].lower == "who" && j-1 > lo && toks[j-1].text == "," {
		ante, ok := phraseEndingAt(toks, lo, j-2)
		if !ok {
			return speakerPhrase{}, false
		}
		ante = personBeforePlace(toks, ante)
		return speakerPhrase{a: j, b: j + 1, head: j, ante: &ante}, true
	}
	// "Washington-based analysts who have done the calculations say": a
	// relative clause without commas between the speaker and the cue.
	for w := j - 1; w > lo && w >= j-8; w-- {
		t := toks[w]
		if !t.isWord() || t.quote >= 0 || t.capitalized() {
			break
		}
		if t.lower != "who" {
			continue
		}
		if outer, ok := phraseEndingAt(toks, lo, w-1); ok && !pronouns[toks[outer.head].lower] && (groupNouns[toks[outer.head].lower] || strings.HasSuffix(toks[outer.head].lower, "s") || toks[outer.head].capitalized()) {
			outer.b = j + 1
			return outer, true
		}
		break
	}
	if k, ok := nameSuffixAt(toks, lo, j); ok {
		sp, ok := phraseEndingAt(toks, lo, k)
		sp.b = j + 1
		return sp, ok
	}
	sp, ok := phraseEndingAt(toks, lo, j)
	if !ok {
		return sp, false
	}
	// "Health authorities in Inner Mongolia said": the authorities speak.
	if sp.a-2 >= lo && (toks[sp.a-1].lower == "in" || toks[sp.a-1].lower == "from" || toks[sp.a-1].lower == "at" || toks[sp.a-1].lower == "inside" || toks[sp.a-1].lower == "within" || toks[sp.a-1].lower == "across") && (groupNouns[toks[sp.a-2].lower] || strings.HasSuffix(toks[sp.a-2].lower, "s")) && (!toks[sp.a-2].capitalized() || sp.a-2 == lo) {
		if outer, ok2 := phraseEndingAt(toks, lo, sp.a-2); ok2 {
			outer.b = sp.b
			sp = outer
		}
	} else if sp.a-2 > lo && (toks[sp.a-1].lower == "with" || toks[sp.a-1].lower == "to" || toks[sp.a-1].lower == "on" || toks[sp.a-1].lower == "in") && familiarWords[toks[sp.a-2].lower] {
		// "people familiar with the talks said": the people speak, not the talks.
		if outer, ok2 := phraseEndingAt(toks, lo, sp.a-3); ok2 {
			outer.b = sp.b
			sp = outer
		}
	}
	if g, ok2 := groupOfList(toks, lo, sp); ok2 {
		return g, true
	}
	// "Volker and Morrison said", "The UN and the EU stressed", "analysts
	// and sources in the camp told": both speak.
	if sp.a-2 >= lo && toks[sp.a-1].lower == "and" && (toks[sp.head].capitalized() || groupNouns[toks[sp.head].lower]) {
		if left, ok2 := phraseEndingAt(toks, lo, sp.a-2); ok2 && (toks[left.head].capitalized() == toks[sp.head].capitalized()) && !pronouns[toks[left.head].lower] &&
			(left.a == lo || toks[left.a-1].text == "," || clauseOpeners[toks[left.a-1].lower]) {
			return speakerPhrase{a: left.a, b: sp.b, head: sp.head, and: sp.a - 1}, true
		}
	}
	return sp, ok
}

// personBeforePlace skips a place that only says where the antecedent is
// from: in "Nicky Driscoll, 24, from Manchester, who said", who is Nicky
// Driscoll. The person is the capitalised phrase ending before an earlier
// comma.
func personBeforePlace(toks []token, ante speakerPhrase) speakerPhrase {
	if ante.a < 2 {
		return ante
	}
	switch toks[ante.a-1].lower {
	case "from", "in", "of", "at":
	default:
		return ante
	}
	// The clause start lo may be the comma after the name: look back
	// across it, within the sentence.
	for k := ante.a - 2; k > 0 && ante.a-k < 12; k-- {
		if t := toks[k]; t.kind == tokBreak || t.text == "." || t.quote >= 0 {
			break
		}
		if toks[k].text != "," {
			continue
		}
		if p, ok := phraseEndingAt(toks, max(0, k-6), k-1); ok && toks[p.head].capitalized() && !pronouns[toks[p.head].lower] {
			return p
		}
	}
	return ante
}

// appositionOpener reports whether toks[a:b] reads like an apposition: "an
// associate researcher at …", "who …", "professor of …", "Russia's envoy".
func appositionOpener(toks []token, a, b int) bool {
	if a >= b || !toks[a].isWord() {
		return false
	}
	w := toks[a].lower
	switch w {
	case "a", "an", "the", "who", "whose", "one", "also", "now", "then", "himself", "herself", "both",
		"in", "at", "on", "during", "speaking", "writing", "according", "for", "from", "with", "after", "before",
		"like", "whom", "which", "along", "interviewed", "asked", "reached", "responding", "appearing", "its", "his", "her", "their":
		return true
	}
	if strings.HasSuffix(w, "ing") && len(w) > 5 {
		return true
	}
	if groupNouns[w] || nounModifiers[w] || honorifics[w] {
		return true
	}
	if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return true
	}
	// "program administrator for the …", "head of …": role nouns then a
	// preposition.
	if !toks[a].capitalized() && !stopHeads[w] && !strings.HasSuffix(w, "ly") {
		for i := a + 1; i < b && i < a+4 && toks[i].isWord(); i++ {
			if l := toks[i].lower; l == "for" || l == "of" || l == "at" {
				return i > a
			}
			if stopHeads[toks[i].lower] || toks[i].capitalized() {
				break
			}
		}
	}
	// "Hong Kong's new police commissioner": a multi-word possessive name.
	for i := a + 1; i < b && i < a+3 && toks[i-1].capitalized(); i++ {
		if toks[i].capitalized() && isPossessive(toks[i].lower) {
			return true
		}
	}
	// "a Shanghai-based researcher" starts with an article; a bare age "45".
	return isDigits(w)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// phraseEndingAt builds the speaker phrase whose head is toks[h].
func phraseEndingAt(toks []token, lo, h int) (speakerPhrase, bool) {
	if h < lo || h < 0 || !toks[h].isWord() || toks[h].quote >= 0 {
		return speakerPhrase{}, false
	}
	t := toks[h]
	sp := speakerPhrase{a: h, b: h + 1, head: h}
	switch {
	case pronouns[t.lower] && !isAcronym(t.text):
		return sp, true
	case t.capitalized() && (!notNames[t.lower] || isAcronym(t.text)) || particleName(t):
		a := h
		for a-1 >= lo {
			p := toks[a-1]
			if nameWord(p) || p.isWord() && (nounModifiers[p.lower] || groupNouns[p.lower]) && !determiners[p.lower] {
				a--
				continue
			}
			// "Mr. Wang": the abbreviation's period.
			if p.text == "." && a-2 >= lo && abbreviations[toks[a-2].lower] {
				a -= 2
				continue
			}
			if p.text == "-" && a-2 >= lo && (toks[a-2].capitalized() || nameParticles[toks[a-2].text]) {
				a -= 2
				continue
			}
			// "Abdel Fattah al-Sisi", "Ursula von der Leyen": lower-case
			// particles inside a name.
			if nameParticles[p.text] && a-2 >= lo && toks[a-2].capitalized() && !notNames[toks[a-2].lower] {
				a--
				continue
			}
			// "his friend Mahamat Oumar", "the ministry spokesman Li": a role
			// noun after a possessive or article belongs to the phrase.
			if p.isWord() && !p.capitalized() && !stopHeads[p.lower] && a-2 >= lo && (possessivePronouns[toks[a-2].lower] || isPossessive(toks[a-2].lower) || articles[toks[a-2].lower]) {
				a -= 2
				break
			}
			// "High Commissioner for Human Rights", "Ministry of Foreign Affairs".
			if (p.lower == "of" || p.lower == "for") && a-2 >= lo && toks[a-2].capitalized() && !notNames[toks[a-2].lower] {
				a -= 2
				continue
			}
			// "Wee of the Times", "the Ministry of the Interior".
			if p.lower == "the" && a-3 >= lo && (toks[a-2].lower == "of" || toks[a-2].lower == "for") && toks[a-3].capitalized() && !notNames[toks[a-3].lower] {
				a -= 3
				continue
			}
			if n := titleToPlace(toks, lo, a); n > 0 {
				a -= n
				continue
			}
			break
		}
		// "UN aid chief Martin Griffiths": the role's own modifiers, back to
		// its article, possessive or comma.
		if a < h && roleNouns[toks[a].lower] {
			a = roleStart(toks, lo, a)
		}
		// "China's ambassador to Britain", "the envoy to the UN": the role
		// is the head; the place after "to" is where the person is sent.
		k := a - 1
		if k-1 >= lo && toks[k].lower == "the" && toks[k-1].lower == "to" {
			k--
		} else if k < lo || toks[k].lower != "to" {
			k = -1
		}
		if k > lo && toks[k-1].isWord() && !toks[k-1].capitalized() && (groupNouns[toks[k-1].lower] || loadGazetteer().titleWords[toks[k-1].lower]) && isPlaceOrBody(strings.Join(wordsOf(toks, a, h+1), " ")) {
			role := k - 1
			a = role
			for a-1 >= lo && toks[a-1].isWord() && (nounModifiers[toks[a-1].lower] || isPossessive(toks[a-1].lower) || articles[toks[a-1].lower] || nameWord(toks[a-1])) {
				a--
			}
			sp.a, sp.head = a, role
			return sp, true
		}
		// "a spokesperson for the British Foreign Office", "officials at
		// the Pentagon": the role speaks for the institution.
		if a-3 >= lo && toks[a-1].lower == "the" && (toks[a-2].lower == "for" || toks[a-2].lower == "at" || toks[a-2].lower == "of") && groupNouns[toks[a-3].lower] && !toks[a-3].capitalized() && !orgWords[toks[a-3].lower] {
			a -= 3
		}
		// "one senior Democrat", "a Republican", "the Arizona senator".
		if a-1 >= lo && toks[a-1].isWord() && (articles[toks[a-1].lower] || quantifiers[toks[a-1].lower]) {
			a--
		}
		sp.a = a
		return sp, true
	case groupNouns[t.lower] || isPossessive(t.lower):
		a := h
		for a-1 >= lo {
			p := toks[a-1]
			if nameWord(p) || p.isWord() && (nounModifiers[p.lower] || groupNouns[p.lower] || isPossessive(p.lower)) {
				a--
				continue
			}
			// "a senior U.S. official": the abbreviation's period.
			if p.text == "." && a-2 >= lo && abbreviations[toks[a-2].lower] && toks[a-2].capitalized() {
				a -= 2
				continue
			}
			break
		}
		// "China's commerce ministry", "the city's police chief": plain
		// nouns between a possessive or article and the head.
		for m, words := a-1, 0; m >= lo && words <= 3; m, words = m-1, words+1 {
			if isPossessive(toks[m].lower) || articles[toks[m].lower] {
				if m < a-1 {
					a = m
				}
				// "the world body's aid chief": the possessor's own article.
				if isPossessive(toks[m].lower) && m-2 >= lo && articles[toks[m-2].lower] && toks[m-1].isWord() && !toks[m-1].capitalized() {
					a = m - 2
				}
				break
			}
			if toks[m].text == "." && m-1 >= lo && abbreviations[toks[m-1].lower] && toks[m-1].capitalized() {
				m-- // "the U.N. humanitarian office"
				continue
			}
			if !toks[m].isWord() || stopHeads[toks[m].lower] || toks[m].capitalized() || words >= 2 {
				break
			}
		}
		if a-1 >= lo && determiners[toks[a-1].lower] {
			a--
		}
		// "one of the people", "two of the diplomats": a part of a group
		// named before.
		if a-2 >= lo && toks[a].lower == "the" && toks[a-1].lower == "of" && quantifiers[toks[a-2].lower] {
			a -= 2
		}
		sp.a = a
		return sp, true
	case t.isWord() && !stopHeads[t.lower] && !strings.HasSuffix(t.lower, "ly"):
		// A common noun after a determiner: "the company said".
		for a := h - 1; a >= lo && a >= h-4; a-- {
			p := toks[a]
			if p.text == "." && a-1 >= lo && abbreviations[toks[a-1].lower] && toks[a-1].capitalized() {
				continue // "the U.N. aid chief"
			}
			if determiners[p.lower] || isPossessive(p.lower) || p.lower == "his" || p.lower == "her" || p.lower == "their" || p.lower == "its" || (p.lower == "both" || quantifiers[p.lower] && strings.HasSuffix(t.lower, "s")) && a == h-1 {
				sp.a = a
				if isPossessive(p.lower) && a-1 >= lo && articles[toks[a-1].lower] {
					sp.a = a - 1 // "the alliance's secretary general"
				}
				return sp, true
			}
			// "Health bosses said", "Israeli settlers, who …, said": a
			// capitalized modifier opening the clause.
			if a == lo && a == h-1 && nameWord(p) && !pronouns[p.lower] && strings.HasSuffix(t.lower, "s") {
				sp.a = a
				return sp, true
			}
			// "one Weibo commenter", "a Chinese diplomat".
			if p.capitalized() && a-1 >= lo && (articles[toks[a-1].lower] || toks[a-1].lower == "one" || toks[a-1].lower == "another") {
				sp.a = a - 1
				return sp, true
			}
			if !p.isWord() || stopHeads[p.lower] {
				break
			}
		}
	}
	return speakerPhrase{}, false
}

func isPossessive(w string) bool {
	return len(w) > 2 && (strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s"))
}

// resolvedSpeaker is the canonical speaker of one attribution.
type resolvedSpeaker struct {
	name   string
	person *person // nil for groups and unresolved phrases
	// unresolved marks a pronoun with no antecedent: the statement is kept
	// with its speaker mention but no speaker name, rather than naming
	// "he", "I" or "they" as a speaker.
	unresolved bool
}

// resolve maps the phrase to a canonical speaker. pos is the phrase's
// code-point offset (for pronouns); prev is the latest statement speaker.
func (pp *people) resolve(toks []token, sp speakerPhrase, prev *resolvedSpeaker, prevNear bool) resolvedSpeaker {
	if sp.ante != nil {
		sp = *sp.ante
	}
	if sp.and > sp.a {
		if toks[sp.a].lower == "both" {
			sp.a++ // "both X and Y" names X and Y
		}
		left := pp.resolve(toks, speakerPhrase{a: sp.a, b: sp.and, head: sp.and - 1}, nil, false)
		right := pp.resolve(toks, speakerPhrase{a: sp.and + 1, b: sp.b, head: sp.head}, nil, false)
		return resolvedSpeaker{name: left.name + " and " + right.name}
	}
	// "a statement from the ministry said": the ministry.
	for i := sp.a; i < sp.b-1; i++ {
		if src, ok := documentSource(toks, i, sp.b); ok && src.a > i {
			return pp.resolve(toks, src, prev, prevNear)
		}
	}
	head := toks[sp.head]
	if pronouns[head.lower] && sp.b-sp.a == 1 {
		switch {
		case personalPronoun[head.lower]:
			want := pronounGender(head.lower)
			if prev != nil && prev.person != nil && prevNear && compatible(prev.person.gender, want) {
				return *prev
			}
			if p := pp.lastPersonBefore(int(head.s), want); p != nil {
				return resolvedSpeaker{name: p.name, person: p}
			}
		case pronounTable[head.lower].antecedent == "group":
			// "The ministry said … It added …": an organisation or group
			// keeps speaking.
			if prev != nil && prev.person == nil && prevNear && !prev.unresolved {
				return *prev
			}
		}
		return resolvedSpeaker{unresolved: true}
	}
	// "the Foreign Ministry statement read": the ministry.
	if documentNouns[head.lower] && sp.head-1 > sp.a && toks[sp.head-1].capitalized() {
		return pp.resolve(toks, speakerPhrase{a: sp.a, b: sp.head, head: sp.head - 1}, prev, prevNear)
	}
	// "the statement said": the statement of whoever spoke just before.
	if head.lower == "statement" && sp.b-sp.a == 2 && toks[sp.a].lower == "the" && prev != nil && prevNear {
		return *prev
	}
	// "China's ambassador to Britain": the role, not the destination.
	if to := destinationAt(toks, sp); to > 0 {
		sp.b, sp.head = to, to-1
		head = toks[sp.head]
	}
	words := make([]string, 0, sp.b-sp.a)
	for i := sp.a; i < sp.b; i++ {
		if toks[i].isWord() {
			words = append(words, toks[i].text)
		} else if toks[i].text == "." && len(words) > 0 && i > sp.a && abbreviations[toks[i-1].lower] {
			words[len(words)-1] += "." // "U.N." keeps its period
		}
	}
	if name, ok := pp.countryMinistry(words); ok {
		return resolvedSpeaker{name: name}
	}
	if (head.capitalized() || particleName(head)) && !groupNouns[head.lower] || head.capitalized() && sp.b-sp.a > 1 && toks[sp.b-2].capitalized() && !honorifics[toks[sp.b-2].lower] {
		pp.at = int(toks[sp.a].s)
		p := pp.resolveName(words)
		pp.at = -1
		if p != nil {
			return resolvedSpeaker{name: p.name, person: p}
		}
		// An organisation or a country speaking: "the European Union said",
		// "the UK welcomed …" (the country's canonical name).
		phrase := strings.Join(trimDeterminers(words), " ")
		if full, ok := pp.acronyms[phrase]; ok {
			return resolvedSpeaker{name: full}
		}
		if o, ok := OrganizationOf(phrase); ok {
			return resolvedSpeaker{name: o}
		}
		if c, ok := pp.countryOf(phrase); ok && !metonyms[strings.ToLower(phrase)] && (!orgWords[strings.ToLower(words[len(words)-1])] || strings.HasSuffix(c, words[len(words)-1])) {
			return resolvedSpeaker{name: c} // but "the White House" stays itself
		}
		if orgWords[strings.ToLower(words[len(words)-1])] {
			return resolvedSpeaker{name: phrase}
		}
		// "the Agency for Coastal Safety": of/for between capitalized words
		// makes an institution's name; keep it whole.
		for i := 1; i+1 < len(words); i++ {
			if lw := strings.ToLower(words[i]); (lw == "of" || lw == "for") && isCapitalizedWord(words[i-1]) && isCapitalizedWord(words[i+1]) {
				return resolvedSpeaker{name: phrase}
			}
		}
		// An unknown name: drop titles and nationality in front, unless it
		// names an institution ("American Farm Bureau Federation").
		if orgWords[strings.ToLower(words[len(words)-1])] || len(words) > 2 && hasOrgWord(words[1:]) {
			return resolvedSpeaker{name: phrase}
		}
		i := 0
		for i < len(words)-1 {
			lw := strings.ToLower(words[i])
			if _, ok := pp.countryOf(strings.TrimSuffix(strings.TrimSuffix(words[i], "'s"), "’s")); ok || honorifics[lw] || loadGazetteer().titleWords[lw] || loadGazetteer().common[words[i]] && knownGivenName(words[i+1]) || nounModifiers[lw] || groupNouns[lw] || determiners[lw] || isPossessive(lw) {
				i++
				continue
			}
			break
		}
		return resolvedSpeaker{name: strings.Join(words[i:], " ")}
	}
	// Role phrase: "Russia's top diplomat", "the Chinese foreign minister".
	country := ""
	var roleWords []string
	for _, w := range words {
		lw := strings.ToLower(w)
		base := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if c, ok := pp.countryOf(base); ok && country == "" {
			country = c
			continue
		}
		if determiners[lw] {
			continue
		}
		roleWords = append(roleWords, lw)
	}
	if len(roleWords) > 0 && !strings.HasSuffix(roleWords[len(roleWords)-1], "s") || len(roleWords) > 0 && roleWords[len(roleWords)-1] == "ambassadors" {
		if title := roleTitle(roleWords); title != "" {
			if p := pp.resolveRole(title, country); p != nil {
				return resolvedSpeaker{name: p.name, person: p}
			}
			if p := pp.titledPerson(toks, title); p != nil && country == "" && len(roleWords) == 1 {
				return resolvedSpeaker{name: p.name, person: p}
			}
		}
	}
	// A group or an unresolved role, as written, without the article; a
	// list keeps its commas ("foreign ministers of Egypt, Jordan and …").
	if listInPhrase(toks, sp) {
		i := sp.a
		for i < sp.b-1 && (determiners[toks[i].lower] || possessivePronouns[toks[i].lower]) {
			i++
		}
		return resolvedSpeaker{name: joinTokens(toks, i, sp.b)}
	}
	return resolvedSpeaker{name: groupName(words)}
}

// isPlaceOrBody reports a country, place or organisation name: where an
// envoy is sent ("Britain", "the European Union"), not a person's name.
func isPlaceOrBody(name string) bool {
	if _, ok := CountryOf(name); ok {
		return true
	}
	if _, ok := OrganizationOf(name); ok {
		return true
	}
	e := loadGazetteer().lookupSurface(name)
	return e != nil && e.kind == gazPlace
}

// destinationAt returns the index of "to" in a role phrase whose role is
// followed by where the person is sent ("ambassador to Britain", "envoy to
// the UN"), or -1.
func destinationAt(toks []token, sp speakerPhrase) int {
	for i := sp.a + 1; i+1 < sp.b; i++ {
		if toks[i].lower == "to" && toks[i-1].isWord() && !toks[i-1].capitalized() && (toks[i+1].capitalized() || toks[i+1].lower == "the") {
			return i
		}
	}
	return -1
}

// countryMinistry names a country's ministry as the country's wire
// services do: "Russia's foreign ministry" → "Russian Foreign Ministry",
// so one ministry has one speaker name however the article writes it.
func (pp *people) countryMinistry(words []string) (string, bool) {
	words = trimDeterminers(words)
	// The possessive may close a country of two words ("South Korea's").
	i := 0
	for i < len(words)-1 && i < 2 && !isPossessive(words[i]) {
		i++
	}
	if len(words) < i+2 || !isPossessive(words[i]) || !institutionAfter(words[i+1:]) {
		return "", false
	}
	country := strings.Join(append(append([]string{}, words[:i]...), strings.TrimSuffix(strings.TrimSuffix(words[i], "'s"), "’s")), " ")
	c, ok := pp.countryOf(country)
	adj := loadGazetteer().adjectives[c]
	if !ok || adj == "" {
		return "", false
	}
	out := []string{adj}
	for _, w := range words[i+1:] {
		if w == "of" || w == "for" || w == "the" {
			out = append(out, w)
			continue
		}
		out = append(out, strings.ToUpper(w[:1])+w[1:])
	}
	return strings.Join(out, " "), true
}

// institutionAfter: what follows a country's possessive names one of its
// institutions ("foreign ministry", "air force", "Joint Chiefs of Staff").
func institutionAfter(words []string) bool {
	last := strings.ToLower(words[len(words)-1])
	if last == "ministry" || last == "military" || orgWords[last] {
		return true
	}
	if len(words) < 2 {
		return false
	}
	g := loadGazetteer()
	for _, w := range words {
		lw := strings.ToLower(w)
		if w != "of" && w != "for" && w != "the" && !isCapitalizedWord(w) || g.titleWords[lw] || honorifics[lw] || knownGivenName(w) {
			return false // "Kenya's President David Mwangi" is a person
		}
	}
	return true
}

// roleTitle finds the canonical title in a role phrase, longest suffix first.
func roleTitle(words []string) string {
	for i := 0; i < len(words); i++ {
		phrase := strings.Join(words[i:], " ")
		if t, ok := TitleOf(phrase); ok {
			return t
		}
		if t, ok := titleFallback[phrase]; ok {
			return t
		}
	}
	return ""
}

// clauseSubject finds the subject of a coordinated verb phrase: "Rubio
// thanked Miami and said …" → "Rubio".
func clauseSubject(toks []token, lo, conj int) (speakerPhrase, bool) {
	k := conj - 1
	for k > lo && toks[k].text != "," && toks[k].text != ";" && !(toks[k].isWord() && clauseOpeners[toks[k].lower] && k < conj-1) && conj-k < 30 {
		k--
	}
	if toks[k].text == "," || toks[k].text == ";" || clauseOpeners[toks[k].lower] {
		k++
	}
	return subjectFrom(toks, k, conj)
}

// subjectFrom reads the subject at the start of a clause: a pronoun or a
// capitalized name followed by a lower-case word.
func subjectFrom(toks []token, k, conj int) (speakerPhrase, bool) {
	for k < conj && toks[k].isWord() && clauseOpeners[toks[k].lower] {
		k++
	}
	// "Last week State Department official David Holmes revealed …".
	if k+2 < conj && (toks[k].lower == "last" || toks[k].lower == "this" || toks[k].lower == "next" || toks[k].lower == "earlier") && (stopHeads[toks[k+1].lower] || notNames[toks[k+1].lower]) && toks[k+1].isWord() {
		k += 2
	}
	if k >= conj {
		return speakerPhrase{}, false
	}
	if pronouns[toks[k].lower] {
		return speakerPhrase{a: k, b: k + 1, head: k}, true
	}
	// "Many businesses agree …": a count word and its noun.
	if (quantifiers[toks[k].lower] || toks[k].lower == "both" || toks[k].lower == "all") && k+2 < conj && toks[k+1].isWord() && !toks[k+1].capitalized() && !stopHeads[toks[k+1].lower] {
		return speakerPhrase{a: k, b: k + 2, head: k + 1}, toks[k+2].isWord() && !toks[k+2].capitalized()
	}
	e := k
	if determiners[toks[k].lower] && k+1 < conj {
		// "The Arizona Republican survived … and says …".
		e = k + 1
		for e < conj && (toks[e].capitalized() || groupNouns[toks[e].lower] || nounModifiers[toks[e].lower]) {
			e++
		}
		if e == k+1 || !(toks[e-1].capitalized() || groupNouns[toks[e-1].lower]) {
			return speakerPhrase{}, false
		}
		return speakerPhrase{a: k, b: e, head: e - 1}, e < conj && toks[e].isWord() && !toks[e].capitalized()
	}
	if toks[k].capitalized() && (strings.HasSuffix(toks[k].lower, "ing") || timeWords[toks[k].lower]) {
		return speakerPhrase{}, false // "Speaking in Ohio, …", "Hours later, …"
	}
	for e < conj && (toks[e].capitalized() && !notNames[toks[e].lower] || toks[e].text == "." && e > k && abbreviations[toks[e-1].lower]) {
		e++
	}
	// "White House press secretary Josh Earnest": role words between the
	// institution and the name.
	if e > k {
		m := e
		for m < conj && m < e+3 && toks[m].isWord() && !toks[m].capitalized() && (groupNouns[toks[m].lower] || nounModifiers[toks[m].lower] || honorifics[toks[m].lower]) {
			m++
		}
		if m < conj && !toks[m].capitalized() {
			m = roleWordsEnd(toks, e, conj) // "EU foreign policy chief Josep Borrell"
		}
		if m > e && m < conj && toks[m].capitalized() && !notNames[toks[m].lower] {
			e = m
			for e < conj && (toks[e].capitalized() && !notNames[toks[e].lower] || toks[e].text == "." && abbreviations[toks[e-1].lower]) {
				e++
			}
		}
	}
	if e == k || e >= conj || toks[e].capitalized() || !toks[e].isWord() {
		return speakerPhrase{}, false
	}
	return speakerPhrase{a: k, b: e, head: e - 1}, true
}

// groupName writes a group or role speaker as the article does, without
// the leading article, count word or possessive pronoun: "One
// Washington-based trade expert" → "Washington-based trade expert", "his
// spokesman" → "spokesman".
func groupName(words []string) string {
	i := 0
	for i < len(words)-1 {
		lw := strings.ToLower(words[i])
		if !determiners[lw] && lw != "one" && lw != "another" && !possessivePronouns[lw] {
			break
		}
		i++
		// "one of the diplomats" with nobody named before: the diplomats.
		if lw == "one" && i+1 < len(words)-1 && strings.EqualFold(words[i], "of") && determiners[strings.ToLower(words[i+1])] {
			i += 2
		}
	}
	return strings.Join(words[i:], " ")
}

func trimDeterminers(words []string) []string {
	for len(words) > 1 && determiners[strings.ToLower(words[0])] {
		words = words[1:]
	}
	return words
}

var articles = wordSet("data/articles.txt")

var timeWords = wordSet("data/time_words.txt")

// nameWord reports a capitalised word that may belong to a name or title
// phrase: not a function word ("Who", "There"), but an acronym that looks
// like one is ("WHO Director-General …").
func nameWord(t token) bool {
	return t.capitalized() && (!notNames[t.lower] || isAcronym(t.text)) || particleName(t)
}

// particleName: "al-Sisi", "el-Baradei", "bin-Salman" are names though
// they start in lower case.
func particleName(t token) bool {
	pre, rest, ok := strings.Cut(t.text, "-")
	return ok && nameParticles[pre] && startsUpper(rest)
}

// nameSuffixAt steps back over a name suffix ending at j ("Ferdinand Marcos
// Jr. vowed"): the name's last word, so the phrase keeps the suffix.
func nameSuffixAt(toks []token, lo, j int) (int, bool) {
	if j-2 < lo || toks[j].text != "." || toks[j-1].text != "Jr" && toks[j-1].text != "Sr" || !toks[j-2].capitalized() {
		return 0, false
	}
	return j - 2, true
}

// titleToPlace is the length of a capitalised title and "to (the)" right
// before a, in a role written before the name: "Permanent Representative to
// the UN Vasily Nebenzia", "Special Envoy to Syria Geir Pedersen"; 0 if none.
func titleToPlace(toks []token, lo, a int) int {
	n := 1
	if a-1 >= lo && toks[a-1].lower == "the" {
		n = 2
	}
	t := a - n - 1
	if t < lo || toks[a-n].lower != "to" || !toks[t].capitalized() || !loadGazetteer().titleWords[toks[t].lower] {
		return 0
	}
	return n + 1
}

// roleWordsEnd is the end of up to four lower-case words from e that end
// in a role noun right before a capitalised name ("foreign policy chief" in
// "EU foreign policy chief Josep Borrell"), or e if there are none.
func roleWordsEnd(toks []token, e, conj int) int {
	for m := e; m < conj && m < e+4 && toks[m].isWord() && !toks[m].capitalized() && toks[m].quote < 0 && !stopHeads[toks[m].lower]; m++ {
		if roleNouns[toks[m].lower] && m+1 < conj && toks[m+1].capitalized() {
			return m + 1
		}
	}
	return e
}

// groupOfList reads "the foreign ministers of Egypt, Jordan and Saudi Arabia
// said": sp is the list's last item; the group before "of" speaks.
func groupOfList(toks []token, lo int, sp speakerPhrase) (speakerPhrase, bool) {
	if sp.a-2 < lo || toks[sp.a-1].lower != "and" || !toks[sp.head].capitalized() {
		return speakerPhrase{}, false
	}
	m := sp.a - 2
	for m > lo && sp.a-m < 14 && (toks[m].text == "," && toks[m].quote < 0 || toks[m].capitalized()) {
		m--
	}
	if m-1 < lo || toks[m].lower != "of" || !groupNouns[toks[m-1].lower] || !strings.HasSuffix(toks[m-1].lower, "s") {
		return speakerPhrase{}, false
	}
	g, ok := phraseEndingAt(toks, lo, m-1)
	if !ok {
		return speakerPhrase{}, false
	}
	g.b = sp.b
	return g, true
}

// listInPhrase reports a comma inside a group speaker phrase: a list of
// countries after "of".
func listInPhrase(toks []token, sp speakerPhrase) bool {
	for i := sp.a; i < sp.b; i++ {
		if toks[i].text == "," {
			return true
		}
	}
	return false
}
