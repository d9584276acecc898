package summarize

import (
	"fmt"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

func findActor(actors []briefbot.Actor, typ, name string) *briefbot.Actor {
	for i := range actors {
		if actors[i].Type == typ && actors[i].Name == name {
			return &actors[i]
		}
	}
	return nil
}

// checkOffsets asserts every mention's offsets are code points into text
// and select exactly the mention's text.
func checkOffsets(t *testing.T, text string, actors []briefbot.Actor) {
	t.Helper()
	runes := []rune(text)
	for _, a := range actors {
		for _, m := range a.Mentions {
			if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
				t.Errorf("%s: mention %+v out of range", a.Name, m)
				continue
			}
			if got := string(runes[m.Start:m.End]); got != m.Text {
				t.Errorf("%s: runes[%d:%d] = %q, mention text %q", a.Name, m.Start, m.End, got, m.Text)
			}
		}
	}
}

func TestFindActorsPeople(t *testing.T) {
	tests := map[string]struct {
		text        string
		name        string
		role        string
		affiliation string
		aliases     []string
		mentions    int
	}{
		"demonym and title before the name": {
			text: "Chinese Foreign Minister Wang Yi met his counterpart on Monday. Wang said talks went well.",
			name: "Wang Yi", role: "Foreign Minister", affiliation: "China", aliases: []string{"Wang"}, mentions: 2,
		},
		"possessive country before the title": {
			text: "Russia's Foreign Minister Sergei Lavrov arrived on Sunday, and Lavrov spoke briefly.",
			name: "Sergei Lavrov", role: "Foreign Minister", affiliation: "Russia", aliases: []string{"Lavrov"}, mentions: 2,
		},
		"acronym country before the title": {
			text: "US Secretary of State Jane Holloway landed in Tokyo.",
			name: "Jane Holloway", role: "Secretary of State", affiliation: "United States", mentions: 1,
		},
		"apposition with an organisation named after its country": {
			text: "Li Haidong, a professor at the Foreign Affairs University of China, said the visit mattered.",
			name: "Li Haidong", role: "professor", affiliation: "China", mentions: 1,
		},
		"apposition keeps occupation modifiers and takes the outer organisation": {
			text: "Yang Jin, an associate researcher at the Institute of Russian Studies of the Chinese Academy of Social Sciences, told reporters the talks were useful.",
			name: "Yang Jin", role: "associate researcher", affiliation: "China", mentions: 1,
		},
		"apposition naming the country with in": {
			text: "Marta Kowalczyk, professor of politics at the University of Ostrava in the Czech Republic, told us the deal would hold.",
			name: "Marta Kowalczyk", role: "professor", affiliation: "Czech Republic", mentions: 1,
		},
		"apposition with a demonym before the title": {
			text: "Tomas Berg, the Swedish ambassador to Kenya, said aid would continue.",
			name: "Tomas Berg", role: "Ambassador", affiliation: "Sweden", mentions: 1,
		},
		"honorific joins the mention": {
			text: "Spokesperson Mao Ning answered questions. Ms. Mao said the visit was planned.",
			name: "Mao Ning", role: "Spokesperson", aliases: []string{"Ms. Mao"}, affiliation: "China", mentions: 2,
		},
		"organisation before a spokesperson title": {
			text: "Chinese Foreign Ministry spokesperson Lin Jian said on Friday that the talks were candid.",
			name: "Lin Jian", role: "Spokesperson", affiliation: "China", mentions: 1,
		},
		"speech verb gives an unknown name evidence": {
			text: "The plan is flawed, said Okonkwo Adeyemi on Tuesday. Adeyemi added that funding was short.",
			name: "Okonkwo Adeyemi", aliases: []string{"Adeyemi"}, mentions: 2,
		},
		"middle initial joins the known name": {
			text: "Donald J. Trump spoke first. Later Trump left.",
			name: "Donald Trump", affiliation: "United States", aliases: []string{"Donald J. Trump", "Trump"}, mentions: 2,
		},
		"forms with and without initial are one person named by the longest": {
			text: "Harold Q. Blum arrived. Harold Blum said little. Blum left early.",
			name: "Harold Q. Blum", aliases: []string{"Harold Blum", "Blum"}, mentions: 3,
		},
		"title makes a country part of the name": {
			text: "Police Chief Chuck Jordan said the road was closed.",
			name: "Chuck Jordan", role: "Chief", mentions: 1,
		},
		"chained titles still find the country": {
			text: "Chinese State Councilor and Foreign Minister Wang Yi arrived in Paris.",
			name: "Wang Yi", role: "Foreign Minister", affiliation: "China", mentions: 1,
		},
		"a known surname alone names the known person": {
			text: "Putin said on Friday that talks would continue.",
			name: "Vladimir Putin", affiliation: "Russia", aliases: []string{"Putin"}, mentions: 1,
		},
		"known surname after another given name is someone else": {
			text: "Ivana Trump wrote a book about her years in New York.",
			name: "Ivana Trump", mentions: 1,
		},
		"two capitalised words in running text": {
			text: "The letter was signed by Ingrid Halvorsen and sent on Monday.",
			name: "Ingrid Halvorsen", mentions: 1,
		},
		"known public figure without a title": {
			text: "Observers expect Putin to travel. Vladimir Putin has not confirmed.",
			name: "Vladimir Putin", affiliation: "Russia", aliases: []string{"Putin"}, mentions: 2,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			actors := FindActors(tc.text)
			checkOffsets(t, tc.text, actors)
			p := findActor(actors, briefbot.Person, tc.name)
			if p == nil {
				t.Fatalf("no person %q in %+v", tc.name, actors)
			}
			if p.Role != tc.role || p.Affiliation != tc.affiliation {
				t.Errorf("role, affiliation = %q, %q; want %q, %q", p.Role, p.Affiliation, tc.role, tc.affiliation)
			}
			if !slices.Equal(p.Aliases, tc.aliases) {
				t.Errorf("aliases = %q, want %q", p.Aliases, tc.aliases)
			}
			if len(p.Mentions) != tc.mentions {
				t.Errorf("mentions = %+v, want %d", p.Mentions, tc.mentions)
			}
		})
	}
}

func TestFindActorsRolePhraseMentions(t *testing.T) {
	text := "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi. Russia's top diplomat said talks were useful, and the Chinese foreign minister agreed."
	actors := FindActors(text)
	checkOffsets(t, text, actors)
	lavrov := findActor(actors, briefbot.Person, "Sergei Lavrov")
	wang := findActor(actors, briefbot.Person, "Wang Yi")
	if lavrov == nil || wang == nil {
		t.Fatalf("people missing: %+v", actors)
	}
	if !slices.Contains(lavrov.Aliases, "Russia's top diplomat") || len(lavrov.Mentions) != 2 {
		t.Errorf("Lavrov mentions = %+v", lavrov.Mentions)
	}
	if !slices.Contains(wang.Aliases, "Chinese foreign minister") || len(wang.Mentions) != 2 {
		t.Errorf("Wang mentions = %+v", wang.Mentions)
	}
}

func TestFindActorsSurnameLinksToNearestFullName(t *testing.T) {
	text := "Wang Yi met Wang Wenbin. Later Wang Wenbin spoke first. Wang said the meeting was useful."
	actors := FindActors(text)
	yi := findActor(actors, briefbot.Person, "Wang Yi")
	wenbin := findActor(actors, briefbot.Person, "Wang Wenbin")
	if yi == nil || wenbin == nil {
		t.Fatalf("want both people, got %+v", actors)
	}
	if len(yi.Mentions) != 1 || len(wenbin.Mentions) != 3 {
		t.Errorf("Wang Yi mentions %d, Wang Wenbin mentions %d; want 1 and 3 (bare Wang joins the latest Wang)", len(yi.Mentions), len(wenbin.Mentions))
	}
	if findActor(actors, briefbot.Person, "Wang") != nil {
		t.Errorf("bare surname became its own person")
	}
}

func TestFindActorsMentionOffsetsAreCodePoints(t *testing.T) {
	// Curly quotes and accented letters are several bytes each; offsets
	// must count code points.
	text := "“Ça suffit,” déclare l’élu. French President Emmanuel Macron visited Élysée staff; “Macron’s aides” — said Macron — were pleased."
	actors := FindActors(text)
	checkOffsets(t, text, actors)
	p := findActor(actors, briefbot.Person, "Emmanuel Macron")
	if p == nil {
		t.Fatalf("no Macron in %+v", actors)
	}
	if len(p.Mentions) != 3 {
		t.Errorf("Macron mentions = %+v, want 3", p.Mentions)
	}
	runes := []rune(text)
	want := 0
	for i := range runes {
		if string(runes[i:i+15]) == "Emmanuel Macron" {
			want = i
			break
		}
	}
	if p.Mentions[0].Start != want || p.Mentions[0].End != want+15 {
		t.Errorf("first mention at %d..%d, want %d..%d", p.Mentions[0].Start, p.Mentions[0].End, want, want+15)
	}
	if c := findActor(actors, briefbot.Country, "France"); c == nil || c.Mentions[0].Text != "French" {
		t.Errorf("France from the demonym: %+v", c)
	}
}

func TestFindActorsCountries(t *testing.T) {
	tests := map[string]struct {
		text    string
		country string
		aliases []string
		count   int
	}{
		"demonym, capital and Sino-": {
			text:    "Sino-Indian ties improved as Beijing welcomed Indian officials. China hopes for more.",
			country: "China", aliases: []string{"Sino", "Beijing"}, count: 3,
		},
		"capital of the other side": {
			text:    "Sino-Indian ties improved as Beijing welcomed Indian officials to talks with New Delhi.",
			country: "India", aliases: []string{"Indian", "New Delhi"}, count: 3,
		},
		"seat of government and acronym": {
			text:    "The White House said the US would respond; Washington gave no date.",
			country: "United States", aliases: []string{"White House", "US", "Washington"}, count: 3,
		},
		"territory counted as its country": {
			text:    "Aid reached Gaza as Palestinian officials met Israeli negotiators.",
			country: "Palestine", aliases: []string{"Gaza", "Palestinian"}, count: 2,
		},
		"lower-case us is a pronoun": {
			text:    "The US told us nothing.",
			country: "United States", aliases: []string{"US"}, count: 1,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			actors := FindActors(tc.text)
			checkOffsets(t, tc.text, actors)
			c := findActor(actors, briefbot.Country, tc.country)
			if c == nil {
				t.Fatalf("no country %q in %+v", tc.country, actors)
			}
			if len(c.Mentions) != tc.count {
				t.Errorf("mentions = %+v, want %d", c.Mentions, tc.count)
			}
			for _, al := range tc.aliases {
				if al != c.Name && !slices.Contains(c.Aliases, al) {
					t.Errorf("alias %q missing from %q", al, c.Aliases)
				}
			}
		})
	}
}

func TestFindActorsOrganizations(t *testing.T) {
	tests := map[string]struct {
		text        string
		name        string
		affiliation string
		aliases     []string
		count       int
	}{
		"acronym and full name are one organisation": {
			text: "Leaders of the Shanghai Cooperation Organization (SCO) met. The SCO summit ended.",
			name: "Shanghai Cooperation Organization", aliases: []string{"SCO"}, count: 3,
		},
		"short form to full name": {
			text: "The UN Security Council voted; the UNSC will meet again.",
			name: "United Nations Security Council", aliases: []string{"UN Security Council", "UNSC"}, count: 2,
		},
		"news agency with country": {
			text: "Xinhua reported the visit.",
			name: "Xinhua News Agency", affiliation: "China", aliases: []string{"Xinhua"}, count: 1,
		},
		"unknown university from its head noun": {
			text: "She teaches at the University of Ostrava.",
			name: "University of Ostrava", count: 1,
		},
		"newspaper named after its city": {
			text: "The Charlotte Observer reported the closure.",
			name: "Charlotte Observer", affiliation: "United States", count: 1,
		},
		"and inside the name": {
			text: "Filings with the Securities and Exchange Commission show losses; the Food and Drug Administration approved it.",
			name: "Securities and Exchange Commission", affiliation: "United States", count: 1,
		},
		"unknown agency joined by and": {
			text: "The Fisheries and Oceans Authority issued permits.",
			name: "Fisheries and Oceans Authority", count: 1,
		},
		"unknown institute with a country prefix": {
			text: "Analysts at the Kenyan National Institute for Policy Research disagreed.",
			name: "Kenyan National Institute for Policy Research", affiliation: "Kenya", count: 1,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			actors := FindActors(tc.text)
			checkOffsets(t, tc.text, actors)
			o := findActor(actors, briefbot.Organization, tc.name)
			if o == nil {
				t.Fatalf("no organisation %q in %+v", tc.name, actors)
			}
			if o.Affiliation != tc.affiliation || len(o.Mentions) != tc.count {
				t.Errorf("affiliation %q, %d mentions; want %q, %d", o.Affiliation, len(o.Mentions), tc.affiliation, tc.count)
			}
			if len(tc.aliases) > 0 && !slices.Equal(o.Aliases, tc.aliases) {
				t.Errorf("aliases = %q, want %q", o.Aliases, tc.aliases)
			}
		})
	}
}

func TestFindActorsIgnoresCapitalisedNonNames(t *testing.T) {
	text := "Multipolar world\n\nCritics said the Global Security Initiative was vague. Critics of the multipolar idea and other critics agreed. On Monday, Photo: Xinhua.\n\n" +
		"Senators Reject Sweeping Reform Package After Long Debate\n\n" +
		"The report on Arms Control was late, and arms control experts said so. I’ve seen it, said one. Unfortunately nobody read the so-called Compliance Report."
	for _, a := range FindActors(text) {
		if a.Type == briefbot.Person {
			t.Errorf("unexpected person %q", a.Name)
		}
	}
}

func TestFindActorsSortedByMentions(t *testing.T) {
	text := "Russia and China met. China spoke. China and Russia agreed; Brazil watched."
	actors := FindActors(text)
	var names []string
	for _, a := range actors {
		names = append(names, a.Name)
	}
	want := []string{"China", "Russia", "Brazil"}
	if !slices.Equal(names, want) {
		t.Errorf("order = %q, want %q", names, want)
	}
}

func TestFindActorsEmpty(t *testing.T) {
	if got := FindActors("  \n "); got != nil {
		t.Errorf("FindActors(blank) = %+v, want nil", got)
	}
}

func TestFindActorsDropsDepartmentsOfNamedOrganizations(t *testing.T) {
	text := "Ana Lima, a lecturer at the School of Marine Studies at the University of Kent, said the data was sound."
	actors := FindActors(text)
	if o := findActor(actors, briefbot.Organization, "School of Marine Studies"); o != nil {
		t.Errorf("department kept as an actor: %+v", o)
	}
	if findActor(actors, briefbot.Organization, "University of Kent") == nil {
		t.Errorf("parent organisation missing: %+v", actors)
	}
	p := findActor(actors, briefbot.Person, "Ana Lima")
	if p == nil || p.Role != "lecturer" || p.Affiliation != "United Kingdom" {
		t.Errorf("person = %+v, want lecturer, United Kingdom", p)
	}
}

// FindActors is called from several goroutines by the poller; scanners are
// pooled, so results must not leak between calls.
func TestFindActorsConcurrent(t *testing.T) {
	texts := []string{
		"Chinese Foreign Minister Wang Yi met Sergei Lavrov. Wang said talks went well.",
		"The Shanghai Cooperation Organization (SCO) met in Astana; the SCO agreed.",
		"Police Chief Chuck Jordan said the road was closed.",
	}
	want := make([][]briefbot.Actor, len(texts))
	for i, text := range texts {
		want[i] = FindActors(text)
	}
	done := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func() {
			for k := 0; k < 50; k++ {
				i := (g + k) % len(texts)
				got := FindActors(texts[i])
				if len(got) != len(want[i]) || got[0].Name != want[i][0].Name || len(got[0].Mentions) != len(want[i][0].Mentions) {
					done <- fmt.Errorf("text %d: got %+v, want %+v", i, got, want[i])
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// FuzzFindActors checks that any input yields mentions whose code-point
// offsets select exactly their text, sorted and never overlapping within
// an actor, and that actors come sorted by mentions.
func FuzzFindActors(f *testing.F) {
	for _, s := range []string{
		"Chinese Foreign Minister Wang Yi met Sergei Lavrov. Wang said “yes.”",
		"Mr. Wang, a professor at the University of Kent in the United Kingdom, said so.",
		"Sino-US ties; U.S. officials; Xi’an; Côte d’Ivoire's envoy Jean-Yves Le Drian.",
		"’s 's ' Mr. . - -- \n\n\u00a0\u2029 É",
		"The Securities and Exchange Commission and the Charlotte Observer of",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		actors := FindActors(text)
		checkOffsets(t, text, actors)
		for i, a := range actors {
			if a.Name == "" || a.Type == "" || len(a.Mentions) == 0 {
				t.Fatalf("empty actor %+v", a)
			}
			if i > 0 && len(actors[i-1].Mentions) < len(a.Mentions) {
				t.Fatalf("actors not sorted by mentions: %q before %q", actors[i-1].Name, a.Name)
			}
			for j := 1; j < len(a.Mentions); j++ {
				if a.Mentions[j].Start < a.Mentions[j-1].End {
					t.Fatalf("%s: overlapping mentions %+v", a.Name, a.Mentions)
				}
			}
		}
	})
}

// Classes of person-recognition errors, on text written by us.
func TestFindActorsPersonPrecisionClasses(t *testing.T) {
	tests := map[string]struct {
		text    string
		want    []string // people that must be found
		notWant []string // names that must not be people
	}{
		"a facility after a capitalised run": {
			text:    "The minister visited the Hoa Lo prison and the Rio Seco river on Monday.",
			notWant: []string{"Hoa Lo", "Rio Seco"},
		},
		"a one-word title after a given name is a surname": {
			text: "American Kevin King and Australian Timothy Weeks were released.",
			want: []string{"Kevin King", "Timothy Weeks"},
		},
		"a descriptor run ending in a name": {
			text: "Deputy Director of Public Prosecution Eva-Marie Persson took the decision.",
			want: []string{"Eva-Marie Persson"},
		},
		"a known surname belongs to the full name the article writes": {
			text:    "Tim Morrison, a former National Security Council official, testified.\n\n“My fears have been realized,” Morrison said.",
			want:    []string{"Tim Morrison"},
			notWant: []string{"Scott Morrison"},
		},
		"a family name that is also a common word": {
			text: "Trump met Chinese vice-premier Liu He in October. Spokesperson He Yadong said little.",
			want: []string{"Liu He", "He Yadong"},
		},
		"a party word is no part of a name": {
			text:    "Republican Donald Trump and Democrat Hillary Clinton debated.",
			want:    []string{"Donald Trump", "Hillary Clinton"},
			notWant: []string{"Republican Donald Trump", "Democrat Hillary Clinton"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			actors := FindActors(tc.text)
			for _, w := range tc.want {
				if findActor(actors, briefbot.Person, w) == nil {
					t.Errorf("person %q not found in %v", w, actors)
				}
			}
			for _, w := range tc.notWant {
				if findActor(actors, briefbot.Person, w) != nil {
					t.Errorf("%q recognised as a person", w)
				}
			}
		})
	}
}

// "envoy to Ukraine" says where someone is sent, not whom they serve.
func TestFindActorsDestinationIsNoAffiliation(t *testing.T) {
	actors := FindActors("Kurt Volker, the former special envoy to Ukraine, testified on Tuesday.")
	a := findActor(actors, briefbot.Person, "Kurt Volker")
	if a == nil {
		t.Fatalf("Kurt Volker not found: %v", actors)
	}
	if a.Affiliation == "Ukraine" {
		t.Errorf("Kurt Volker affiliation = %q, want not the destination", a.Affiliation)
	}
	if a.Role != "Special Envoy" {
		t.Errorf("Kurt Volker role = %q, want Special Envoy", a.Role)
	}
}
