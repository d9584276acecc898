// Package rowmap maps the rows both SQL stores read to domain types. The
// two schemas have the same columns and differ only in column types
// (times, lists), so the column lists and the order of scan destinations
// live here once; each store passes its own time type T with its
// converter, and wraps list columns its own way. SQL stays per dialect,
// in the store packages.
package rowmap

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
)

// Row is a result row: *sql.Row, *sql.Rows, pgx.Row, pgx.CollectableRow.
type Row interface {
	Scan(dest ...any) error
}

// Column lists, in the order the scanners below expect them.
const (
	FeedColumns = `id, url, name, tags, interval_ns, etag, last_modified, last_fetched_at,
	last_status, next_check_at, error_count, last_error, disabled, primed, owner, added_by`
	ArticleColumns = `id, coalesce(feed_id, 0), feed_name, hash, guid, url, title, author, teaser, body, summary,
	published_at, fetched_at, silent`
	StatementColumns = `id, article_id, body, start_off, end_off, kind, cue_text, cue_start, cue_end,
	speaker, mention_text, mention_start, mention_end, score, speaker_role, speaker_affiliation, speaker_id`
	SubscriptionColumns = `id, platform, channel, topic, query, mode, daily_at, timezone, follow, created_by, created_at`
	DeliveryColumns     = `id, platform, channel, dkey, article_ids, payload, status, attempts, next_try,
	last_error, created_at, sent_at, started_at, failing_since`
)

// HitColumns are StatementColumns of statements s followed by the columns
// of their article a that a briefbot.StatementHit carries; scan them with
// Hit.
var HitColumns = Prefixed("s.", StatementColumns) + `, a.title, a.url, a.feed_name, a.published_at`

// Prefixed qualifies each column of a comma-separated list with p, e.g.
// "s.".
func Prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// Statement scans a row of StatementColumns, then into extra.
func Statement(row Row, extra ...any) (briefbot.Statement, error) {
	var (
		st        briefbot.Statement
		speakerID *int64
	)
	dest := append([]any{&st.ID, &st.ArticleID, &st.Text, &st.Start, &st.End, &st.Kind,
		&st.Cue.Text, &st.Cue.Start, &st.Cue.End, &st.Speaker,
		&st.SpeakerMention.Text, &st.SpeakerMention.Start, &st.SpeakerMention.End,
		&st.Score, &st.SpeakerRole, &st.SpeakerAffiliation, &speakerID}, extra...)
	err := row.Scan(dest...)
	if speakerID != nil {
		st.SpeakerID = *speakerID
	}
	return st, err
}

// Hit scans a row of HitColumns; goTime converts the store's time type.
func Hit[T any](row Row, goTime func(T) time.Time) (briefbot.StatementHit, error) {
	var (
		h         briefbot.StatementHit
		published T
		err       error
	)
	h.Statement, err = Statement(row, &h.ArticleTitle, &h.ArticleURL, &h.FeedName, &published)
	h.PublishedAt = goTime(published)
	return h, err
}

// Article scans a row of ArticleColumns, without statements and actors.
func Article[T any](row Row, goTime func(T) time.Time) (briefbot.Article, error) {
	var (
		a                  briefbot.Article
		published, fetched T
	)
	err := row.Scan(&a.ID, &a.FeedID, &a.FeedName, &a.Hash, &a.GUID, &a.URL, &a.Title, &a.Author,
		&a.Teaser, &a.Text, &a.Summary, &published, &fetched, &a.Silent)
	a.PublishedAt = goTime(published)
	a.FetchedAt = goTime(fetched)
	return a, err
}

// Subscription scans a row of SubscriptionColumns.
func Subscription[T any](row Row, goTime func(T) time.Time) (briefbot.Subscription, error) {
	var (
		sub     briefbot.Subscription
		created T
	)
	err := row.Scan(&sub.ID, &sub.Platform, &sub.Channel, &sub.Topic, &sub.Query, &sub.Mode,
		&sub.DailyAt, &sub.Timezone, &sub.Follow, &sub.CreatedBy, &created)
	sub.CreatedAt = goTime(created)
	return sub, err
}

// Feed scans a row of FeedColumns. list wraps the destination of the tags
// column: the identity for a native array, JSONText for JSON text. No
// tags come back as nil.
func Feed[T any](row Row, goTime func(T) time.Time, list func(dst any) any) (briefbot.Feed, error) {
	var (
		f                  briefbot.Feed
		interval           int64
		fetched, nextCheck T
	)
	err := row.Scan(&f.ID, &f.URL, &f.Name, list(&f.Tags), &interval, &f.ETag, &f.LastModified, &fetched,
		&f.LastStatus, &nextCheck, &f.ErrorCount, &f.LastError, &f.Disabled, &f.Primed, &f.Owner, &f.AddedBy)
	if len(f.Tags) == 0 {
		f.Tags = nil
	}
	f.Interval = time.Duration(interval)
	f.LastFetchedAt = goTime(fetched)
	f.NextCheckAt = goTime(nextCheck)
	return f, err
}

// Delivery scans a row of DeliveryColumns. list wraps the destinations of
// the article_ids and payload columns, as for Feed. No article IDs come
// back as nil.
func Delivery[T any](row Row, goTime func(T) time.Time, list func(dst any) any) (briefbot.Delivery, error) {
	var (
		d                        briefbot.Delivery
		nextTry, created, sentAt T
		started, failingSince    T
	)
	err := row.Scan(&d.ID, &d.Platform, &d.Channel, &d.Key, list(&d.ArticleIDs), list(&d.Payload), &d.Status, &d.Attempts,
		&nextTry, &d.LastError, &created, &sentAt, &started, &failingSince)
	if len(d.ArticleIDs) == 0 {
		d.ArticleIDs = nil
	}
	d.NextTry = goTime(nextTry)
	d.CreatedAt = goTime(created)
	d.SentAt = goTime(sentAt)
	d.StartedAt = goTime(started)
	d.FailingSince = goTime(failingSince)
	return d, err
}

// Native is the list wrapper for drivers that scan arrays and JSON
// themselves (pgx).
func Native(dst any) any { return dst }

// JSONText is the list wrapper for JSON stored as text (SQLite): it
// decodes the column into dst.
func JSONText(dst any) any { return jsonText{dst} }

type jsonText struct{ dst any }

// Scan implements sql.Scanner.
func (j jsonText) Scan(src any) error {
	var b []byte
	switch v := src.(type) {
	case string:
		b = []byte(v)
	case []byte:
		b = v
	case nil:
		return nil
	default:
		return fmt.Errorf("JSON column: unexpected %T", src)
	}
	return json.Unmarshal(b, j.dst)
}

// InGivenOrder returns the stored feeds in the order of the configured
// ones, matched by URL, one per URL: what SyncFeeds returns.
func InGivenOrder(configured, stored []briefbot.Feed) []briefbot.Feed {
	byURL := make(map[string]briefbot.Feed, len(stored))
	for _, f := range stored {
		byURL[f.URL] = f
	}
	var out []briefbot.Feed
	seen := make(map[string]bool, len(configured))
	for _, f := range configured {
		if !seen[f.URL] {
			seen[f.URL] = true
			out = append(out, byURL[f.URL])
		}
	}
	return out
}

// SyncOwner is the owner SyncFeeds syncs: that of the first feed, else
// the unnamed configuration.
func SyncOwner(feeds []briefbot.Feed) string {
	if len(feeds) > 0 && feeds[0].Owner != "" {
		return feeds[0].Owner
	}
	return briefbot.OwnerConfig
}

// SortClaimedFeeds orders claimed feeds the way they were chosen: longest
// due first (never checked before all), then by ID.
func SortClaimedFeeds(feeds []briefbot.Feed) {
	slices.SortFunc(feeds, func(a, b briefbot.Feed) int {
		if c := a.NextCheckAt.Compare(b.NextCheckAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// SortByID orders deliveries by ID, oldest first.
func SortByID(ds []briefbot.Delivery) {
	slices.SortFunc(ds, func(a, b briefbot.Delivery) int { return cmp.Compare(a.ID, b.ID) })
}

// LatestHits orders statement hits of several lookups newest first (by
// publication, then article, then position) and keeps the first limit
// (all when limit ≤ 0).
func LatestHits(hits []briefbot.StatementHit, limit int) []briefbot.StatementHit {
	slices.SortStableFunc(hits, func(a, b briefbot.StatementHit) int {
		if c := b.PublishedAt.Compare(a.PublishedAt); c != 0 {
			return c
		}
		if c := cmp.Compare(b.ArticleID, a.ArticleID); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}
