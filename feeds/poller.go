package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/metrics"
	"github.com/mmcdole/gofeed"
)

// PollStore is the part of store.Store the poller uses.
type PollStore interface {
	ClaimDueFeeds(ctx context.Context, owner string, now time.Time, lease time.Duration, limit int) ([]briefbot.Feed, error)
	SaveFeedState(ctx context.Context, f briefbot.Feed) error
	KnownArticles(ctx context.Context, keys []string) (map[string]bool, error)
	SaveArticle(ctx context.Context, a *briefbot.Article) (bool, error)
}

// Poller defaults, used when the matching field is zero.
const (
	DefaultInterval        = 15 * time.Minute
	DefaultMaxErrors       = 10
	DefaultConcurrency     = 32
	DefaultPageConcurrency = 8
	DefaultMaxPagesPerFeed = 25
	DefaultMaxBackoff      = 6 * time.Hour
	DefaultLease           = 5 * time.Minute
	DefaultClaimBatch      = 256
)

// Poller fetches due feeds and stores their new articles. It owns the
// fetch state of feeds (briefbot.Feed's second block of fields); the store
// only persists it. Several pollers (replicas) may share one store: feeds
// are claimed before they are fetched.
type Poller struct {
	Store   PollStore
	Fetcher *Fetcher
	// Enrich fills Summary, Statements and Actors of a new article before
	// it is stored. Set by cmd (summarize); may be nil.
	Enrich func(ctx context.Context, a *briefbot.Article)
	Clock  briefbot.Clock
	Owner  string // replica id, for claims

	DefaultInterval time.Duration // used when Feed.Interval == 0
	MaxErrors       int           // consecutive failures before a feed is disabled
	MaxBackoff      time.Duration // cap on the retry delay after failures
	Concurrency     int           // feeds fetched at once
	PageConcurrency int           // article pages fetched at once, across feeds
	Lease           time.Duration // how long a claim holds before the schedule is saved
	ClaimBatch      int           // feeds claimed per store round trip
	// PublicOnly tells feeds whose own host is not trusted either (added
	// from chat: nobody vetted the URL); nil trusts every feed's own
	// host:port, as configured feeds are. Links in any feed are always
	// untrusted: their pages must be public or on the feed's host:port.
	PublicOnly func(briefbot.Feed) bool
	// NoFullText disables fetching article pages for teaser items.
	NoFullText bool
	Logger     *slog.Logger

	// MaxPagesPerFeed caps article pages fetched for one feed in one poll
	// (newest items first); a first poll of a big feed would otherwise
	// fetch every page it lists.
	MaxPagesPerFeed int

	pagesOnce sync.Once
	pages     chan struct{}
	downMu    sync.Mutex
	down      map[string]time.Time // host → skip its pages until
}

// CycleReport is the outcome of one Cycle.
type CycleReport struct {
	Feeds    []FeedResult
	Duration time.Duration
}

// FeedResult is the outcome of polling one feed. Feed is its state as saved
// after the poll.
type FeedResult struct {
	Feed        briefbot.Feed
	Items       int  // items in the feed document
	New         int  // articles stored by this poll
	NotModified bool // 304
	Silent      bool // first poll: articles stored without alerting
	Err         error
}

// NewArticles is the number of articles stored in the cycle.
func (r CycleReport) NewArticles() int {
	n := 0
	for _, f := range r.Feeds {
		n += f.New
	}
	return n
}

// Failed returns the results of feeds that failed.
func (r CycleReport) Failed() []FeedResult {
	var out []FeedResult
	for _, f := range r.Feeds {
		if f.Err != nil {
			out = append(out, f)
		}
	}
	return out
}

// Cycle polls every feed due now, then returns. It is cheap when nothing
// is due (one claim query). The error is only for store failures that stop
// the cycle; feed failures are in the report.
func (p *Poller) Cycle(ctx context.Context) (CycleReport, error) {
	start := p.now()
	var report CycleReport
	var mu sync.Mutex
	batch := p.ClaimBatch
	if batch <= 0 {
		batch = DefaultClaimBatch
	}
	// A feed whose next check rounds back to "due" in the store (an
	// interval below the store's time resolution) must not be polled again
	// in the same cycle: the loop would never end.
	polled := map[int64]bool{}
	for {
		claimed, err := p.Store.ClaimDueFeeds(ctx, p.Owner, start, p.lease(), batch)
		if err != nil {
			return report, fmt.Errorf("claim due feeds: %w", err)
		}
		claimed = slices.DeleteFunc(claimed, func(f briefbot.Feed) bool { return polled[f.ID] })
		if len(claimed) == 0 {
			break
		}
		for _, f := range claimed {
			polled[f.ID] = true
		}
		work := make(chan briefbot.Feed)
		var wg sync.WaitGroup
		for range min(p.concurrency(), len(claimed)) {
			wg.Go(func() {
				for f := range work {
					res := p.pollFeedSafely(ctx, f)
					mu.Lock()
					report.Feeds = append(report.Feeds, res)
					mu.Unlock()
				}
			})
		}
		for _, f := range claimed {
			work <- f
		}
		close(work)
		wg.Wait()
		if len(claimed) < batch || ctx.Err() != nil {
			break
		}
	}
	report.Duration = p.now().Sub(start)
	if len(report.Feeds) > 0 {
		metrics.PollCycleSeconds.Observe(report.Duration.Seconds())
		p.logger().Debug("poll cycle", "feeds", len(report.Feeds), "new", report.NewArticles(),
			"failed", len(report.Failed()), "duration", report.Duration)
	}
	return report, ctx.Err()
}

// pollFeedSafely turns a panic while handling one broken feed into a
// failure of that feed rather than a crash of the process.
func (p *Poller) pollFeedSafely(ctx context.Context, f briefbot.Feed) (res FeedResult) {
	defer func() {
		if r := recover(); r != nil {
			p.logger().Error("panic while polling feed", "feed", f.URL, "panic", r, "stack", string(debug.Stack()))
			res = p.fail(ctx, f, fmt.Errorf("internal error: %v", r))
		}
	}()
	return p.pollFeed(ctx, f)
}

func (p *Poller) pollFeed(ctx context.Context, f briefbot.Feed) FeedResult {
	log := p.logger().With("feed", f.Name, "url", f.URL)
	if p.PublicOnly != nil && p.PublicOnly(f) {
		ctx = PublicOnly(ctx)
	} else {
		ctx = WithTrustedHost(ctx, f.URL)
	}

	// Schedule the next check before fetching: a crash or a slow server
	// mid-fetch must not make every replica refetch at once.
	f.NextCheckAt = p.now().Add(p.interval(f))
	if err := p.Store.SaveFeedState(ctx, f); err != nil {
		return p.storeFailed(f, fmt.Errorf("schedule next check: %w", err))
	}

	resp, err := p.Fetcher.FetchFeed(ctx, f)
	if err != nil {
		return p.fail(ctx, f, err)
	}
	fetchedAt := p.now()
	f.LastFetchedAt = fetchedAt
	if resp.NotModified {
		f.ETag, f.LastModified = resp.ETag, resp.LastModified
		metrics.FeedsPolled.WithLabelValues("not_modified").Inc()
		return p.succeed(ctx, f, FeedResult{NotModified: true}, "not modified")
	}
	parsed, err := Parse(resp.Body, resp.ContentType)
	if err != nil {
		return p.fail(ctx, f, err)
	}
	f.ETag, f.LastModified = resp.ETag, resp.LastModified
	metrics.FeedsPolled.WithLabelValues("new").Inc()

	base, _ := url.Parse(resp.FinalURL)
	if parsed.Link != "" {
		if l, err := url.Parse(parsed.Link); err == nil && l.IsAbs() {
			base = l
		}
	}
	res := FeedResult{Items: len(parsed.Items), Silent: !f.Primed}

	fresh, err := p.newArticles(ctx, f, parsed.Items, base, fetchedAt)
	if err != nil {
		return p.storeFailed(f, err)
	}
	p.fillFullText(ctx, log, fresh)

	for i := range fresh {
		fresh[i].Silent = !f.Primed
		if p.Enrich != nil {
			p.Enrich(ctx, &fresh[i])
		}
	}
	n, err := p.save(ctx, fresh)
	res.New = n
	if err != nil {
		return p.storeFailed(f, err)
	}
	return p.succeed(ctx, f, res, fmt.Sprintf("ok: %d new", res.New))
}

// BatchSaver is implemented by stores that can save many articles in one
// transaction, with SaveArticle's semantics for each (created[i] reports
// arts[i]; IDs are set). The poller uses it when available: one commit per
// feed instead of one per article.
type BatchSaver interface {
	SaveArticles(ctx context.Context, arts []*briefbot.Article) (created []bool, err error)
}

// save stores arts and returns how many were new.
func (p *Poller) save(ctx context.Context, arts []briefbot.Article) (int, error) {
	n := 0
	if bs, ok := p.Store.(BatchSaver); ok && len(arts) > 1 {
		ptrs := make([]*briefbot.Article, len(arts))
		for i := range arts {
			ptrs[i] = &arts[i]
		}
		created, err := bs.SaveArticles(ctx, ptrs)
		if err != nil {
			return 0, fmt.Errorf("save %d articles: %w", len(arts), err)
		}
		for _, c := range created {
			if c {
				n++
			}
		}
		metrics.ArticlesStored.Add(float64(n))
		return n, nil
	}
	for i := range arts {
		created, err := p.Store.SaveArticle(ctx, &arts[i])
		if err != nil {
			return n, fmt.Errorf("save article %q: %w", arts[i].URL, err)
		}
		if created {
			n++
			metrics.ArticlesStored.Inc()
		}
	}
	return n, nil
}

// newArticles converts the items the store does not hold yet, by hash or
// canonical URL, oldest first (feeds list newest first; IDs should follow
// time). Known items are recognised from their GUID and link alone, before
// their content is converted: on a re-poll most items are known.
func (p *Poller) newArticles(ctx context.Context, f briefbot.Feed, items []*gofeed.Item, base *url.URL, fetchedAt time.Time) ([]briefbot.Article, error) {
	type candidate struct {
		item      *gofeed.Item
		hash, url string
	}
	var cands []candidate
	keys := make([]string, 0, 2*len(items))
	for i := len(items) - 1; i >= 0; i-- {
		item := items[i]
		if item == nil {
			continue
		}
		guid, canonical := itemIdentity(item, base)
		c := candidate{item: item, url: canonical}
		if guid != "" || canonical != "" {
			c.hash = ArticleHash(scopedGUID(f.URL, guid), canonical, "", "")
		} else {
			// Identity needs title and content: convert now.
			a := ItemArticle(f, item, base, fetchedAt)
			c.hash = a.Hash
		}
		keys = append(keys, c.hash)
		if c.url != "" {
			keys = append(keys, c.url)
		}
		cands = append(cands, c)
	}
	if len(cands) == 0 {
		return nil, nil
	}
	known, err := p.Store.KnownArticles(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("known articles: %w", err)
	}
	if known == nil {
		known = map[string]bool{}
	}
	var fresh []briefbot.Article
	for _, c := range cands {
		// Skip known ones and repeats within this document.
		if known[c.hash] || c.url != "" && known[c.url] {
			continue
		}
		known[c.hash] = true
		if c.url != "" {
			known[c.url] = true
		}
		fresh = append(fresh, ItemArticle(f, c.item, base, fetchedAt))
	}
	return fresh, nil
}

// fillFullText replaces teaser text with the article body of the linked
// page. A page that cannot be fetched or read leaves the teaser in place:
// that is logged, not a feed failure.
func (p *Poller) fillFullText(ctx context.Context, log *slog.Logger, arts []briefbot.Article) {
	if p.NoFullText {
		return
	}
	p.pagesOnce.Do(func() {
		n := p.PageConcurrency
		if n <= 0 {
			n = DefaultPageConcurrency
		}
		p.pages = make(chan struct{}, n)
	})
	budget := p.MaxPagesPerFeed
	if budget <= 0 {
		budget = DefaultMaxPagesPerFeed
	}
	var wg sync.WaitGroup
	// arts run oldest first: spend the budget on the newest.
	for i := len(arts) - 1; i >= 0 && budget > 0; i-- {
		a := &arts[i]
		if a.URL == "" || !IsTeaser(*a) {
			continue
		}
		budget--
		wg.Go(func() {
			select {
			case p.pages <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-p.pages }()
			title, text, err := p.fullText(ctx, a.URL)
			if err != nil {
				log.Info("full text not fetched; keeping teaser", "article", a.URL, "err", err)
				return
			}
			if wordCount(text) > wordCount(a.Text) {
				a.Text = text
			}
			a.PageTitle = title
			if a.Title == "" {
				a.Title = title
			}
		})
	}
	wg.Wait()
}

// unreachableFor is how long a host that could not be reached (DNS,
// connection refused, timeout) is skipped for article pages, so one dead
// site does not cost a timeout per item.
const unreachableFor = 10 * time.Minute

// errHostUnreachable is returned for pages on a host recently unreachable.
var errHostUnreachable = errors.New("host recently unreachable; not retried yet")

func (p *Poller) fullText(ctx context.Context, pageURL string) (title, text string, err error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return "", "", err
	}
	host := strings.ToLower(u.Host)
	if p.hostDown(host) {
		return "", "", errHostUnreachable
	}
	body, final, err := p.Fetcher.FetchPage(ctx, pageURL)
	if err != nil {
		if Classify(err).HostDown() && ctx.Err() == nil {
			p.markHostDown(host)
		}
		return "", "", err
	}
	fu, _ := url.Parse(final)
	return Readable(bytes.NewReader(body), fu)
}

func (p *Poller) hostDown(host string) bool {
	p.downMu.Lock()
	defer p.downMu.Unlock()
	until, ok := p.down[host]
	return ok && p.now().Before(until)
}

func (p *Poller) markHostDown(host string) {
	p.downMu.Lock()
	defer p.downMu.Unlock()
	if p.down == nil {
		p.down = map[string]time.Time{}
	}
	p.down[host] = p.now().Add(unreachableFor)
}

func (p *Poller) succeed(ctx context.Context, f briefbot.Feed, res FeedResult, status string) FeedResult {
	f.ErrorCount = 0
	f.LastError = ""
	f.LastStatus = status
	f.Primed = true
	res.Feed = f
	if err := p.Store.SaveFeedState(ctx, f); err != nil {
		res.Err = fmt.Errorf("save feed state: %w", err)
	}
	p.logger().Debug("feed polled", "feed", f.Name, "status", status, "items", res.Items)
	return res
}

// storeFailed reports a poll cut short by the store. It is not the feed's
// fault, so it neither counts towards disabling the feed nor saves its
// state (the store is likely unreachable): the next check scheduled before
// fetching stands, and the claim expires with its lease. Items not saved
// are found again next time since the validators were not saved either.
func (p *Poller) storeFailed(f briefbot.Feed, err error) FeedResult {
	p.logger().Error("store failed while polling feed", "feed", f.Name, "url", f.URL, "err", err)
	return FeedResult{Feed: f, Err: err}
}

// fail records a failed poll: the next check backs off exponentially and
// the feed is disabled after MaxErrors consecutive failures.
func (p *Poller) fail(ctx context.Context, f briefbot.Feed, cause error) FeedResult {
	if ctx.Err() != nil {
		// Shutting down: not the feed's fault. The schedule saved before
		// fetching stands.
		return FeedResult{Feed: f, Err: cause}
	}
	metrics.FeedsPolled.WithLabelValues("failed").Inc()
	now := p.now()
	reason := cause.Error()
	f.ErrorCount++
	f.LastError = reason
	f.LastStatus = "failed: " + reason
	f.NextCheckAt = now.Add(p.Backoff(p.interval(f), f.ErrorCount))
	if f.ErrorCount >= p.maxErrors() {
		f.Disabled = true
		f.LastStatus = fmt.Sprintf("disabled after %d consecutive failures: %s", f.ErrorCount, reason)
	}
	p.logger().Warn("feed poll failed", "feed", f.Name, "url", f.URL, "errors", f.ErrorCount, "disabled", f.Disabled, "err", reason)
	res := FeedResult{Feed: f, Err: cause}
	if err := p.Store.SaveFeedState(ctx, f); err != nil {
		res.Err = errors.Join(cause, fmt.Errorf("save feed state: %w", err))
	}
	return res
}

// Backoff is the delay before retrying a feed after errors consecutive
// failures: interval × 2^(errors-1), capped at MaxBackoff, plus up to 10%
// jitter so feeds failing together spread out.
func (p *Poller) Backoff(interval time.Duration, errors int) time.Duration {
	maxBackoff := p.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = DefaultMaxBackoff
	}
	d := interval
	for i := 1; i < errors && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	if d >= 10 {
		d += rand.N(d / 10)
	}
	return d
}

func (p *Poller) interval(f briefbot.Feed) time.Duration {
	switch {
	case f.Interval > 0:
		return f.Interval
	case p.DefaultInterval > 0:
		return p.DefaultInterval
	}
	return DefaultInterval
}

func (p *Poller) now() time.Time {
	if p.Clock != nil {
		return p.Clock()
	}
	return time.Now()
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}

func (p *Poller) lease() time.Duration {
	if p.Lease > 0 {
		return p.Lease
	}
	return DefaultLease
}

func (p *Poller) concurrency() int {
	if p.Concurrency > 0 {
		return p.Concurrency
	}
	return DefaultConcurrency
}

func (p *Poller) maxErrors() int {
	if p.MaxErrors > 0 {
		return p.MaxErrors
	}
	return DefaultMaxErrors
}
