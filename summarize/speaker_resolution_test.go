package summarize

import (
	"strings"
	"testing"
)

// speakersOf returns the speaker of each statement, keyed by the speaker
// mention text, so a test can say which phrase resolved to whom.
func speakerByMention(t *testing.T, text string) map[string]string {
	t.Helper()
	ex := Extract(text)
	out := map[string]string{}
	for _, s := range ex.Statements {
		out[s.SpeakerMention.Text] = s.Speaker
	}
	return out
}

// Each case is written by us and exercises one class of speaker
// resolution; want maps a speaker mention to the canonical speaker.
func TestSpeakerResolutionClasses(t *testing.T) {
	tests := map[string]struct {
		text string
		want map[string]string
	}{
		"she skips a man named last": {
			text: "Senator Maria Ortega met Tom Reed on Monday.\n\n“We agreed on nothing,” she said.",
			want: map[string]string{"she": "Maria Ortega"},
		},
		"he skips a woman named last": {
			text: "Governor Daniel Brooks spoke after Anna Kowalski left.\n\n“The budget is balanced,” he said.",
			want: map[string]string{"he": "Daniel Brooks"},
		},
		"a pronoun with no person is no speaker name": {
			text: "The Toronto Star reported the closure on Friday.\n\n“It was a shock,” he said.",
			want: map[string]string{"he": ""},
		},
		"first person is no speaker name": {
			text: "“I think the vote was fair,” I said.",
			want: map[string]string{"I": ""},
		},
		"the company is the last company named": {
			text: "Police questioned Anna Berg on Monday. Northwind Mining Corp. reported a loss the same day.\n\nThe company said the mine would reopen.",
			want: map[string]string{"The company": "Northwind Mining Corp"},
		},
		"the governor is the person holding that role": {
			text: "Indiana Governor Mike Pence joined the campaign in May. Reporters asked Hillary Clinton about it.\n\nThe Indiana governor said the ticket was united.",
			want: map[string]string{"The Indiana governor": "Mike Pence"},
		},
		"the candidate continues the previous speaker": {
			text: "“We will win Ohio,” Ben Carson said on Friday.\n\nThe candidate said his campaign had raised more money than expected.",
			want: map[string]string{"The candidate": "Ben Carson"},
		},
		"a party word is no part of the name": {
			text: "Republican Donald Trump said the polls were rigged.",
			want: map[string]string{"Republican Donald Trump": "Donald Trump"},
		},
		"party and role words before a titled name": {
			text: "Republican Presidential hopeful Sen. Ted Cruz was also critical, telling reporters: “This is typical.”",
			want: map[string]string{"Republican Presidential hopeful Sen. Ted Cruz": "Ted Cruz"},
		},
		"a one-word title is no part of the name": {
			text: "“The videos show intention,” Clark County Sheriff Joe Lombardo said Monday.",
			want: map[string]string{"Clark County Sheriff Joe Lombardo": "Joe Lombardo"},
		},
		"organisation, role, then the person": {
			text: "Judicial Watch sued in May.\n\n“The judge was right,” Judicial Watch president Tom Fitton said Tuesday.",
			want: map[string]string{"Judicial Watch president Tom Fitton": "Tom Fitton"},
		},
		"a role phrase is the official the next sentence quotes": {
			text: "CAIRO — Egypt's foreign minister said Wednesday that mediators were close to a deal.\n\nSpeaking in Cairo, Sameh Farouk said both sides had accepted the outline.",
			want: map[string]string{"Egypt's foreign minister": "Sameh Farouk"},
		},
		"an indefinite official stays unnamed": {
			text: "A State Department official said the talks were over. Omar Haddad said he disagreed.",
			want: map[string]string{"A State Department official": "State Department official"},
		},
		"a country's ministry in the wire form": {
			text: "Russia's foreign ministry said the move was illegal.",
			want: map[string]string{"Russia's foreign ministry": "Russian Foreign Ministry"},
		},
		"a hyphenated title is no part of the name": {
			text: "“We are facing a perfect storm,” said Director-General Tedros Adhanom Ghebreyesus.",
			want: map[string]string{"Director-General Tedros Adhanom Ghebreyesus": "Tedros Adhanom Ghebreyesus"},
		},
		"a surname that usually names a thing": {
			text: "Christopher House, the director of the museum, opened the show on Friday.\n\n“It took ten years,” House said.",
			want: map[string]string{"House": "Christopher House"},
		},
		"a sentence adverb is no part of the name": {
			text: "“This may be the end,” Perhaps Tracy Chapman said.",
			want: map[string]string{"Perhaps Tracy Chapman": "Tracy Chapman"},
		},
		"a continuation by surname is the full name": {
			text: "Foreign ministry spokesman Lin Jian said on Monday that China opposed the move. Lin also said Beijing would respond.",
			want: map[string]string{"Lin": "Lin Jian"},
		},
		"who after a hometown is the person, not the town": {
			text: "“I will vote for him,” said Nicky Driscoll, 24, from Manchester, who said the senator was best suited to lead.",
			want: map[string]string{"who": "Nicky Driscoll"},
		},
		"a capitalised phrase with no sign of a person is no antecedent": {
			text: "Obama backed Britain. Crowds protested against the Transatlantic Trade and Investment Partnership on Sunday.\n\n“It is not going to happen soon,” he said.",
			want: map[string]string{"he": "Barack Obama"},
		},
		"a role sent somewhere, named later with the same words": {
			text: "China's ambassador to Britain accused the UK of meddling.\n\nPolice said the protesters had to surrender.\n\nStudents said they were afraid.\n\nChina's ambassador to Britain Liu Xiaming has said that China has the power to end the unrest.",
			want: map[string]string{"China's ambassador to Britain": "Liu Xiaming"},
		},
		"a family name that is also a pronoun": {
			text: "China firmly opposes the move, Chinese Commerce Ministry spokesperson He Yadong said on Thursday.",
			want: map[string]string{"Chinese Commerce Ministry spokesperson He Yadong": "He Yadong"},
		},
		"a sheikh's title is no part of the name": {
			text: "“The gaps are narrowing,” said Sheikh Tamim Al-Khalifa.",
			want: map[string]string{"Sheikh Tamim Al-Khalifa": "Tamim Al-Khalifa"},
		},
		"a shared surname is the person introduced first": {
			text: "Sen. Ted Cruz endorsed Donald Trump on Friday.\n\nTrump had attacked his wife, Heidi Cruz, during the primaries.\n\n“I keep my word,” Cruz said in a statement.",
			want: map[string]string{"Cruz": "Ted Cruz"},
		},
		"a round-up's shared surname is the person its own section introduces": {
			text: "The Latest on the campaign (all times local):\n\n5:45 p.m.\n\nLibertarian candidate Gary Johnson released a letter from his doctor.\n\n8:05 a.m.\n\nHomeland Security Secretary Jeh Johnson warned state election officials about hackers.\n\n“There is no one single point of failure,” Johnson said on Friday.",
			want: map[string]string{"Johnson": "Jeh Johnson"},
		},
		"an honorific's gender picks among a shared surname": {
			text: "Bill Clinton campaigned for Hillary Clinton in Ohio.\n\n“We will win,” Mrs. Clinton said.",
			want: map[string]string{"Mrs. Clinton": "Hillary Clinton"},
		},
		"surname links to the full name, not a nickname": {
			text: "The late Fred Rogers of Mister Rogers' Neighborhood gave a speech.\n\nIt was a reminder, Rogers said, that kindness matters.",
			want: map[string]string{"Rogers": "Fred Rogers"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := speakerByMention(t, tc.text)
			for mention, want := range tc.want {
				sp, ok := got[mention]
				if !ok {
					t.Fatalf("no statement with speaker mention %q; got %q", mention, got)
				}
				if sp != want {
					t.Errorf("speaker of %q = %q, want %q", mention, sp, want)
				}
			}
		})
	}
}

func TestGenderOfName(t *testing.T) {
	for name, want := range map[string]gender{
		"Hillary Clinton": genderFemale, "Donald Trump": genderMale, "Maria Ortega": genderFemale,
		"Xi Jinping": genderUnknown, "Kim Jong Un": genderUnknown,
	} {
		if got := genderOfName(name); got != want {
			t.Errorf("genderOfName(%q) = %d, want %d", name, got, want)
		}
	}
}

// A feed item's title may not name the spokesperson; the page's own
// words do: the preamble first, then the page title after the item's.
func TestTranscriptSpokespersonFromPage(t *testing.T) {
	qa := "Q: Will China send an envoy?\n\nA: China will send a special envoy to promote peace.\n\n" +
		"Q: Your response to the sanctions?\n\nA: We firmly oppose unilateral sanctions of any kind."
	tests := map[string]struct {
		text   string
		titles []string
		want   string
	}{
		"page title after an unhelpful item title": {qa, []string{"Regular Press Conference, May 6", "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on May 6, 2019"}, "Geng Shuang"},
		"preamble before any title":                {"Foreign ministry spokeswoman Hua Chunying took questions.\n\n" + qa, []string{"Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference"}, "Hua Chunying"},
		"no name anywhere":                         {qa, []string{"Regular Press Conference"}, "spokesperson"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ex := ExtractTitles(tc.text, tc.titles...)
			answers := 0
			for _, s := range ex.Statements {
				if strings.HasPrefix(s.Text, "China will") || strings.HasPrefix(s.Text, "We firmly") {
					answers++
					if s.Speaker != tc.want {
						t.Errorf("answer %q by %q, want %q", s.Text, s.Speaker, tc.want)
					}
				}
			}
			if answers != 2 {
				t.Errorf("got %d answers, want 2: %+v", answers, ex.Statements)
			}
		})
	}
}
