package bot

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/topic"
)

// about answers "about <topic or query> [since 30d]": recent articles and
// statements matching, newest first, over 7 days unless since says.
func (r *Router) about(ctx context.Context, req Request, _ string) (Reply, error) {
	text, window := req.Options["query"], aboutWindow
	if s := req.Options["since"]; s != "" {
		var err error
		if window, err = ParseSince(strings.TrimPrefix(s, "since ")); err != nil {
			return Reply{}, &UsageError{Msg: err.Error()}
		}
	}
	if text == "" {
		return Reply{}, &UsageError{Msg: "About what? Give a topic name or words, e.g. russia or \"security council\"."}
	}
	name, q, err := r.resolveTopic(ctx, req, text)
	if err != nil {
		return Reply{}, err
	}
	now := r.now()
	since := now.Add(-window)
	arts, cut, err := r.matchingCounted(ctx, []topic.Query{q}, since, r.Limits.aboutArticles())
	if err != nil {
		return Reply{}, err
	}
	if len(arts) == 0 {
		return Reply{Ephemeral: true, Text: fmt.Sprintf("Nothing on %q in the last %s.%s", name, formatWindow(window), cut.scanNote())}, nil
	}
	d := summarize.BuildDigest("About "+name+cut.note(), arts, since, now)
	return Reply{Text: summarize.RenderText(d), Digest: &d}, nil
}

// aboutText reads "<topic or query> [since <span>]" into about's options.
func aboutText(args string) (Options, error) {
	fields := strings.Fields(args)
	n := len(fields)
	switch {
	case n >= 1 && strings.EqualFold(fields[n-1], "since"):
		return nil, &UsageError{Msg: "Since when? Give a span after since, e.g. since 30d or since 36h."}
	case n >= 2 && strings.EqualFold(fields[n-2], "since"):
		return Options{"query": strings.Join(fields[:n-2], " "), "since": fields[n-1]}, nil
	}
	return Options{"query": strings.TrimSpace(args)}, nil
}

// Limits bound what lookups read and show ([digest] in the config).
type Limits struct {
	ChatScan       int // articles read by about and digest, newest first; 0: recentScan
	AboutArticles  int // articles shown by about; 0: lookupArticles
	DigestArticles int // articles shown by digest; 0: digestArticles
}

func (l Limits) chatScan() int       { return cmp.Or(l.ChatScan, recentScan) }
func (l Limits) aboutArticles() int  { return cmp.Or(l.AboutArticles, lookupArticles) }
func (l Limits) digestArticles() int { return cmp.Or(l.DigestArticles, digestArticles) }

// matchCut says what a limit left out of an answer.
type matchCut struct {
	shown, total int
	scan         int  // the scan limit in force
	scanCut      bool // the window held more articles than scan: older ones were not searched
}

// note is appended to a digest title when a limit cut the answer, so every
// platform shows it: " (the 10 newest of 37 matching articles)".
func (c matchCut) note() string {
	switch {
	case c.scanCut:
		return fmt.Sprintf(" (the %d newest of %d+ matching articles: only the latest %d articles of the span were searched; shorten it with since)", c.shown, c.total, c.scan)
	case c.total > c.shown:
		return fmt.Sprintf(" (the %d newest of %d matching articles)", c.shown, c.total)
	}
	return ""
}

func (c matchCut) scanNote() string {
	if !c.scanCut {
		return ""
	}
	return fmt.Sprintf(" Only the latest %d articles of that span were searched; try a shorter since.", c.scan)
}

// matchingCounted is matching that keeps counting past limit, so answers
// can say what they left out.
func (r *Router) matchingCounted(ctx context.Context, queries []topic.Query, since time.Time, limit int) ([]briefbot.Article, matchCut, error) {
	scan := r.Limits.chatScan()
	recent, err := r.Store.RecentArticles(ctx, since, scan)
	if err != nil {
		return nil, matchCut{}, err
	}
	var out []briefbot.Article
	cut := matchCut{scan: scan, scanCut: len(recent) >= scan}
	for i := range recent {
		a := &recent[i]
		if !a.PublishedAt.IsZero() && a.PublishedAt.Before(since) {
			continue
		}
		ix := topic.NewArticleIndex(a)
		if len(queries) > 0 && !slices.ContainsFunc(queries, func(q topic.Query) bool { return q.MatchIndex(ix) }) {
			continue
		}
		cut.total++
		if len(out) < limit {
			out = append(out, *a)
		}
	}
	cut.shown = len(out)
	return out, cut, nil
}
