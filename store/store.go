// Package store is the only place that speaks SQL. It defines the Store
// interface, shaped by its callers (the poller, the ingest pipeline, the bot
// and the outbox), and opens the implementation the DSN names: SQLite for a
// path or file: URI, PostgreSQL for postgres:// or postgresql://.
package store

import (
	"context"
	"time"

	"github.com/briefbot/briefbot"
)

// Store is everything briefbot persists. Implementations must be safe for
// concurrent use and, for PostgreSQL, by several processes at once: claims
// (feeds, deliveries) and leases are how replicas share work without doing
// it twice.
type Store interface {
	ProfileStore // speaker profiles, timelines, web views (profiles.go)
	FeedAdmin    // feed ownership: config vs run-time (feedadmin.go)
	SpeakerStore // the speaker registry (speakers.go)

	// SyncFeeds is SyncConfigFeeds for the owner of the first feed
	// (briefbot.OwnerConfig when it has none): new feeds are added (due
	// now, not primed), name, tags and interval are updated, fetch state
	// is kept, and that configuration's feeds no longer listed are retired.
	// Run-time feeds and other configurations' feeds are left alone. It
	// returns the synced feeds with their IDs and state.
	SyncFeeds(ctx context.Context, feeds []briefbot.Feed) ([]briefbot.Feed, error)
	// ListFeeds returns the active feeds of every owner, by name.
	ListFeeds(ctx context.Context) ([]briefbot.Feed, error)
	// ClaimDueFeeds claims up to limit active, enabled feeds whose
	// NextCheckAt is not after now and that no live claim holds. A claim
	// lasts lease; SaveFeedState releases it. Claimed feeds are not
	// returned again to any caller until released or expired.
	ClaimDueFeeds(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Feed, error)
	// SaveFeedState stores the fetch state of f (ETag, Last-Modified,
	// NextCheckAt, errors, Disabled, Primed, LastStatus, LastFetchedAt) and
	// releases its claim.
	SaveFeedState(ctx context.Context, f briefbot.Feed) error

	// KnownArticles reports which of the keys are already stored, each key
	// being an article Hash or a (canonical) article URL.
	KnownArticles(ctx context.Context, keys []string) (map[string]bool, error)
	// SaveArticle stores a with its statements and actors in one
	// transaction and sets a.ID. It returns false, and stores nothing, when
	// an article with the same Hash, or the same non-empty URL, exists: two
	// feeds carrying the same link yield one article.
	SaveArticle(ctx context.Context, a *briefbot.Article) (bool, error)
	// RecentArticles returns articles fetched at or after since, newest
	// first, with statements and actors.
	RecentArticles(ctx context.Context, since time.Time, limit int) ([]briefbot.Article, error)
	// CountArticles returns the number of stored articles.
	CountArticles(ctx context.Context) (int, error)

	// SearchStatements runs a full-text search over statement text and
	// speaker, best match first.
	SearchStatements(ctx context.Context, query string, limit int) ([]briefbot.StatementHit, error)
	// StatementsBySpeaker returns the latest statements whose speaker
	// contains name, case-insensitively ("lavrov" finds "Sergei Lavrov").
	StatementsBySpeaker(ctx context.Context, name string, limit int) ([]briefbot.StatementHit, error)
	// Speakers lists distinct speakers containing the fragment, most quoted
	// first (for autocomplete).
	Speakers(ctx context.Context, fragment string, limit int) ([]string, error)

	// UndispatchedArticles returns non-silent articles not yet matched
	// against subscriptions, oldest first, with statements and actors.
	UndispatchedArticles(ctx context.Context, limit int) ([]briefbot.Article, error)
	// MarkDispatched records that the articles were matched.
	MarkDispatched(ctx context.Context, ids []int64) error

	// AddSubscription creates or replaces the subscription of a channel to
	// a topic (unique on platform, channel, topic) and returns it stored.
	AddSubscription(ctx context.Context, s briefbot.Subscription) (briefbot.Subscription, error)
	// RemoveSubscription deletes it; false when there was none.
	RemoveSubscription(ctx context.Context, platform, channel, topic string) (bool, error)
	// Subscriptions lists subscriptions; empty platform or channel match all.
	Subscriptions(ctx context.Context, platform, channel string) ([]briefbot.Subscription, error)

	// Enqueue adds d to the outbox unless a delivery with d.Key exists.
	// Each article reaches a channel once: articles of d.ArticleIDs already
	// enqueued for the same platform and channel are dropped, and d.Payload
	// is trimmed to match (Digest.Only). When d carried articles and none
	// is left, nothing is enqueued. It returns the stored delivery and
	// whether it was created.
	Enqueue(ctx context.Context, d briefbot.Delivery) (briefbot.Delivery, bool, error)
	// ClaimDeliveries claims up to limit pending deliveries whose NextTry is
	// not after now, oldest first, for lease.
	ClaimDeliveries(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Delivery, error)
	// MarkSent marks a delivery sent.
	MarkSent(ctx context.Context, id int64, at time.Time) error
	// MarkRetry records an attempt that failed at now: the delivery is
	// tried again at next, or marked failed for good when giveUp. The first
	// failure starts FailingSince.
	MarkRetry(ctx context.Context, id int64, reason string, now, next time.Time, giveUp bool) error
	// Deliveries lists deliveries of a channel, newest first (status views, tests).
	Deliveries(ctx context.Context, platform, channel string, limit int) ([]briefbot.Delivery, error)

	// AcquireLease takes or renews the named lease for owner until now+ttl.
	// It returns false while another owner holds an unexpired lease.
	AcquireLease(ctx context.Context, name, owner string, now time.Time, ttl time.Duration) (bool, error)
	// ReleaseLease gives the lease up if owner holds it.
	ReleaseLease(ctx context.Context, name, owner string) error

	DeliveryStore
	ReplayStore

	// Ping reports whether the store is reachable and migrated (readiness).
	Ping(ctx context.Context) error
	Close() error
}
