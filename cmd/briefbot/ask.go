package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/config"
)

// runAsk answers one chat command in the terminal through the same Router
// Slack and Discord use: briefbot ask "who Lavrov". Subscriptions made here
// belong to the console channel, so `briefbot run` prints their alerts.
func runAsk(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ask", stderr)
	configPath := fs.String("config", "", "config file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if text == "" {
		return usageError{`ask needs a command, e.g. briefbot ask "who Lavrov" (try: briefbot ask help)`}
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	router := &bot.Router{Store: a.store, Topics: a.cfg.TopicQueries(), Clock: a.clock, Command: "briefbot ask", Logger: a.log, PublicURL: a.cfg.HTTP.PublicURL, Finder: a.finder(), Limits: chatLimits(a.cfg.Digest)}
	out, err := router.Ask(ctx, text)
	var usage *bot.UsageError
	if errors.As(err, &usage) {
		return usageError{usage.Error()}
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, strings.TrimRight(out, "\n"))
	return nil
}

// chatLimits are the router's [digest] limits.
func chatLimits(d config.Digest) bot.Limits {
	return bot.Limits{ChatScan: d.ChatScan, AboutArticles: d.AboutArticles, DigestArticles: d.DigestArticles}
}
