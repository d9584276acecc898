package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/briefbot/briefbot/internal/gcpolicy"
)

// runPoll runs one poll cycle over every due feed and prints a line per
// feed and a total.
func runPoll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("poll", stderr)
	configPath := fs.String("config", "", "config file (default: $BRIEFBOT_CONFIG, ./briefbot.toml, or the embedded default)")
	once := fs.Bool("once", false, "poll every due feed once, then exit")
	all := fs.Bool("all", false, "with --once: poll every feed now, due or not")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if !*once {
		return usageError{"poll needs --once (use 'briefbot run' to poll on a schedule)"}
	}
	gcpolicy.Apply()
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	if _, err := a.syncConfig(ctx); err != nil {
		return err
	}
	if active, err := a.store.ListFeeds(ctx); err != nil {
		return err
	} else if len(active) == 0 {
		return fmt.Errorf("no feeds configured in %s and none added: add a [[feeds]] section with name and url, or run 'briefbot feeds add URL'", a.cfg.Source)
	}
	if *all {
		if err := a.retryDisabled(ctx); err != nil {
			return err
		}
		if err := a.makeAllDue(ctx); err != nil {
			return err
		}
	}
	poller, shown := a.poller(), &progress{}
	poller.OnFeed = shown.observe
	stopProgress := startProgress(stderr, shown, progressAfter, time.Second)
	report, err := poller.Cycle(ctx)
	stopProgress()
	if err != nil {
		return err
	}
	polled := map[int64]bool{}
	var fresh, notModified, failed int
	for _, r := range report.Feeds {
		polled[r.Feed.ID] = true
		switch {
		case r.Err != nil:
			failed++
			fmt.Fprintf(stdout, "%s: failed: %v\n", r.Feed.Name, r.Err)
		case r.NotModified:
			notModified++
			fmt.Fprintf(stdout, "%s: not modified\n", r.Feed.Name)
		default:
			note := ""
			if r.Silent && r.New > 0 {
				note = " (first poll: stored without alerts)"
			}
			fmt.Fprintf(stdout, "%s: %d new of %d items%s\n", r.Feed.Name, r.New, r.Items, note)
		}
		fresh += r.New
	}
	// Feeds that were not due get a line too, so every configured feed is accounted for.
	list, err := a.store.ListFeeds(ctx)
	if err != nil {
		return err
	}
	notDue, disabled := 0, 0
	for _, f := range list {
		if polled[f.ID] {
			continue
		}
		if f.Disabled {
			disabled++
			fmt.Fprintf(stdout, "%s: disabled: %s\n", f.Name, f.LastError)
		} else {
			notDue++
			fmt.Fprintf(stdout, "%s: not due (next check %s; --all polls it now)\n", f.Name, relative(f.NextCheckAt, a.clock()))
		}
	}
	fmt.Fprintf(stdout, "total: %d feeds polled, %d new articles, %d not modified, %d failed, %d disabled, %d not due yet (%s)\n",
		len(report.Feeds), fresh, notModified, failed, disabled, notDue, report.Duration.Round(time.Millisecond))
	if failed+disabled > 0 {
		return feedsFailed{failed: failed, disabled: disabled, polled: len(report.Feeds)}
	}
	return nil
}

// feedsFailed is a poll that ran to the end with failing feeds: exit code
// exitFeedsFailed, distinct from a fatal error (1) and bad usage (2).
type feedsFailed struct{ failed, disabled, polled int }

func (e feedsFailed) Error() string {
	msg := fmt.Sprintf("%d of %d polled feeds failed", e.failed, e.polled)
	if e.disabled > 0 {
		msg += fmt.Sprintf(", %d disabled (poll --once --all retries them)", e.disabled)
	}
	return msg + "; see the lines above or 'briefbot feeds'"
}
