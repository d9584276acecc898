package main

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/signal"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/config"
)

// live is what a SIGHUP reload swaps while the daemon runs: the router
// the chat adapters answer through (topics, managers) and the dispatcher
// (topics). The adapters hold live itself, as their bot.Handler.
type live struct {
	router     atomic.Pointer[bot.Router]
	dispatcher atomic.Pointer[bot.Dispatcher]
	cfg        atomic.Pointer[config.Config]
	senders    map[string]bot.Sender
	reloadMu   sync.Mutex // one reload at a time
}

var _ bot.Handler = (*live)(nil)

func (l *live) Handle(ctx context.Context, req bot.Request) bot.Reply {
	return l.router.Load().Handle(ctx, req)
}

func (l *live) Complete(ctx context.Context, field, prefix string) []string {
	return l.router.Load().Complete(ctx, field, prefix)
}

// install builds the router and dispatcher for cfg and makes them current.
func (l *live) install(a *app, cfg *config.Config) {
	l.router.Store(&bot.Router{Store: a.store, Topics: cfg.TopicQueries(), Managers: cfg.Chat.Managers, Clock: a.clock,
		Command: cfg.Slack.Command, Logger: a.log, PublicURL: cfg.HTTP.PublicURL, Finder: a.finder(),
		Limits: chatLimits(cfg.Digest)})
	dl := cfg.Delivery
	l.dispatcher.Store(&bot.Dispatcher{Store: a.store, Senders: l.senders, Topics: cfg.TopicQueries(), Clock: a.clock, Owner: a.owner, Logger: a.log,
		Lease: time.Duration(dl.Lease), SendTimeout: time.Duration(dl.SendTimeout), RetryBase: time.Duration(dl.RetryBase),
		RetryMax: time.Duration(dl.RetryMax), GiveUpAfter: time.Duration(dl.GiveUpAfter), DailyScan: cfg.Digest.DailyScan})
	l.cfg.Store(cfg)
}

// watchHangup reloads the configuration from path at each SIGHUP until
// ctx ends. hup is where signal.Notify delivers; tests pass their own.
func (a *app) watchHangup(ctx context.Context, path string, l *live, hup <-chan os.Signal) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-hup:
			if err := a.reload(ctx, path, l); err != nil {
				a.log.Error("config reload failed; still running on the previous configuration", "config", l.cfg.Load().Source, "err", err)
			}
		}
	}
}

// notifyHangup starts delivering SIGHUP to the returned channel.
func notifyHangup() (<-chan os.Signal, func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	return hup, func() { signal.Stop(hup) }
}

// reload reads the configuration again and applies what can change while
// running: feeds, topics, subscriptions and managers. Nothing changes
// unless the whole new file is valid (config.Load and the subscriptions
// are checked before anything is written). Settings that need a restart
// are named in a warning.
func (a *app) reload(ctx context.Context, path string, l *live) error {
	l.reloadMu.Lock()
	defer l.reloadMu.Unlock()
	old := l.cfg.Load()
	next, err := config.Load(path)
	if err != nil {
		return err
	}
	before, err := a.store.ListFeeds(ctx)
	if err != nil {
		return fmt.Errorf("listing feeds: %w", err)
	}
	// SyncSubscriptions checks every subscription before writing any, so
	// it goes first: a bad one leaves everything as it was.
	if err := bot.SyncSubscriptions(ctx, a.store, next.SubscriptionList()); err != nil {
		return fmt.Errorf("subscriptions: %w", err)
	}
	if _, err := a.store.SyncConfigFeeds(ctx, next.FeedOwner(), next.FeedList()); err != nil {
		return fmt.Errorf("syncing feeds: %w", err)
	}
	after, err := a.store.ListFeeds(ctx)
	if err != nil {
		return fmt.Errorf("listing feeds: %w", err)
	}
	l.install(a, next)

	added, removed, changed := feedChanges(before, after)
	tAdded, tRemoved, tChanged := mapChanges(old.TopicQueries(), next.TopicQueries())
	sAdded, sRemoved := subscriptionChanges(old.SubscriptionList(), next.SubscriptionList())
	a.log.Info("config reloaded", "config", next.Source,
		"feeds_added", added, "feeds_removed", removed, "feeds_changed", changed,
		"topics_added", tAdded, "topics_removed", tRemoved, "topics_changed", tChanged,
		"subscriptions_added", sAdded, "subscriptions_removed", sRemoved,
		"managers_changed", !slices.Equal(old.Chat.Managers, next.Chat.Managers))
	if keys := restartKeys(old, next); len(keys) > 0 {
		a.log.Warn("these settings changed but take effect only after a restart", "keys", keys)
	}
	return nil
}

// feedChanges compares active feeds by URL: names added, removed, and
// changed (name, tags, interval or owner).
func feedChanges(before, after []briefbot.Feed) (added, removed, changed []string) {
	old := map[string]briefbot.Feed{}
	for _, f := range before {
		old[f.URL] = f
	}
	seen := map[string]bool{}
	for _, f := range after {
		seen[f.URL] = true
		o, ok := old[f.URL]
		switch {
		case !ok:
			added = append(added, f.Name)
		case o.Name != f.Name || !slices.Equal(o.Tags, f.Tags) || o.Interval != f.Interval || o.Owner != f.Owner:
			changed = append(changed, f.Name)
		}
	}
	for _, f := range before {
		if !seen[f.URL] {
			removed = append(removed, f.Name)
		}
	}
	return added, removed, changed
}

func mapChanges(old, next map[string]string) (added, removed, changed []string) {
	for _, k := range slices.Sorted(maps.Keys(next)) {
		v, ok := old[k]
		switch {
		case !ok:
			added = append(added, k)
		case v != next[k]:
			changed = append(changed, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(old)) {
		if _, ok := next[k]; !ok {
			removed = append(removed, k)
		}
	}
	return added, removed, changed
}

func subscriptionChanges(old, next []briefbot.Subscription) (added, removed []string) {
	key := func(s briefbot.Subscription) string {
		return strings.TrimSpace(fmt.Sprintf("%s/%s %s (%s", s.Platform, s.Channel, s.Topic, strings.Join(strings.Fields(s.Mode+" "+s.DailyAt+" "+s.Timezone), " "))) + ")"
	}
	was := map[string]bool{}
	for _, s := range old {
		was[key(s)] = true
	}
	is := map[string]bool{}
	for _, s := range next {
		is[key(s)] = true
		if !was[key(s)] {
			added = append(added, key(s))
		}
	}
	for _, s := range old {
		if !is[key(s)] {
			removed = append(removed, key(s))
		}
	}
	return added, removed
}

// restartKeys names the sections that changed but are read only at start.
func restartKeys(old, next *config.Config) []string {
	var keys []string
	for name, pair := range map[string][2]any{
		"store":   {old.Store, next.Store},
		"poll":    {pollWithoutSchedule(old.Poll), pollWithoutSchedule(next.Poll)},
		"http":    {old.HTTP, next.HTTP},
		"log":     {old.Log, next.Log},
		"slack":   {old.Slack, next.Slack},
		"discord": {old.Discord, next.Discord},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			keys = append(keys, "["+name+"]")
		}
	}
	if old.Poll.Schedule.Spec != next.Poll.Schedule.Spec {
		keys = append(keys, "[poll] schedule")
	}
	slices.Sort(keys)
	return keys
}

// pollWithoutSchedule drops the parsed schedule, whose time zone pointers
// differ between two loads of the same spec.
func pollWithoutSchedule(p config.Poll) config.Poll {
	p.Schedule = config.CronSpec{}
	return p
}
