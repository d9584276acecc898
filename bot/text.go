package bot

import (
	"strings"
	"unicode/utf8"
)

// Text helpers the chat adapters share to fit platform length limits.
// Limits count characters (runes), as Slack and Discord do.

// SplitText cuts text into pieces of at most max characters, preferring
// line breaks, then spaces, never splitting a UTF-8 sequence. Pieces are
// trimmed of surrounding space; empty text gives no pieces.
func SplitText(text string, max int) []string {
	var parts []string
	for text != "" {
		if utf8.RuneCountInString(text) <= max {
			parts = append(parts, text)
			break
		}
		cut := byteOffset(text, max)
		if i := strings.LastIndexByte(text[:cut], '\n'); i > cut/2 {
			cut = i
		} else if i := strings.LastIndexByte(text[:cut], ' '); i > cut/2 {
			cut = i
		}
		parts = append(parts, strings.TrimSpace(text[:cut]))
		text = strings.TrimSpace(text[cut:])
	}
	return parts
}

// Truncate shortens s to at most max characters, ending it with "…" when
// anything was cut.
func Truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return strings.TrimSpace(s[:byteOffset(s, max-1)]) + "…"
}

// byteOffset returns the byte offset of the n-th rune of s.
func byteOffset(s string, n int) int {
	i := 0
	for off := range s {
		if i == n {
			return off
		}
		i++
	}
	return len(s)
}
