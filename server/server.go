// Package server owns briefbot's HTTP surface: health and readiness probes,
// Prometheus metrics, and the chat webhooks the adapters provide. Every
// endpoint is stateless, so replicas can sit behind any load balancer.
package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/briefbot/briefbot/metrics"
)

// Handler returns the mux: /healthz (process up), /readyz (store reachable,
// migrated and writable), /metrics, plus routes such as
// "POST /slack/commands" from the adapters.
func Handler(store Store, routes map[string]http.Handler, logger *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.Handle("GET /readyz", newReadiness(store, logger))
	mux.Handle("GET /metrics", promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{}))
	for pattern, h := range routes {
		mux.Handle(pattern, h)
	}
	return mux
}

// Serve runs srv on ln until ctx ends, then shuts it down gracefully. The
// caller listens first, so a port in use is reported before anything else
// starts.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("http server listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdownCtx)
	}
}
