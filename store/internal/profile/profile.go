// Package profile builds the parts of a speaker profile both SQL stores
// compute the same way from the speaker's latest statements: the usual
// spelling of the name, how articles refer to them, their roles over time
// and their key statements. SQL stays in the store packages.
package profile

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/briefbot/briefbot"
)

// Bounds of a profile's work, so it stays fast for speakers quoted
// hundreds of thousands of times.
const (
	RecentStatements = 500 // latest statements read for name, mentions, roles, key statements
	RecentArticles   = 500 // latest articles whose actors are counted
	KeyWindow        = 50  // latest statements the key ones are picked from
	KeyStatements    = 3
	KeyScore         = 0.5 // a statement scoring this much is key
	Mentions         = 8
	Actors           = 8
)

// Dated is a statement with the date it counts under: the article's
// publication, else its fetch.
type Dated struct {
	briefbot.StatementHit
	Date time.Time
}

// Fill sets p's Name, Mentions, Roles and Latest from recent, the
// speaker's latest statements, newest first.
func Fill(p *briefbot.SpeakerProfile, recent []Dated) {
	names := map[string]int{}
	mentions := map[string]int{}
	type roleKey struct{ role, affiliation string }
	roles := map[roleKey]*briefbot.SpeakerRole{}
	for _, d := range recent {
		names[d.Speaker]++
		// Pronouns and descriptions in lower case ("he", "the minister")
		// name nobody; "Lavrov" and "Russia's top diplomat" do.
		if m := strings.TrimSpace(d.SpeakerMention.Text); m != "" && m != d.Speaker && startsUpper(m) {
			mentions[m]++
		}
		if d.SpeakerRole == "" && d.SpeakerAffiliation == "" {
			continue
		}
		k := roleKey{d.SpeakerRole, d.SpeakerAffiliation}
		r, ok := roles[k]
		if !ok {
			r = &briefbot.SpeakerRole{Role: k.role, Affiliation: k.affiliation, From: d.Date, Until: d.Date}
			roles[k] = r
		}
		if d.Date.Before(r.From) {
			r.From = d.Date
		}
		if d.Date.After(r.Until) {
			r.Until = d.Date
		}
	}
	if top := ranked(names, 1); len(top) > 0 {
		p.Name = top[0].Name
	}
	for _, m := range ranked(mentions, Mentions) {
		p.Mentions = append(p.Mentions, m.Name)
	}
	p.Roles = nil
	for _, r := range roles {
		p.Roles = append(p.Roles, *r)
	}
	slices.SortFunc(p.Roles, func(a, b briefbot.SpeakerRole) int {
		if c := b.Until.Compare(a.Until); c != 0 {
			return c
		}
		return cmp.Compare(a.Role+a.Affiliation, b.Role+b.Affiliation)
	})
	p.Latest = Key(recent[:min(len(recent), KeyWindow)], KeyStatements)
}

// Key picks the n latest statements of window (newest first) scoring at
// least KeyScore; when fewer qualify, the best-scoring others fill in. They
// come back newest first.
func Key(window []Dated, n int) []briefbot.StatementHit {
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
		out = append(out, window[i].StatementHit)
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
