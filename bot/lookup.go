package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/topic"
)

// Lookup commands: who, said, about, digest, feeds. Anyone may run them.

const (
	lookupStatements = 10                 // statements shown by who and said
	lookupArticles   = 10                 // articles shown by about
	digestArticles   = 20                 // articles in an on-demand digest
	aboutWindow      = 7 * 24 * time.Hour // default of about's "since"
	defaultDigest    = 24 * time.Hour
	maxDigestWindow  = 31 * 24 * time.Hour
	recentScan       = 2000 // articles scanned by about and digest
)

// maxWhoSpeakers bounds the speakers one who lists statements of ("Wang"
// finds Wang Yi, Wang Wenbin, …).
const maxWhoSpeakers = 5

func (r *Router) who(ctx context.Context, req Request, name string) (Reply, error) {
	name = strings.Trim(strings.TrimSpace(name), `"“”`)
	if name == "" {
		return Reply{}, &UsageError{Msg: "Whose statements? Give a name, e.g. Lavrov."}
	}
	speakers, match, err := r.Store.FindSpeakers(ctx, name, maxWhoSpeakers)
	if err != nil {
		return Reply{}, err
	}
	var hits []briefbot.StatementHit
	if len(speakers) > 0 {
		if hits, err = r.Store.StatementsOf(ctx, speakerIDs(speakers), lookupStatements); err != nil {
			return Reply{}, err
		}
	}
	if len(hits) == 0 {
		text := fmt.Sprintf("No statements by %q yet.", name)
		if names, _ := r.Store.Speakers(ctx, "", 5); len(names) > 0 {
			text += " Most quoted lately: " + strings.Join(names, ", ") + "."
		}
		return Reply{Ephemeral: true, Text: text}, nil
	}
	title := "Latest statements by " + speakerTitle(hits, name)
	reply := statementsReply(title, hits)
	if match == briefbot.MatchGuess {
		// Say so: the user typed something else.
		reply.Text = fmt.Sprintf("No speaker is called %q; guessing you meant %s.\n", name, speakerNames(speakers)) + reply.Text
	}
	return reply, nil
}

func speakerIDs(sps []briefbot.Speaker) []int64 {
	ids := make([]int64, len(sps))
	for i, sp := range sps {
		ids[i] = sp.ID
	}
	return ids
}

func speakerNames(sps []briefbot.Speaker) string {
	names := make([]string, len(sps))
	for i, sp := range sps {
		names[i] = sp.Name
	}
	return strings.Join(names, " or ")
}

// fuzzySpeakerHits finds statements of the speakers the registry guesses
// name means ("Sergey Lavrov", "Lavorv" → Sergei Lavrov).
func (r *Router) fuzzySpeakerHits(ctx context.Context, name string) ([]briefbot.StatementHit, error) {
	speakers, _, err := r.Store.FindSpeakers(ctx, name, maxWhoSpeakers)
	if err != nil || len(speakers) == 0 {
		return nil, err
	}
	return r.Store.StatementsOf(ctx, speakerIDs(speakers), lookupStatements)
}

// canonicalSpeaker returns the registry's name for name when it names one
// speaker for sure (an alias or every word whole: "Sergey Lavrov", "Лавров"
// → "Sergei Lavrov"), else name itself. Follow stores it, so alerts match
// every spelling.
func (r *Router) canonicalSpeaker(ctx context.Context, name string) string {
	speakers, match, err := r.Store.FindSpeakers(ctx, name, 2)
	if err != nil || len(speakers) != 1 || (match != briefbot.MatchAlias && match != briefbot.MatchWord) {
		return name
	}
	return speakers[0].Name
}

// speakerTitle names the speaker found, or the request when the hits span
// several speakers ("Wang" finds Wang Yi and Wang Wenbin).
func speakerTitle(hits []briefbot.StatementHit, asked string) string {
	first := hits[0].Speaker
	for _, h := range hits[1:] {
		if h.Speaker != first {
			return fmt.Sprintf("speakers matching %q", asked)
		}
	}
	return first
}

func (r *Router) said(ctx context.Context, req Request, words string) (Reply, error) {
	words = strings.TrimSpace(words)
	if len(topic.Tokenize(words)) == 0 {
		return Reply{}, &UsageError{Msg: "Said what? Give a word or phrase, e.g. ceasefire."}
	}
	hits, err := r.Store.SearchStatements(ctx, words, lookupStatements)
	if err != nil {
		return Reply{}, err
	}
	if len(hits) == 0 {
		return Reply{Ephemeral: true, Text: fmt.Sprintf("Nobody has been quoted saying %q yet.", words)}, nil
	}
	return statementsReply(fmt.Sprintf("Who said %q", words), hits), nil
}

// statementsReply lists statement hits, each with date, source and link,
// as text and as a digest (one story per article, in hit order).
func statementsReply(title string, hits []briefbot.StatementHit) Reply {
	d := briefbot.Digest{Title: title}
	var b strings.Builder
	b.WriteString(title + ":\n")
	index := map[int64]int{} // article ID → story index
	for _, h := range hits {
		fmt.Fprintf(&b, "• %s · %s\n  %s · %s\n", dateOf(h.PublishedAt), summarize.FormatStatement(h.Statement, 400), sourceOf(h), h.ArticleURL)
		i, ok := index[h.ArticleID]
		if !ok {
			i = len(d.Stories)
			index[h.ArticleID] = i
			d.Stories = append(d.Stories, briefbot.DigestStory{
				Headline: h.ArticleTitle,
				Articles: []briefbot.DigestArticle{{
					ArticleID: h.ArticleID, Title: h.ArticleTitle, Source: h.FeedName,
					URL: h.ArticleURL, PublishedAt: h.PublishedAt,
				}},
			})
		}
		art := &d.Stories[i].Articles[0]
		art.Statements = append(art.Statements, h.Statement)
		if !h.PublishedAt.IsZero() && (d.Since.IsZero() || h.PublishedAt.Before(d.Since)) {
			d.Since = h.PublishedAt
		}
		if h.PublishedAt.After(d.Until) {
			d.Until = h.PublishedAt
		}
	}
	return Reply{Text: strings.TrimRight(b.String(), "\n"), Digest: &d}
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.UTC().Format("2006-01-02")
}

func sourceOf(h briefbot.StatementHit) string {
	switch {
	case h.FeedName != "" && h.ArticleTitle != "":
		return h.FeedName + ": " + h.ArticleTitle
	case h.FeedName != "":
		return h.FeedName
	}
	return h.ArticleTitle
}

// resolveTopic reads text as a configured topic name, a topic this channel
// subscribed to, or else an ad-hoc query. It returns the display name.
func (r *Router) resolveTopic(ctx context.Context, req Request, text string) (string, topic.Query, error) {
	if name, query, ok := r.configuredTopic(text); ok {
		q, err := topic.Parse(query)
		if err != nil {
			return "", topic.Query{}, fmt.Errorf("configured topic %q: %w", name, err)
		}
		return name, q, nil
	}
	if req.Channel != "" {
		subs, err := r.Store.Subscriptions(ctx, req.Platform, req.Channel)
		if err != nil {
			return "", topic.Query{}, err
		}
		for _, s := range subs {
			if strings.EqualFold(s.Topic, text) {
				if q, err := topic.Parse(s.Query); err == nil {
					return s.Topic, q, nil
				}
			}
		}
	}
	q, err := topic.Parse(text)
	if err != nil {
		return "", topic.Query{}, &UsageError{Msg: fmt.Sprintf("%q is neither a topic nor a valid query: %v.", text, err)}
	}
	return q.String(), q, nil
}

func (r *Router) configuredTopic(text string) (name, query string, ok bool) {
	for name, query := range r.Topics {
		if strings.EqualFold(name, strings.TrimSpace(text)) {
			return name, query, true
		}
	}
	return "", "", false
}

func (r *Router) digest(ctx context.Context, req Request, args string) (Reply, error) {
	window := defaultDigest
	if args = strings.TrimSpace(args); args != "" {
		w, err := ParseSince(args)
		if err != nil {
			return Reply{}, &UsageError{Msg: err.Error()}
		}
		window = w
	}
	now := r.now()
	since := now.Add(-window)
	subs, err := r.Store.Subscriptions(ctx, req.Platform, req.Channel)
	if err != nil {
		return Reply{}, err
	}
	var queries []topic.Query
	var names []string
	for _, s := range subs {
		q, err := topic.Parse(r.queryOf(s))
		if err != nil {
			continue
		}
		queries = append(queries, q)
		names = append(names, s.Topic)
	}
	arts, cut, err := r.matchingCounted(ctx, queries, since, r.Limits.digestArticles())
	if err != nil {
		return Reply{}, err
	}
	title := "Digest of the last " + formatWindow(window)
	if len(names) > 0 {
		title += " on " + strings.Join(names, ", ")
	}
	title += cut.note()
	if len(arts) == 0 {
		return Reply{Ephemeral: true, Text: "Nothing new for this channel in the last " + formatWindow(window) + "."}, nil
	}
	d := summarize.BuildDigest(title, arts, since, now)
	return Reply{Text: summarize.RenderText(d), Digest: &d}, nil
}

// queryOf is the query a subscription runs: the configured topic's current
// query when the topic is configured (so config edits apply), else the
// stored one.
func (r *Router) queryOf(s briefbot.Subscription) string {
	if q, ok := r.Topics[s.Topic]; ok && !s.Follow {
		return q
	}
	return s.Query
}

// ParseSince reads a digest window: a Go duration ("90m", "36h") or a
// number of days ("7d"). Windows must be positive and at most 31 days.
func ParseSince(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("%q is not a time span; use e.g. 24h, 90m or 7d", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		d, err = time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("%q is not a time span; use e.g. 24h, 90m or 7d", s)
		}
	}
	if d <= 0 || d > maxDigestWindow {
		return 0, fmt.Errorf("%q is out of range; use a span between 1m and 31d", s)
	}
	return d, nil
}

func formatWindow(d time.Duration) string {
	if d%(24*time.Hour) == 0 {
		if d == 24*time.Hour {
			return "24h"
		}
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	}
	s := strings.TrimSuffix(d.String(), "0s") // "1h30m0s" → "1h30m"
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m") // "36h0m" → "36h"
	}
	return s
}

func (r *Router) feeds(ctx context.Context, req Request, args string) (Reply, error) {
	feeds, err := r.Store.ListFeeds(ctx)
	if err != nil {
		return Reply{}, err
	}
	if len(feeds) == 0 {
		return Reply{Ephemeral: true, Text: "No feeds are configured."}, nil
	}
	now := r.now()
	var b strings.Builder
	fmt.Fprintf(&b, "%d feeds:\n", len(feeds))
	for _, f := range feeds {
		mark, status := "✓", f.LastStatus
		switch {
		case f.Disabled:
			mark, status = "✗", "disabled: "+f.LastError
		case f.ErrorCount > 0:
			mark, status = "!", fmt.Sprintf("%d failures in a row: %s", f.ErrorCount, f.LastError)
		case f.LastFetchedAt.IsZero():
			mark, status = "…", "not fetched yet"
		}
		fetched := ""
		if !f.LastFetchedAt.IsZero() {
			fetched = " (fetched " + ago(now.Sub(f.LastFetchedAt)) + ")"
		}
		fmt.Fprintf(&b, "%s %s — %s%s · %s\n", mark, f.Name, status, fetched, FeedOrigin(f))
	}
	return Reply{Ephemeral: true, Text: strings.TrimRight(b.String(), "\n")}, nil
}

func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	}
	return fmt.Sprintf("%dd ago", int(d.Hours()/24))
}
