// Package lookuptest compares the chat lookups of two stores: tests of
// migrations fill one database at an old schema with their own SQL and one
// through SaveArticle, and expect the same answers.
package lookuptest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

// Lookups are the store methods compared.
type Lookups interface {
	StatementsBySpeaker(ctx context.Context, name string, limit int) ([]briefbot.StatementHit, error)
	FindSpeakers(ctx context.Context, name string, limit int) ([]briefbot.Speaker, briefbot.SpeakerMatch, error)
	Speakers(ctx context.Context, fragment string, limit int) ([]string, error)
	SearchStatements(ctx context.Context, query string, limit int) ([]briefbot.StatementHit, error)
}

var t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// MigrationArticles are articles a store test writes at an older schema
// (with its own SQL) and through SaveArticle, to compare the lookups of
// both databases: spelling variants, a surname alone, a group speaker.
func MigrationArticles() []briefbot.Article {
	speakers := []briefbot.Statement{
		{Text: "The ceasefire must hold", Speaker: "Sergey Lavrov", SpeakerRole: "Foreign Minister", SpeakerAffiliation: "Russia", Kind: briefbot.Direct},
		{Text: "Talks on the ceasefire continue", Speaker: "Sergei Lavrov", Kind: briefbot.Indirect},
		{Text: "Trade is growing", Speaker: "Wang Yi", SpeakerRole: "Foreign Minister", SpeakerAffiliation: "China", Kind: briefbot.Direct},
		{Text: "Sanctions hurt ordinary people", Speaker: "Maria Zakharova", Kind: briefbot.Direct},
		{Text: "The truce is fragile", Speaker: "analysts", Kind: briefbot.Indirect},
	}
	var arts []briefbot.Article
	for n := range 12 {
		at := t0.Add(time.Duration(n) * time.Hour)
		a := briefbot.Article{FeedName: "Wire", Hash: fmt.Sprintf("mig-%d", n), URL: fmt.Sprintf("https://wire.example/mig/%d", n),
			Title: fmt.Sprintf("Migration %d", n), PublishedAt: at, FetchedAt: at}
		for k := range 3 {
			st := speakers[(n+k)%len(speakers)]
			st.Text = fmt.Sprintf("%s (%d.%d)", st.Text, n, k)
			a.Statements = append(a.Statements, st)
		}
		arts = append(arts, a)
	}
	return arts
}

// SameLookups fails t unless got answers who, autocomplete and search as
// want does.
func SameLookups(t *testing.T, got, want Lookups) {
	t.Helper()
	hitKeys := func(hits []briefbot.StatementHit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, h.Speaker+": "+h.Text)
		}
		return out
	}
	for _, name := range []string{"lavrov", "Sergey Lavrov", "Лавров", "wang", "Zakharova", "analysts", "Lavorv"} {
		g, err := got.StatementsBySpeaker(t.Context(), name, 10)
		check(t, err)
		w, err := want.StatementsBySpeaker(t.Context(), name, 10)
		check(t, err)
		if !slices.Equal(hitKeys(g), hitKeys(w)) {
			t.Errorf("StatementsBySpeaker(%q):\n got %q\nwant %q", name, hitKeys(g), hitKeys(w))
		}
		gs, gm, err := got.FindSpeakers(t.Context(), name, 5)
		check(t, err)
		ws, wm, err := want.FindSpeakers(t.Context(), name, 5)
		check(t, err)
		if gm != wm || len(gs) != len(ws) {
			t.Errorf("FindSpeakers(%q): got %d speakers (match %d), want %d (match %d)", name, len(gs), gm, len(ws), wm)
		}
		for i := range min(len(gs), len(ws)) {
			if gs[i].Name != ws[i].Name || gs[i].Statements != ws[i].Statements || gs[i].Articles != ws[i].Articles || gs[i].Role != ws[i].Role {
				t.Errorf("FindSpeakers(%q)[%d] = %+v, want %+v", name, i, gs[i], ws[i])
			}
		}
	}
	for _, prefix := range []string{"", "ser", "wa", "ana"} {
		g, err := got.Speakers(t.Context(), prefix, 10)
		check(t, err)
		w, err := want.Speakers(t.Context(), prefix, 10)
		check(t, err)
		if !slices.Equal(g, w) {
			t.Errorf("Speakers(%q) = %q, want %q", prefix, g, w)
		}
	}
	for _, q := range []string{"ceasefire", "truce", "trade", "sanct"} {
		g, err := got.SearchStatements(t.Context(), q, 10)
		check(t, err)
		w, err := want.SearchStatements(t.Context(), q, 10)
		check(t, err)
		gk, wk := hitKeys(g), hitKeys(w)
		slices.Sort(gk)
		slices.Sort(wk)
		if !slices.Equal(gk, wk) || len(gk) == 0 {
			t.Errorf("SearchStatements(%q):\n got %q\nwant %q", q, gk, wk)
		}
	}
}

// Weeks are the store methods SameWeeks compares.
type Weeks interface {
	FindSpeakers(ctx context.Context, name string, limit int) ([]briefbot.Speaker, briefbot.SpeakerMatch, error)
	SpeakerWeeks(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.WeekCount, error)
}

// SameWeeks fails t unless got counts the weekly statements of
// MigrationArticles' speakers as want does, read whole (the stores' weekly
// counts) and from a span starting mid-week (the statements).
func SameWeeks(t *testing.T, got, want Weeks) {
	t.Helper()
	for _, name := range []string{"Sergei Lavrov", "Wang Yi", "Maria Zakharova", "analysts"} {
		for _, since := range []time.Time{{}, briefbot.WeekStart(t0).Add(time.Second)} {
			var counts [2][]briefbot.WeekCount
			for i, s := range []Weeks{got, want} {
				sps, _, err := s.FindSpeakers(t.Context(), name, 1)
				check(t, err)
				if len(sps) == 0 {
					t.Fatalf("no speaker %q", name)
				}
				counts[i], err = s.SpeakerWeeks(t.Context(), briefbot.StatementFilter{SpeakerID: sps[0].ID, Since: since})
				check(t, err)
			}
			if !slices.Equal(counts[0], counts[1]) || len(counts[1]) == 0 {
				t.Errorf("weeks of %q since %v: got %+v, want %+v", name, since, counts[0], counts[1])
			}
		}
	}
}
