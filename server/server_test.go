package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot/metrics"
)

// fakePinger is a store whose ping fails with err and whose writes fail
// with writeErr.
type fakePinger struct{ err, writeErr error }

func (p fakePinger) Ping(context.Context) error { return p.err }
func (p fakePinger) AcquireLease(context.Context, string, string, time.Time, time.Duration) (bool, error) {
	return p.writeErr == nil, p.writeErr
}
func (p fakePinger) ReleaseLease(context.Context, string, string) error { return p.writeErr }

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestProbes(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cases := map[string]struct {
		store      Store
		path       string
		wantStatus int
		wantBody   string
	}{
		"healthz ignores the store": {fakePinger{err: errors.New("down")}, "/healthz", 200, "ok"},
		"readyz when store ready":   {fakePinger{}, "/readyz", 200, "ready"},
		"readyz when store down": {fakePinger{err: errors.New(`postgres: ping "postgres://briefbot:xxxxx@db.internal:5432/prod": schema version 3, want 5`)},
			"/readyz", 503, "not migrated"},
		"readyz when writes fail": {fakePinger{writeErr: errors.New(`sqlite: acquire lease: /srv/data/briefbot.db: database or disk is full (13)`)},
			"/readyz", 503, "cannot write"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			code, body := get(t, Handler(tc.store, nil, log), tc.path)
			if code != tc.wantStatus || !strings.Contains(body, tc.wantBody) {
				t.Errorf("%s = %d %q, want %d containing %q", tc.path, code, body, tc.wantStatus, tc.wantBody)
			}
			for _, secret := range []string{"db.internal", "briefbot:", "prod", "/srv/data", "5432"} {
				if strings.Contains(body, secret) {
					t.Errorf("%s body %q shows %q to an unauthenticated caller", tc.path, body, secret)
				}
			}
		})
	}
}

func TestMetricsExposeBriefbotSeries(t *testing.T) {
	metrics.FeedsPolled.WithLabelValues("new").Inc()
	metrics.Deliveries.WithLabelValues("slack", "sent").Inc()
	metrics.ExtractionSeconds.Observe(0.001)
	metrics.PollCycleSeconds.Observe(0.5)
	code, body := get(t, Handler(fakePinger{}, nil, slog.Default()), "/metrics")
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, series := range []string{
		`briefbot_feeds_polled_total{outcome="new"}`,
		`briefbot_deliveries_total{platform="slack",result="sent"}`,
		`briefbot_extraction_seconds_bucket`,
		`briefbot_poll_cycle_seconds_count`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, series) {
			t.Errorf("/metrics lacks %s", series)
		}
	}
}

func TestExtraRoutesMounted(t *testing.T) {
	routes := map[string]http.Handler{
		"POST /slack/commands": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusTeapot)
		}),
	}
	srv := httptest.NewServer(Handler(fakePinger{}, routes, slog.Default()))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/slack/commands", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTeapot {
		t.Errorf("status %d, want the mounted handler's 418", resp.StatusCode)
	}
}
