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
	furnitureRules []furnitureRule
	bylineWords    = map[string]bool{}
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
			furnitureRules = append(furnitureRules, furnitureRule{match: r[0], text: strings.ToLower(r[1]), short: len(r) > 2 && r[2] == "short"})
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
	// Lower-case only the ends the rules look at: most lines are text.
	head, tail := strings.ToLower(cutRunes(line, 48, true)), strings.ToLower(cutRunes(line, 40, false))
	mayContain := strings.ContainsAny(line, "(/")
	var lower string
	if mayContain {
		lower = strings.ToLower(line)
	}
	short := isShortUnpunctuated(line)
	for _, r := range furnitureRules {
		if r.short && !short {
			continue
		}
		var hit bool
		switch r.match {
		case "prefix":
			hit = strings.HasPrefix(head, r.text)
		case "suffix":
			hit = strings.HasSuffix(tail, r.text)
		case "contains":
			hit = mayContain && strings.Contains(lower, r.text)
		case "line":
			hit = len(line) == len(head) && head == r.text
		}
		if hit {
			rest := ""
			if r.match == "prefix" && len(head) >= len(r.text) {
				rest = strings.TrimSpace(strings.TrimLeft(head[len(r.text):], ":|"))
				if len(line) > len(head) {
					rest = "…" // more text than the head shows
				}
			}
			return true, r.match == "prefix" && rest == ""
		}
	}
	return short && isByline(line), false
}

// isShortUnpunctuated reports a line of at most 15 words that does not end
// like a sentence.
func isShortUnpunctuated(line string) bool {
	if len(strings.Fields(line)) > 15 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(line)
	switch r {
	case '.', '!', '?', ';', ',', '”', '"', '’', '\'', '»':
		return false
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

// cutRunes returns at most n bytes from the start (or the end) of s, cut
// at a rune boundary.
func cutRunes(s string, n int, fromStart bool) string {
	if len(s) <= n {
		return s
	}
	if fromStart {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		return s[:n]
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}
