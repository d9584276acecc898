package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/opml"
)

// feedsSubcommands manage run-time feeds from the terminal, with the same
// rules as chat (bot.FeedManager). They never touch the configuration's
// feeds unless told to (remove --force).
var feedsSubcommands map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error

func init() {
	feedsSubcommands = map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"add":    runFeedsAdd,
		"remove": runFeedsRemove,
		"import": runFeedsImport,
		"export": runFeedsExport,
	}
}

// parseInterspersed parses flags wherever they appear among the
// positional arguments ("feeds add URL --name X"), which flag.Parse alone
// stops at.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// runFeedsAdd is `briefbot feeds add URL [--name N] [--every 10m] [--tags a,b]`.
func runFeedsAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("feeds add", stderr)
	configPath := fs.String("config", "", "config file")
	name := fs.String("name", "", "feed name (default: the feed's title)")
	every := fs.String("every", "", "check it this often, e.g. 10m (default: [poll] interval)")
	tags := fs.String("tags", "", "comma-separated tags")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"feeds add needs one URL (a feed, or a site that links one), e.g. briefbot feeds add https://example.org/ --name \"Example\" --every 15m --tags world"}
	}
	req := bot.AddFeedRequest{URL: pos[0], Name: *name, AddedBy: "cli"}
	if *every != "" {
		if req.Interval, err = bot.ParseSince(*every); err != nil {
			return usageError{"--every: " + err.Error()}
		}
	}
	if *tags != "" {
		req.Tags = strings.Split(*tags, ",")
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.feedManager(true).Add(ctx, req)
	var refusal *bot.FeedRefusal
	if errors.As(err, &refusal) {
		return errors.New(refusal.Msg)
	}
	if err != nil {
		return err
	}
	f := res.Feed
	if !res.Created {
		fmt.Fprintf(stdout, "already present: %s  %s  (%s)\n", f.Name, f.URL, bot.FeedOrigin(f))
		return nil
	}
	fmt.Fprintf(stdout, "added: %s  %s  (%q, %d items now, found via %s; its first poll stores them without alerting)\n",
		f.Name, f.URL, res.Found.Title, res.Found.Items, res.Found.Via)
	return nil
}

// runFeedsRemove is `briefbot feeds remove NAME [--force]`.
func runFeedsRemove(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("feeds remove", stderr)
	configPath := fs.String("config", "", "config file")
	force := fs.Bool("force", false, "also remove a feed that a configuration file owns (one no longer in use); a reload of that file brings it back")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"feeds remove needs the feed's name (as 'briefbot feeds' lists it) or URL"}
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	f, err := a.feedManager(false).Remove(ctx, strings.Join(pos, " "), *force)
	var refusal *bot.FeedRefusal
	if errors.As(err, &refusal) {
		msg := refusal.Msg
		if strings.Contains(msg, "comes from") {
			msg += " (--force removes it anyway)"
		}
		return errors.New(msg)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed: %s  %s  (%s); its articles stay searchable\n", f.Name, f.URL, bot.FeedOrigin(f))
	return nil
}

// runFeedsImport is `briefbot feeds import FILE.opml [--check]`: every
// feed outline is added as a run-time feed unless its canonical URL is
// already present; one line per outline says which.
func runFeedsImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("feeds import", stderr)
	configPath := fs.String("config", "", "config file")
	check := fs.Bool("check", false, "fetch and parse each feed before adding it (slower; without it, bad feeds show up as failing in 'briefbot feeds')")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"feeds import needs one OPML file, e.g. briefbot feeds import subscriptions.opml"}
	}
	file, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("reading %s: %w", pos[0], err)
	}
	defer file.Close()
	outlines, err := opml.Read(file)
	if err != nil && len(outlines) == 0 {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	readErr := err
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	var (
		added, present, invalid int
		reqs                    []bot.AddFeedRequest
		at                      []int                           // outline index of each request
		report                  = make([]string, len(outlines)) // one line per outline, in file order
	)
	for i, o := range outlines {
		if o.Reason != "" {
			invalid++
			report[i] = fmt.Sprintf("invalid   line %d: %s: %s", o.Line, o.Title, o.Reason)
			continue
		}
		reqs = append(reqs, bot.AddFeedRequest{URL: o.XMLURL, Title: o.Title, Tags: o.Tags, AddedBy: "opml:" + pos[0]})
		at = append(at, i)
	}
	err = a.feedManager(*check).AddAll(ctx, reqs, func(i int, res bot.AddFeedResult, err error) {
		o := outlines[at[i]]
		label := o.Title
		if label == "" {
			label = o.XMLURL
		}
		var refusal *bot.FeedRefusal
		switch {
		case errors.As(err, &refusal):
			invalid++
			report[at[i]] = fmt.Sprintf("invalid   line %d: %s: %s", o.Line, label, refusal.Msg)
		case res.Created:
			added++
			report[at[i]] = fmt.Sprintf("added     %s  %s", res.Feed.Name, res.Feed.URL)
		default:
			present++
			report[at[i]] = fmt.Sprintf("present   %s  %s  (as %q, %s)", label, o.XMLURL, res.Feed.Name, bot.FeedOrigin(res.Feed))
		}
	})
	for _, line := range report {
		if line != "" {
			fmt.Fprintln(stdout, line)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d added, %d already present, %d invalid\n", added, present, invalid)
	if readErr != nil {
		return fmt.Errorf("%s: %w (the outlines before it were imported)", pos[0], readErr)
	}
	return nil
}

// runFeedsExport is `briefbot feeds export [FILE]`: every active feed,
// configured or added, as OPML 2.0 (stdout without FILE).
func runFeedsExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("feeds export", stderr)
	configPath := fs.String("config", "", "config file")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError{"feeds export takes at most one file name (stdout without one)"}
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
	out := make([]opml.Feed, 0, len(list))
	for _, f := range list {
		out = append(out, opml.Feed{Title: f.Name, XMLURL: f.URL, Tags: f.Tags})
	}
	if len(pos) == 0 {
		return opml.Write(stdout, "briefbot feeds", out, time.Now())
	}
	file, err := os.Create(pos[0])
	if err != nil {
		return fmt.Errorf("writing %s: %w", pos[0], err)
	}
	if err := opml.Write(file, "briefbot feeds", out, time.Now()); err != nil {
		file.Close()
		return fmt.Errorf("writing %s: %w", pos[0], err)
	}
	if err := file.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", pos[0], err)
	}
	fmt.Fprintf(stderr, "exported %d feeds to %s\n", len(out), pos[0])
	return nil
}

// feedManager adds and removes run-time feeds; fetch makes it validate
// each feed by fetching it (discovery included).
func (a *app) feedManager(fetch bool) bot.FeedManager {
	m := bot.FeedManager{Store: a.store, Guard: a.finder().Fetcher.Guard}
	if fetch {
		m.Finder = a.finder()
	}
	return m
}
