package summarize

// This file finds organisations missing from the gazetteer by their head
// noun ("University of Kent") and drops departments of a named parent.

// findOrganizations finds organisations missing from the gazetteer by
// their head noun ("University of Kent", "China National Institute for
// ..."): capitalised words before the head, more heads after it, and
// "of/for/on/and ..." chains. It runs before findRuns so people's names never
// swallow an organisation.
func (sc *actorScan) findOrganizations() {
	toks := sc.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind != actWord || !t.upper || t.allUpper || sc.entityAt[i] != 0 || !orgHeads[sc.tt(i)] {
			continue
		}
		a := i
		for a > 0 && !toks[a].sentStart && !toks[a].paraBreak {
			if toks[a-1].kind == actWord && toks[a-1].upper && sc.entityAt[a-1] == 0 && sc.titleAt[a-1] == 0 && !orgStopWords[sc.tt(a-1)] {
				a--
				continue
			}
			// "Securities and Exchange Commission", "Food and Drug Administration".
			if a >= 2 && a < i && sc.tt(a-1) == "and" && toks[a-2].kind == actWord && toks[a-2].upper &&
				sc.entityAt[a-2] == 0 && sc.titleAt[a-2] == 0 && !orgStopWords[sc.tt(a-2)] && !toks[a-1].sentStart {
				a -= 2
				continue
			}
			break
		}
		b := i + 1
		for b < len(toks) && !toks[b].paraBreak && toks[b].kind == actWord && toks[b].upper && sc.entityAt[b] == 0 && orgHeads[sc.tt(b)] {
			b++
		}
		// "Sputnik News Agency", "NPC Standing Committee": the heads extend
		// the known organisation right before them.
		if k := sc.entityAt[max(a-1, 0)]; a > 0 && k != 0 && !toks[a].paraBreak {
			if e := &sc.entities[k-1]; e.kind == gazOrg && e.b == a {
				for j := a; j < b; j++ {
					sc.entityAt[j] = k
				}
				e.b = b
				i = b - 1
				continue
			}
		}
		i = sc.addOrganization(a, b) - 1
	}
}

// dropSubunits drops organisations found by head noun that are departments
// of a larger one named right after them ("School of Politics at the
// University of Kent", "Institute of ... of the Chinese Academy of Social
// Sciences"): the larger one is the actor. Their country still counts for
// a person's affiliation.
func (sc *actorScan) dropSubunits() {
	toks := sc.toks
	for i := range sc.entities {
		e := &sc.entities[i]
		if e.kind != gazOrg || e.entry != nil || e.dropped {
			continue
		}
		for j := e.b; j < len(toks) && j < e.b+12; j++ {
			w := sc.tt(j)
			if toks[j].paraBreak || w == "." || w == ";" || w == "(" || w == "“" || w == "\"" {
				break
			}
			if w != "of" && w != "at" {
				continue
			}
			k := j + 1
			if k < len(toks) && sc.tt(k) == "the" {
				k++
			}
			if k < len(toks) && sc.entityAt[k] != 0 && sc.entities[sc.entityAt[k]-1].kind == gazOrg {
				e.dropped = true
				break
			}
		}
	}
}

// addOrganization records an organisation whose core is toks[a:b],
// extending it with "of/for/and ..." chains and a country prefix, and
// returns the end of the organisation's name.
func (sc *actorScan) addOrganization(a, b int) int {
	toks := sc.toks
	// Extend: "of the Chinese Academy", "for International Exchanges and ...".
	for b < len(toks) {
		w := sc.tt(b)
		if (w == "of" || w == "for" || w == "and" || w == "&" || w == "on" && onHeads[sc.tt(b-1)]) && b+1 < len(toks) && !toks[b+1].paraBreak {
			c := b + 1
			if sc.tt(c) == "the" && c+1 < len(toks) {
				c++
			}
			if toks[c].kind == actWord && toks[c].upper {
				// Stop before another known organisation ("... of the SCO").
				if k := sc.entityAt[c]; k != 0 && sc.entities[k-1].kind == gazOrg {
					break
				}
				// "and" never joins a second organisation ("Kent and Oxford
				// University").
				if w == "and" && sc.headAhead(c) {
					break
				}
				e := c
				for e < len(toks) && toks[e].kind == actWord && toks[e].upper && !toks[e].paraBreak &&
					sc.titleAt[e] == 0 && !calendarWords[sc.tt(e)] {
					if k := sc.entityAt[e]; k != 0 {
						ent := sc.entities[k-1]
						if ent.kind == gazOrg {
							break
						}
						e = ent.b
						continue
					}
					e++
				}
				if e > c {
					b = e
					continue
				}
			}
		}
		break
	}
	if b-a < 2 && !(a > 0 && sc.entityAt[a-1] != 0) {
		return b
	}
	country := ""
	// Country prefix: "China National Institute", "Russian Academy".
	if a > 0 && sc.entityAt[a-1] != 0 && sc.adjacentWords(a-1, a) {
		ent := &sc.entities[sc.entityAt[a-1]-1]
		if (ent.kind == gazCountry || ent.kind == gazPlace) && ent.b == a {
			country = ent.country
			a = ent.a
			ent.dropped = true
		}
	}
	for j := a; j < b; j++ {
		if k := sc.entityAt[j]; k != 0 {
			ent := &sc.entities[k-1]
			if ent.kind == gazCountry || ent.kind == gazPlace {
				if country == "" {
					country = ent.country
				}
				ent.dropped = true
			}
		}
	}
	if b-a < 2 {
		return b
	}
	name := sc.text[toks[a].bs:toks[b-1].be]
	if e := sc.g.lookupSurface(name); e != nil && e.kind == gazOrg {
		name, country = e.name, e.country
	}
	sc.entities = append(sc.entities, actEntity{a: a, b: b, kind: gazOrg, name: name, country: country})
	for j := a; j < b; j++ {
		sc.entityAt[j] = int32(len(sc.entities))
	}
	return b
}

// headAhead reports an organisation head noun in the capitalised words
// starting at toks[c].
func (sc *actorScan) headAhead(c int) bool {
	for j := c; j < len(sc.toks) && sc.toks[j].kind == actWord && sc.toks[j].upper; j++ {
		if orgHeads[sc.tt(j)] {
			return true
		}
	}
	return false
}

// adjacentWords reports whether toks[i] and toks[j] are separated by
// spaces only (no punctuation between them).
func (sc *actorScan) adjacentWords(i, j int) bool {
	return j == i+1 && !sc.toks[j].paraBreak
}
