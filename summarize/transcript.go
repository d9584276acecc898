package summarize

import (
	"strings"

	"github.com/briefbot/briefbot"
)

// This file owns press-conference transcripts ("Zhao Lijian: …", "Q: …" /
// "A: …"): every answer paragraph is a statement of the spokesperson, and
// questions are nobody's statement.

// paraLabel is a paragraph's "Label:" prefix.
type paraLabel struct {
	start    int // first token of the paragraph
	labelEnd int // token index of the colon; -1 when unlabeled
	label    string
}

// transcript detects a Q&A transcript and, when it is one, adds the
// answers as statements. It reports whether the text was a transcript.
func (x *extraction) transcript(titles []string) bool {
	toks := x.toks
	var paras []paraLabel
	if n := len(x.paraOf); n > 0 {
		paras = make([]paraLabel, 0, x.paraOf[n-1]+1) // one per paragraph at most
	}
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && toks[i].kind != tokBreak {
			continue
		}
		if i > start {
			paras = append(paras, labelOf(toks, start, i))
		}
		start = i + 1
	}
	counts := map[string]int{}
	labeled := 0
	for _, p := range paras {
		if p.labelEnd >= 0 {
			counts[p.label]++
			labeled++
		}
	}
	answer, best := "", 0
	qa := counts["Q"] >= 1 && counts["A"] >= 1
	// Quoted exchanges inside a news story are not a transcript: labels
	// must open a good share of the paragraphs, unless they are Q and A.
	if !qa && (labeled < 3 || len(counts) < 2 || labeled*4 < len(paras)) {
		return false
	}
	if qa {
		answer = "A"
	} else {
		for l, n := range counts {
			if n > best || n == best && l < answer {
				answer, best = l, n
			}
		}
		if best < 2 || strings.Count(answer, " ") > 3 {
			return false
		}
	}
	speaker := x.spokesperson(answer, titles)
	var cur *paraLabel // label paragraph the current paragraph continues
	for pi := range paras {
		p := &paras[pi]
		if p.labelEnd >= 0 {
			cur = p
		}
		opening := cur == nil && wordCount(toks, p.start, paraEnd(toks, p.start)) >= 8
		if !opening && (cur == nil || cur.label != answer) {
			continue
		}
		end := p.start
		for end < len(toks) && toks[end].kind != tokBreak {
			end++
		}
		a := p.start
		if p.labelEnd >= 0 {
			a = p.labelEnd + 1
		}
		if wordCount(toks, a, end) < 2 {
			continue
		}
		ca, cb := x.trimContent(a, end)
		st := statement{a: ca, b: cb, kind: briefbot.Direct, speaker: speaker, hasSpeaker: true}
		if opening {
			// The spokesperson's announcements before the first question
			// have no label: the mention and cue are the first answer's.
			first := firstLabel(paras, answer)
			if first == nil {
				continue
			}
			st.cueA, st.cueB = first.labelEnd, first.labelEnd+1
			st.sp = speakerPhrase{a: first.start, b: first.labelEnd, head: first.labelEnd - 1}
		} else {
			st.cueA, st.cueB = cur.labelEnd, cur.labelEnd+1
			st.sp = speakerPhrase{a: cur.start, b: cur.labelEnd, head: cur.labelEnd - 1}
		}
		x.stmts = append(x.stmts, st)
	}
	return true
}

func paraEnd(toks []token, i int) int {
	for i < len(toks) && toks[i].kind != tokBreak {
		i++
	}
	return i
}

func firstLabel(paras []paraLabel, label string) *paraLabel {
	for i := range paras {
		if paras[i].labelEnd >= 0 && paras[i].label == label {
			return &paras[i]
		}
	}
	return nil
}

// labelOf reads a "Label:" prefix of at most five capitalized words.
func labelOf(toks []token, a, b int) paraLabel {
	p := paraLabel{start: a, labelEnd: -1}
	for i := a; i < b && i < a+6; i++ {
		t := toks[i]
		if t.text == ":" && i > a {
			p.labelEnd = i
			p.label = joinTokens(toks, a, i)
			return p
		}
		if !(t.capitalized() && !isDigits(t.lower) || i > a && (t.text == "." || t.text == "-" || t.lower == "of" || t.lower == "de")) {
			return p
		}
	}
	return p
}

// spokesperson resolves the answer label to a speaker: a name label is the
// spokesperson; "A" is whoever the text's preamble (before the first
// question), else a title, calls the spokesperson. The page's own words
// come first: a feed item's title may not name anyone.
func (x *extraction) spokesperson(label string, titles []string) resolvedSpeaker {
	if label != "A" {
		if p := x.people.resolveName(strings.Fields(label)); p != nil {
			return resolvedSpeaker{name: p.name, person: p}
		}
		p := &person{name: label, role: "Spokesperson", actor: -1}
		x.people.add(p, nil)
		return resolvedSpeaker{name: label, person: p}
	}
	// Questions name other people's spokespersons: only the preamble.
	preamble := x.text
	if i := strings.Index(preamble, "Q:"); i >= 0 {
		preamble = preamble[:i]
	}
	for _, src := range append([]string{preamble}, titles...) {
		name := spokespersonNamed(src)
		if len(name) < 2 {
			continue
		}
		if p := x.people.resolveName(name); p != nil {
			return resolvedSpeaker{name: p.name, person: p}
		}
		n := strings.Join(name, " ")
		p := &person{name: n, role: "Spokesperson", actor: -1}
		x.people.add(p, nil)
		return resolvedSpeaker{name: n, person: p}
	}
	return resolvedSpeaker{name: "spokesperson"}
}

// spokespersonWords introduce a spokesperson's name in a transcript's
// title or preamble.
var spokespersonWords = []string{"spokesperson ", "spokesman ", "spokeswoman "}

// spokespersonNamed returns the capitalised words (at most three) after
// the first "Spokesperson" in src: "Foreign Ministry Spokesperson Geng
// Shuang's Regular Press Conference" → Geng Shuang.
func spokespersonNamed(src string) []string {
	lower := strings.ToLower(src)
	for _, w := range spokespersonWords {
		i := strings.Index(lower, w)
		if i < 0 {
			continue
		}
		var name []string
		for _, f := range strings.Fields(src[i+len(w):]) {
			base := strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
			base = strings.TrimRight(base, ",.;:")
			if base == "" || base[0] < 'A' || base[0] > 'Z' || len(name) == 3 {
				break
			}
			name = append(name, base)
			if base != f {
				break // "Geng Shuang's Regular Press Conference", "Geng Shuang, who"
			}
		}
		if len(name) >= 2 {
			return name
		}
	}
	return nil
}
