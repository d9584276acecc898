package summarize

import (
	"strings"
	"unicode/utf8"
)

// This file turns capitalised runs into people: evidence (titles,
// appositions, speech verbs, name shape), role and affiliation, and
// surname linking to the full name.

// markHeadlines flags tokens on Title Case lines, where capitalisation
// says nothing about names ("Washington Post Hit Piece Exploits ...").
func (sc *actorScan) markHeadlines() {
	toks := sc.toks
	for a := 0; a < len(toks); {
		b := a + 1
		for b < len(toks) && !toks[b].paraBreak {
			b++
		}
		// Headlines are short: long paragraphs need no counting.
		if b-a > 60 {
			a = b
			continue
		}
		// Title Case keeps only short function words in lower case; a line
		// with other lower-case words ("He met Glenn Beck") is a sentence.
		caps, lower := 0, 0
		for j := a; j < b; j++ {
			if toks[j].kind != actWord {
				continue
			}
			switch {
			case toks[j].upper:
				caps++
			case !isTitleCaseLower(sc.tt(j)) && !(j > 0 && sc.tt(j-1) == "-"):
				lower++
			}
		}
		if caps >= 4 && lower*8 <= caps {
			for j := a; j < b; j++ {
				sc.headline[j] = true
			}
		}
		a = b
	}
}

// isTitleCaseLower reports the words Title Case leaves in lower case. A
// switch, not a map: it runs on every lower-case word.
func isTitleCaseLower(w string) bool {
	if len(w) > 4 {
		return false
	}
	switch w {
	case "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
		"from", "as", "vs", "via", "into", "over", "up", "per", "nor", "s":
		return true
	}
	return false
}

// nameShaped reports a run that looks like a personal name on its own: two
// or three capitalised words in running text, none a word that names
// things ("Initiative", "Street") or a shouted acronym.
func (sc *actorScan) nameShaped(r *actRun) bool {
	if sc.headline[r.a] || r.known != nil {
		return false
	}
	words := 0
	for j := r.a; j < r.b; j++ {
		t := sc.toks[j]
		if t.kind != actWord {
			continue
		}
		if nameParticles[sc.tt(j)] {
			continue
		}
		w := sc.tt(j)
		if !t.upper || t.allUpper || nonNameWords[w] || orgHeads[w] {
			return false
		}
		words++
	}
	return words >= 2 && words <= 3
}

// confirmShapedNames gives evidence to name-shaped runs none of whose words
// the text also writes in lower case: "Arms Control" is not a person when
// "arms control" appears elsewhere. One pass over the tokens, and only when
// some run needs it.
func (sc *actorScan) confirmShapedNames() {
	var words map[string]bool
	for i := range sc.runs {
		r := &sc.runs[i]
		if !r.shaped {
			continue
		}
		if words == nil {
			words = map[string]bool{}
		}
		for j := r.a; j < r.b; j++ {
			if w := strings.ToLower(sc.tt(j)); sc.toks[j].kind == actWord && !nameParticles[w] {
				words[w] = false
			}
		}
	}
	if words == nil {
		return
	}
	// Only lower-case words with a candidate's first letter and length can
	// match: check those two bytes before the map.
	var firsts [256]bool
	var lengths uint64
	for w := range words {
		firsts[w[0]] = true
		lengths |= 1 << min(len(w), 63)
	}
	for j, t := range sc.toks {
		if t.kind != actWord || t.upper || !firsts[sc.text[t.bs]] || lengths&(1<<min(t.be-t.bs, 63)) == 0 {
			continue
		}
		if _, ok := words[sc.tt(j)]; ok {
			words[sc.tt(j)] = true
		}
	}
	for i := range sc.runs {
		r := &sc.runs[i]
		if !r.shaped {
			continue
		}
		r.evidence = true
		for j := r.a; j < r.b; j++ {
			if sc.toks[j].kind == actWord && words[strings.ToLower(sc.tt(j))] {
				r.evidence = false
				break
			}
		}
	}
}

// nameToken reports whether toks[i] can be part of a person's name.
func (sc *actorScan) nameToken(i int) bool {
	t := sc.toks[i]
	if t.kind != actWord || !t.upper || sc.entityAt[i] != 0 || sc.titleAt[i] != 0 && !sc.surnameTitle(i) {
		return false
	}
	w := sc.tt(i)
	bits := sc.g.nameWords.exact[w] // the lists below, in one lookup
	if bits&(nwActHonorific|nwOrgHead) != 0 {
		return false
	}
	// "He Yadong", "Liu He": a family name that is also a common word
	// ("He") is a name inside a sentence next to another name word.
	if bits&nwCommon != 0 && !(bits&nwSurname != 0 && !t.sentStart && sc.nextToNameWord(i)) {
		return false
	}
	// Contractions ("I’ve", "We'll") are not names.
	if k := strings.LastIndexAny(w, "'’"); k > 0 && contractionTails[strings.ToLower(strings.TrimLeft(w[k:], "'’"))] {
		return false
	}
	// Shouted words ("OUR") and acronyms are not names.
	if t.allUpper && len(w) > 1 {
		return false
	}
	r := w[0]
	return !(r >= '0' && r <= '9')
}

// adjacent reports whether toks[i] and toks[j] touch with no space.
func (sc *actorScan) adjacent(i, j int) bool {
	return sc.toks[i].be == sc.toks[j].bs
}

func (sc *actorScan) findRuns() {
	toks := sc.toks
	for i := 0; i < len(toks); {
		// Known people from the gazetteer are runs with evidence.
		if k := sc.entityAt[i]; k != 0 && sc.entities[k-1].kind == gazPerson {
			e := sc.entities[k-1]
			run := actRun{a: e.a, b: e.b, ma: e.a, evidence: true, known: e.entry, person: -1}
			if e.a >= 2 && sc.tt(e.a-1) == "." && actHonorifics[sc.tt(e.a-2)] {
				run.ma = e.a - 2
			}
			sc.runs = append(sc.runs, run)
			i = e.b
			continue
		}
		// A place that is also a given name starts a name when a name
		// follows: "Charlotte Meehan", "Israel Katz".
		startsName := sc.absorbable(i) && sc.g.givenNames[sc.tt(i)] && i+1 < len(toks) && sc.nameToken(i+1)
		if !startsName && !sc.nameToken(i) {
			i++
			continue
		}
		if startsName {
			sc.entities[sc.entityAt[i]-1].dropped = true
			sc.entityAt[i] = 0
		}
		a := i
		b := i + 1
		// A title or honorific before the run makes a following country or
		// known surname part of the name ("Chief Chuck Jordan").
		titled := a > 0 && (sc.titleEnd[a-1] != 0 || actHonorifics[sc.tt(a-1)] ||
			sc.tt(a-1) == "." && a > 1 && actHonorifics[sc.tt(a-2)])
		var absorbed *gazEntry // a known person's surname taken into the run
		for b < len(toks) && !toks[b].paraBreak {
			switch {
			case sc.nameToken(b):
				b++
				continue
			case sc.absorbable(b) && (titled || sc.g.givenNames[sc.tt(a)]):
				if e := &sc.entities[sc.entityAt[b]-1]; e.kind == gazPerson {
					absorbed = e.entry
				}
				sc.entities[sc.entityAt[b]-1].dropped = true
				sc.entityAt[b] = 0
				b++
				continue
			case nameParticles[sc.tt(b)] && b+1 < len(toks) && sc.nameToken(b+1):
				b += 2
				continue
			case sc.tt(b) == "." && toks[b-1].e-toks[b-1].s == 1 && toks[b-1].upper && b+1 < len(toks) && (sc.nameToken(b+1) || sc.absorbable(b+1)):
				// Middle initial: "Donald J. Trump".
				b++
				continue
			case (sc.tt(b) == "-" || sc.tt(b) == "‐") && b+1 < len(toks) && sc.adjacent(b-1, b) && sc.adjacent(b, b+1) &&
				toks[b+1].kind == actWord && sc.entityAt[b+1] == 0:
				b += 2
				continue
			}
			break
		}
		// "Jr." after a name stays with it.
		if b < len(toks) && (sc.tt(b) == "Jr" || sc.tt(b) == "Sr") {
			b++
		}
		// Names follow descriptors: "Far Eastern Federal District Yury
		// Trutnev" keeps "Yury Trutnev"; "Shangri-La Dialogue" keeps nothing.
		cut := a
		for j := a; j < b; j++ {
			if nonNameWords[sc.tt(j)] && !sc.surnameLike(a, j, b) || sc.g.descriptors[sc.tt(j)] {
				cut = j + 1
			}
		}
		if cut >= b {
			i = b
			continue
		}
		a = cut
		// "Public Prosecution Eva Persson": a descriptor run ending in a
		// given name and a surname; the name starts at the given name.
		if sc.runWords(a, b) >= 4 {
			for j := b - 2; j > a; j-- {
				if w := sc.tt(j); sc.toks[j].kind == actWord && (sc.g.givenNames[w] || genderOfName(w) != genderUnknown) {
					// "Eva-Marie": a hyphenated given name starts earlier.
					for j-2 >= a && sc.tt(j-1) == "-" && sc.adjacent(j-2, j-1) && sc.adjacent(j-1, j) {
						j -= 2
					}
					a = j
					break
				}
			}
		}
		run := actRun{a: a, b: b, ma: a, person: -1}
		// "Donald J. Trump" is the known Donald Trump; "Ivana Trump" is not.
		if absorbed != nil && nameKey(sc.runName(&run)) == nameKey(absorbed.name) {
			run.known = absorbed
			run.evidence = true
		}
		// Honorific right before: "Mr. Wang", "Ms Li".
		if a >= 2 && sc.tt(a-1) == "." && actHonorifics[sc.tt(a-2)] {
			run.ma = a - 2
			run.evidence = true
		} else if a >= 1 && actHonorifics[sc.tt(a-1)] {
			run.ma = a - 1
			run.evidence = true
		}
		sc.runs = append(sc.runs, run)
		i = b
	}
}

// absorbable reports a one-word country, place or known surname at toks[b]
// that may belong to a person's name ("Chuck Jordan", "Ivana Trump").
func (sc *actorScan) absorbable(b int) bool {
	k := sc.entityAt[b]
	if k == 0 {
		return false
	}
	e := sc.entities[k-1]
	return e.a == b && e.b == b+1 && !e.demonym && (e.kind == gazCountry || e.kind == gazPlace || e.kind == gazPerson)
}

// commonAtSentenceStart reports a lone sentence-initial word that the text
// also uses in lower case: a common word, not a name ("Critics said").
func (sc *actorScan) commonAtSentenceStart(r *actRun) bool {
	if r.b-r.a != 1 || !sc.toks[r.a].sentStart || r.known != nil {
		return false
	}
	w := sc.tt(r.a)
	return !sc.g.givenNames[w] && !sc.g.surnames[w] && sc.seenLower(w)
}

// nameWords are the words a person's later mentions may use: the words of
// the canonical name and of the surface, split at spaces and hyphens.
func (sc *actorScan) nameWords(name string, r *actRun) []string {
	words := strings.FieldsFunc(name, func(c rune) bool { return c == ' ' || c == '-' })
	for j := r.a; j < r.b; j++ {
		if sc.toks[j].kind == actWord {
			words = append(words, sc.tt(j))
		}
	}
	return words
}

func (sc *actorScan) seenLower(w string) bool {
	for _, t := range sc.toks {
		if t.kind == actWord && !t.upper && strings.EqualFold(t.str(sc.text), w) {
			return true
		}
	}
	return false
}

// describe fills a run's evidence, role and affiliation from its context.
func (sc *actorScan) describe(r *actRun) {
	toks := sc.toks
	// Pre-modifier: [Country|Org ['s]] Title Name.
	if k := r.ma - 1; k >= 0 && sc.titleEnd[k] != 0 && !sc.pluralTitle(sc.titles[sc.titleEnd[k]-1]) {
		t := sc.titles[sc.titleEnd[k]-1]
		r.evidence = true
		// "IMF Managing Director Kristalina Georgieva".
		start := t.a
		for start >= 1 && roleModifiers[strings.ToLower(sc.tt(start-1))] {
			start--
		}
		r.role = sc.roleText(start, t)
		// "State Councilor and Foreign Minister", "former President".
		for start >= 2 && (sc.tt(start-1) == "and" || sc.tt(start-1) == ",") && sc.titleEnd[start-2] != 0 {
			start = sc.titles[sc.titleEnd[start-2]-1].a
		}
		for start >= 1 && titleQualifiers[strings.ToLower(sc.tt(start-1))] {
			start--
		}
		if e := sc.entityBefore(start); e != nil {
			r.affil = affiliationOf(e)
		}
	}
	// "President Bukele of El Salvador".
	if r.affil == "" && r.b+1 < len(toks) && sc.tt(r.b) == "of" {
		k := r.b + 1
		if sc.tt(k) == "the" && k+1 < len(toks) {
			k++
		}
		if e := sc.entityAt[k]; e != 0 && sc.entities[e-1].a == k {
			if ent := &sc.entities[e-1]; ent.kind == gazCountry || ent.kind == gazOrg {
				r.affil = affiliationOf(ent)
			}
		}
	}
	// Speech verbs on either side.
	if r.b < len(toks) && speechVerbs[sc.tt(r.b)] {
		r.evidence = true
	}
	if k := r.ma - 1; k >= 0 && speechVerbsBefore[sc.tt(k)] && (k == 0 || sc.toks[k-1].kind != actPunct || sc.tt(k-1) != "-") {
		r.evidence = true
	}
	if k := r.ma - 1; k >= 1 && sc.tt(k) == "to" && sc.tt(k-1) == "according" {
		r.evidence = true
	}
	// Name shape: a known given name or a family name written first.
	first := sc.tt(r.a)
	if r.b-r.a >= 2 && r.b-r.a <= 4 && !sc.headline[r.a] && (sc.g.givenNames[first] || sc.g.surnames[first]) {
		r.evidence = true
	}
	// "Hoa Lo prison", "Mexico's most polluted waterway": a place or
	// thing, whatever else suggested a person.
	if r.known == nil && r.b < len(toks) && toks[r.b].kind == actWord && !toks[r.b].upper && facilityNouns[sc.tt(r.b)] {
		r.evidence = false
		return
	}
	r.shaped = !r.evidence && sc.nameShaped(r)
	// Apposition: Name, [a|an|the] [modifiers] Title [of|at ORG ...].
	if r.b+1 < len(toks) && sc.tt(r.b) == "," {
		sc.apposition(r)
	}
	if r.known != nil && r.affil == "" {
		r.affil = r.known.country
	}
}

// pluralTitle reports a title written in the plural ("Senators"), which
// describes a group and never precedes one person's name.
func (sc *actorScan) pluralTitle(t actTitle) bool {
	w := sc.tt(t.b - 1)
	return len(w) > 3 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') && !strings.HasSuffix(strings.ToLower(t.entry.name), "s")
}

// roleText builds the role from a title match, keeping occupation
// modifiers written between from and the title ("associate researcher").
func (sc *actorScan) roleText(from int, t actTitle) string {
	if !t.entry.job {
		return t.entry.name
	}
	var mods []string
	for j := from; j < t.a; j++ {
		if w := strings.ToLower(sc.tt(j)); roleModifiers[w] {
			mods = append(mods, w)
		}
	}
	if len(mods) == 0 {
		return t.entry.name
	}
	return strings.Join(mods, " ") + " " + t.entry.name
}

func affiliationOf(e *actEntity) string {
	if e.country != "" {
		return e.country
	}
	if e.kind == gazOrg {
		return e.name
	}
	return ""
}

// apposition reads "Name, a/an/the ROLE at/of ORG in COUNTRY, ...".
func (sc *actorScan) apposition(r *actRun) {
	toks := sc.toks
	i := r.b + 1
	if w := strings.ToLower(sc.tt(i)); w == "a" || w == "an" || w == "the" {
		i++
	}
	modStart := i
	modCountry := ""
	var title *actTitle
	for j := i; j < len(toks) && j < i+6; j++ {
		if k := sc.titleAt[j]; k != 0 {
			t := sc.titles[k-1]
			title = &t
			break
		}
		if sc.tt(j) == "," || sc.tt(j) == "." || toks[j].paraBreak {
			break
		}
		if k := sc.entityAt[j]; k != 0 {
			e := &sc.entities[k-1]
			if e.kind == gazCountry && modCountry == "" {
				modCountry = e.name
			} else if e.kind == gazOrg && modCountry == "" {
				modCountry = affiliationOf(e)
			}
		}
	}
	if title == nil {
		return
	}
	// "President Xi Jinping, President Bukele of El Salvador": a title
	// followed by a name starts the next person, not an apposition.
	if title.b < len(toks) && (sc.nameToken(title.b) || sc.entityAt[title.b] != 0 && sc.entities[sc.entityAt[title.b]-1].kind == gazPerson) {
		return
	}
	r.evidence = true
	r.appTitle = title.a
	if r.role == "" {
		r.role = sc.roleText(modStart, *title)
	}
	if r.affil != "" {
		return
	}
	if modCountry != "" {
		r.affil = modCountry
		return
	}
	// The clause runs to the end of the sentence or to ", <verb>".
	end := title.b
	for end < len(toks) && end < title.b+60 {
		t := toks[end]
		if w := t.str(sc.text); t.paraBreak || w == "." || w == ";" || w == "“" || w == "”" || w == "\"" {
			break
		}
		if t.str(sc.text) == "," && end+1 < len(toks) && toks[end+1].kind == actWord && !toks[end+1].upper && sc.tt(end+1) != "and" {
			break
		}
		end++
	}
	// "in the United Kingdom" names the country outright.
	for j := title.b; j < end; j++ {
		if sc.tt(j) != "in" {
			continue
		}
		k := j + 1
		if k < end && sc.tt(k) == "the" {
			k++
		}
		if k < end && sc.entityAt[k] != 0 {
			if e := sc.entities[sc.entityAt[k]-1]; e.kind == gazCountry || (e.kind == gazPlace && e.country != "") {
				r.affil = e.country
				return
			}
		}
	}
	// Otherwise the outermost organisation with a country ("... of the
	// Chinese Academy of Social Sciences"), then any country named.
	var orgName, anyCountry string
	for j := end - 1; j >= title.b; j-- {
		k := sc.entityAt[j]
		if k == 0 {
			continue
		}
		e := sc.entities[k-1]
		j = e.a
		// "envoy to Ukraine", "ambassador to the European Union": where
		// the person is sent, not whom they serve.
		if to := e.a - 1; to > title.b-1 && (sc.tt(to) == "to" || sc.tt(to) == "the" && to-1 >= title.b && sc.tt(to-1) == "to") {
			continue
		}
		switch {
		case e.kind == gazOrg && e.country != "":
			r.affil = e.country
			return
		case e.kind == gazOrg && orgName == "":
			orgName = e.name
		case e.kind == gazCountry && !e.dropped:
			anyCountry = e.name
		}
	}
	if anyCountry != "" {
		r.affil = anyCountry
	} else {
		r.affil = orgName
	}
}

// linkPersons resolves runs to people: full names first, then surnames and
// partial names join the full name mentioned nearest before them.
func (sc *actorScan) linkPersons() []actPerson {
	for i := range sc.runs {
		sc.describe(&sc.runs[i])
	}
	sc.confirmShapedNames()
	var persons []actPerson
	byName := map[string]int{}
	// A known person's surname alone ("Morrison" → Scott Morrison) names
	// someone else when the article writes another full name ending in it
	// ("Tim Morrison"): then it is only a surname, linked in pass 2.
	fullSurnames := map[string]string{}
	for i := range sc.runs {
		if r := &sc.runs[i]; r.b-r.a >= 2 && r.evidence {
			fullSurnames[sc.tt(r.b-1)] = nameKey(sc.runName(r))
		}
	}
	for i := range sc.runs {
		r := &sc.runs[i]
		if r.known != nil && r.b-r.a == 1 {
			if full, ok := fullSurnames[sc.tt(r.a)]; ok && full != nameKey(r.known.name) {
				r.known = nil
			}
		}
	}
	// Pass 1: multi-token names with evidence establish people.
	for i := range sc.runs {
		r := &sc.runs[i]
		if r.b-r.a < 2 && r.known == nil {
			continue
		}
		if !r.evidence {
			continue
		}
		name := sc.runName(r)
		if r.known != nil {
			name = r.known.name
		}
		// "George W. Bush" and "George Bush" are one person, named by the
		// longest form.
		key := nameKey(name)
		p, ok := byName[key]
		if !ok {
			p = len(persons)
			byName[key] = p
			persons = append(persons, actPerson{name: name, tokens: sc.nameWords(name, r)})
		} else if r.known == nil && len(name) > len(persons[p].name) && !persons[p].known {
			persons[p].name = name
			persons[p].tokens = append(persons[p].tokens, sc.nameWords(name, r)...)
		}
		if r.known != nil {
			persons[p].known = true
		}
		r.person = p
	}
	// Pass 2: the rest link by token overlap with a known person, the one
	// mentioned most recently when several share the surname.
	lastSeen := make([]int, len(persons), len(persons)+8)
	for i := range lastSeen {
		lastSeen[i] = -1
	}
	for i := range sc.runs {
		r := &sc.runs[i]
		if r.person >= 0 {
			lastSeen[r.person] = i
			continue
		}
		best := -1
		for pi := range persons {
			if sc.runWithin(r, persons[pi].tokens) && (best < 0 || lastSeen[pi] > lastSeen[best]) {
				best = pi
			}
		}
		if best >= 0 {
			r.person = best
			lastSeen[best] = i
			continue
		}
		if !r.evidence || sc.commonAtSentenceStart(r) {
			continue
		}
		name := sc.runName(r)
		p, ok := byName[nameKey(name)]
		if !ok {
			p = len(persons)
			byName[nameKey(name)] = p
			persons = append(persons, actPerson{name: name, tokens: sc.nameWords(name, r)})
			lastSeen = append(lastSeen, -1)
		}
		r.person = p
		lastSeen[p] = i
	}
	for i := range sc.runs {
		r := &sc.runs[i]
		if r.person < 0 {
			continue
		}
		p := &persons[r.person]
		p.mention = append(p.mention, i)
		if p.role == "" && r.role != "" {
			p.role = r.role
		}
		if p.affil == "" && r.affil != "" {
			p.affil = r.affil
		}
	}
	sc.roleMentions(persons)
	return persons
}

// roleMentions adds "Russia's top diplomat", "the Chinese foreign
// minister" as mentions of the one person with that role and affiliation.
// Titles right before a name are part of that name's context, not
// mentions of their own.
func (sc *actorScan) roleMentions(persons []actPerson) {
	nameAt := map[int]bool{}    // where a name starts
	describes := map[int]bool{} // titles of appositions ("X, the Swedish ambassador")
	for _, r := range sc.runs {
		nameAt[r.ma] = true
		if r.appTitle > 0 {
			describes[r.appTitle] = true
		}
	}
	for _, t := range sc.titles {
		if t.entry.job || nameAt[t.b] || describes[t.a] || t.b < len(sc.toks) && sc.entityAt[t.b] != 0 || sc.pluralTitle(t) {
			continue
		}
		start := t.a
		if start > 0 && sc.tt(start-1) == "top" { // "top diplomat" is one title; "top" alone qualifies
			start--
		}
		e := sc.entityBefore(start)
		if e == nil || e.kind != gazCountry {
			continue
		}
		match := -1
		for pi := range persons {
			if persons[pi].role == t.entry.name && persons[pi].affil == e.name {
				if match >= 0 {
					match = -2 // ambiguous
					break
				}
				match = pi
			}
		}
		if match >= 0 {
			persons[match].extra = append(persons[match].extra, sc.span(e.a, t.b))
		}
	}
}

// nameKey identifies a person across forms of the name: middle initials,
// "Jr." and spacing are ignored.
func nameKey(name string) string {
	words := strings.Fields(name)
	kept := words[:0:0]
	for _, w := range words {
		t := strings.TrimSuffix(w, ".")
		if utf8.RuneCountInString(t) == 1 || t == "Jr" || t == "Sr" {
			continue
		}
		kept = append(kept, w)
	}
	if len(kept) == 0 {
		return name
	}
	return strings.Join(kept, " ")
}

func (sc *actorScan) runName(r *actRun) string {
	return sc.text[sc.toks[r.a].bs:sc.toks[r.b-1].be]
}

// runWithin reports whether every word of the run is a word of the name.
func (sc *actorScan) runWithin(r *actRun, name []string) bool {
	for j := r.a; j < r.b; j++ {
		t := sc.toks[j]
		if t.kind != actWord {
			continue
		}
		found := false
		for _, w := range name {
			if w == t.str(sc.text) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// surnameTitle reports a one-word title right after a given name, which
// is a surname there: "Kevin King", "Anna Bishop".
func (sc *actorScan) surnameTitle(i int) bool {
	k := sc.titleAt[i]
	if k == 0 || i == 0 || !sc.adjacentWords(i-1, i) {
		return false
	}
	t := sc.titles[k-1]
	return t.a == i && t.b == i+1 && sc.g.givenNames[sc.tt(i-1)]
}

// runWords counts the words of toks[a:b], a hyphenated compound as one.
func (sc *actorScan) runWords(a, b int) int {
	n := 0
	for j := a; j < b; j++ {
		if sc.toks[j].kind == actWord && !(j > a && sc.tt(j-1) == "-" && sc.adjacent(j-1, j)) {
			n++
		}
	}
	return n
}

// surnameLike reports a word that usually names things ("House") used as
// a surname: the last of two words after a given name, and written alone
// as a speaker elsewhere ("Christopher House … House said").
func (sc *actorScan) surnameLike(a, j, b int) bool {
	if j != b-1 || j != a+1 || !knownGivenName(sc.tt(a)) {
		return false
	}
	w := sc.tt(j)
	for k := 0; k+1 < len(sc.toks); k++ {
		if k != j && sc.tt(k) == w && (speechVerbs[sc.tt(k+1)] || k > 0 && speechVerbsBefore[sc.tt(k-1)]) {
			return true
		}
	}
	return false
}

// nextToNameWord reports a capitalised plain word right before or after
// toks[i] in the same sentence ("He Yadong", "Liu He").
func (sc *actorScan) nextToNameWord(i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j < 0 || j >= len(sc.toks) || !sc.adjacentWords(min(i, j), max(i, j)) {
			continue
		}
		t := sc.toks[j]
		if t.kind == actWord && t.upper && !t.allUpper && !sc.g.common[sc.tt(j)] && sc.titleAt[j] == 0 && (j > i || !t.sentStart) {
			return true
		}
	}
	return false
}
