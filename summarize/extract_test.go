package summarize

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
)

// wantStatement is what a test expects of one extracted statement; empty
// fields are not checked.
type wantStatement struct {
	text    string
	kind    string
	speaker string
	mention string
	cue     string
}

func TestExtractConstructions(t *testing.T) {
	tests := map[string]struct {
		text string
		want []wantStatement
	}{
		"direct quote with trailing cue": {
			text: "“We will not back down,” Maria Lopez said.",
			want: []wantStatement{{text: "“We will not back down,”", kind: briefbot.Direct, speaker: "Maria Lopez", mention: "Maria Lopez", cue: "said"}},
		},
		"inverted cue with apposition": {
			text: "“The window for talks is closing,” said Omar Haddad, a professor at Cairo University.",
			want: []wantStatement{{text: "“The window for talks is closing,”", kind: briefbot.Direct, speaker: "Omar Haddad", mention: "Omar Haddad", cue: "said"}},
		},
		"colon-introduced quote": {
			text: "Ahmed Karim said: “Talks will resume next week.”",
			want: []wantStatement{{text: "“Talks will resume next week.”", kind: briefbot.Direct, speaker: "Ahmed Karim", cue: "said"}},
		},
		"indirect said that": {
			text: "Prime Minister Anna Berg said that the border would reopen on Monday.",
			want: []wantStatement{{text: "the border would reopen on Monday", kind: briefbot.Indirect, speaker: "Anna Berg", mention: "Prime Minister Anna Berg", cue: "said"}},
		},
		"indirect with adjunct before that": {
			text: "Anna Berg said at a news conference in Oslo that the border would reopen.",
			want: []wantStatement{{text: "the border would reopen", kind: briefbot.Indirect, speaker: "Anna Berg", cue: "said"}},
		},
		"according to first": {
			text: "According to officials, the convoy reached the city at dawn.",
			want: []wantStatement{{text: "the convoy reached the city at dawn", kind: briefbot.Indirect, speaker: "officials", mention: "officials", cue: "According to"}},
		},
		"according to last": {
			text: "The convoy reached the city at dawn, according to local officials.",
			want: []wantStatement{{text: "The convoy reached the city at dawn", kind: briefbot.Indirect, speaker: "local officials", cue: "according to"}},
		},
		"according to without a comma": {
			text: "The ruling party leads by nine seats according to a count by local media, but the count is not final.",
			want: []wantStatement{{text: "The ruling party leads by nine seats", speaker: "count", mention: "a count", cue: "according to"}},
		},
		"verb outside the lexicon before that": {
			text: "Lena Fischer reckoned that the reform had stalled in parliament.",
			want: []wantStatement{{text: "the reform had stalled in parliament", speaker: "Lena Fischer", cue: "reckoned"}},
		},
		"role noun after a possessive": {
			text: "“He had so many plans for the future,” his friend Omar Haddad told the website.",
			want: []wantStatement{{text: "“He had so many plans for the future,”", speaker: "Omar Haddad", mention: "his friend Omar Haddad", cue: "told"}},
		},
		"group speaker after content": {
			text: "The talks were productive and both sides want a deal, analysts said.",
			want: []wantStatement{{text: "The talks were productive and both sides want a deal", kind: briefbot.Indirect, speaker: "analysts", mention: "analysts", cue: "said"}},
		},
		"mixed with quoted fragment": {
			text: "Lena Fischer told reporters that the deal was “a turning point” for the region.",
			want: []wantStatement{{text: "the deal was “a turning point” for the region", kind: briefbot.Mixed, speaker: "Lena Fischer", cue: "told"}},
		},
		"cues beyond said": {
			text: "Lena Fischer warned that prices would rise. Omar Haddad insisted the plan was sound.",
			want: []wantStatement{
				{text: "prices would rise", speaker: "Lena Fischer", cue: "warned"},
				{text: "the plan was sound", speaker: "Omar Haddad", cue: "insisted"},
			},
		},
		"multi-paragraph quote": {
			text: "“The first part of the answer runs here.\n\n“And the second part ends it,” said Omar Haddad.",
			want: []wantStatement{
				{text: "“The first part of the answer runs here.", kind: briefbot.Direct, speaker: "Omar Haddad"},
				{text: "“And the second part ends it,”", kind: briefbot.Direct, speaker: "Omar Haddad", cue: "said"},
			},
		},
		"unclosed quote runs to paragraph end": {
			text: "Lena Fischer told the paper that “the reform cannot wait any longer.\n\nThe vote is on Friday.",
			want: []wantStatement{{text: "“the reform cannot wait any longer.", kind: briefbot.Mixed, speaker: "Lena Fischer", cue: "told"}},
		},
		"guillemet closer": {
			text: "Ivan Petrov noted: “The sanctions have failed completely. »",
			want: []wantStatement{{text: "“The sanctions have failed completely. »", kind: briefbot.Direct, speaker: "Ivan Petrov", cue: "noted"}},
		},
		"quote after an attributed sentence": {
			text: "Prices will fall next year, Omar Haddad said. “Nobody expects a recession now.”",
			want: []wantStatement{
				{text: "Prices will fall next year", kind: briefbot.Indirect, speaker: "Omar Haddad"},
				{text: "“Nobody expects a recession now.”", kind: briefbot.Direct, speaker: "Omar Haddad", mention: "Omar Haddad"},
			},
		},
		"pronoun resolution": {
			text: "Defence Minister Sara Cole visited the base on Monday. She said the troops were ready.",
			want: []wantStatement{{text: "the troops were ready", speaker: "Sara Cole", mention: "She", cue: "said"}},
		},
		"pronoun skips people named inside the quote": {
			text: "Senator Ann Lee spoke in Ohio on Monday.\n\n“Donald Trump is wrong about trade,” she said.",
			want: []wantStatement{{text: "“Donald Trump is wrong about trade,”", kind: briefbot.Direct, speaker: "Ann Lee", mention: "she", cue: "said"}},
		},
		"cataphoric pronoun": {
			text: "Trade will keep growing between the two countries, he said. Xi Jinping said so during the meeting.",
			want: []wantStatement{{text: "Trade will keep growing between the two countries", speaker: "Xi Jinping", mention: "he"}},
		},
		"surname and honorific resolution": {
			text: "Foreign Minister Tomas Ruiz met his counterpart on Friday. Ruiz said the meeting was frank. The sides remain far apart, noted Mr. Ruiz.",
			want: []wantStatement{
				{text: "the meeting was frank", speaker: "Tomas Ruiz", mention: "Ruiz"},
				{text: "The sides remain far apart", speaker: "Tomas Ruiz", mention: "Mr. Ruiz", cue: "noted"},
			},
		},
		"role phrase resolution": {
			text: "Japanese Foreign Minister Kenji Sato arrived in Seoul on Sunday.\n\nThe visit was long overdue, Japan's top diplomat said.",
			want: []wantStatement{{text: "The visit was long overdue", speaker: "Kenji Sato", mention: "Japan's top diplomat", cue: "said"}},
		},
		"apposition": {
			text: "Mei Lin, a senior fellow at the Institute of Asian Studies, told the newspaper on Tuesday that tensions were easing.",
			want: []wantStatement{{text: "tensions were easing", speaker: "Mei Lin", mention: "Mei Lin", cue: "told"}},
		},
		"participle opener": {
			text: "Noting that trade had doubled, Anna Berg said the partnership would deepen.",
			want: []wantStatement{
				{text: "trade had doubled", speaker: "Anna Berg", cue: "Noting"},
				{text: "the partnership would deepen", speaker: "Anna Berg", cue: "said"},
			},
		},
		"coordinated verb phrase": {
			text: "Omar Haddad thanked the hosts and said the summit had been a success.",
			want: []wantStatement{{text: "the summit had been a success", speaker: "Omar Haddad", cue: "said"}},
		},
		"participle after the main cue": {
			text: "Anna Berg said the talks had stalled, adding that a deal was still possible.",
			want: []wantStatement{
				{text: "the talks had stalled", speaker: "Anna Berg", cue: "said"},
				{text: "a deal was still possible", speaker: "Anna Berg", cue: "adding"},
			},
		},
		"people familiar with": {
			text: "The plan was shelved last week, people familiar with the talks said.",
			want: []wantStatement{{text: "The plan was shelved last week", speaker: "people familiar with the talks", mention: "people familiar with the talks", cue: "said"}},
		},
		"subordinate clause cue": {
			text: "When Anna Berg announced the plan, she said the border would reopen soon.",
			want: []wantStatement{{text: "the border would reopen soon", speaker: "Anna Berg", mention: "she", cue: "said"}},
		},
		"relative who keeps its mention": {
			text: "Reporters met Omar Haddad, who said the delay was unavoidable.",
			want: []wantStatement{{text: "the delay was unavoidable", speaker: "Omar Haddad", mention: "who", cue: "said"}},
		},
		"inverted cue with long apposition": {
			text: "The vote was delayed by a week, said Omar Haddad, who chairs the committee.",
			want: []wantStatement{{text: "The vote was delayed by a week", speaker: "Omar Haddad", mention: "Omar Haddad", cue: "said"}},
		},
		"passive cue is not an attribution": {
			text: "Ivan Petrov was accused of fraud by prosecutors in Moscow.",
			want: nil,
		},
		"relative clause ends at its comma": {
			text: "Omar Haddad, who denies all of the charges, has left the country.",
			want: []wantStatement{{text: "all of the charges", speaker: "Omar Haddad", mention: "who", cue: "denies"}},
		},
		"no attribution, no statement": {
			text: "The ministers met in Geneva. They called it an “anti-Western alliance” in public.",
			want: nil,
		},
	}
	runStatementCases(t, tests)
}

// runStatementCases extracts each case's text and compares the statements,
// in order, with the wanted fields (empty fields are not compared).
func runStatementCases(t *testing.T, tests map[string]struct {
	text string
	want []wantStatement
}) {
	t.Helper()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ex := Extract(tc.text)
			checkStatementOffsets(t, tc.text, ex)
			if len(ex.Statements) != len(tc.want) {
				t.Fatalf("got %d statements, want %d: %+v", len(ex.Statements), len(tc.want), ex.Statements)
			}
			for i, w := range tc.want {
				got := ex.Statements[i]
				check := func(field, got, want string) {
					if want != "" && got != want {
						t.Errorf("statement %d %s = %q, want %q", i, field, got, want)
					}
				}
				check("text", got.Text, w.text)
				check("kind", got.Kind, w.kind)
				check("speaker", got.Speaker, w.speaker)
				check("speaker_mention", got.SpeakerMention.Text, w.mention)
				check("cue", got.Cue.Text, w.cue)
			}
		})
	}
}

// checkOffsets asserts every span's offsets are code points into text.
func checkStatementOffsets(t *testing.T, text string, ex briefbot.Extraction) {
	t.Helper()
	runes := []rune(text)
	span := func(what, s string, start, end int) {
		if start < 0 || end > len(runes) || start > end {
			t.Errorf("%s %q: offsets [%d,%d) out of range", what, s, start, end)
			return
		}
		if got := string(runes[start:end]); got != s {
			t.Errorf("%s: runes[%d:%d] = %q, text says %q", what, start, end, got, s)
		}
	}
	for i, s := range ex.Statements {
		span("statement", s.Text, s.Start, s.End)
		span("cue", s.Cue.Text, s.Cue.Start, s.Cue.End)
		span("speaker_mention", s.SpeakerMention.Text, s.SpeakerMention.Start, s.SpeakerMention.End)
		if i > 0 && ex.Statements[i-1].Start > s.Start {
			t.Errorf("statements not sorted by start: %d before %d", ex.Statements[i-1].Start, s.Start)
		}
		if s.Score <= 0 || s.Score > 1 {
			t.Errorf("statement %q score %v outside (0,1]", s.Text, s.Score)
		}
	}
}

func TestExtractOffsetsAreCodePoints(t *testing.T) {
	// Multi-byte letters and marks before the statement shift byte offsets
	// but not code-point ones.
	text := "Zürich — «Ça suffit», écrit-il. 北京 ok.\n\n“Ménages will pay more,” said Zoë Müller."
	ex := Extract(text)
	checkStatementOffsets(t, text, ex)
	if len(ex.Statements) != 1 {
		t.Fatalf("got %d statements, want 1: %+v", len(ex.Statements), ex.Statements)
	}
	s := ex.Statements[0]
	wantStart := strings.Index(text, "“Ménages")
	wantStart = len([]rune(text[:wantStart]))
	if s.Start != wantStart || s.Speaker != "Zoë Müller" {
		t.Errorf("got start %d speaker %q, want %d %q", s.Start, s.Speaker, wantStart, "Zoë Müller")
	}
}

func TestExtractTranscript(t *testing.T) {
	text := "Reuters: Will the minister attend the summit in Geneva next week?\n\n" +
		"Wang Lei: The minister will attend the summit and meet his counterparts.\n\n" +
		"We hope the meeting brings real progress on trade.\n\n" +
		"AFP: Any comment on the report that talks have stalled?\n\n" +
		"Wang Lei: We have noted the report. It does not reflect the facts."
	ex := Extract(text)
	checkStatementOffsets(t, text, ex)
	want := []string{
		"The minister will attend the summit and meet his counterparts",
		"We hope the meeting brings real progress on trade",
		"We have noted the report. It does not reflect the facts",
	}
	if len(ex.Statements) != len(want) {
		t.Fatalf("got %d statements, want %d: %+v", len(ex.Statements), len(want), ex.Statements)
	}
	for i, w := range want {
		s := ex.Statements[i]
		if s.Text != w || s.Speaker != "Wang Lei" || s.SpeakerMention.Text != "Wang Lei" {
			t.Errorf("statement %d = %q by %q (mention %q), want %q by Wang Lei", i, s.Text, s.Speaker, s.SpeakerMention.Text, w)
		}
		if strings.Contains(s.Text, "?") {
			t.Errorf("a question became a statement: %q", s.Text)
		}
	}
}

func TestExtractQATranscriptUsesSpokesperson(t *testing.T) {
	text := "Q: Does China plan to send an envoy to the peace talks?\n\n" +
		"A: China will send a special envoy to the talks to promote peace.\n\n" +
		"Q: What is your response to the new sanctions announced yesterday?\n\n" +
		"A: We firmly oppose unilateral sanctions that have no basis in international law."
	ex := ExtractTitled("Foreign Ministry Spokesperson Mao Ning's Regular Press Conference", text)
	checkStatementOffsets(t, text, ex)
	if len(ex.Statements) != 2 {
		t.Fatalf("got %d statements, want 2: %+v", len(ex.Statements), ex.Statements)
	}
	for _, s := range ex.Statements {
		if s.Speaker != "Mao Ning" || !strings.HasPrefix(s.Text, "China will") && !strings.HasPrefix(s.Text, "We firmly") {
			t.Errorf("statement %q by %q, want an answer by Mao Ning", s.Text, s.Speaker)
		}
	}
}

func TestExtractAddsResolvedMentionsToActors(t *testing.T) {
	text := "Japanese Foreign Minister Kenji Sato arrived in Seoul on Sunday.\n\nThe visit was long overdue, Japan's top diplomat said."
	ex := Extract(text)
	for _, a := range ex.Actors {
		if a.Name != "Kenji Sato" {
			continue
		}
		hasAlias := false
		for _, al := range a.Aliases {
			hasAlias = hasAlias || al == "Japan's top diplomat"
		}
		start := len([]rune(text[:strings.Index(text, "Japan's")]))
		hasMention := false
		for _, m := range a.Mentions {
			hasMention = hasMention || m.Start == start
		}
		if !hasAlias || !hasMention {
			t.Errorf("Kenji Sato aliases %v mentions %v: want the role phrase as alias and mention at %d", a.Aliases, a.Mentions, start)
		}
		if len(ex.Statements) == 1 && (ex.Statements[0].SpeakerRole != "Foreign Minister" || ex.Statements[0].SpeakerAffiliation != "Japan") {
			t.Errorf("speaker role/affiliation = %q/%q, want Foreign Minister/Japan", ex.Statements[0].SpeakerRole, ex.Statements[0].SpeakerAffiliation)
		}
		return
	}
	t.Errorf("no actor Kenji Sato in %+v", ex.Actors)
}

func TestSentencesKeepAbbreviationsAndQuotes(t *testing.T) {
	tests := map[string]struct {
		text string
		want int
	}{
		"honorific":             {"Mr. Wang arrived. He spoke.", 2},
		"dotted country":        {"Troops left the U.S. base. They flew home.", 2},
		"initial":               {"John F. Kennedy spoke. Crowds cheered.", 2},
		"quote keeps sentences": {"“We came. We saw,” he said. Then he left.", 2},
		"paragraphs":            {"No stop here\n\nNew paragraph", 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			toks := tokenize(tc.text)
			scanQuotes(toks)
			if got := len(sentences(toks)); got != tc.want {
				t.Errorf("got %d sentences, want %d", got, tc.want)
			}
		})
	}
}

func TestScanQuotesPairsBrokenMarks(t *testing.T) {
	tests := map[string]struct {
		text   string
		quotes []string
	}{
		"curly":             {"He said “yes” today.", []string{"“yes”"}},
		"nested same mark":  {"“A “zero tolerance” attitude,” she said.", []string{"“A “zero tolerance” attitude,”"}},
		"straight":          {`He said "no way" twice.`, []string{`"no way"`}},
		"double apostrophe": {"''We are ready,'' Mr. Lew said.", []string{"''We are ready,''"}},
		"unclosed":          {"She said “never again.\n\nNext.", []string{"“never again."}},
		"guillemets":        {"« Assez » dit-il.", []string{"« Assez »"}},
		"apostrophes only":  {"The countries’ leaders didn’t agree.", nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			toks := tokenize(tc.text)
			qs := scanQuotes(toks)
			var got []string
			for _, q := range qs {
				got = append(got, tc.text[toks[q.a].bs:toks[q.b-1].be])
			}
			if strings.Join(got, "|") != strings.Join(tc.quotes, "|") {
				t.Errorf("quotes = %q, want %q", got, tc.quotes)
			}
		})
	}
}

// FuzzExtract checks that any input yields statements whose offsets select
// their text: go test ./summarize -run '^$' -fuzz FuzzExtract -fuzztime 30s
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“We will not back down,” Maria Lopez said.",
		"According to officials, the convoy reached the city.",
		"Q: Any comment?\n\nA: None.\n\nQ: Why?\n\nA: Because.",
		"''Yes,'' he said. “Unclosed\n\n“Next » « said",
		"Mr. Wang, who said, told: “",
		"Noting that, Xi said",
		"In the interview, the minister also said:\n\nThe port must reopen\n\n",
		"Video caption Ines Moreau: “",
		"“Is it fair?” He Jianxiong, the",
		"Wee of the Times reports that",
		"the Agency for Coastal Safety (ACS) said. The ACS said",
		"Anna Berg, however, said",
		"analysts who have done the sums say",
		"He urged Mr.",
		"A source said. “Q,” the source said, per",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ex := Extract(text)
		runes := []rune(text)
		for _, s := range ex.Statements {
			for _, sp := range []briefbot.Span{{Text: s.Text, Start: s.Start, End: s.End}, s.Cue, s.SpeakerMention} {
				if sp.Start < 0 || sp.End > len(runes) || sp.Start > sp.End || string(runes[sp.Start:sp.End]) != sp.Text {
					t.Fatalf("span %+v does not select its text in %q", sp, text)
				}
			}
		}
	})
}

func TestExtractScoresFavourProminentDistinctVoices(t *testing.T) {
	text := "Foreign Minister Anna Berg met her counterpart in Oslo on Monday. " +
		"Berg said the talks were constructive and would continue in Geneva next month. " +
		"Berg also said that trade between the two countries had doubled over the past year. " +
		"Markets were calm after the meeting, analysts said."
	ex := Extract(text)
	if len(ex.Statements) != 3 {
		t.Fatalf("got %d statements, want 3: %+v", len(ex.Statements), ex.Statements)
	}
	first, second, group := ex.Statements[0], ex.Statements[1], ex.Statements[2]
	if first.Speaker != "Anna Berg" || second.Speaker != "Anna Berg" || group.Speaker != "analysts" {
		t.Fatalf("speakers %q %q %q", first.Speaker, second.Speaker, group.Speaker)
	}
	if !(first.Score > group.Score) {
		t.Errorf("the minister's statement (%.3f) should outrank the analysts' (%.3f)", first.Score, group.Score)
	}
	if !(second.Score < first.Score/1.2) {
		t.Errorf("a second statement by the same speaker (%.3f) should be discounted against the first (%.3f)", second.Score, first.Score)
	}
	if first.SpeakerRole != "Foreign Minister" {
		t.Errorf("speaker role = %q, want Foreign Minister", first.SpeakerRole)
	}
}
