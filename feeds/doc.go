// Package feeds owns everything between a feed URL and a stored article:
// the HTTP client (Fetcher: conditional GET, size and redirect caps, a
// per-host concurrency cap), parsing (Parse: gofeed plus repairs for the
// encodings and breakage real feeds have), turning items into articles
// (ItemArticle: stable identity, canonical links, plain text), full-text
// extraction for teaser items (Readable, on go-readability), and the
// Poller, which claims due feeds from the store, fetches them, and stores
// their new articles, keeping each feed's fetch state (schedule, backoff,
// validators, status) up to date.
//
// It knows nothing of SQL (it calls the PollStore subset of store.Store)
// nor of text analysis (the caller passes Poller.Enrich).
package feeds
