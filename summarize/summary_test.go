package summarize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

func TestSummarize(t *testing.T) {
	long := "The ministers agreed " + strings.Repeat("to keep talking about grain corridors and shipping insurance ", 8) + "before parting."
	tests := map[string]struct {
		title string
		text  string
		want  string
	}{
		"skips photo caption line": {
			text: "date 2025-03-02 Premier Ana Ruiz (L) shakes hands with envoy Tom Hale in Lima. Photo: Xinhua\n\nPremier Ana Ruiz met envoy Tom Hale in Lima on Sunday. Both sides hailed a new trade pact that cuts tariffs on copper.\n\nMore text follows here.",
			want: "Premier Ana Ruiz met envoy Tom Hale in Lima on Sunday. Both sides hailed a new trade pact that cuts tariffs on copper.",
		},
		"strips dateline": {
			text: "NAIROBI, May 3 (Xinhua) -- Kenya and Tanzania signed a border agreement on Friday after two years of negotiation, officials said.",
			want: "Kenya and Tanzania signed a border agreement on Friday after two years of negotiation, officials said.",
		},
		"strips agency dateline with dash": {
			text: "GENEVA (Reuters) - The WHO declared the outbreak over on Monday, ending a months-long emergency across the region.",
			want: "The WHO declared the outbreak over on Monday, ending a months-long emergency across the region.",
		},
		"skips byline, heading and repeated title": {
			title: "Ports reopen after strike",
			text:  "Ports reopen after strike\nBy Jane Roe\nA long week\nDockworkers returned to work on Thursday, ending a nine-day strike that had stranded hundreds of ships at anchor.",
			want:  "Dockworkers returned to work on Thursday, ending a nine-day strike that had stranded hundreds of ships at anchor.",
		},
		"skips a Title Case headline even with a period": {
			text: "Voters Abandon Incumbent Party Over Rising Prices.\n\nA new survey shows that households earning more than the median have turned against the governing party.",
			want: "A new survey shows that households earning more than the median have turned against the governing party.",
		},
		"transcript skips questions and strips the answer label": {
			text: "Q: Can you update us on the talks with the neighbouring country this week?\n\nA: The talks went smoothly and both sides agreed to keep in close contact on border issues.\n\nQ: Another question?\n\nA: Another answer that is long enough to matter here.",
			want: "The talks went smoothly and both sides agreed to keep in close contact on border issues.",
		},
		"transcript announcement comes first": {
			text: "Premier Ana Ruiz of Peru will pay an official visit to Spain from May 3 to 6.\n\nReuters: Will the visit include a trade deal?\n\nMaria Lopez: We will release information in due course.\n\nAFP: One more?\n\nMaria Lopez: Please check with the competent authorities.",
			want: "Premier Ana Ruiz of Peru will pay an official visit to Spain from May 3 to 6.",
		},
		"abbreviations do not end sentences": {
			text: "Mr. Lee met U.S. officials in Seoul on Monday. The talks covered chips. A third sentence is not included.",
			want: "Mr. Lee met U.S. officials in Seoul on Monday. The talks covered chips.",
		},
		"long lead sentence stands alone": {
			text: "Negotiators from both governments met for nine hours in a lakeside hotel on Tuesday and agreed on the outline of a ceasefire that would take effect next week. A second sentence.",
			want: "Negotiators from both governments met for nine hours in a lakeside hotel on Tuesday and agreed on the outline of a ceasefire that would take effect next week.",
		},
		"quote closing the sentence stays": {
			text: "The minister said the deal was “a turning point.” Markets rose sharply after the announcement on Monday.",
			want: "The minister said the deal was “a turning point.” Markets rose sharply after the announcement on Monday.",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Summarize(tc.title, tc.text, nil); got != tc.want {
				t.Errorf("Summarize =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}

	t.Run("overlong sentence is cut at a word", func(t *testing.T) {
		got := Summarize("", long, nil)
		if n := utf8.RuneCountInString(got); n > SummaryMaxRunes {
			t.Fatalf("summary has %d code points, max %d", n, SummaryMaxRunes)
		}
		if !strings.HasSuffix(got, "…") {
			t.Errorf("cut summary should end with …: %q", got)
		}
		body := strings.TrimSuffix(got, "…")
		if !strings.HasPrefix(long, body) || long[len(body)] != ' ' {
			t.Errorf("summary not cut at a word boundary: %q", got)
		}
	})

	t.Run("no text falls back to the key statement", func(t *testing.T) {
		stmts := []briefbot.Statement{
			{Text: "minor point", Speaker: "A", Score: 0.1},
			{Text: "we will not back down", Speaker: "Rosa Diaz", SpeakerRole: "Foreign Minister", Score: 0.9},
		}
		want := `Rosa Diaz (Foreign Minister): "we will not back down"`
		if got := Summarize("Title", "", stmts); got != want {
			t.Errorf("Summarize = %q, want %q", got, want)
		}
	})

	t.Run("nothing at all", func(t *testing.T) {
		if got := Summarize("T", "Photo: AFP", nil); got != "" {
			t.Errorf("Summarize = %q, want empty", got)
		}
	})
}

func TestSummarizeSeedSkipsCaption(t *testing.T) {
	docs := loadSeed(t)
	got := Summarize("Xi meets Lavrov", docs[0].text, nil)
	if strings.Contains(got, "Photo") || strings.HasPrefix(got, "date") {
		t.Errorf("summary kept the caption: %q", got)
	}
	if n := utf8.RuneCountInString(got); n == 0 || n > SummaryMaxRunes {
		t.Errorf("summary length %d: %q", n, got)
	}
	if !strings.Contains(docs[0].text, got) {
		t.Errorf("summary is not extractive: %q", got)
	}
}
