// Package metrics owns briefbot's Prometheus series. Stages record into the
// package-level collectors; the HTTP server exposes them at /metrics.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Registry holds every briefbot collector plus the Go and process collectors.
var Registry = prometheus.NewRegistry()

var (
	// FeedsPolled counts feed fetches by outcome: "new" (200 with items
	// parsed), "not_modified" (304), "failed".
	FeedsPolled = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "briefbot_feeds_polled_total",
		Help: "Feed fetches by outcome (new, not_modified, failed).",
	}, []string{"outcome"})

	// ArticlesStored counts articles written to the store.
	ArticlesStored = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "briefbot_articles_stored_total",
		Help: "Articles stored.",
	})

	// StatementsExtracted counts statements found by extraction.
	StatementsExtracted = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "briefbot_statements_extracted_total",
		Help: "Statements extracted from stored articles.",
	})

	// Deliveries counts outbox attempts by platform and result: "sent",
	// "retried", "rate_limited" (waited out, not an attempt), "failed"
	// (gave up).
	Deliveries = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "briefbot_deliveries_total",
		Help: "Outbox delivery attempts by platform and result (sent, retried, rate_limited, failed).",
	}, []string{"platform", "result"})

	// DeliveryQueue is the number of deliveries by status: "pending" and
	// "failed" (gave up; retry with `briefbot deliveries retry`). Alert on
	// failed > 0.
	DeliveryQueue = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "briefbot_deliveries",
		Help: "Outbox deliveries by status (pending, failed for good).",
	}, []string{"status"})

	// PollCycleSeconds observes the duration of one poll cycle.
	PollCycleSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "briefbot_poll_cycle_seconds",
		Help:    "Duration of one poll cycle over all due feeds.",
		Buckets: prometheus.ExponentialBuckets(0.01, 2, 14),
	})

	// ExtractionSeconds observes the duration of extracting one article.
	ExtractionSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "briefbot_extraction_seconds",
		Help:    "Duration of statement and actor extraction for one article.",
		Buckets: prometheus.ExponentialBuckets(0.00005, 2, 14),
	})
)

func init() {
	Registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		FeedsPolled, ArticlesStored, StatementsExtracted, Deliveries, DeliveryQueue,
		PollCycleSeconds, ExtractionSeconds,
	)
	// Pre-create label sets so /metrics shows every series from the start.
	for _, o := range []string{"new", "not_modified", "failed"} {
		FeedsPolled.WithLabelValues(o)
	}
	for _, status := range []string{"pending", "failed"} {
		DeliveryQueue.WithLabelValues(status)
	}
}
