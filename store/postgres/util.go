package postgres

import (
	"cmp"
	"slices"
	"strings"

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
