package postgres

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// prefixed qualifies each column of a comma-separated list with p.
func prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// sortFeeds orders claimed feeds the way they were chosen: longest due first.
func sortFeeds(feeds []briefbot.Feed) {
	slices.SortFunc(feeds, func(a, b briefbot.Feed) int {
		if c := a.NextCheckAt.Compare(b.NextCheckAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

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
