package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/briefbot/briefbot/bot"
)

// runFeeds prints the feed table: last fetch, status, errors, next check.
// `feeds add|remove|import|export` manage feeds (feedsadmin.go).
func runFeeds(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		if sub, ok := feedsSubcommands[args[0]]; ok {
			return sub(ctx, args[1:], stdout, stderr)
		}
	}
	fs := newFlags("feeds", stderr)
	configPath := fs.String("config", "", "config file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	list, err := a.store.ListFeeds(ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(stdout, "No feeds in the store yet: 'briefbot run' or 'briefbot poll --once' loads the configured ones; 'briefbot feeds add URL' adds one.")
		return nil
	}
	now := a.clock()
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATUS\tLAST FETCH\tERRORS\tNEXT CHECK\tFROM\tURL")
	for _, f := range list {
		status := f.LastStatus
		switch { // a failure before any response (DNS, refused, timeout) leaves LastFetchedAt zero
		case f.Disabled:
			status = "disabled: " + f.LastError
		case f.LastError != "":
			status = "failing: " + f.LastError
		case f.LastFetchedAt.IsZero():
			status = "never fetched"
		}
		next := "-"
		switch {
		case f.Disabled:
		case !f.NextCheckAt.After(now):
			next = "due now"
		default:
			next = relative(f.NextCheckAt, now)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", f.Name, clip(status, 60), relative(f.LastFetchedAt, now), f.ErrorCount, next, bot.FeedOrigin(f), f.URL)
	}
	return tw.Flush()
}

// relative formats t as "3m ago", "in 5m", "now" or "never".
func relative(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := t.Sub(now).Round(time.Second)
	switch {
	case d > 0:
		return "in " + d.String()
	case d == 0: // rounded to the second
		return "now"
	default:
		return (-d).String() + " ago"
	}
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
