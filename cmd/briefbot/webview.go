package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/briefbot/briefbot"

	"github.com/briefbot/briefbot/config"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/web"
)

// webRoutes adds the read-only web view's pages to routes and returns the
// recorder of poll cycles its status page shows.
func webRoutes(routes map[string]http.Handler, st store.Store, cfg *config.Config, clock briefbot.Clock, log *slog.Logger) (*web.Cycles, error) {
	cycles := web.NewCycles(20)
	w := &web.Web{Store: st, Topics: cfg.TopicQueries(), Token: cfg.HTTP.WebToken, Cycles: cycles, Clock: clock, Logger: log}
	pages, err := w.Routes()
	if err != nil {
		return nil, fmt.Errorf("web view: %w", err)
	}
	for p, h := range pages {
		routes[p] = h
	}
	return cycles, nil
}

// recordCycle notes a finished poll cycle for the status page.
func recordCycle(cycles *web.Cycles, started time.Time, r feeds.CycleReport, err error) {
	if len(r.Feeds) == 0 && err == nil {
		return // nothing was due: not worth a row
	}
	c := web.Cycle{Started: started, Duration: r.Duration, Feeds: len(r.Feeds), New: r.NewArticles(), Failed: len(r.Failed())}
	if err != nil {
		c.Err = err.Error()
	}
	cycles.Record(c)
}
