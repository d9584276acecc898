package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file owns the actor recogniser's tokenizer. It differs from the
// statement tokenizer on purpose: possessive "'s" and hyphens are separate
// tokens so "Russia's" and "Sino-Russian" expose the country names inside,
// and gazetteer entries are split by the same function so both sides agree.

type actTokKind uint8

const (
	actWord  actTokKind = iota // letters, digits, marks, inner apostrophes ("Xi'an"), dotted initials ("U.S.")
	actPunct                   // any other single rune, and the possessive "'s"
)

// actToken is one token with byte offsets (bs, be) and code-point offsets
// (s, e), both end exclusive. It holds no pointers, so a token slice costs
// the garbage collector nothing to scan; str slices the text.
type actToken struct {
	bs, be    int32
	s, e      int32
	kind      actTokKind
	ascii     bool   // every byte is ASCII
	upper     bool   // first rune is an upper-case letter
	allUpper  bool   // every letter is upper case (acronyms, shouted words)
	sentStart bool   // first word of a sentence, paragraph or the text
	paraBreak bool   // a newline precedes the token
	shape     uint16 // shapeOf the word, for ASCII words: the gazetteer's first filter
}

// str is the token's text within the text it came from.
func (t actToken) str(text string) string { return text[t.bs:t.be] }

func isActApostrophe(r rune) bool { return r == '\'' || r == '’' }

// asciiClass classifies ASCII bytes for the tokenizer's fast path.
var asciiClass = func() (c [128]uint8) {
	for b := 0; b < 128; b++ {
		switch {
		case b >= 'a' && b <= 'z':
			c[b] = clsLower
		case b >= 'A' && b <= 'Z':
			c[b] = clsUpper
		case b >= '0' && b <= '9':
			c[b] = clsDigit
		case b == ' ' || b == '\t' || b == '\v' || b == '\f':
			c[b] = clsSpace
		case b == '\n' || b == '\r':
			c[b] = clsNewline
		default:
			c[b] = clsOther
		}
	}
	return c
}()

const (
	clsOther uint8 = iota
	clsLower
	clsUpper
	clsDigit
	clsSpace
	clsNewline
)

// runeClass classifies any rune like asciiClass.
func runeClass(r rune) uint8 {
	if r < 128 {
		return asciiClass[r]
	}
	return runeClassSlow(r)
}

func runeClassSlow(r rune) uint8 {
	switch r { // typographic punctuation is common in news: skip the tables
	case '’', '‘', '“', '”', '—', '–', '…', '•', '«', '»', '€', '£':
		return clsOther
	case '\u00a0', '\u2009', '\u202f':
		return clsSpace
	}
	switch {
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return clsUpper
	case unicode.IsLetter(r):
		return clsLower // caseless letters (CJK) never start a name
	case unicode.IsDigit(r), unicode.IsMark(r):
		return clsDigit
	case r == '\u2029' || r == '\u2028':
		return clsNewline
	case unicode.IsSpace(r):
		return clsSpace
	}
	return clsOther
}

// decode returns the rune at text[i] and its size, fast for ASCII.
func decode(text string, i int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// tokenizeActors splits text into tokens in one pass.
func tokenizeActors(text string) []actToken {
	return tokenizeActorsInto(make([]actToken, 0, len(text)/5+16), text)
}

// tokenizeActorsInto appends the tokens of text to toks.
func tokenizeActorsInto(toks []actToken, text string) []actToken {
	cp := 0
	i := 0
	sentStart := true
	para := true
	for i < len(text) {
		if text[i] == ' ' {
			i++ // spaces between words: most of what is not a word
			cp++
			continue
		}
		var r rune
		var size int
		var cls uint8
		if c := text[i]; c < utf8.RuneSelf {
			r, size, cls = rune(c), 1, asciiClass[c]
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			cls = runeClass(r)
		}
		if cls == clsSpace || cls == clsNewline {
			if cls == clsNewline {
				para = true
				sentStart = true
			}
			i += size
			cp++
			continue
		}
		if cls == clsLower || cls == clsUpper || cls == clsDigit {
			end, runes, lower, ascii := scanActWord(text, i)
			toks = append(toks, actToken{})
			t := &toks[len(toks)-1] // filled in place: no temporary to copy
			t.bs, t.be, t.s, t.e, t.kind = int32(i), int32(end), int32(cp), int32(cp+runes), actWord
			t.ascii = ascii && text[i] < utf8.RuneSelf
			if t.ascii {
				t.shape = uint16(shapeOf(text[i:end]))
			}
			t.upper, t.allUpper = cls == clsUpper, lower == 0 && cls != clsDigit
			t.sentStart, t.paraBreak = sentStart, para
			i, cp = end, cp+runes
			sentStart, para = false, false
			continue
		}
		// Possessive "'s" as one token.
		if isActApostrophe(r) && i+size < len(text) && (text[i+size] == 's' || text[i+size] == 'S') && !actLetterAt(text, i+size+1) {
			toks = append(toks, actToken{bs: int32(i), be: int32(i + size + 1), s: int32(cp), e: int32(cp + 2), kind: actPunct, paraBreak: para})
			i += size + 1
			cp += 2
			para = false
			continue
		}
		toks = append(toks, actToken{bs: int32(i), be: int32(i + size), s: int32(cp), e: int32(cp + 1), kind: actPunct, paraBreak: para})
		i += size
		cp++
		para = false
		switch r {
		case '.', '!', '?', ':', ';', '•', '|':
			// A period after an honorific or a single initial does not end
			// the sentence ("Mr. Wang", "John F. Kennedy").
			if r == '.' && len(toks) >= 2 {
				if p := toks[len(toks)-2]; p.kind == actWord && (actHonorifics[p.str(text)] || p.e-p.s == 1) {
					continue
				}
			}
			sentStart = true
		}
	}
	return toks
}

// scanActWord returns the end (byte offset) of the word starting at byte
// i, its length in code points, how many of its letters are lower case,
// and false when a rune after the first, or the one ending the word, is
// not ASCII. A possessive "'s" ends the word; other inner apostrophes
// ("Xi'an", "O'Brien") and dotted initials ("U.S.", dots included) do not.
func scanActWord(text string, i int) (end, runes, lower int, ascii bool) {
	letters := 0
	ascii = true
	for i < len(text) {
		// ASCII letters and digits: the common case.
		if j, low := asciiActWordRun(text, i); j > i {
			lower += low
			runes += j - i
			letters += j - i
			i = j
			if i == len(text) {
				break
			}
		}
		r2, sz2 := rune(text[i]), 1 // decode, inline for ASCII
		if r2 >= utf8.RuneSelf {
			r2, sz2 = utf8.DecodeRuneInString(text[i:])
		}
		c2 := runeClass(r2)
		if sz2 > 1 {
			ascii = false
		}
		if c2 == clsLower || c2 == clsUpper || c2 == clsDigit {
			if c2 == clsLower {
				lower++
			}
			i += sz2
			runes++
			letters++
			continue
		}
		if isActApostrophe(r2) && i+sz2 < len(text) {
			// Possessive "'s" ends the word; other inner apostrophes
			// ("Xi'an", "N'Djamena", "O'Brien") stay inside it.
			r3, sz3 := decode(text, i+sz2)
			if c3 := runeClass(r3); c3 != clsLower && c3 != clsUpper {
				break
			}
			if (r3 == 's' || r3 == 'S') && !actLetterAt(text, i+sz2+sz3) {
				break
			}
			i += sz2
			runes++
			continue
		}
		// Dotted initials: "U.S.", "U.N.", "D.C.".
		if r2 == '.' && letters == 1 && i+1 < len(text) {
			r3, sz3 := decode(text, i+1)
			if c3 := runeClass(r3); (c3 == clsLower || c3 == clsUpper) && i+1+sz3 < len(text) && text[i+1+sz3] == '.' {
				i += 1 + sz3 + 1
				runes += 3
				letters = 1
				continue
			}
		}
		break
	}
	return i, runes, lower, ascii
}

// asciiActWordRun returns the end of the run of ASCII letters and digits
// starting at byte i, and how many of them are lower case.
func asciiActWordRun(text string, i int) (end, lower int) {
	for ; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			break
		}
		switch asciiClass[c] {
		case clsLower:
			lower++
		case clsUpper, clsDigit:
		default:
			return i, lower
		}
	}
	return i, lower
}

func actLetterAt(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLetter(r)
}

// actHonorifics precede a name and become part of the mention ("Mr.
// Wang"): the honorifics of data/abbreviations.tsv, capitalised as
// written before a name.
var actHonorifics = func() map[string]bool {
	m := map[string]bool{}
	for w := range honorificWords {
		m[strings.ToUpper(w[:1])+w[1:]] = true
	}
	return m
}()
