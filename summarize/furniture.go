package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file owns page furniture: the lines of a fetched page that are not
// article text ("READ MORE: …", photo captions, bylines, "The Canadian
// Press", share prompts), matched by data/furniture.tsv. The tokenizer
// skips them as if they were blank, so they never become statements and a
// quotation running on across paragraphs is not cut by a caption.

type furnitureRule struct {
	match string // prefix, suffix, contains, line
	text  string // lower case
	short bool
}

var (
	bylineWords = map[string]bool{}
	// rulesByEnd indexes prefix rules by their first byte and suffix
	// rules by their last (lower case), so a line meets only the few rules
	// that could match it; the rest are in otherRules.
	prefixRules, suffixRules [256][]furnitureRule
	otherRules               []furnitureRule
)

func init() {
	for _, r := range readTSV("data/furniture.tsv") {
		if len(r) < 2 {
			panic("summarize: data/furniture.tsv: row " + strings.Join(r, "\t") + ": want match and text")
		}
		switch r[0] {
		case "byline":
			bylineWords[r[1]] = true
		case "prefix", "suffix", "contains", "line":
			fr := furnitureRule{match: r[0], text: strings.ToLower(r[1]), short: len(r) > 2 && r[2] == "short"}
			switch fr.match {
			case "prefix":
				prefixRules[fr.text[0]] = append(prefixRules[fr.text[0]], fr)
			case "suffix":
				suffixRules[fr.text[len(fr.text)-1]] = append(suffixRules[fr.text[len(fr.text)-1]], fr)
			default:
				otherRules = append(otherRules, fr)
			}
		default:
			panic("summarize: data/furniture.tsv: match " + r[0] + " is not prefix, suffix, contains, line or byline")
		}
	}
}

// maxFurnitureLine bounds the lines tested: furniture is short.
const maxFurnitureLine = 300

// furniture classifies one line (no newline). label reports a label with
// nothing after it ("Read more:", "DON'T MISS"), which the link lines
// after it follow.
func furniture(line string) (is, label bool) {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > maxFurnitureLine {
		return false, false
	}
	// Case-folded comparisons of the line's ends: no allocation for the
	// lines that are text, which are nearly all of them.
	var lower string
	if strings.ContainsAny(line, "(/") {
		lower = strings.ToLower(line)
	}
	short := isShortUnpunctuated(line)
	first, last := lowerByte(line[0]), lowerByte(line[len(line)-1])
	for _, rules := range [3][]furnitureRule{prefixRules[first], suffixRules[last], otherRules} {
		if is, label := matchFurniture(rules, line, lower, short); is {
			return true, label
		}
	}
	return short && isByline(line), false
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// matchFurniture tries rules on line (lower is the lower-cased line when a
// "contains" rule may apply, else "").
func matchFurniture(rules []furnitureRule, line, lower string, short bool) (is, label bool) {
	for _, r := range rules {
		if r.short && !short {
			continue
		}
		n := len(r.text)
		var hit bool
		switch r.match {
		case "prefix":
			hit = len(line) >= n && strings.EqualFold(line[:n], r.text)
		case "suffix":
			hit = len(line) >= n && strings.EqualFold(line[len(line)-n:], r.text)
		case "contains":
			hit = lower != "" && strings.Contains(lower, r.text)
		case "line":
			hit = strings.EqualFold(line, r.text)
		}
		if hit {
			label := r.match == "prefix" && strings.TrimSpace(strings.TrimLeft(line[n:], ":|")) == ""
			return true, label
		}
	}
	return false, false
}

// isShortUnpunctuated reports a line of at most 15 words that does not end
// like a sentence.
func isShortUnpunctuated(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	switch r {
	case '.', '!', '?', ';', ',', '”', '"', '’', '\'', '»':
		return false
	}
	return wordsAtMost(line, 15)
}

// wordsAtMost reports whether s has at most n space-separated words,
// without splitting it.
func wordsAtMost(s string, n int) bool {
	words, inWord := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\t'
		if !space && !inWord {
			if words++; words > n {
				return false
			}
		}
		inWord = !space
	}
	return true
}

// isByline reports "By Stefan Becket, Kathryn Watson" and "Caroline
// Hawley, BBC diplomatic correspondent".
func isByline(line string) bool {
	words := strings.Fields(line)
	if len(words) >= 3 && words[0] == "By" {
		for _, w := range words[1:] {
			w = strings.TrimRight(w, ",")
			if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && w != "and" {
				return false
			}
		}
		return true
	}
	if len(words) > 8 || !strings.Contains(line, ",") {
		return false
	}
	return bylineWords[strings.ToLower(words[len(words)-1])]
}

// linkLine reports a short unpunctuated line, as in the list after a
// "Read more:" label.
func linkLine(line string) bool {
	line = strings.TrimSpace(line)
	return line != "" && len(line) <= maxFurnitureLine && isShortUnpunctuated(line)
}
