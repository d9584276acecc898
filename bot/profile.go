package bot

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/topic"
)

// Speaker history commands: profile, timeline, compare.

// timelineScan is how many statements of one speaker a timeline reads
// (a variable for tests).
var timelineScan = 5000

const (
	defaultTimeline  = 90 * 24 * time.Hour
	maxTimeline      = 2 * 365 * 24 * time.Hour
	timelineShown    = 8   // key statements shown: one screen
	profileTopicScan = 300 // latest statements matched against topics for a profile
	profileTopics    = 5
	statementRunes   = 240
	maxNameWords     = 4 // longest speaker name tried when splitting "name query"
)

// speakerLink is the web page of a speaker, or "" without a public URL.
func (r *Router) speakerLink(id int64) string {
	if r.PublicURL == "" || id == 0 {
		return ""
	}
	return strings.TrimRight(r.PublicURL, "/") + "/speakers/" + strconv.FormatInt(id, 10)
}

// resolveSpeaker finds the registry speaker a user means, the most quoted
// first within the registry's best tier ("Lavrov", "Sergey Lavrov",
// "Лавров"). Guesses by edit distance are taken only when allowGuess.
func (r *Router) resolveSpeaker(ctx context.Context, name string, allowGuess bool) (briefbot.Speaker, bool, error) {
	name = strings.Trim(strings.TrimSpace(name), `"“”:,`)
	if len(topic.Tokenize(name)) == 0 {
		return briefbot.Speaker{}, false, nil
	}
	sps, match, err := r.Store.FindSpeakers(ctx, name, 1)
	if err != nil || len(sps) == 0 || (match == briefbot.MatchGuess && !allowGuess) {
		return briefbot.Speaker{}, false, err
	}
	return sps[0], true, nil
}

// splitSpeaker reads the longest run of leading words (up to
// maxNameWords) that names a registry speaker, and returns the rest. "on"
// or a colon may separate the name from the rest: "Lavrov on Ukraine". A
// misspelt name is guessed only when it is all the words there are, or
// the first word alone.
func (r *Router) splitSpeaker(ctx context.Context, words []string) (briefbot.Speaker, []string, error) {
	for _, guess := range []bool{false, true} {
		for n := min(len(words), maxNameWords); n >= 1; n-- {
			if guess && n != len(words) && n != 1 {
				continue
			}
			sp, ok, err := r.resolveSpeaker(ctx, strings.Join(words[:n], " "), guess)
			if err != nil {
				return sp, nil, err
			}
			if ok {
				rest := words[n:]
				if len(rest) > 0 && (strings.EqualFold(rest[0], "on") || strings.EqualFold(rest[0], "vs") ||
					strings.EqualFold(rest[0], "and") || rest[0] == ":" || rest[0] == ",") {
					rest = rest[1:]
				}
				return sp, rest, nil
			}
		}
	}
	return briefbot.Speaker{}, nil, nil
}

var (
	spanPattern = regexp.MustCompile(`^(\d+)([dwmy])$`)
	datePattern = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`)
)

// parseHistorySpan reads how far back a timeline goes: "90d", "12w",
// "6m", "1y", or a date "2026-01-01" / month "2026-01". It returns the
// start.
func parseHistorySpan(s string, now time.Time) (time.Time, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	bad := fmt.Errorf("%q is not a time span; use e.g. 90d, 12w, 6m, 1y, or a date like 2026-01-01", s)
	var since time.Time
	if m := spanPattern.FindStringSubmatch(s); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n <= 0 || n > 100000 {
			return time.Time{}, bad
		}
		switch m[2] {
		case "d":
			since = now.AddDate(0, 0, -n)
		case "w":
			since = now.AddDate(0, 0, -7*n)
		case "m":
			since = now.AddDate(0, -n, 0)
		case "y":
			since = now.AddDate(-n, 0, 0)
		}
	} else if t, err := time.Parse("2006-01-02", s); err == nil {
		since = t
	} else if t, err := time.Parse("2006-01", s); err == nil {
		since = t
	} else {
		return time.Time{}, bad
	}
	if !since.Before(now) {
		return time.Time{}, fmt.Errorf("%q is not in the past", s)
	}
	if now.Sub(since) > maxTimeline {
		return time.Time{}, fmt.Errorf("%q goes back more than two years; use e.g. 1y or 2y", s)
	}
	return since, nil
}

// cutSpan removes a trailing "since X" (or a bare span such as "90d") from
// words and returns the span as written ("" for none).
func cutSpan(words []string) ([]string, string, error) {
	n := len(words)
	switch {
	case n >= 2 && strings.EqualFold(words[n-2], "since"):
		return words[:n-2], words[n-1], nil
	case n >= 1 && strings.EqualFold(words[n-1], "since"):
		return nil, "", fmt.Errorf("since what? Give a span such as 90d or a date such as 2026-01-01")
	case n >= 1 && (spanPattern.MatchString(strings.ToLower(words[n-1])) || datePattern.MatchString(words[n-1])):
		return words[:n-1], words[n-1], nil
	}
	return words, "", nil
}

// historySince is the start a since option names, or now - def.
func historySince(span string, now time.Time, def time.Duration) (time.Time, error) {
	if span = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(span), "since ")); span == "" {
		return now.Add(-def), nil
	}
	return parseHistorySpan(span, now)
}

// speakersText is the text grammar of timeline and compare: "<name>
// [<name>] [query] [since 90d]". The registry tells where each name ends
// (splitSpeaker); a name it does not know takes the rest of the words,
// so the handler says it is unknown.
func speakersText(names ...string) func(r *Router, ctx context.Context, text string) (Options, error) {
	return func(r *Router, ctx context.Context, text string) (Options, error) {
		words, span, err := cutSpan(strings.Fields(text))
		if err != nil {
			return nil, &UsageError{Msg: err.Error()}
		}
		opts := Options{"since": span}
		for _, name := range names {
			sp, rest, err := r.splitSpeaker(ctx, words)
			if err != nil {
				return nil, err
			}
			if sp.ID == 0 {
				opts[name] = strings.Join(words, " ")
				return opts, nil
			}
			opts[name], words = sp.Name, rest
		}
		opts["query"] = strings.Join(words, " ")
		return opts, nil
	}
}

func (r *Router) profile(ctx context.Context, req Request, args string) (Reply, error) {
	asked := strings.TrimSpace(args)
	if asked == "" {
		return Reply{}, &UsageError{Msg: "Whose profile? Give a name, e.g. Lavrov."}
	}
	sp, ok, err := r.resolveSpeaker(ctx, asked, true)
	if err != nil {
		return Reply{}, err
	}
	if !ok {
		return r.unknownSpeaker(ctx, asked)
	}
	p, ok, err := r.Store.SpeakerProfile(ctx, sp.ID)
	if err != nil {
		return Reply{}, err
	}
	if !ok {
		return r.unknownSpeaker(ctx, asked)
	}
	topics, err := r.speakerTopics(ctx, p.ID)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: renderProfile(p, topics, r.speakerLink(p.ID))}, nil
}

func (r *Router) unknownSpeaker(ctx context.Context, asked string) (Reply, error) {
	text := fmt.Sprintf("No statements by %q yet.", asked)
	if names, _ := r.Store.Speakers(ctx, "", 5); len(names) > 0 {
		text += " Most quoted lately: " + strings.Join(names, ", ") + "."
	}
	return Reply{Ephemeral: true, Text: text}, nil
}

// speakerTopics counts how many of the speaker's latest statements match
// each configured topic; the most frequent first.
func (r *Router) speakerTopics(ctx context.Context, id int64) ([]briefbot.NameCount, error) {
	if len(r.Topics) == 0 {
		return nil, nil
	}
	hits, err := r.Store.FindStatements(ctx, briefbot.StatementFilter{SpeakerID: id, Limit: profileTopicScan})
	if err != nil {
		return nil, err
	}
	return TopicCounts(r.Topics, hits, profileTopics), nil
}

// TopicCounts counts the statements matching each topic (name → query),
// the most frequent first, at most n; topics never matched are left out.
func TopicCounts(topics map[string]string, hits []briefbot.StatementHit, n int) []briefbot.NameCount {
	names := sortedKeys(topics)
	queries := make([]*topic.Query, len(names))
	for i, name := range names {
		if q, err := topic.Parse(topics[name]); err == nil {
			queries[i] = &q
		}
	}
	counts := make([]int, len(names))
	for i := range hits {
		ix := statementIndex(&hits[i]) // once per statement, for every topic
		for j, q := range queries {
			if q != nil && q.MatchIndex(ix) {
				counts[j]++
			}
		}
	}
	var out []briefbot.NameCount
	for j, name := range names {
		if counts[j] > 0 {
			out = append(out, briefbot.NameCount{Name: name, Count: counts[j]})
		}
	}
	slices.SortStableFunc(out, func(a, b briefbot.NameCount) int { return cmp.Compare(b.Count, a.Count) })
	return out[:min(n, len(out))]
}

// statementIndex indexes one statement alone (its text, speaker and
// feed), not the rest of its article.
func statementIndex(h *briefbot.StatementHit) *topic.ArticleIndex {
	a := briefbot.Article{FeedName: h.FeedName, Statements: []briefbot.Statement{h.Statement}}
	return topic.NewArticleIndex(&a)
}

// statementMatches matches a query against one statement alone.
func statementMatches(q topic.Query, h *briefbot.StatementHit) bool {
	return q.MatchIndex(statementIndex(h))
}

func renderProfile(p briefbot.SpeakerProfile, topics []briefbot.NameCount, link string) string {
	var b strings.Builder
	b.WriteString("**" + p.Name + "**")
	roles := slices.Clone(p.Roles) // the registry's, oldest first
	slices.Reverse(roles)
	switch {
	case len(roles) > 0:
		b.WriteString(" — " + roleText(roles[0]))
		if len(roles) > 1 {
			b.WriteString(" (since " + dateOf(roles[0].From) + ")")
		}
	case p.Role != "" || p.Affiliation != "":
		b.WriteString(" — " + roleText(briefbot.SpeakerRole{Role: p.Role, Affiliation: p.Affiliation}))
	}
	b.WriteString("\n")
	if len(roles) > 1 {
		var earlier []string
		for _, role := range roles[1:min(len(roles), 4)] {
			earlier = append(earlier, fmt.Sprintf("%s (%s – %s)", roleText(role), dateOf(role.From), dateOf(role.Until)))
		}
		b.WriteString("Earlier: " + strings.Join(earlier, "; ") + "\n")
	}
	if names := alsoCalled(p); len(names) > 0 {
		b.WriteString("Also called: " + strings.Join(names, ", ") + "\n")
	}
	fmt.Fprintf(&b, "Seen %s – %s · %s in %s\n", dateOf(p.FirstSeen), dateOf(p.LastSeen),
		plural(p.Statements, "statement"), plural(p.Articles, "article"))
	if len(topics) > 0 {
		b.WriteString("Speaks most about: " + countList(topics) + "\n")
	}
	if len(p.Actors) > 0 {
		b.WriteString("Most often with: " + countList(p.Actors) + "\n")
	}
	if len(p.Latest) > 0 {
		b.WriteString("Latest key statements:\n")
		for _, h := range p.Latest {
			b.WriteString(statementLine(h, false))
		}
	}
	if link != "" {
		b.WriteString("Full profile and timeline: " + link + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// alsoCalled lists the ways articles referred to the speaker, then the
// registry's other aliases, each once.
func alsoCalled(p briefbot.SpeakerProfile) []string {
	seen := map[string]bool{strings.ToLower(p.Name): true}
	var out []string
	for _, n := range append(slices.Clone(p.Mentions), p.Aliases...) {
		if k := strings.ToLower(n); !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}

func roleText(r briefbot.SpeakerRole) string {
	switch {
	case r.Role != "" && r.Affiliation != "":
		return r.Role + ", " + r.Affiliation
	case r.Role != "":
		return r.Role
	}
	return r.Affiliation
}

func countList(ns []briefbot.NameCount) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprintf("%s (%d)", n.Name, n.Count)
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// statementLine is one dated statement with its source link; withSpeaker
// names the speaker (compare), else only the text is quoted.
func statementLine(h briefbot.StatementHit, withSpeaker bool) string {
	text := "“" + Truncate(h.Text, statementRunes) + "”"
	if withSpeaker {
		text = h.Speaker + ": " + text
	}
	source := sourceOf(h)
	if h.ArticleURL != "" {
		source = "[" + source + "](" + h.ArticleURL + ")"
	}
	return fmt.Sprintf("• %s · %s — %s\n", dateOf(h.PublishedAt), text, source)
}

// history is one speaker's statements on a query in a window.
type history struct {
	name   string
	id     int64
	hits   []briefbot.StatementHit // oldest first
	capped bool                    // timelineScan statements were read: older ones may be missing
	// counts are the weekly counts of all the speaker's statements in the
	// window, from the store, when there is no query (nil: count hits).
	counts []briefbot.WeekCount
}

// speakerHistory reads a speaker's statements since since matching q (all
// when q is nil), oldest first.
func (r *Router) speakerHistory(ctx context.Context, sp briefbot.Speaker, q *topic.Query, since time.Time) (history, error) {
	h := history{name: sp.Name, id: sp.ID}
	hits, err := r.Store.FindStatements(ctx, briefbot.StatementFilter{SpeakerID: sp.ID, Since: since, Limit: timelineScan})
	if err != nil {
		return h, err
	}
	h.capped = len(hits) == timelineScan
	for i := len(hits) - 1; i >= 0; i-- { // newest first → oldest first
		if q == nil || statementMatches(*q, &hits[i]) {
			h.hits = append(h.hits, hits[i])
		}
	}
	if q == nil {
		h.counts, err = r.speakerWeeks(ctx, sp.ID, since)
	}
	return h, err
}

// speakerWeeks counts all of a speaker's statements since since per week,
// however many there are: whole weeks from the stores' weekly counts,
// the part of since's week after it from that week's statements.
func (r *Router) speakerWeeks(ctx context.Context, id int64, since time.Time) ([]briefbot.WeekCount, error) {
	next := briefbot.WeekStart(since)
	var first []briefbot.WeekCount
	if !next.Equal(since) {
		next = next.AddDate(0, 0, 7)
		var err error
		if first, err = r.Store.SpeakerWeeks(ctx, briefbot.StatementFilter{SpeakerID: id, Since: since, Until: next}); err != nil {
			return nil, err
		}
	}
	rest, err := r.Store.SpeakerWeeks(ctx, briefbot.StatementFilter{SpeakerID: id, Since: next})
	return append(first, rest...), err
}

// count is how many statements the history holds, read or not.
func (h history) count() int {
	if h.counts == nil {
		return len(h.hits)
	}
	n := 0
	for _, c := range h.counts {
		n += c.Count
	}
	return max(n, len(h.hits))
}

func (h history) weeks() []briefbot.WeekCount {
	if h.counts != nil {
		return h.counts
	}
	var out []briefbot.WeekCount
	for _, s := range h.hits {
		w := briefbot.WeekStart(s.PublishedAt)
		if s.PublishedAt.IsZero() {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Week.Equal(w) {
			out[n-1].Count++
			continue
		}
		out = append(out, briefbot.WeekCount{Week: w, Count: 1})
	}
	return out
}

// keyStatements picks the n highest-scoring statements, oldest first.
func keyStatements(hits []briefbot.StatementHit, n int) []briefbot.StatementHit {
	idx := make([]int, len(hits))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(hits[b].Score, hits[a].Score) })
	idx = idx[:min(n, len(idx))]
	slices.Sort(idx)
	out := make([]briefbot.StatementHit, len(idx))
	for i, j := range idx {
		out[i] = hits[j]
	}
	return out
}

// topicQuery reads words as a configured topic name, else a query; empty
// words mean no filter (nil).
func (r *Router) topicQuery(words []string) (string, *topic.Query, error) {
	text := strings.TrimSpace(strings.Join(words, " "))
	if text == "" {
		return "", nil, nil
	}
	if name, query, ok := r.configuredTopic(text); ok {
		q, err := topic.Parse(query)
		if err != nil {
			return "", nil, fmt.Errorf("configured topic %q: %w", name, err)
		}
		return name, &q, nil
	}
	q, err := topic.Parse(text)
	if err != nil {
		return "", nil, &UsageError{Msg: fmt.Sprintf("%q is neither a topic nor a valid query: %v.", text, err)}
	}
	return q.String(), &q, nil
}

func (r *Router) timeline(ctx context.Context, req Request, _ string) (Reply, error) {
	now := r.now()
	since, err := historySince(req.Options["since"], now, defaultTimeline)
	if err != nil {
		return Reply{}, &UsageError{Msg: err.Error()}
	}
	name := req.Options["name"]
	if name == "" {
		return Reply{}, &UsageError{Msg: "Whose timeline? Give a name, e.g. Lavrov, and optionally a topic: timeline Lavrov ukraine since 90d."}
	}
	sp, ok, err := r.resolveSpeaker(ctx, name, true)
	if err != nil {
		return Reply{}, err
	}
	if !ok {
		return r.unknownSpeaker(ctx, name)
	}
	rest := strings.Fields(req.Options["query"])
	label, q, err := r.topicQuery(rest)
	if err != nil {
		return Reply{}, err
	}
	h, err := r.speakerHistory(ctx, sp, q, since)
	if err != nil {
		return Reply{}, err
	}
	subject := sp.Name
	if label != "" {
		subject += " on “" + label + "”"
	}
	if len(h.hits) == 0 {
		return Reply{Text: fmt.Sprintf("Nothing from %s since %s.", subject, dateOf(since))}, nil
	}
	values, per := weekSeries(h.weeks(), since, now)
	chart := sparkline(values)
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**, %s – %s: %s\n", subject, dateOf(since), dateOf(now), plural(h.count(), "statement"))
	fmt.Fprintf(&b, "`%s` %s, peak %d\n", chart, barUnit(per), slices.Max(values))
	shown := keyStatements(h.hits, timelineShown)
	for _, s := range shown {
		line := statementLine(s, false)
		if note := shiftNote(s.Text, earlierThan(h.hits, s.ID)); note != "" {
			line = strings.TrimSuffix(line, "\n") + "\n  ⚠ shift: " + note + "\n"
		}
		b.WriteString(line)
	}
	if len(shown) < h.count() || h.capped {
		fmt.Fprintf(&b, "Key statements shown: %d of %d", len(shown), h.count())
		if h.capped {
			fmt.Fprintf(&b, " (only the latest %d statements were read; use a shorter span for older ones)", timelineScan)
		}
		if link := r.speakerLink(h.id); link != "" {
			b.WriteString("; all of them: " + link)
		}
		b.WriteString(".\n")
	} else if link := r.speakerLink(h.id); link != "" {
		b.WriteString("More: " + link + "\n")
	}
	return Reply{Text: strings.TrimRight(b.String(), "\n"), Chart: chart + " " + barUnit(per)}, nil
}

// earlierThan returns the statements of hits (oldest first) before the
// one with ID id, newest first: what shiftNote compares it with.
func earlierThan(hits []briefbot.StatementHit, id int64) []briefbot.StatementHit {
	var out []briefbot.StatementHit
	for _, h := range hits {
		if h.ID == id {
			break
		}
		out = append(out, h)
	}
	slices.Reverse(out)
	return out
}

func barUnit(per int) string {
	if per == 1 {
		return "one bar per week"
	}
	return fmt.Sprintf("one bar per %d weeks", per)
}

func (r *Router) compare(ctx context.Context, req Request, _ string) (Reply, error) {
	now := r.now()
	since, err := historySince(req.Options["since"], now, defaultTimeline)
	if err != nil {
		return Reply{}, &UsageError{Msg: err.Error()}
	}
	name, other := req.Options["name"], req.Options["other"]
	if name == "" {
		return Reply{}, &UsageError{Msg: "Compare whom? Give two names, e.g. compare Lavrov Blinken ukraine."}
	}
	first, ok, err := r.resolveSpeaker(ctx, name, true)
	if err != nil {
		return Reply{}, err
	}
	if !ok {
		return r.unknownSpeaker(ctx, name)
	}
	if other == "" {
		return Reply{}, &UsageError{Msg: fmt.Sprintf("Compare %s with whom? Give a second name.", first.Name)}
	}
	second, ok, err := r.resolveSpeaker(ctx, other, true)
	if err != nil {
		return Reply{}, err
	}
	if !ok {
		return r.unknownSpeaker(ctx, other)
	}
	rest := strings.Fields(req.Options["query"])
	label, q, err := r.topicQuery(rest)
	if err != nil {
		return Reply{}, err
	}
	var b strings.Builder
	title := first.Name + " and " + second.Name
	if label != "" {
		title += " on “" + label + "”"
	}
	fmt.Fprintf(&b, "**%s**, %s – %s\n", title, dateOf(since), dateOf(now))
	var charts, latest []string
	for _, sp := range []briefbot.Speaker{first, second} {
		h, err := r.speakerHistory(ctx, sp, q, since)
		if err != nil {
			return Reply{}, err
		}
		values, per := weekSeries(h.weeks(), since, now)
		chart := sparkline(values)
		charts = append(charts, chart)
		fmt.Fprintf(&b, "`%s` %s: %s (%s)\n", chart, sp.Name, plural(h.count(), "statement"), barUnit(per))
		if n := len(h.hits); n > 0 {
			latest = append(latest, statementLine(h.hits[n-1], true))
		} else {
			latest = append(latest, fmt.Sprintf("• %s: nothing since %s\n", sp.Name, dateOf(since)))
		}
	}
	b.WriteString("Latest:\n" + strings.Join(latest, ""))
	return Reply{Text: strings.TrimRight(b.String(), "\n"), Chart: strings.Join(charts, "  ")}, nil
}
