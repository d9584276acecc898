package registry

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"
)

// Found is a speaker row as the finder ranks it.
type Found struct {
	ID         int64
	Statements int
}

// Lookups are the indexed queries a store answers for Find. Each returns
// speakers most quoted first, at most limit.
type Lookups interface {
	// ByAlias: speakers registered under any of the keys.
	ByAlias(ctx context.Context, keys []string, limit int) ([]Found, error)
	// ByWords: speakers having every word whole, or, with prefix, a word
	// beginning with each.
	ByWords(ctx context.Context, words []string, prefix bool, limit int) ([]Found, error)
	// BySubstring: speakers whose key contains key.
	BySubstring(ctx context.Context, key string, limit int) ([]Found, error)
	// WordsStarting: the distinct registered words beginning with any of
	// the prefixes, minLen to maxLen characters long.
	WordsStarting(ctx context.Context, prefixes []string, minLen, maxLen int) ([]string, error)
}

// Tier is how Find matched, best first (mirrors store.Match).
type Tier int

// Tiers.
const (
	TierNone Tier = iota
	TierAlias
	TierWord
	TierPartial
	TierGuess
)

// maxQueryWords bounds the words of a lookup: names are short.
const maxQueryWords = 6

// Find resolves a typed name to speakers, best tier first: an alias (the
// whole name, another spelling, a gazetteer alias), every word whole, then
// words as prefixes and the name as a substring, then, when guess is set
// and nothing matched, words within MaxTypos edits.
func Find(ctx context.Context, l Lookups, name string, limit int, guess bool) ([]Found, Tier, error) {
	key := Key(name)
	if key == "" {
		return nil, TierNone, nil
	}
	if limit <= 0 {
		limit = 10
	}
	keys := []string{key}
	if canon, ok := Known(name); ok && Key(canon) != key {
		keys = append(keys, Key(canon))
	}
	found, err := l.ByAlias(ctx, keys, limit)
	if err != nil || len(found) > 0 {
		return found, TierAlias, err
	}
	ws := strings.Fields(key)
	if len(ws) > maxQueryWords {
		ws = ws[:maxQueryWords]
	}
	if found, err = l.ByWords(ctx, ws, false, limit); err != nil || len(found) > 0 {
		return found, TierWord, err
	}
	if found, err = l.ByWords(ctx, ws, true, limit); err != nil {
		return nil, TierNone, err
	}
	if len(found) < limit {
		more, err := l.BySubstring(ctx, key, limit)
		if err != nil {
			return nil, TierNone, err
		}
		found = appendNew(found, more, limit)
	}
	if len(found) > 0 || !guess {
		return found, tierIf(found, TierPartial), nil
	}
	found, err = guessWords(ctx, l, ws, limit)
	return found, tierIf(found, TierGuess), err
}

// Complete finds speakers for autocomplete from a folded fragment: every
// word the beginning of a word of the name first, then the fragment
// anywhere in the name.
func Complete(ctx context.Context, l Lookups, key string, limit int) ([]Found, error) {
	ws := strings.Fields(key)
	if len(ws) > maxQueryWords {
		ws = ws[:maxQueryWords]
	}
	found, err := l.ByWords(ctx, ws, true, limit)
	if err != nil || len(found) >= limit {
		return found, err
	}
	more, err := l.BySubstring(ctx, key, limit)
	return appendNew(found, more, limit), err
}

func tierIf(found []Found, t Tier) Tier {
	if len(found) == 0 {
		return TierNone
	}
	return t
}

// guessWords replaces each typed word by the registered words within its
// MaxTypos edits (nearest first) and looks the combinations up as whole
// words. Candidates share the typed word's first or second letter (a typo
// in the first letter, or the first two swapped, still finds them).
func guessWords(ctx context.Context, l Lookups, ws []string, limit int) ([]Found, error) {
	options := make([][]string, len(ws))
	for i, w := range ws {
		max := MaxTypos(w)
		if max == 0 {
			options[i] = []string{w}
			continue
		}
		r := []rune(w)
		prefixes := []string{string(r[0])}
		if len(r) > 1 && r[1] != r[0] {
			prefixes = append(prefixes, string(r[1]))
		}
		n := utf8.RuneCountInString(w)
		cands, err := l.WordsStarting(ctx, prefixes, n-max, n+max)
		if err != nil {
			return nil, err
		}
		type near struct {
			w string
			d int
		}
		var nears []near
		for _, c := range cands {
			if d := Distance(w, c, max); d <= max {
				nears = append(nears, near{c, d})
			}
		}
		if len(nears) == 0 {
			return nil, nil
		}
		slices.SortStableFunc(nears, func(a, b near) int { return a.d - b.d })
		for _, n := range nears[:min(len(nears), 5)] {
			options[i] = append(options[i], n.w)
		}
	}
	// Try combinations nearest first; a name has few words, each few options.
	var out []Found
	var try func(i int, chosen []string) error
	tries := 0
	try = func(i int, chosen []string) error {
		if len(out) >= limit || tries > 50 {
			return nil
		}
		if i == len(options) {
			tries++
			found, err := l.ByWords(ctx, chosen, false, limit)
			out = appendNew(out, found, limit)
			return err
		}
		for _, o := range options[i] {
			if err := try(i+1, append(chosen, o)); err != nil {
				return err
			}
		}
		return nil
	}
	return out, try(0, nil)
}

func appendNew(dst, more []Found, limit int) []Found {
	for _, f := range more {
		if len(dst) >= limit {
			break
		}
		if !slices.ContainsFunc(dst, func(g Found) bool { return g.ID == f.ID }) {
			dst = append(dst, f)
		}
	}
	return dst
}

// PrefixEnd returns the smallest string greater than every string starting
// with p, for range scans (word >= p AND word < PrefixEnd(p)).
func PrefixEnd(p string) string {
	r := []rune(p)
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] < utf8.MaxRune {
			r[i]++
			return string(r[:i+1])
		}
	}
	return string(utf8.MaxRune)
}
