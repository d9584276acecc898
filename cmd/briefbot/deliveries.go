package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/briefbot/briefbot"
)

// runDeliveries is `briefbot deliveries [--failed]`: the outbox, newest
// first; and `briefbot deliveries retry ID|--all-failed`: failed
// deliveries go back to pending with a fresh give-up window.
func runDeliveries(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "retry" {
		return runDeliveriesRetry(ctx, args[1:], stdout, stderr)
	}
	fs := newFlags("deliveries", stderr)
	configPath := fs.String("config", "", "config file")
	failed := fs.Bool("failed", false, "only deliveries that failed for good (retry them with 'briefbot deliveries retry')")
	limit := fs.Int("limit", 50, "show at most this many deliveries")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: use 'deliveries [--failed]' or 'deliveries retry ID|--all-failed'", fs.Arg(0))}
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	var list []briefbot.Delivery
	if *failed {
		list, err = a.store.DeliveriesByStatus(ctx, briefbot.DeliveryFailed, *limit)
	} else {
		list, err = a.store.Deliveries(ctx, "", "", *limit)
	}
	if err != nil {
		return err
	}
	if len(list) == 0 {
		if *failed {
			fmt.Fprintln(stdout, "No failed deliveries.")
		} else {
			fmt.Fprintln(stdout, "The outbox is empty.")
		}
		return nil
	}
	now := a.clock()
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tCHANNEL\tARTICLES\tATTEMPTS\tCREATED\tNEXT TRY\tLAST ERROR\tKEY")
	for _, d := range list {
		next := "-"
		if d.Status == briefbot.DeliveryPending {
			next = "due now"
			if d.NextTry.After(now) {
				next = relative(d.NextTry, now)
			}
		}
		fmt.Fprintf(tw, "%d\t%s\t%s/%s\t%d\t%d\t%s\t%s\t%s\t%s\n", d.ID, d.Status, d.Platform, d.Channel,
			len(d.ArticleIDs), d.Attempts, relative(d.CreatedAt, now), next, clip(d.LastError, 60), d.Key)
	}
	return tw.Flush()
}

func runDeliveriesRetry(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("deliveries retry", stderr)
	configPath := fs.String("config", "", "config file")
	all := fs.Bool("all-failed", false, "retry every failed delivery")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	var id int64
	switch {
	case *all && fs.NArg() == 0:
	case !*all && fs.NArg() == 1:
		n, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("delivery id %q is not a number: see 'briefbot deliveries --failed' for ids", fs.Arg(0))}
		}
		id = n
	default:
		return usageError{"give one delivery id or --all-failed, e.g. 'briefbot deliveries retry 42'"}
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	n, err := a.store.RetryFailed(ctx, id, a.clock())
	if err != nil {
		return err
	}
	switch {
	case id != 0 && n == 0:
		return fmt.Errorf("delivery %d is not a failed delivery: see 'briefbot deliveries --failed'", id)
	case n == 1:
		fmt.Fprintln(stdout, "1 delivery queued again; the running daemon sends it within seconds.")
	default:
		fmt.Fprintf(stdout, "%d deliveries queued again; the running daemon sends them within seconds.\n", n)
	}
	return nil
}
