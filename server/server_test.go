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

	"github.com/briefbot/briefbot/metrics"
)

type fakePinger struct{ err error }

func (p fakePinger) Ping(context.Context) error { return p.err }

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
		store      Pinger
		path       string
		wantStatus int
		wantBody   string
	}{
		"healthz ignores the store": {fakePinger{errors.New("down")}, "/healthz", 200, "ok"},
		"readyz when store ready":   {fakePinger{}, "/readyz", 200, "ready"},
		"readyz when store down":    {fakePinger{errors.New("schema version 3, want 5")}, "/readyz", 503, "want 5"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			code, body := get(t, Handler(tc.store, nil, log), tc.path)
			if code != tc.wantStatus || !strings.Contains(body, tc.wantBody) {
				t.Errorf("%s = %d %q, want %d containing %q", tc.path, code, body, tc.wantStatus, tc.wantBody)
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
