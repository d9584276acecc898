package summarize

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// This file owns digests: BuildDigest groups articles by story and picks
// each article's summary, key statements and main actors; RenderText,
// RenderMarkdown and FormatStatement turn them into text. Chat adapters
// format statements with FormatStatement so every platform shows
// `Speaker (role, affiliation): "statement"` the same way.

const (
	// DigestStatements is how many key statements a digest shows per article.
	DigestStatements = 3
	// DigestActors is how many main actors a digest names per article.
	DigestActors = 5
	// DigestStatementRunes trims long statements in rendered digests.
	DigestStatementRunes = 280
	// storyThreshold is the similarity above which two articles share a story.
	storyThreshold = 0.5
)

// BuildDigest turns articles into a digest. Articles about the same story
// (sharing most of their main people and organisations, or title keywords)
// are grouped; a story's headline is its first article's title and stories
// keep the order of their first article. Per article the digest carries the
// title, source (FeedName), URL, summary (Article.Summary, else Summarize),
// at most DigestStatements statements (attributed ones first, then by Score)
// with the speaker's role and affiliation filled from the article's actors,
// and up to DigestActors main actors (people, organisations and countries,
// most mentioned first).
// Articles without Actors are analysed with FindActors.
func BuildDigest(title string, articles []briefbot.Article, since, until time.Time) briefbot.Digest {
	d := briefbot.Digest{Title: title, Since: since, Until: until}
	type storyFeatures struct {
		actors   map[string]bool
		keywords map[string]bool
	}
	var feats []storyFeatures // per story: union over its articles
	for _, a := range articles {
		actors := a.Actors
		if len(actors) == 0 && a.Text != "" {
			actors = FindActors(a.Text)
		}
		da := briefbot.DigestArticle{
			ArticleID:   a.ID,
			Title:       a.Title,
			Source:      a.FeedName,
			URL:         a.URL,
			PublishedAt: a.PublishedAt,
			Summary:     a.Summary,
			Statements:  keyStatements(a.Statements, actors, DigestStatements),
			Actors:      mainActors(actors, DigestActors),
		}
		if da.Summary == "" {
			da.Summary = Summarize(a.Title, a.Text, a.Statements)
		}
		f := storyFeatures{actors: storyActors(actors), keywords: titleKeywords(a.Title)}
		best, bestSim := -1, 0.0
		for i, sf := range feats {
			sim := 0.5*overlap(f.actors, sf.actors) + 0.5*overlap(f.keywords, sf.keywords)
			if sim > bestSim {
				best, bestSim = i, sim
			}
		}
		if best >= 0 && bestSim >= storyThreshold {
			d.Stories[best].Articles = append(d.Stories[best].Articles, da)
			for k := range f.actors {
				feats[best].actors[k] = true
			}
			for k := range f.keywords {
				feats[best].keywords[k] = true
			}
			continue
		}
		d.Stories = append(d.Stories, briefbot.DigestStory{Headline: a.Title, Articles: []briefbot.DigestArticle{da}})
		feats = append(feats, f)
	}
	return d
}

// keyStatements returns up to n statements with text, those with a speaker
// first, then by highest Score (earlier first on ties), with the speaker's
// role and affiliation filled from actors when the statement lacks them.
func keyStatements(stmts []briefbot.Statement, actors []briefbot.Actor, n int) []briefbot.Statement {
	var out []briefbot.Statement
	for _, s := range stmts {
		if strings.TrimSpace(s.Text) != "" {
			out = append(out, s)
		}
	}
	// Attributed statements first: a digest line without a speaker says
	// little about who said what.
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Speaker != "") != (out[j].Speaker != "") {
			return out[i].Speaker != ""
		}
		return out[i].Score > out[j].Score
	})
	if len(out) > n {
		out = out[:n]
	}
	for i := range out {
		s := &out[i]
		if s.SpeakerRole != "" || s.SpeakerAffiliation != "" || s.Speaker == "" {
			continue
		}
		for _, a := range actors {
			if a.Type == briefbot.Person && a.Name == s.Speaker {
				s.SpeakerRole, s.SpeakerAffiliation = a.Role, a.Affiliation
				break
			}
		}
	}
	return out
}

// mainActors names the n most mentioned people, organisations and
// countries; actors arrive sorted by mentions from FindActors, but stored
// ones are re-sorted to be safe.
func mainActors(actors []briefbot.Actor, n int) []string {
	var keep []briefbot.Actor
	for _, a := range actors {
		if a.Type == briefbot.Person || a.Type == briefbot.Organization || a.Type == briefbot.Country {
			keep = append(keep, a)
		}
	}
	sort.SliceStable(keep, func(i, j int) bool { return len(keep[i].Mentions) > len(keep[j].Mentions) })
	var names []string
	for _, a := range keep {
		if len(names) == n {
			break
		}
		names = append(names, a.Name)
	}
	return names
}

// storyActors is the set compared between articles: the main people and
// organisations, plus countries only when nothing else is named (countries
// alone are too common to tell stories apart).
func storyActors(actors []briefbot.Actor) map[string]bool {
	set := map[string]bool{}
	for _, name := range mainActors(actors, 8) {
		for _, a := range actors {
			if a.Name == name && a.Type != briefbot.Country {
				set[name] = true
			}
		}
	}
	if len(set) == 0 {
		for _, name := range mainActors(actors, 3) {
			set[name] = true
		}
	}
	return set
}

// titleKeywords are the title's content words, lower-cased with a plural
// "s" dropped; country names are left out because the actors carry them.
func titleKeywords(title string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if _, ok := CountryOf(w); ok {
			continue
		}
		w = strings.ToLower(w)
		if utf8.RuneCountInString(w) < 3 || titleStopWords[w] {
			continue
		}
		if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		set[w] = true
	}
	return set
}

var titleStopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "from": true, "into": true, "over": true,
	"after": true, "before": true, "amid": true, "about": true, "says": true, "said": true, "say": true,
	"new": true, "its": true, "his": true, "her": true, "their": true, "will": true, "would": true,
	"are": true, "was": true, "were": true, "has": true, "have": true, "not": true, "but": true,
	"more": true, "than": true, "what": true, "who": true, "how": true, "why": true, "this": true,
	"that": true, "out": true, "off": true, "all": true, "can": true, "may": true, "could": true,
	"should": true, "also": true, "news": true, "update": true, "live": true, "video": true,
}

// overlap is |a ∩ b| / min(|a|, |b|), 0 when either is empty.
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return float64(n) / float64(min(len(a), len(b)))
}

// FormatStatement renders a statement as `Speaker (role, affiliation):
// "text"`. Empty role or affiliation parts are omitted, and the parentheses
// too when both are empty; without a speaker only the quoted text remains.
// The statement text is trimmed to max code points at a word boundary with
// "…" (max ≤ 0: no limit).
func FormatStatement(s briefbot.Statement, max int) string {
	var b strings.Builder
	if s.Speaker != "" {
		b.WriteString(s.Speaker)
		var parts []string
		if s.SpeakerRole != "" {
			parts = append(parts, s.SpeakerRole)
		}
		if s.SpeakerAffiliation != "" {
			parts = append(parts, s.SpeakerAffiliation)
		}
		if len(parts) > 0 {
			b.WriteString(" (")
			b.WriteString(strings.Join(parts, ", "))
			b.WriteString(")")
		}
		b.WriteString(": ")
	}
	// The statement keeps its source punctuation (“…,” he said); shown on
	// its own it reads better without the outer marks and trailing comma.
	text := strings.Join(strings.Fields(s.Text), " ")
	text = strings.Trim(text, "\"“”«» ")
	text = strings.TrimRight(text, ",; ")
	text = strings.Trim(text, "\"“”«» ")
	b.WriteString("\"")
	b.WriteString(truncateWords(text, max))
	b.WriteString("\"")
	if s.Shift != "" {
		b.WriteString(" ⚠ shift: " + s.Shift) // see stance.go
	}
	return b.String()
}

// RenderText renders a digest as plain text for the terminal.
func RenderText(d briefbot.Digest) string {
	var b strings.Builder
	b.WriteString(d.Title)
	if span := digestSpan(d); span != "" {
		b.WriteString(" (" + span + ")")
	}
	b.WriteString("\n")
	if d.ArticleCount() == 0 {
		b.WriteString("\nNo new articles.\n")
		return b.String()
	}
	for i, s := range d.Stories {
		b.WriteString("\n")
		if len(s.Articles) > 1 {
			b.WriteString(strconv.Itoa(i+1) + ". " + s.Headline + " (" + strconv.Itoa(len(s.Articles)) + " articles)\n")
		}
		for j, a := range s.Articles {
			indent := ""
			if len(s.Articles) > 1 {
				indent = "   "
				if j > 0 {
					b.WriteString("\n")
				}
				b.WriteString(indent + "- " + a.Title + "\n")
			} else {
				b.WriteString(strconv.Itoa(i+1) + ". " + a.Title + "\n")
				indent = "   "
			}
			if meta := articleMeta(a); meta != "" {
				b.WriteString(indent + meta + "\n")
			}
			if a.Summary != "" {
				b.WriteString(indent + a.Summary + "\n")
			}
			for _, st := range a.Statements {
				b.WriteString(indent + "• " + FormatStatement(st, DigestStatementRunes) + "\n")
			}
			if len(a.Actors) > 0 {
				b.WriteString(indent + "Actors: " + strings.Join(a.Actors, ", ") + "\n")
			}
		}
	}
	return b.String()
}

// RenderMarkdown renders a digest as Markdown (headings, links, bullets).
func RenderMarkdown(d briefbot.Digest) string {
	var b strings.Builder
	b.WriteString("# " + mdEscape(d.Title) + "\n")
	if span := digestSpan(d); span != "" {
		b.WriteString("_" + span + "_\n")
	}
	if d.ArticleCount() == 0 {
		b.WriteString("\nNo new articles.\n")
		return b.String()
	}
	for _, s := range d.Stories {
		b.WriteString("\n## " + mdEscape(s.Headline) + "\n")
		for _, a := range s.Articles {
			b.WriteString("\n")
			if a.URL != "" {
				b.WriteString("**[" + mdEscape(a.Title) + "](" + a.URL + ")**")
			} else {
				b.WriteString("**" + mdEscape(a.Title) + "**")
			}
			if a.Source != "" {
				b.WriteString(" — " + mdEscape(a.Source))
			}
			if !a.PublishedAt.IsZero() {
				b.WriteString(" · " + a.PublishedAt.UTC().Format("2006-01-02 15:04 MST"))
			}
			b.WriteString("\n")
			if a.Summary != "" {
				b.WriteString("\n" + mdEscape(a.Summary) + "\n")
			}
			if len(a.Statements) > 0 {
				b.WriteString("\n")
				for _, st := range a.Statements {
					b.WriteString("- " + mdEscape(FormatStatement(st, DigestStatementRunes)) + "\n")
				}
			}
			if len(a.Actors) > 0 {
				b.WriteString("\n*Actors:* " + mdEscape(strings.Join(a.Actors, ", ")) + "\n")
			}
		}
	}
	return b.String()
}

// mdEscape escapes the Markdown characters that would change formatting.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`)
	return r.Replace(s)
}

func digestSpan(d briefbot.Digest) string {
	if d.Since.IsZero() || d.Until.IsZero() {
		return ""
	}
	const layout = "2006-01-02 15:04 MST"
	return d.Since.UTC().Format(layout) + " – " + d.Until.UTC().Format(layout)
}

func articleMeta(a briefbot.DigestArticle) string {
	var parts []string
	if a.Source != "" {
		parts = append(parts, a.Source)
	}
	if !a.PublishedAt.IsZero() {
		parts = append(parts, a.PublishedAt.UTC().Format("2006-01-02 15:04 MST"))
	}
	if a.URL != "" {
		parts = append(parts, a.URL)
	}
	return strings.Join(parts, " · ")
}
