package summarize

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// This file owns the tokenizer shared by the statement extractor: one pass
// over the text producing tokens that carry both byte and code-point
// offsets, so later stages slice strings cheaply and still report the
// code-point offsets the domain types promise.

type tokenKind uint8

const (
	tokWord  tokenKind = iota // letters/digits, with inner apostrophes, hyphens and "U.S." dots
	tokPunct                  // any other single non-space rune
	tokQuote                  // a quotation mark; direction decided by the quote scanner
	tokBreak                  // a paragraph break (one or more newlines)
)

// token is one unit of the text. s/e are code-point offsets, bs/be byte
// offsets, both end exclusive.
type token struct {
	text   string // the original surface
	lower  string // lower-cased surface (shares memory when already lower case)
	s, e   int32
	bs, be int32
	quote  int32 // index of the quote this token lies in (marks included), -1 outside
	kind   tokenKind
	spaceB bool // whitespace (or text start) right before the token
	spaceA bool // whitespace (or text end) right after the token
	// upperStart: a word starting with an upper-case letter, decided once
	// here because the speaker stages ask for nearly every token.
	upperStart bool
}

func (t token) isWord() bool { return t.kind == tokWord }

// capitalized reports whether the token is a word starting with an
// upper-case letter.
func (t token) capitalized() bool { return t.upperStart }

// startsUpper reports whether w starts with an upper-case letter.
func startsUpper(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isQuoteRune(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '’', '‹', '›', '‟':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// tokenize splits text into tokens in one pass.
func tokenize(text string) []token {
	return tokenizeInto(make([]token, 0, len(text)/5+16), text)
}

// tokenizeInto appends the tokens of text to toks[:0], reusing its memory.
func tokenizeInto(toks []token, text string) []token {
	toks = toks[:0]
	cp := 0 // code-point index of byte i
	i := 0
	prevSpace := true
	var lows lowerArena
	var lines lineSkipper
	i, cp = lines.skip(text, i, cp)
	for i < len(text) {
		if text[i] == ' ' {
			// Spaces between words: most of what is not a word.
			if n := len(toks); n > 0 {
				toks[n-1].spaceA = true
			}
			i++
			cp++
			prevSpace = true
			continue
		}
		r, size := rune(text[i]), 1 // decodeAt, inline for ASCII
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n' || r == '\r' || r == '\u2029':
			// Collapse runs of newlines (and blank lines) into one break.
			bs, s := i, cp
			for i < len(text) {
				r2, sz2 := decodeAt(text, i)
				if r2 != '\n' && r2 != '\r' && r2 != '\u2029' && !isSpace(r2) {
					break
				}
				i += sz2
				cp++
			}
			i, cp = lines.skip(text, i, cp)
			if n := len(toks); n > 0 && toks[n-1].kind != tokBreak {
				toks[n-1].spaceA = true
				toks = append(toks, token{kind: tokBreak, s: int32(s), e: int32(s + 1), bs: int32(bs), be: int32(bs + 1), text: "\n", lower: "\n", quote: -1, spaceB: true, spaceA: true})
			}
			prevSpace = true
			continue
		case isSpace(r):
			if n := len(toks); n > 0 {
				toks[n-1].spaceA = true
			}
			i += size
			cp++
			prevSpace = true
			continue
		case isWordRune(r):
			end, runes, upper := scanWord(text, i)
			w := text[i:end]
			lower := w
			if upper {
				lower = lows.lower(w)
			}
			toks = append(toks, token{})
			t := &toks[len(toks)-1] // filled in place: no temporary to copy
			t.kind, t.s, t.e, t.bs, t.be = tokWord, int32(cp), int32(cp+runes), int32(i), int32(end)
			t.text, t.lower, t.quote, t.spaceB, t.upperStart = w, lower, -1, prevSpace, upper && startsUpper(w)
			i, cp = end, cp+runes
		default:
			k := tokPunct
			if isQuoteRune(r) {
				k = tokQuote
			}
			w := text[i : i+size]
			// Two apostrophes or backticks stand for a double quote: ''Yes,'' he said.
			if (r == '\'' || r == '`') && i+1 < len(text) && text[i+1] == byte(r) {
				w = text[i : i+2]
				toks = append(toks, token{kind: tokQuote, s: int32(cp), e: int32(cp + 2), bs: int32(i), be: int32(i + 2), text: w, lower: w, quote: -1, spaceB: prevSpace})
				i += 2
				cp += 2
				prevSpace = false
				continue
			}
			toks = append(toks, token{kind: k, s: int32(cp), e: int32(cp + 1), bs: int32(i), be: int32(i + size), text: w, lower: w, quote: -1, spaceB: prevSpace})
			i += size
			cp++
		}
		prevSpace = false
	}
	if n := len(toks); n > 0 {
		toks[n-1].spaceA = true
	}
	lows.fill(toks)
	return toks
}

// lowerArena lower-cases the article's ASCII words with capitals into one
// buffer, so the tokenizer allocates once per article instead of once per
// capitalised word. Until fill runs, such a word's lower is "".
type lowerArena struct{ b []byte }

// lowerPool recycles the arena's buffer; fill copies it into one string.
var lowerPool sync.Pool

// lower returns w in lower case, or "" when w is ASCII and its lower-case
// form went into the arena (fill sets it).
func (la *lowerArena) lower(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	if la.b == nil {
		if b, ok := lowerPool.Get().(*[]byte); ok {
			la.b = (*b)[:0]
		} else {
			la.b = make([]byte, 0, 4096)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		la.b = append(la.b, c)
	}
	return ""
}

// fill points the pending words' lower at their slice of the arena, in
// order: an ASCII word's lower case is as long as the word.
func (la *lowerArena) fill(toks []token) {
	if len(la.b) == 0 {
		return
	}
	all := string(la.b)
	b := la.b
	lowerPool.Put(&b)
	at := 0
	for i := range toks {
		if t := &toks[i]; t.kind == tokWord && t.lower == "" {
			t.lower = all[at : at+len(t.text)]
			at += len(t.text)
		}
	}
}

// lineSkipper drops page-furniture lines at line starts (furniture.go),
// remembering whether a "Read more:" label opened a list of links.
type lineSkipper struct{ inList bool }

// skip moves past furniture lines starting at byte i (code point cp),
// returning the position after them; the newlines stay for the tokenizer.
func (ls *lineSkipper) skip(text string, i, cp int) (int, int) {
	for i < len(text) {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text)
		} else {
			j += i
		}
		line := text[i:j]
		if k := strings.IndexByte(line, '\r'); k >= 0 {
			j, line = i+k, line[:k]
		}
		if k := strings.Index(line, "\u2029"); k >= 0 {
			j, line = i+k, line[:k]
		}
		is, label := furniture(line)
		if !is && ls.inList && linkLine(line) {
			is = true
		}
		if !is {
			ls.inList = false
			return i, cp
		}
		ls.inList = label || ls.inList
		cp += utf8.RuneCountInString(line)
		i = j
		// The newlines after the line: skip them too, and blank lines.
		for i < len(text) {
			r, sz := decodeAt(text, i)
			if r != '\n' && r != '\r' && r != '\u2029' && !isSpace(r) {
				break
			}
			i += sz
			cp++
		}
	}
	return i, cp
}

// decodeAt decodes the rune at byte i with an ASCII fast path.
func decodeAt(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r)
}

// isWordRune reports letters, digits and combining marks.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneSlow(r)
}

func isWordRuneSlow(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// asciiSpace marks the ASCII white space isSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

// abbreviations never end a sentence when followed by a period;
// finalAbbreviations often do ("… in the U.S. He said …"); honorificWords
// join the name after them. All three come from data/abbreviations.tsv
// (variables, not init, so other tables may be derived from them).
var abbreviations, finalAbbreviations, honorificWords = loadAbbreviations(readTSV("data/abbreviations.tsv"))

func loadAbbreviations(rows [][]string) (inner, final, honorific map[string]bool) {
	inner, final, honorific = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		if len(r) < 3 {
			panic("summarize: data/abbreviations.tsv: row " + strings.Join(r, "\t") + ": want word, period, honorific")
		}
		w := r[0]
		switch r[1] {
		case "inner":
			inner[w] = true
		case "final":
			inner[w], final[w] = true, true
		case "-":
		default:
			panic("summarize: data/abbreviations.tsv: " + w + ": period " + r[1] + " is not inner, final or -")
		}
		if r[2] == "honorific" {
			honorific[w] = true
		}
	}
	return inner, final, honorific
}

// span is a half-open range of token indexes.
type span struct{ a, b int }

// sentences splits tokens into units: sentences that never break inside a
// closed quotation (a multi-sentence quote stays in one unit with its
// attribution) and always break at paragraph breaks.
func sentences(toks []token) []span {
	return sentencesInto(nil, toks)
}

// sentencesInto is sentences appending to out[:0], reusing its memory.
func sentencesInto(out []span, toks []token) []span {
	out = out[:0]
	start := 0
	emit := func(end int) {
		if end > start {
			out = append(out, span{start, end})
		}
		start = end
	}
	start = datelineEnd(toks, 0)
	for i := start; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tokBreak {
			emit(i)
			start = datelineEnd(toks, i+1)
			i = start - 1
			continue
		}
		if t.kind != tokPunct || (t.text != "." && t.text != "!" && t.text != "?") {
			continue
		}
		// "3.3 billion", "fmprc.gov": no space, no sentence end.
		if !t.spaceA && i+1 < len(toks) && toks[i+1].kind == tokWord {
			continue
		}
		if t.text == "." && i > 0 && toks[i-1].isWord() && !toks[i-1].spaceA {
			prev := toks[i-1]
			if abbreviations[prev.lower] && !(finalAbbreviations[prev.lower] && i+1 < len(toks) && startsSentence(toks[i+1])) {
				continue
			}
			// An initial: "John F. Kennedy".
			if utf8.RuneCountInString(prev.text) == 1 && prev.capitalized() {
				continue
			}
		}
		// Take trailing closing quotes and brackets along.
		j := i + 1
		for j < len(toks) && (toks[j].kind == tokQuote || toks[j].text == ")" || toks[j].text == "]" || toks[j].text == "." || toks[j].text == "!" || toks[j].text == "?") && !toks[j].spaceB {
			j++
		}
		// Inside an open quotation, keep going unless the quote closes here.
		if t.quote >= 0 && j < len(toks) && toks[j].quote == t.quote {
			continue
		}
		if j < len(toks) && toks[j].kind != tokBreak {
			n := toks[j]
			r, _ := utf8.DecodeRuneInString(n.text)
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || n.kind == tokQuote || n.text == "(" || n.text == "[") {
				continue
			}
			// "“Is it fair?” Schiff asked.": a quoted question or
			// exclamation keeps its attribution.
			if t.text != "." && toks[j-1].kind == tokQuote && attributionFollows(toks, j) {
				continue
			}
		}
		emit(j)
		i = j - 1
	}
	emit(len(toks))
	return out
}

// datelineEnd returns the first token after a wire dateline opening the
// paragraph at a, or a when there is none: "MOSCOW, April 9 (Reuters) -",
// "BEIJING (AP) —", "UNITED NATIONS, Nov 3 (Xinhua) --", "TOKYO, March 2
// /Kyodo/ —", "MOSCOW, June 4. /TASS/.". A dateline opens with a word in
// capitals, holds only capitalised words, numbers and light punctuation,
// and ends at a spaced dash or an agency between slashes.
func datelineEnd(toks []token, a int) int {
	if a >= len(toks) || !isAllCaps(toks[a]) && !toks[a].capitalized() {
		return a
	}
	// "Kyiv, March 5 (AFP) -", "Feb 3 (Reuters) -": a dateline not in
	// capitals needs its agency in parentheses right before the dash.
	caps := isAllCaps(toks[a])
	for j := a + 1; j < len(toks) && j < a+18; j++ {
		t := toks[j]
		switch {
		case t.kind == tokBreak || t.kind == tokQuote:
			return a
		case t.kind == tokWord:
			if !t.capitalized() && !isDigits(t.lower) {
				return a
			}
		case t.text == "—" || t.text == "–" || t.text == "-" && t.spaceB:
			if !caps && !(j-3 > a && toks[j-1].text == ")" && toks[j-2].capitalized() && toks[j-3].text == "(") {
				return a
			}
			e := j + 1
			for e < len(toks) && toks[e].text == "-" {
				e++ // "--"
			}
			return e
		case t.text == "/" && j-2 > a && toks[j-2].text == "/" && toks[j-1].isWord():
			e := j + 1
			for e < len(toks) && (toks[e].text == "." || toks[e].text == "—" || toks[e].text == "–" || toks[e].text == "-") {
				e++
			}
			return e
		case t.text == "," || t.text == "." || t.text == "(" || t.text == ")" || t.text == "/":
		default:
			return a
		}
	}
	return a
}

// startsSentence reports whether t is a word that typically opens a
// sentence: a capitalized pronoun or function word.
func startsSentence(t token) bool {
	return t.capitalized() && (pronouns[t.lower] || notNames[t.lower])
}

// scanWord returns the end (byte offset) of the word starting at byte i,
// its length in code points, and whether it may hold a capital (any
// non-ASCII letter counts, for strings.ToLower to decide). Inner
// apostrophes and hyphens join ("China's", "don’t", "win-win"), as do
// single letters joined by dots ("U.S", the last dot left out).
func scanWord(text string, i int) (end, runes int, upper bool) {
	letters := 0
	for i < len(text) {
		if j, up := asciiWordRun(text, i); j > i {
			// ASCII fast path: most of the text.
			upper = upper || up
			runes += j - i
			letters += j - i
			i = j
			if i == len(text) {
				break
			}
		}
		r2, sz2 := rune(text[i]), 1 // decodeAt, inline for ASCII
		if r2 >= utf8.RuneSelf {
			r2, sz2 = utf8.DecodeRuneInString(text[i:])
		}
		if isWordRune(r2) {
			upper = true // not ASCII: let strings.ToLower decide
			i += sz2
			runes++
			letters++
			continue
		}
		// Inner apostrophe or hyphen: "China's", "don’t", "win-win".
		if (isApostrophe(r2) || r2 == '-') && i+sz2 < len(text) {
			r3, _ := decodeAt(text, i+sz2)
			if isWordRune(r3) {
				i += sz2
				runes++
				letters = 0
				continue
			}
		}
		// Dotted abbreviations: "U.S.", "U.N." (single letters joined by dots).
		if r2 == '.' && letters == 1 && i+1 < len(text) {
			r3, sz3 := decodeAt(text, i+1)
			if unicode.IsLetter(r3) && i+1+sz3 < len(text) && text[i+1+sz3] == '.' {
				i += 1 + sz3
				runes += 2
				letters = 1
				continue
			}
		}
		break
	}
	return i, runes, upper
}

// asciiWordRun returns the end of the run of ASCII letters and digits
// starting at byte i, and whether the run holds a capital. A function of
// its own so the loop keeps its variables in registers.
func asciiWordRun(text string, i int) (end int, upper bool) {
	var seen uint8
	for ; i < len(text); i++ {
		k := asciiWordBytes[text[i]]
		if k == 0 {
			break
		}
		seen |= k
	}
	return i, seen&2 != 0
}

// asciiWordBytes is 1 for ASCII lower-case letters and digits, 2 for
// capitals, 0 for every other byte (non-ASCII bytes included).
var asciiWordBytes = func() (t [256]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = 2
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = 1
		}
	}
	return t
}()

// asciiWord marks ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// attributionFollows reports whether a short name and a speech cue start
// at token j: "Schiff asked", "Adam Schiff said".
func attributionFollows(toks []token, j int) bool {
	for k := j; k < len(toks) && k < j+4; k++ {
		if toks[k].capitalized() {
			continue
		}
		// "He Jianxiong, the former director at the IMF, said": skip the
		// apposition.
		if k > j && toks[k].text == "," {
			for m := k + 1; m < len(toks) && m < k+25; m++ {
				if toks[m].text == "." || toks[m].kind == tokBreak || toks[m].quote >= 0 {
					return false
				}
				if toks[m].text == "," {
					k = m + 1
					break
				}
			}
			if k >= len(toks) || !toks[k].isWord() {
				return false
			}
		}
		if k == j || !toks[k].isWord() {
			return false
		}
		kind, ok := cues[toks[k].lower]
		return ok && (kind == cueSay || kind == cueTell)
	}
	return false
}
