// Package profile builds the parts of a speaker profile both SQL stores
// compute the same way from the speaker's latest statements: how articles
// refer to them and their key statements. SQL stays in the store packages.
package profile

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot"
)

// Bounds of a profile's work, so it stays fast for speakers quoted
// hundreds of thousands of times.
const (
	RecentStatements = 200 // latest statements read for mentions and key statements
	RecentArticles   = 500 // latest articles whose actors are counted
	KeyWindow        = 50  // latest statements the key ones are picked from
	KeyStatements    = 3
	KeyScore         = 0.5 // a statement scoring this much is key
	Mentions         = 8
	Actors           = 8
)

// Fill sets p's Mentions and Latest from recent, the speaker's latest
// statements, newest first.
func Fill(p *briefbot.SpeakerProfile, recent []briefbot.StatementHit) {
	mentions := map[string]int{}
	for _, d := range recent {
		// Pronouns and descriptions in lower case ("he", "the minister")
		// name nobody; "Lavrov" and "Russia's top diplomat" do.
		if m := strings.TrimSpace(d.SpeakerMention.Text); m != "" && m != d.Speaker && startsUpper(m) {
			mentions[m]++
		}
	}
	p.Mentions = nil
	for _, m := range ranked(mentions, Mentions) {
		p.Mentions = append(p.Mentions, m.Name)
	}
	p.Latest = Key(recent[:min(len(recent), KeyWindow)], KeyStatements)
}

// Key picks the n latest statements of window (newest first) scoring at
// least KeyScore; when fewer qualify, the best-scoring others fill in. They
// come back newest first.
func Key(window []briefbot.StatementHit, n int) []briefbot.StatementHit {
	var idx []int
	for i, d := range window {
		if len(idx) < n && d.Score >= KeyScore {
			idx = append(idx, i)
		}
	}
	if len(idx) < n {
		rest := make([]int, 0, len(window))
		for i, d := range window {
			if d.Score < KeyScore {
				rest = append(rest, i)
			}
		}
		slices.SortStableFunc(rest, func(a, b int) int { return cmp.Compare(window[b].Score, window[a].Score) })
		idx = append(idx, rest[:min(n-len(idx), len(rest))]...)
	}
	slices.Sort(idx)
	out := make([]briefbot.StatementHit, 0, len(idx))
	for _, i := range idx {
		out = append(out, window[i])
	}
	return out
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// ranked returns the counted names, most frequent first, then by name; at
// most n.
func ranked(counts map[string]int, n int) []briefbot.NameCount {
	out := make([]briefbot.NameCount, 0, len(counts))
	for name, c := range counts {
		out = append(out, briefbot.NameCount{Name: name, Count: c})
	}
	slices.SortFunc(out, func(a, b briefbot.NameCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out[:min(n, len(out))]
}
