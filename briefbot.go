// Package briefbot holds the domain types shared by every stage of the
// pipeline: feeds → summarize → store → bot.
//
// The types here carry no behaviour that needs I/O. Each subpackage owns one
// dependency: feeds/ owns HTTP and feed parsing, summarize/ owns text analysis,
// store/ owns SQL, bot/ owns the chat platforms.
package briefbot

import (
	"time"
)

// Feed is one RSS/Atom/RDF source and its fetch state.
type Feed struct {
	ID       int64
	Name     string
	URL      string
	Tags     []string
	Interval time.Duration // shortest time between two fetches; 0 means the poll schedule decides
	// Owner is who manages the feed: a configuration (OwnerConfig, or
	// ConfigOwner(path)) or people at run time (OwnerRuntime). Syncing a
	// configuration only ever changes that configuration's feeds.
	Owner   string
	AddedBy string // who added a run-time feed, e.g. "slack:U0123" or "cli"

	// Fetch state, owned by the poller.
	ETag          string
	LastModified  string
	LastFetchedAt time.Time // zero: never fetched
	LastStatus    string    // human-readable outcome of the last fetch ("ok: 3 new", "not modified", "failed: …")
	NextCheckAt   time.Time
	ErrorCount    int    // consecutive failures
	LastError     string // reason of the last failure, empty when healthy
	Disabled      bool   // set after repeated failures; LastError says why
	Primed        bool   // first successful poll done: later items may alert
}

// Feed owners. Config feeds are authoritative for their entries and are
// replaced by each sync of their configuration; run-time feeds are added
// and removed from chat or the CLI and survive restarts and config edits.
const (
	// OwnerConfig is the unnamed configuration: SyncFeeds uses it for
	// feeds without an owner, and databases from before feed ownership
	// mark their configured feeds with it. The first sync of a named
	// configuration adopts its feeds.
	OwnerConfig  = "config"
	OwnerRuntime = "runtime"
)

// ConfigOwner is the owner of the feeds of the configuration called name
// (its file's absolute path, or "embedded default").
func ConfigOwner(name string) string { return OwnerConfig + ":" + name }

// FromConfig reports whether a configuration owns f.
func (f Feed) FromConfig() bool {
	return f.Owner == OwnerConfig || len(f.Owner) > len(OwnerConfig) && f.Owner[:len(OwnerConfig)+1] == OwnerConfig+":"
}

// Article is one feed item after full-text fetching and extraction.
type Article struct {
	ID       int64
	FeedID   int64
	FeedName string // source shown in digests
	Hash     string // stable identity: GUID, else canonical link, else title+content
	GUID     string
	URL      string
	Title    string
	// PageTitle is the fetched page's own title (not stored): it may name
	// what the feed item's title leaves out, such as a transcript's
	// spokesperson.
	PageTitle   string
	Author      string
	Teaser      string // the feed's own description
	Text        string // full article text (plain)
	Summary     string // one or two sentences written by summarize
	PublishedAt time.Time
	FetchedAt   time.Time
	// Silent articles were stored on a feed's first poll: they are searchable
	// but never alert a channel.
	Silent bool

	Statements []Statement
	Actors     []Actor
}

// Span is a piece of text with Unicode code-point offsets (end exclusive).
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Statement kinds.
const (
	Direct   = "direct"
	Indirect = "indirect"
	Mixed    = "mixed"
)

// Statement is one attributed claim: who said what.
type Statement struct {
	ID             int64   `json:"-"`
	ArticleID      int64   `json:"-"`
	Text           string  `json:"text"`
	Start          int     `json:"start"`
	End            int     `json:"end"`
	Kind           string  `json:"kind"`
	Cue            Span    `json:"cue"`
	Speaker        string  `json:"speaker"` // canonical full name, or the group as written ("experts")
	SpeakerID      int64   `json:"-"`       // the store's speaker registry entry, once saved
	SpeakerMention Span    `json:"speaker_mention"`
	Score          float64 `json:"score"` // how key the statement is, 0..1

	// Filled from the speaker's actor so digests can show "Name (role, affiliation)".
	SpeakerRole        string `json:"speaker_role,omitempty"`
	SpeakerAffiliation string `json:"speaker_affiliation,omitempty"`

	// Shift, set in alerts and digests only (never stored), says how the
	// statement departs from the speaker's earlier stance on the matter,
	// e.g. `departs from “…” (2026-09-20): now “ready to negotiate”, before
	// “will not negotiate”`.
	Shift string `json:"shift,omitempty"`
}

// Actor types.
const (
	Person       = "person"
	Organization = "organization"
	Country      = "country"
	Place        = "place"
)

// Actor is someone or something involved in an article.
type Actor struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Role        string   `json:"role"`
	Affiliation string   `json:"affiliation"`
	Aliases     []string `json:"aliases"`
	Mentions    []Span   `json:"mentions"`
}

// Extraction is what summarize returns for one article text.
type Extraction struct {
	Summary    string      `json:"summary"`
	Statements []Statement `json:"statements"`
	Actors     []Actor     `json:"actors"`
}

// StatementHit is a stored statement with the article it came from, as
// returned by searches.
type StatementHit struct {
	Statement
	ArticleTitle string
	ArticleURL   string
	FeedName     string
	PublishedAt  time.Time
}

// Subscription modes.
const (
	ModeInstant = "instant"
	ModeDaily   = "daily"
)

// Subscription ties a chat channel to a topic query.
type Subscription struct {
	ID       int64
	Platform string // "slack", "discord", "console"
	Channel  string
	Topic    string // topic name (configured or ad hoc)
	Query    string // the query text matched against articles
	Mode     string // ModeInstant or ModeDaily
	// For daily subscriptions: local delivery time and zone.
	DailyAt  string // "HH:MM"
	Timezone string // IANA zone, e.g. "Europe/Paris"
	// Follow subscriptions alert whenever the speaker/actor appears.
	Follow    bool
	CreatedBy string
	CreatedAt time.Time
}

// Delivery states.
const (
	DeliveryPending = "pending"
	DeliverySent    = "sent"
	DeliveryFailed  = "failed" // gave up: failing for longer than the outbox's give-up window
)

// Delivery is one message in the outbox: a digest for one channel.
type Delivery struct {
	ID         int64
	Platform   string
	Channel    string
	Key        string  // idempotency key: at most one delivery per key
	ArticleIDs []int64 // articles this message carries (each reaches a channel once)
	Payload    Digest  // rendered by the adapter at send time
	Status     string
	Attempts   int
	NextTry    time.Time
	LastError  string
	CreatedAt  time.Time
	SentAt     time.Time
	// StartedAt is when the first attempt to post began (zero: never).
	// Once set, the platform may hold some of the delivery's messages, so
	// a later attempt looks for them in the channel before posting.
	StartedAt time.Time
	// FailingSince starts the give-up window: the first attempt, or the
	// last manual retry of a failed delivery.
	FailingSince time.Time
}

// Digest is a platform-neutral message of articles and statements.
type Digest struct {
	Title   string        `json:"title"`
	Since   time.Time     `json:"since"`
	Until   time.Time     `json:"until"`
	Stories []DigestStory `json:"stories"`
}

// DigestStory groups articles about the same story.
type DigestStory struct {
	Headline string          `json:"headline"`
	Articles []DigestArticle `json:"articles"`
}

// DigestArticle is one article as shown in a digest.
type DigestArticle struct {
	ArticleID   int64       `json:"article_id"`
	Title       string      `json:"title"`
	Source      string      `json:"source"`
	URL         string      `json:"url"`
	PublishedAt time.Time   `json:"published_at"`
	Summary     string      `json:"summary"`
	Statements  []Statement `json:"statements"`
	Actors      []string    `json:"actors"` // main actors, most mentioned first
}

// Clock lets time-based code be tested with a fake.
type Clock func() time.Time

// Only returns the digest restricted to the given article IDs; stories left
// empty are dropped. The outbox uses it when some articles already reached a
// channel through another delivery.
func (d Digest) Only(keep map[int64]bool) Digest {
	out := d
	out.Stories = nil
	for _, s := range d.Stories {
		var arts []DigestArticle
		for _, a := range s.Articles {
			if keep[a.ArticleID] {
				arts = append(arts, a)
			}
		}
		if len(arts) > 0 {
			s.Articles = arts
			out.Stories = append(out.Stories, s)
		}
	}
	return out
}

// ArticleCount is the number of articles in the digest.
func (d Digest) ArticleCount() int {
	n := 0
	for _, s := range d.Stories {
		n += len(s.Articles)
	}
	return n
}
