package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/metrics"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/summarize"
)

// app is what every store-backed command shares: configuration, logger and
// an open, migrated store. Only commands that poll (run, poll) sync the
// configured feeds into it (syncConfig); the others read the store as the
// daemon left it, so pointing them at another config changes nothing.
type app struct {
	cfg   *config.Config
	log   *slog.Logger
	store store.Store
	owner string // this process's id for claims and leases
	clock briefbot.Clock
}

func openApp(ctx context.Context, configPath string, stderr io.Writer) (*app, error) {
	cfg, err := config.Load(configPath)
	if err != nil {
		return nil, err
	}
	logger := newLogger(cfg.Log, stderr)
	st, err := store.Open(ctx, string(cfg.Store.DSN))
	if err != nil {
		return nil, fmt.Errorf("opening store %s: %w", redactDSN(string(cfg.Store.DSN)), err)
	}
	logger.Debug("config loaded", "source", cfg.Source, "feeds", len(cfg.Feeds), "store", redactDSN(string(cfg.Store.DSN)))
	return &app{cfg: cfg, log: logger, store: st, owner: ownerID(), clock: time.Now}, nil
}

func (a *app) Close() error { return a.store.Close() }

// syncConfig writes the configuration's feeds into the store under its
// own owner: run-time feeds and other configurations' feeds stay.
func (a *app) syncConfig(ctx context.Context) ([]briefbot.Feed, error) {
	synced, err := a.store.SyncConfigFeeds(ctx, a.cfg.FeedOwner(), a.cfg.FeedList())
	if err != nil {
		return nil, fmt.Errorf("syncing configured feeds into the store: %w", err)
	}
	return synced, nil
}

// makeAllDue schedules every active feed for now, for `poll --once --all`.
func (a *app) makeAllDue(ctx context.Context) error {
	list, err := a.store.ListFeeds(ctx)
	if err != nil {
		return err
	}
	for _, f := range list {
		f.NextCheckAt = a.clock()
		if err := a.store.SaveFeedState(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// retryDisabled gives feeds disabled after repeated failures a fresh start
// when the daemon or a poll starts: the operator fixed the feed or the
// network and restarted, as the feed status tells them to.
func (a *app) retryDisabled(ctx context.Context) error {
	list, err := a.store.ListFeeds(ctx)
	if err != nil {
		return err
	}
	for _, f := range list {
		if !f.Disabled {
			continue
		}
		a.log.Info("retrying a disabled feed", "feed", f.Name, "last_error", f.LastError)
		f.Disabled, f.ErrorCount, f.NextCheckAt = false, 0, a.clock()
		if err := a.store.SaveFeedState(ctx, f); err != nil {
			return err
		}
	}
	return nil
}

// poller wires the feed poller to extraction and the store.
func (a *app) poller() *feeds.Poller {
	p := a.cfg.Poll
	fetcher := feeds.NewFetcher(version)
	fetcher.Timeout = time.Duration(p.Timeout)
	fetcher.MaxBytes = p.MaxBytes
	fetcher.PerHost = p.PerHost
	fetcher.Guard.AllowPrivate = p.AllowPrivatePrefixes()
	fetcher.MemoryBudget = p.MemoryBudget
	fetcher.MaxRedirects = p.MaxRedirects
	return &feeds.Poller{
		Store:           a.store,
		Fetcher:         fetcher,
		Enrich:          enrich,
		Clock:           a.clock,
		Owner:           a.owner,
		DefaultInterval: time.Duration(p.Interval),
		MaxErrors:       p.MaxErrors,
		MaxBackoff:      time.Duration(p.MaxBackoff),
		MaxPagesPerFeed: p.MaxPagesPerFeed,
		PageConcurrency: p.PageConcurrency,
		Concurrency:     p.Concurrency,
		NoFullText:      !p.FetchFullText,
		Logger:          a.log,
		// Feeds added from chat or the CLI were vetted by nobody: their
		// own host is not trusted either (allow_private still applies).
		PublicOnly: func(f briefbot.Feed) bool { return f.Owner == briefbot.OwnerRuntime },
	}
}

// finder validates and discovers feeds someone asks to add, with its own
// fetcher: public addresses only (plus [poll] allow_private), a smaller
// size cap and a time limit.
func (a *app) finder() *feeds.Finder {
	p := a.cfg.Poll
	fetcher := feeds.NewFetcher(version)
	fetcher.Client.Timeout = time.Duration(p.Timeout)
	fetcher.MaxBytes = min(p.MaxBytes, feeds.DefaultFindMaxBytes)
	fetcher.Guard.AllowPrivate = p.AllowPrivatePrefixes()
	return &feeds.Finder{Fetcher: fetcher, Timeout: feeds.DefaultFindTimeout}
}

// enrich runs extraction on a new article before it is stored.
func enrich(_ context.Context, a *briefbot.Article) {
	start := time.Now()
	text := a.Text
	if text == "" {
		text = a.Teaser
		a.Text = text
	}
	ex := summarize.ExtractTitles(text, a.Title, a.PageTitle)
	a.Statements, a.Actors, a.Summary = ex.Statements, ex.Actors, ex.Summary
	if a.Summary == "" {
		a.Summary = summarize.Summarize(a.Title, text, ex.Statements)
	}
	metrics.ExtractionSeconds.Observe(time.Since(start).Seconds())
	metrics.StatementsExtracted.Add(float64(len(ex.Statements)))
}

func newLogger(c config.Log, w io.Writer) *slog.Logger {
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[c.Level]
	opts := &slog.HandlerOptions{Level: level}
	format := c.Format
	if format == "auto" {
		format = "json"
		if isTerminal(w) {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// ownerID names this process in claims and leases: host, pid and a random
// suffix so a restarted process never inherits a dead one's claims.
func ownerID() string {
	host, _ := os.Hostname()
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// redactDSN hides a password in a PostgreSQL URL before it is printed.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// httpServer builds the server with sane timeouts.
func httpServer(addr string, h http.Handler) *http.Server {
	return &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
}
