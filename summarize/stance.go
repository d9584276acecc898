package summarize

import (
	"strings"
	"sync"
	"unicode"
)

// Stance shifts: does a statement take a different position from the same
// speaker's earlier statement on the same matter? A stance is a cue from
// data/stance_cues.tsv ("will not", "ready to", "rejects") with its
// polarity, reversed by a negation up to three words before it, and the
// matter it bears on: the content words of the rest of its clause, the
// first of them (the action or object: "negotiate", "plan") counting most.
// Two stances are on the same matter when their actions share a stem and
// they share another content word, or when they share most content words.
// The rules are lexical and know no syntax; README.md states how often
// they are wrong on our labelled pairs.

// StanceCue is a stance found in a statement.
type StanceCue struct {
	Phrase   string   // the cue as written, with its negation ("is not ready to")
	Positive bool     // willing, for, possible
	Action   string   // first content word after the cue
	Matter   []string // content-word stems of the clause after the cue, the action's first
}

// Shift says how a later statement departs from an earlier one.
type Shift struct {
	Now, Before StanceCue
}

// Describe renders the shift as "now “ready to negotiate”, before “will not
// negotiate”".
func (s Shift) Describe() string {
	return "now “" + s.Now.Phrase + " " + s.Now.Action + "”, before “" + s.Before.Phrase + " " + s.Before.Action + "”"
}

type stanceCue struct {
	words    []string
	positive bool
}

var stanceCues = sync.OnceValue(func() map[string][]stanceCue {
	byFirst := map[string][]stanceCue{}
	for _, row := range readTSV("data/stance_cues.tsv") {
		if len(row) < 2 {
			continue
		}
		c := stanceCue{words: strings.Fields(row[0]), positive: strings.TrimSpace(row[1]) == "+"}
		byFirst[c.words[0]] = append(byFirst[c.words[0]], c)
	}
	for k, cs := range byFirst { // longest first
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && len(cs[j].words) > len(cs[j-1].words); j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
		byFirst[k] = cs
	}
	return byFirst
})

var negations = map[string]bool{"not": true, "never": true, "no": true, "nor": true}

// stanceWords splits text into lower-case words and clause breaks ("."):
// letters, digits and apostrophes make words.
func stanceWords(text string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		case r == '\'' || r == '’':
			if len(cur) > 0 {
				cur = append(cur, '\'')
			}
		case r == '.' || r == ';' || r == ':' || r == '!' || r == '?' || r == ',':
			flush()
			out = append(out, ".")
		default:
			flush()
		}
	}
	flush()
	return out
}

// stanceStopWords are function words that never name the matter.
var stanceStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the to of on in at by for with about into over from and or but if
		this that these those it its their his her our my your we they he she i you us them
		is are was were be been being has have had do does did any some all no more most very
		so such than then there here what which who whom whose when where while also only just
		again further until up down out off under around any each other same own too
		now today yesterday tomorrow time times way ways said says say told tell
		will would shall should can could may might must not never`) {
		m[w] = true
	}
	return m
}()

// stem is a light stem: lower case, a plural or -ing/-ed ending dropped,
// then the first six letters ("negotiations", "negotiating" → "negoti").
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			break
		}
	}
	if r := []rune(w); len(r) > 6 {
		return string(r[:6])
	}
	return w
}

// Stances finds the stances a statement takes.
func Stances(text string) []StanceCue {
	words := stanceWords(text)
	cues := stanceCues()
	var out []StanceCue
	for i := 0; i < len(words); i++ {
		var match *stanceCue
		for k, c := range cues[words[i]] {
			if i+len(c.words) <= len(words) && equalWords(words[i:i+len(c.words)], c.words) {
				match = &cues[words[i]][k]
				break
			}
		}
		if match == nil {
			continue
		}
		st := StanceCue{Positive: match.positive, Phrase: strings.Join(match.words, " ")}
		for j := max(0, i-3); j < i; j++ {
			if words[j] == "." {
				continue
			}
			if negations[words[j]] || strings.HasSuffix(words[j], "n't") {
				st.Positive = !st.Positive
				st.Phrase = strings.Join(words[j:i], " ") + " " + st.Phrase
				break
			}
		}
		end := i + len(match.words)
		j := end
		for ; j < len(words) && words[j] != "."; j++ {
			w := words[j]
			if st.Action == "" && (negations[w] || strings.HasSuffix(w, "n't")) {
				// "will never accept", "is ready not to"
				st.Positive = !st.Positive
				st.Phrase += " " + w
				continue
			}
			if stanceStopWords[w] || len(w) < 3 || len(st.Matter) >= 8 {
				continue
			}
			if st.Action == "" {
				st.Action = w
			}
			st.Matter = append(st.Matter, stem(w))
		}
		if st.Action != "" {
			out = append(out, st)
		}
		// One stance per clause: a cue inside its matter ("will not
		// accept") is part of it, not a stance of its own.
		i = j
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sameMatter reports whether two stances bear on the same matter.
func sameMatter(a, b StanceCue) bool {
	shared := 0
	set := map[string]bool{}
	for _, m := range a.Matter {
		set[m] = true
	}
	for _, m := range b.Matter {
		if set[m] {
			shared++
			delete(set, m)
		}
	}
	if a.Matter[0] == b.Matter[0] {
		// The same action on the same object, or the same bare action
		// ("cannot be renegotiated" / "can be renegotiated if …").
		return shared >= 2 || min(len(a.Matter), len(b.Matter)) == 1
	}
	union := len(a.Matter) + len(b.Matter) - shared
	return shared >= 2 && 2*shared >= union
}

// CompareStance reads a later statement against an earlier one by the same
// speaker: related is true when they take stances on the same matter,
// and then shift says whether the later one reverses the earlier.
func CompareStance(earlier, later string) (shift Shift, related, reversed bool) {
	le := Stances(later)
	if len(le) == 0 {
		return Shift{}, false, false
	}
	ea := Stances(earlier)
	for _, l := range le {
		for _, e := range ea {
			if !sameMatter(l, e) {
				continue
			}
			if l.Positive != e.Positive {
				return Shift{Now: l, Before: e}, true, true
			}
			related = true
		}
	}
	return Shift{}, related, false
}
