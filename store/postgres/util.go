package postgres

import (
	"strings"
	"unicode/utf8"
)

// clean makes s storable in a PostgreSQL text column, which refuses NUL
// and invalid UTF-8 (SQLite stores both): NUL becomes a space and each
// invalid byte U+FFFD, so code-point offsets into the text stay valid.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == 0 {
			return ' '
		}
		return r
	}, s)
}
