package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/summarize"
)

// runDigest prints a digest of the articles stored within --since.
func runDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("digest", stderr)
	configPath := fs.String("config", "", "config file")
	sinceText := fs.String("since", "24h", "how far back: a duration such as 90m, 24h or 7d")
	format := fs.String("format", "text", "output format: text, markdown or json")
	limit := fs.Int("limit", 200, "at most this many articles (the newest; a note on stderr says when more were stored)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *limit < 1 {
		return usageError{fmt.Sprintf("--limit %d: use 1 or more", *limit)}
	}
	since, err := config.ParseDuration(*sinceText)
	if err != nil {
		return usageError{"--since: " + err.Error()}
	}
	if *format != "text" && *format != "markdown" && *format != "json" {
		return usageError{fmt.Sprintf("--format %q is not allowed; use text, markdown or json", *format)}
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	now := a.clock()
	from := now.Add(-since)
	// One more than the limit tells whether it cut anything.
	articles, err := a.store.RecentArticles(ctx, from, *limit+1)
	if err != nil {
		return err
	}
	if len(articles) > *limit {
		articles = articles[:*limit]
		fmt.Fprintf(stderr, "briefbot digest: showing the newest %d articles; more were stored since %s (raise --limit or shorten --since)\n", *limit, from.Format(time.RFC3339))
	}
	d := summarize.BuildDigest(fmt.Sprintf("briefbot digest: last %s", *sinceText), articles, from, now)
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	case "markdown":
		fmt.Fprint(stdout, summarize.RenderMarkdown(d))
	default:
		if len(articles) == 0 {
			fmt.Fprintf(stdout, "No articles stored since %s. Run 'briefbot poll --once' first, or widen --since.\n", from.Format(time.RFC3339))
			return nil
		}
		fmt.Fprint(stdout, summarize.RenderText(d))
	}
	return nil
}
