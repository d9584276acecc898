package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

// seedRegistry stores articles naming the same people in different ways.
func seedRegistry(t *testing.T, s store.Store) {
	t.Helper()
	feed := oneFeed(t, s)
	arts := []struct {
		n          int
		statements []briefbot.Statement
		actors     []string
	}{
		{101, []briefbot.Statement{
			{Text: "Talks were useful", Speaker: "Sergey Lavrov", SpeakerRole: "Foreign Minister", SpeakerAffiliation: "Russia"},
			{Text: "We will respond", Speaker: "Lavrov"},
		}, []string{"Sergey Lavrov"}},
		{102, []briefbot.Statement{
			{Text: "Partnership is strong", Speaker: "Sergei Lavrov", SpeakerRole: "Foreign Minister", SpeakerAffiliation: "Russia"},
			{Text: "Cooperation will deepen", Speaker: "Xi Jinping", SpeakerRole: "President", SpeakerAffiliation: "China"},
		}, nil},
		{103, []briefbot.Statement{
			{Text: "Reform is needed", Speaker: "Li Xi"},
			{Text: "Markets are calm", Speaker: "Alexi Xiong"},
			{Text: "The region matters", Speaker: "S. Jaishankar", SpeakerRole: "External Affairs Minister", SpeakerAffiliation: "India"},
		}, nil},
		{104, []briefbot.Statement{
			{Text: "Trade must grow", Speaker: "Sergey Ryabkov", SpeakerRole: "Deputy Foreign Minister"},
			{Text: "Arms control is dead", Speaker: "Vikram Mehta"},
		}, nil},
		{105, []briefbot.Statement{
			{Text: "We reject the claims", Speaker: "Sergei Ryabkov", SpeakerRole: "Deputy Minister"},
			{Text: "A new chapter", Speaker: "V. Mehta"},
			{Text: "Not now", Speaker: "Лавров"},
		}, nil},
	}
	for i, a := range arts {
		art := article(feed, a.n, t0.Add(time.Duration(i)*time.Hour))
		art.Statements = a.statements
		for _, name := range a.actors {
			art.Actors = append(art.Actors, briefbot.Actor{Name: name, Type: briefbot.Person})
		}
		if !save(t, s, &art) {
			t.Fatalf("article %d not stored", a.n)
		}
		for _, st := range art.Statements {
			if st.SpeakerID == 0 {
				t.Errorf("article %d: statement by %q has no SpeakerID after save", a.n, st.Speaker)
			}
		}
	}
}

func names(sps []briefbot.Speaker) []string {
	var out []string
	for _, sp := range sps {
		out = append(out, sp.Name)
	}
	return out
}

func testFindSpeakers(t *testing.T, s store.Store) {
	seedRegistry(t, s)
	tests := map[string]struct {
		query string
		want  []string // best first
		match briefbot.SpeakerMatch
	}{
		"alias of a known person":   {"Xi", []string{"Xi Jinping"}, briefbot.MatchAlias},
		"other spelling":            {"Sergey Lavrov", []string{"Sergei Lavrov"}, briefbot.MatchAlias},
		"own script":                {"Лавров", []string{"Sergei Lavrov"}, briefbot.MatchAlias},
		"gazetteer initials":        {"Subrahmanyam Jaishankar", []string{"Subrahmanyam Jaishankar"}, briefbot.MatchAlias},
		"surname is a whole word":   {"lavrov", []string{"Sergei Lavrov"}, briefbot.MatchAlias},
		"whole word over substring": {"Ryabkov", []string{"Sergey Ryabkov"}, briefbot.MatchWord},
		"typo is guessed":           {"Lavorv", []string{"Sergei Lavrov"}, briefbot.MatchGuess},
		"two typos":                 {"Ryabkof", []string{"Sergey Ryabkov"}, briefbot.MatchGuess},
		"prefix":                    {"Ryab", []string{"Sergey Ryabkov"}, briefbot.MatchPartial},
		"nothing":                   {"Blinken", nil, briefbot.MatchNone},
		"punctuation only":          {"%_*", nil, briefbot.MatchNone},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, match, err := s.FindSpeakers(ctx(t), tc.query, 5)
			check(t, err)
			if !slices.Equal(names(got), tc.want) || match != tc.match {
				t.Errorf("FindSpeakers(%q) = %q (match %d), want %q (match %d)", tc.query, names(got), match, tc.want, tc.match)
			}
		})
	}
	// "Xi" as a word is in Li Xi's name too, but the alias ranks first and
	// alone; the substring "xi" (Alexi Xiong) never outranks either.
	got, _, err := s.FindSpeakers(ctx(t), "xi", 5)
	check(t, err)
	if len(got) == 0 || got[0].Name != "Xi Jinping" {
		t.Errorf("FindSpeakers(xi) = %q, want Xi Jinping first", names(got))
	}
}

func testSpeakerRegistry(t *testing.T, s store.Store) {
	seedRegistry(t, s)
	// Sergey/Sergei, the surname alone within an article and the Cyrillic
	// name are one speaker: 4 statements in 3 articles.
	got, _, err := s.FindSpeakers(ctx(t), "Sergei Lavrov", 5)
	check(t, err)
	if len(got) != 1 {
		t.Fatalf("FindSpeakers(Sergei Lavrov) = %q, want one speaker", names(got))
	}
	lavrov, err := s.SpeakerByID(ctx(t), got[0].ID)
	check(t, err)
	if lavrov.Statements != 4 || lavrov.Articles != 3 {
		t.Errorf("Lavrov counts: %d statements in %d articles, want 4 in 3", lavrov.Statements, lavrov.Articles)
	}
	if !slices.Contains(lavrov.Aliases, "Лавров") {
		t.Errorf("Lavrov aliases = %q, want Лавров among them", lavrov.Aliases)
	}
	if lavrov.Role != "Foreign Minister" || lavrov.Affiliation != "Russia" {
		t.Errorf("Lavrov role = %q, %q", lavrov.Role, lavrov.Affiliation)
	}
	if !lavrov.FirstSeen.Equal(t0.Add(-time.Hour)) || !lavrov.LastSeen.Equal(t0.Add(3*time.Hour)) {
		t.Errorf("Lavrov seen %v … %v", lavrov.FirstSeen, lavrov.LastSeen)
	}

	// Unknown people: Sergey/Sergei variants merge under the first
	// spelling seen; roles are kept over time,
	// the latest is the speaker's role.
	got, _, err = s.FindSpeakers(ctx(t), "Sergey Ryabkov", 5)
	check(t, err)
	if len(got) != 1 {
		t.Fatalf("FindSpeakers(Sergey Ryabkov) = %q, want one speaker", names(got))
	}
	ryabkov, err := s.SpeakerByID(ctx(t), got[0].ID)
	check(t, err)
	if ryabkov.Statements != 2 || ryabkov.Role != "Deputy Minister" || len(ryabkov.Roles) != 2 ||
		ryabkov.Roles[0].Role != "Deputy Foreign Minister" || ryabkov.Roles[1].Role != "Deputy Minister" {
		t.Errorf("Ryabkov = %+v", ryabkov)
	}

	// "V. Mehta" after "Vikram Mehta": the initial names the same person.
	got, _, err = s.FindSpeakers(ctx(t), "V. Mehta", 5)
	check(t, err)
	if len(got) != 1 || got[0].Name != "Vikram Mehta" || got[0].Statements != 2 {
		t.Errorf("FindSpeakers(V. Mehta) = %+v, want Vikram Mehta with 2 statements", got)
	}

	// Statements carry the canonical name and reference the speaker.
	hits, err := s.StatementsOf(ctx(t), []int64{lavrov.ID}, 10)
	check(t, err)
	if got := hitTexts(hits); !slices.Equal(got, []string{"Not now", "Partnership is strong", "Talks were useful", "We will respond"}) {
		t.Errorf("StatementsOf(Lavrov) = %q", got)
	}
	for _, h := range hits {
		if h.SpeakerID != lavrov.ID || h.Speaker != "Sergei Lavrov" {
			t.Errorf("hit %q: speaker %q (%d), want Sergei Lavrov (%d)", h.Text, h.Speaker, h.SpeakerID, lavrov.ID)
		}
	}
	// The old lookup goes through the registry: every spelling, one list.
	for _, name := range []string{"Sergey Lavrov", "Лавров", "lavrov"} {
		hits, err := s.StatementsBySpeaker(ctx(t), name, 10)
		check(t, err)
		if len(hits) != 4 {
			t.Errorf("StatementsBySpeaker(%q): %d hits, want 4", name, len(hits))
		}
	}
	// Autocomplete counts one speaker once, whatever the spelling.
	sug, err := s.Speakers(ctx(t), "serg", 10)
	check(t, err)
	if !slices.Equal(sug, []string{"Sergei Lavrov", "Sergey Ryabkov"}) {
		t.Errorf("Speakers(serg) = %q", sug)
	}
	if _, err := s.SpeakerByID(ctx(t), 1<<40); !errors.Is(err, briefbot.ErrNoSpeaker) {
		t.Errorf("SpeakerByID(unknown) = %v, want ErrNoSpeaker", err)
	}
}
