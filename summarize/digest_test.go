package summarize

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

func TestFormatStatement(t *testing.T) {
	base := briefbot.Statement{Speaker: "Wang Yi", Text: "China is ready to work with Russia"}
	tests := map[string]struct {
		role, affiliation string
		speaker           string
		text              string
		max               int
		want              string
	}{
		"role and affiliation": {role: "Foreign Minister", affiliation: "China", max: 100,
			want: `Wang Yi (Foreign Minister, China): "China is ready to work with Russia"`},
		"role only": {role: "Foreign Minister", max: 100,
			want: `Wang Yi (Foreign Minister): "China is ready to work with Russia"`},
		"affiliation only": {affiliation: "China", max: 100,
			want: `Wang Yi (China): "China is ready to work with Russia"`},
		"neither drops the parentheses": {max: 100,
			want: `Wang Yi: "China is ready to work with Russia"`},
		"group speaker": {speaker: "experts", max: 100,
			want: `experts: "China is ready to work with Russia"`},
		"no speaker": {speaker: "-", max: 100,
			want: `"China is ready to work with Russia"`},
		"trimmed at a word": {max: 20,
			want: `Wang Yi: "China is ready to…"`},
		"no limit": {max: 0,
			want: `Wang Yi: "China is ready to work with Russia"`},
		"quotes and whitespace normalised": {text: "“We  will\n stay”", max: 100,
			want: `Wang Yi: "We will stay"`},
		"comma before the closing mark dropped": {text: "“Dialogue is better than confrontation,”", max: 100,
			want: `Wang Yi: "Dialogue is better than confrontation"`},
		"guillemet closer dropped": {text: "“we could also see some changes. »", max: 100,
			want: `Wang Yi: "we could also see some changes."`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s := base
			s.SpeakerRole, s.SpeakerAffiliation = tc.role, tc.affiliation
			if tc.speaker == "-" {
				s.Speaker = ""
			} else if tc.speaker != "" {
				s.Speaker = tc.speaker
			}
			if tc.text != "" {
				s.Text = tc.text
			}
			if got := FormatStatement(s, tc.max); got != tc.want {
				t.Errorf("FormatStatement = %s\nwant            %s", got, tc.want)
			}
		})
	}
}

func TestFormatStatementTrimRespectsMax(t *testing.T) {
	s := briefbot.Statement{Speaker: "X", Text: strings.Repeat("déjà vu ", 100)}
	for _, max := range []int{10, 50, 280} {
		got := FormatStatement(s, max)
		quoted := strings.TrimSuffix(strings.TrimPrefix(got, `X: "`), `"`)
		if n := utf8.RuneCountInString(quoted); n > max {
			t.Errorf("max %d: quoted text has %d code points", max, n)
		}
		if !strings.HasSuffix(quoted, "…") {
			t.Errorf("max %d: trimmed text lacks …: %q", max, quoted)
		}
	}
}

// Articles written for the test: two on one story, one on another.
var digestArticles = []briefbot.Article{
	{
		ID: 1, FeedName: "Global Times", URL: "https://example.org/a1", Title: "Wang Yi holds talks with Lavrov in Beijing",
		Text: "Chinese Foreign Minister Wang Yi held talks with Russian Foreign Minister Sergei Lavrov in Beijing on Tuesday. " +
			"Wang said the two countries would deepen cooperation. Lavrov thanked Wang for the welcome.",
		Statements: []briefbot.Statement{
			{Speaker: "Wang Yi", Text: "the two countries would deepen cooperation", Score: 0.9},
			{Speaker: "Sergei Lavrov", Text: "thanks for the welcome", Score: 0.2},
			{Speaker: "Wang Yi", Text: "relations are at their best", Score: 0.7},
			{Speaker: "experts", Text: "the visit signals continuity", Score: 0.5},
			{Speaker: "Wang Yi", Text: "", Score: 1},
			{Text: "an unattributed line", Score: 0.95},
		},
	},
	{
		ID: 2, FeedName: "Xinhua", URL: "https://example.org/b", Title: "Heavy rain floods Porto Alegre",
		Text: "Heavy rain flooded Porto Alegre in Brazil on Monday, forcing thousands from their homes. Governor Eduardo Leite said rescue teams were deployed.",
	},
	{
		ID: 3, FeedName: "TASS", URL: "https://example.org/a2", Title: "Lavrov, Wang Yi talks focus on Ukraine",
		Summary: "Sergei Lavrov and Wang Yi discussed Ukraine.",
		Text:    "Russian Foreign Minister Sergei Lavrov and Chinese Foreign Minister Wang Yi discussed Ukraine in Beijing. Lavrov said Moscow valued the dialogue. Wang agreed.",
	},
}

func TestBuildDigestGroupsByStory(t *testing.T) {
	since := time.Date(2024, 4, 9, 0, 0, 0, 0, time.UTC)
	until := since.Add(24 * time.Hour)
	d := BuildDigest("Daily digest", digestArticles, since, until)
	if d.Title != "Daily digest" || !d.Since.Equal(since) || !d.Until.Equal(until) {
		t.Errorf("header = %q %v %v", d.Title, d.Since, d.Until)
	}
	if len(d.Stories) != 2 {
		t.Fatalf("got %d stories, want 2: %+v", len(d.Stories), d.Stories)
	}
	s0 := d.Stories[0]
	if s0.Headline != digestArticles[0].Title {
		t.Errorf("headline = %q, want the first article's title", s0.Headline)
	}
	var ids []int64
	for _, a := range s0.Articles {
		ids = append(ids, a.ArticleID)
	}
	if !slices.Equal(ids, []int64{1, 3}) {
		t.Errorf("first story articles = %v, want [1 3]", ids)
	}
	if got := d.Stories[1].Articles[0].ArticleID; got != 2 {
		t.Errorf("second story article = %d, want 2", got)
	}
	if d.ArticleCount() != 3 {
		t.Errorf("ArticleCount = %d", d.ArticleCount())
	}
}

func TestBuildDigestArticleFields(t *testing.T) {
	d := BuildDigest("D", digestArticles, time.Time{}, time.Time{})
	a1 := d.Stories[0].Articles[0]
	if a1.Source != "Global Times" || a1.URL != "https://example.org/a1" || a1.Title != digestArticles[0].Title {
		t.Errorf("metadata = %+v", a1)
	}
	// Top three with text and a speaker, by score; the empty and the
	// unattributed statements are skipped.
	var texts []string
	for _, s := range a1.Statements {
		texts = append(texts, s.Text)
	}
	want := []string{"the two countries would deepen cooperation", "relations are at their best", "the visit signals continuity"}
	if !slices.Equal(texts, want) {
		t.Errorf("statements = %q, want %q", texts, want)
	}
	// Speaker role and affiliation come from the article's actors.
	if s := a1.Statements[0]; s.SpeakerRole != "Foreign Minister" || s.SpeakerAffiliation != "China" {
		t.Errorf("speaker role/affiliation = %q/%q", s.SpeakerRole, s.SpeakerAffiliation)
	}
	if s := a1.Statements[2]; s.SpeakerRole != "" || s.SpeakerAffiliation != "" {
		t.Errorf("group speaker got a role: %+v", s)
	}
	if len(a1.Actors) == 0 || len(a1.Actors) > DigestActors || !slices.Contains(a1.Actors, "Wang Yi") || !slices.Contains(a1.Actors, "Sergei Lavrov") {
		t.Errorf("actors = %q", a1.Actors)
	}
	// Summary: computed when absent, kept when the article has one.
	if !strings.HasPrefix(a1.Summary, "Chinese Foreign Minister Wang Yi held talks") {
		t.Errorf("computed summary = %q", a1.Summary)
	}
	if got := d.Stories[0].Articles[1].Summary; got != "Sergei Lavrov and Wang Yi discussed Ukraine." {
		t.Errorf("stored summary replaced: %q", got)
	}
}

func TestRenderText(t *testing.T) {
	since := time.Date(2024, 4, 9, 0, 0, 0, 0, time.UTC)
	d := BuildDigest("Daily digest", digestArticles, since, since.Add(24*time.Hour))
	out := RenderText(d)
	for _, want := range []string{
		"Daily digest (2024-04-09 00:00 UTC – 2024-04-10 00:00 UTC)",
		"1. Wang Yi holds talks with Lavrov in Beijing (2 articles)",
		"Global Times · https://example.org/a1",
		`• Wang Yi (Foreign Minister, China): "the two countries would deepen cooperation"`,
		`• experts: "the visit signals continuity"`,
		"2. Heavy rain floods Porto Alegre",
		"Actors: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("RenderText lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "Heavy rain") < strings.Index(out, "Lavrov, Wang Yi talks") {
		t.Errorf("grouped article should be listed under the first story:\n%s", out)
	}
	if got := RenderText(briefbot.Digest{Title: "Empty"}); !strings.Contains(got, "No new articles.") {
		t.Errorf("empty digest = %q", got)
	}
}

func TestRenderMarkdown(t *testing.T) {
	d := BuildDigest("Daily *digest*", digestArticles, time.Time{}, time.Time{})
	out := RenderMarkdown(d)
	for _, want := range []string{
		`# Daily \*digest\*`,
		"## Wang Yi holds talks with Lavrov in Beijing",
		"**[Heavy rain floods Porto Alegre](https://example.org/b)** — Xinhua",
		`- Wang Yi (Foreign Minister, China): "the two countries would deepen cooperation"`,
		"*Actors:* ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("RenderMarkdown lacks %q:\n%s", want, out)
		}
	}
}
