package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/discord"
	"github.com/briefbot/briefbot/bot/slack"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/internal/gcpolicy"
	"github.com/briefbot/briefbot/server"
)

// How often the daemon checks daily subscriptions; cheap when there is
// nothing to do. The outbox's flush interval is [delivery] flush_every.
const (
	dailyEvery = 30 * time.Second
	// gatewayLease is how long the Discord gateway owner's lease lasts;
	// another replica takes over this long after the owner dies.
	gatewayLease = 30 * time.Second
)

// runDaemon is `briefbot run`: the poll scheduler, extraction, the outbox,
// the chat adapters and the HTTP server, until SIGINT/SIGTERM.
func runDaemon(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", stderr)
	configPath := fs.String("config", "", "config file (default: $BRIEFBOT_CONFIG, ./briefbot.toml, or the embedded default)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := openApp(ctx, *configPath, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	cfg, log := a.cfg, a.log
	gc := gcpolicy.Apply()
	log.Debug("garbage collector", "gogc", gc.Percent, "memory_limit", gc.MemoryLimit)
	// Listen before anything starts: a port in use is the first and only error.
	ln, err := net.Listen("tcp", cfg.HTTP.Listen)
	if err != nil {
		return fmt.Errorf("http.listen %s: %w; stop what uses the port or set [http] listen (or BRIEFBOT_HTTP_LISTEN) to another address", cfg.HTTP.Listen, err)
	}
	defer ln.Close()
	if _, err := a.syncConfig(ctx); err != nil {
		return err
	}

	if err := a.retryDisabled(ctx); err != nil {
		return err
	}
	if err := bot.SyncSubscriptions(ctx, a.store, cfg.SubscriptionList()); err != nil {
		return fmt.Errorf("syncing configured subscriptions: %w", err)
	}
	if n, err := bot.MoveConsoleSubscriptions(ctx, a.store); err != nil {
		return err
	} else if n > 0 {
		log.Info("moved console subscriptions to the one console channel", "count", n, "channel", bot.ConsoleChannel)
	}
	senders := map[string]bot.Sender{bot.Console: &bot.ConsoleSender{W: stdout}}
	// The adapters answer through current, whose router and dispatcher a
	// SIGHUP reload replaces (reload.go).
	current := &live{senders: senders}
	current.install(a, cfg)
	router := bot.Handler(current)
	routes := map[string]http.Handler{}
	cycles, err := webRoutes(routes, a.store, cfg, a.clock, log)
	if err != nil {
		return err
	}
	var background []func(context.Context) error
	var drain []func() // wait for answers still in flight at shutdown

	if cfg.Slack.Enabled() {
		s := slack.New(slack.Config{
			APIURL: cfg.Slack.APIURL.String(), BotToken: cfg.Slack.BotToken, SigningSecret: cfg.Slack.SigningSecret,
			AppToken: cfg.Slack.AppToken, Command: cfg.Slack.Command, Replays: a.store,
		}, router, log)
		senders[bot.Slack] = s
		drain = append(drain, s.Wait)
		if cfg.Slack.SigningSecret != "" {
			routes["POST /slack/commands"] = s.CommandsHandler()
		}
		if cfg.Slack.AppToken != "" {
			background = append(background, s.RunSocketMode)
		}
		log.Info("slack enabled", "api_url", cfg.Slack.APIURL.String(), "socket_mode", cfg.Slack.AppToken != "", "commands_endpoint", cfg.Slack.SigningSecret != "")
	}
	if cfg.Discord.Enabled() {
		d, err := discord.New(discord.Config{
			APIURL: cfg.Discord.APIURL.String(), BotToken: cfg.Discord.BotToken, PublicKey: cfg.Discord.PublicKey,
			AppID: cfg.Discord.AppID, GuildID: cfg.Discord.GuildID, Gateway: cfg.Discord.Gateway, Command: cfg.Discord.Command,
			Replays: a.store,
		}, router, log)
		if err != nil {
			return fmt.Errorf("discord: %w", err)
		}
		senders[bot.Discord] = d
		drain = append(drain, d.Wait)
		if cfg.Discord.PublicKey != "" {
			routes["POST /discord/interactions"] = d.InteractionsHandler()
		}
		if cfg.Discord.AppID != "" && cfg.Discord.BotToken != "" {
			// Registration is a bulk overwrite, so every replica may do it;
			// a failure (Discord down) must not keep the bot from running.
			if err := d.RegisterCommands(ctx); err != nil {
				log.Warn("registering discord commands failed; slash commands may be stale", "err", err)
			}
		}
		if cfg.Discord.Gateway {
			background = append(background, func(ctx context.Context) error {
				return a.underLease(ctx, "discord-gateway", d.RunGateway)
			})
		}
		log.Info("discord enabled", "api_url", cfg.Discord.APIURL.String(), "gateway", cfg.Discord.Gateway)
	}
	warnUnsendable(ctx, a, senders)

	poller := a.poller()

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	goLoop := func(name string, fn func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(ctx); err != nil && !errors.Is(err, context.Canceled) {
				log.Error(name+" stopped", "err", err)
			}
		}()
	}

	// New articles become outbox deliveries and are sent as soon as their
	// feed is stored, not when the cycle's slowest feed is done: each feed
	// that stored alerting articles kicks one dispatch loop (kicks
	// coalesce), and so does the end of every cycle.
	kick := make(chan struct{}, 1)
	kickDispatch := func() {
		select {
		case kick <- struct{}{}:
		default:
		}
	}
	poller.OnFeed = func(fp feeds.FeedProgress) {
		if fp.Result.New > 0 && !fp.Result.Silent {
			kickDispatch()
		}
	}
	goLoop("dispatch", func(ctx context.Context) error {
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-kick:
			}
			dispatcher := current.dispatcher.Load()
			if _, err := dispatcher.Dispatch(ctx); err != nil && ctx.Err() == nil {
				log.Error("dispatch failed", "err", err)
			}
			if _, err := dispatcher.Flush(ctx); err != nil && ctx.Err() == nil {
				log.Error("outbox flush failed", "err", err)
			}
		}
	})
	// A poll cycle fetches due feeds and stores what is new (the poller
	// logs one line per cycle).
	cycle := func() {
		started := a.clock()
		report, err := poller.Cycle(ctx)
		recordCycle(cycles, started, report, err)
		if err != nil {
			log.Error("poll cycle failed", "err", err)
			return
		}
		kickDispatch()
	}
	// One guarded job serves the schedule and the first cycle at start, so
	// no two cycles overlap; the first runs in the wait group, so it ends
	// before the store closes.
	pollJob := cron.NewChain(cron.SkipIfStillRunning(cron.DiscardLogger)).Then(cron.FuncJob(cycle))
	scheduler := cron.New()
	scheduler.Schedule(cfg.Poll.Schedule.Schedule, pollJob)
	scheduler.Start()
	defer func() { <-scheduler.Stop().Done() }()
	goLoop("first poll cycle", func(context.Context) error { pollJob.Run(); return nil }) // don't wait for the first tick

	goLoop("outbox", every(time.Duration(cfg.Delivery.FlushEvery), func(ctx context.Context) error {
		_, err := current.dispatcher.Load().Flush(ctx)
		return err
	}, log))
	goLoop("daily digests", every(dailyEvery, func(ctx context.Context) error {
		_, err := current.dispatcher.Load().Daily(ctx, a.clock())
		return err
	}, log))
	hup, stopHangup := notifyHangup()
	defer stopHangup()
	goLoop("config reload", func(ctx context.Context) error { return a.watchHangup(ctx, *configPath, current, hup) })
	for i, fn := range background {
		goLoop(fmt.Sprintf("background %d", i), fn)
	}

	log.Info("briefbot running", "config", cfg.Source, "feeds", len(cfg.Feeds), "schedule", cfg.Poll.Schedule.Spec, "http", cfg.HTTP.Listen, "owner", a.owner)
	err = server.Serve(ctx, httpServer(cfg.HTTP.Listen, server.Handler(a.store, routes, log)), ln, log)
	cancel()
	wg.Wait()
	for _, wait := range drain {
		wait()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("http server on %s: %w", cfg.HTTP.Listen, err)
	}
	return nil
}

// every runs fn every d until ctx ends; errors are logged, not fatal.
func every(d time.Duration, fn func(context.Context) error, log *slog.Logger) func(context.Context) error {
	return func(ctx context.Context) error {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
				if err := fn(ctx); err != nil && ctx.Err() == nil {
					log.Warn("periodic task failed", "err", err)
				}
			}
		}
	}
}

// underLease runs fn only while this process holds the named lease, so
// single-owner work (the Discord gateway) fails over when its owner dies.
func (a *app) underLease(ctx context.Context, name string, fn func(context.Context) error) error {
	t := time.NewTicker(gatewayLease / 3)
	defer t.Stop()
	for {
		ok, err := a.store.AcquireLease(ctx, name, a.owner, a.clock(), gatewayLease)
		if err != nil {
			a.log.Warn("lease check failed", "lease", name, "err", err)
		}
		if ok {
			a.log.Info("lease acquired; starting", "lease", name)
			runCtx, stop := context.WithCancel(ctx)
			done := make(chan error, 1)
			go func() { done <- fn(runCtx) }()
		renew:
			for {
				select {
				case err := <-done:
					stop()
					_ = a.store.ReleaseLease(context.WithoutCancel(ctx), name, a.owner)
					return err
				case <-t.C:
					if ok, err := a.store.AcquireLease(ctx, name, a.owner, a.clock(), gatewayLease); err != nil || !ok {
						a.log.Warn("lease lost; stopping", "lease", name, "err", err)
						stop()
						<-done
						break renew
					}
				}
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// warnUnsendable says at start when configured subscriptions name a
// platform that has no credentials: their deliveries wait in the outbox.
func warnUnsendable(ctx context.Context, a *app, senders map[string]bot.Sender) {
	subs, err := a.store.Subscriptions(ctx, "", "")
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, s := range subs {
		if _, ok := senders[s.Platform]; !ok && !seen[s.Platform] {
			seen[s.Platform] = true
			a.log.Warn("subscriptions exist for a platform without credentials; their digests wait in the outbox until it is configured",
				"platform", s.Platform, "env", "BRIEFBOT_"+strings.ToUpper(s.Platform)+"_BOT_TOKEN")
		}
	}
}
