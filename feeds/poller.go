package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/backoff"
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
	// fetch every page it lists. Teaser items beyond it are not stored yet:
	// the next poll of the feed finds them again and fetches their pages
	// then (see pollFeed). Hitting it is logged once per cycle.
	MaxPagesPerFeed int

	// OnFeed, when set, is called as soon as each feed's poll ends (its
	// new articles stored), from that feed's goroutine, before the cycle
	// ends: cmd kicks the dispatcher from it so alerts never wait for the
	// slowest feed, and draws progress. It must be quick and safe for
	// concurrent use.
	OnFeed func(FeedProgress)

	slotsOnce sync.Once
	feedSlots chan struct{} // Concurrency, for feeds in good health
	// failingSlots is the lane of feeds whose last poll failed, as wide as
	// a claim batch: they mostly wait on the network, so feeds that hang
	// every time neither take the healthy feeds' slots nor queue behind
	// each other for one timeout each. Host slots and the memory budget
	// still bound them.
	failingSlots chan struct{}
	pages        chan struct{} // PageConcurrency
	pageHosts    hostHealth    // hosts whose pages are skipped for a while

	budgetWaitsSeen atomic.Int64 // budget waits already logged
}

// FeedProgress is what OnFeed gets: one feed's result and how far the
// cycle is (Done feeds finished of Claimed claimed so far; more may be
// claimed when a cycle has more due feeds than ClaimBatch).
type FeedProgress struct {
	Result        FeedResult
	Done, Claimed int
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
	// Deferred is how many teaser items were left for the next poll
	// because MaxPagesPerFeed pages were fetched already.
	Deferred int
	Err      error
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
//
// Each claimed feed gets its own goroutine, which first waits for a slot
// of its host (Fetcher.PerHost) and only then for one of the Concurrency
// fetch slots: feeds of a host that hangs wait for that host, not for
// everybody's slots. Feeds whose last poll failed have a wide lane of
// their own, so feeds that hang on many hosts cannot take every slot
// either. When a request to a host finds it unreachable (a
// timeout, refused connection…), the feeds still waiting for that host in
// this cycle fail at once instead of each waiting out its own timeout, so
// a cycle lasts about one Timeout however many feeds of a host hang.
func (p *Poller) Cycle(ctx context.Context) (CycleReport, error) {
	start := p.now()
	p.initSlots()
	var report CycleReport
	var mu sync.Mutex
	batch := p.ClaimBatch
	if batch <= 0 {
		batch = DefaultClaimBatch
	}
	cyc := &cycleState{}
	claimedTotal := 0
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
		mu.Lock()
		claimedTotal += len(claimed)
		mu.Unlock()
		var wg sync.WaitGroup
		for _, f := range claimed {
			wg.Go(func() {
				res := p.pollFeedSafely(ctx, cyc, f)
				mu.Lock()
				report.Feeds = append(report.Feeds, res)
				progress := FeedProgress{Result: res, Done: len(report.Feeds), Claimed: claimedTotal}
				mu.Unlock()
				if p.OnFeed != nil {
					p.OnFeed(progress)
				}
			})
		}
		wg.Wait()
		if len(claimed) < batch || ctx.Err() != nil {
			break
		}
	}
	report.Duration = p.now().Sub(start)
	if len(report.Feeds) > 0 {
		metrics.PollCycleSeconds.Observe(report.Duration.Seconds())
		p.logCycle(report, cyc)
	}
	return report, ctx.Err()
}

// cycleState is what the feeds of one cycle share.
type cycleState struct {
	feedHosts hostHealth // hosts found unreachable in this cycle
	pagesCut  atomic.Int64
	feedsCut  atomic.Int64

	mu        sync.Mutex
	pageFails map[ErrorClass]int // pages not fetched, by reason
}

func (c *cycleState) pageFailed(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pageFails == nil {
		c.pageFails = map[ErrorClass]int{}
	}
	class := Classify(err)
	if errors.Is(err, errHostUnreachable) || errors.Is(err, errHostDown) {
		class = "host_down"
	}
	c.pageFails[class]++
}

// logCycle writes the cycle's one info line, and one line per limit that
// was hit, saying what it cost.
func (p *Poller) logCycle(r CycleReport, cyc *cycleState) {
	log := p.logger()
	log.Info("poll cycle", "feeds", len(r.Feeds), "new", r.NewArticles(), "failed", len(r.Failed()), "duration", r.Duration.Round(time.Millisecond).String())
	if n := cyc.pagesCut.Load(); n > 0 {
		log.Info("page limit reached: teaser items left for the next poll of their feed",
			"items", n, "feeds", cyc.feedsCut.Load(), "max_pages_per_feed", p.maxPages())
	}
	cyc.mu.Lock()
	if len(cyc.pageFails) > 0 {
		attrs := []any{}
		total := 0
		for class, n := range cyc.pageFails {
			attrs = append(attrs, string(class), n)
			total += n
		}
		log.Info("article pages not fetched; teasers kept", append([]any{"pages", total}, attrs...)...)
	}
	cyc.mu.Unlock()
	if st := p.Fetcher.BudgetStats(); st.FeedWaits+st.PageWaits > p.budgetWaitsSeen.Load() {
		total := st.FeedWaits + st.PageWaits
		log.Info("memory budget reached: big bodies waited for their share",
			"waits", total-p.budgetWaitsSeen.Swap(total), "memory_budget", p.Fetcher.MemoryBudget)
	}
}

// pollFeedSafely turns a panic while handling one broken feed into a
// failure of that feed rather than a crash of the process.
func (p *Poller) pollFeedSafely(ctx context.Context, cyc *cycleState, f briefbot.Feed) (res FeedResult) {
	defer func() {
		if r := recover(); r != nil {
			p.logger().Error("panic while polling feed", "feed", f.URL, "panic", r, "stack", string(debug.Stack()))
			res = p.fail(ctx, f, fmt.Errorf("internal error: %v", r))
		}
	}()
	return p.pollFeed(ctx, cyc, f)
}

// saveChunk is how many articles are enriched and stored at a time: a big
// feed's statements and actors are never all in memory at once.
const saveChunk = 32

func (p *Poller) pollFeed(ctx context.Context, cyc *cycleState, f briefbot.Feed) FeedResult {
	log := p.logger().With("feed", f.Name, "url", f.URL)
	if p.PublicOnly != nil && p.PublicOnly(f) {
		ctx = PublicOnly(ctx)
	} else {
		ctx = WithTrustedHost(ctx, f.URL)
	}

	u, err := url.Parse(f.URL)
	if err != nil {
		return p.fail(ctx, f, err)
	}
	host := strings.ToLower(u.Host)
	// Host slot first, fetch slot second: waiting for a slow host holds
	// nothing other hosts need.
	releaseHost, err := p.Fetcher.acquireHost(ctx, feedSlots, u, cyc.feedHosts.signal(host, p.now()))
	if err != nil {
		return p.fail(ctx, f, err)
	}
	slots := p.feedSlots
	if f.ErrorCount > 0 {
		slots = p.failingSlots
	}
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		releaseHost()
		return p.fail(ctx, f, ctx.Err())
	}
	defer func() { <-slots }()
	// Schedule the next check just before fetching (the claim's lease
	// covered the wait for slots): a crash or a slow server mid-fetch must
	// not make every replica refetch at once.
	f.NextCheckAt = p.now().Add(p.interval(f))
	if err := p.Store.SaveFeedState(ctx, f); err != nil {
		releaseHost()
		return p.storeFailed(f, fmt.Errorf("schedule next check: %w", err))
	}
	resp, budget, err := p.Fetcher.fetchFeed(ctx, f)
	if err != nil && Classify(err).HostDown() && ctx.Err() == nil {
		// Before the slot is free, so no waiting feed takes it.
		cyc.feedHosts.markDown(host, p.now().Add(unreachableFor))
	}
	releaseHost()
	defer budget.Release()
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
	resp.Body = nil // parsed holds what we need; let the body go
	if err != nil {
		return p.fail(ctx, f, err)
	}
	metrics.FeedsPolled.WithLabelValues("new").Inc()

	base, _ := url.Parse(resp.FinalURL)
	if parsed.Link != "" {
		if l, err := url.Parse(parsed.Link); err == nil && l.IsAbs() {
			base = l
		}
	}
	res := FeedResult{Items: len(parsed.Items), Silent: !f.Primed}

	fresh, err := p.newArticles(ctx, f, parsed.Items, base, fetchedAt)
	parsed = nil
	if err != nil {
		return p.storeFailed(f, err)
	}
	// Keep only the articles' share of the budget from here on.
	budget.shrink(articleBytes(fresh))
	fresh, res.Deferred = p.fillFullText(ctx, log, cyc, fresh)
	if res.Deferred > 0 {
		cyc.pagesCut.Add(int64(res.Deferred))
		cyc.feedsCut.Add(1)
		log.Debug("page limit reached; older teaser items left for the next poll", "deferred", res.Deferred, "max_pages_per_feed", p.maxPages())
	}

	for start := 0; start < len(fresh); start += saveChunk {
		chunk := fresh[start:min(start+saveChunk, len(fresh))]
		for i := range chunk {
			chunk[i].Silent = !f.Primed
			if p.Enrich != nil {
				p.Enrich(ctx, &chunk[i])
			}
		}
		n, err := p.save(ctx, chunk)
		res.New += n
		if err != nil {
			return p.storeFailed(f, err)
		}
		clear(chunk) // stored: free texts, statements and actors now
	}
	if res.Deferred == 0 {
		f.ETag, f.LastModified = resp.ETag, resp.LastModified
		f.Primed = true
	}
	// else: keep the old validators, so the next poll gets the whole
	// document again (not a 304) and finds the deferred items; and a feed
	// still working through its first poll's backlog stays unprimed, so
	// that backlog stays silent.
	status := fmt.Sprintf("ok: %d new", res.New)
	if res.Deferred > 0 {
		status += fmt.Sprintf(", %d left for the next poll (max_pages_per_feed)", res.Deferred)
	}
	return p.succeed(ctx, f, res, status)
}

// articleBytes is about what arts hold in memory.
func articleBytes(arts []briefbot.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Text) + len(a.Teaser) + len(a.Title) + len(a.URL) + len(a.GUID) + 256)
	}
	return n
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
// page, for at most MaxPagesPerFeed teasers, newest first. A page that
// cannot be fetched or read leaves the teaser in place: that is logged at
// debug, not a feed failure. Teasers beyond the limit are removed from
// arts and counted: they are stored by a later poll, with their page.
func (p *Poller) fillFullText(ctx context.Context, log *slog.Logger, cyc *cycleState, arts []briefbot.Article) (kept []briefbot.Article, deferred int) {
	if p.NoFullText {
		return arts, 0
	}
	budget := p.maxPages()
	var wg sync.WaitGroup
	skip := map[int]bool{}
	// arts run oldest first: spend the budget on the newest.
	for i := len(arts) - 1; i >= 0; i-- {
		a := &arts[i]
		if a.URL == "" || !IsTeaser(*a) {
			continue
		}
		if budget == 0 {
			skip[i] = true
			continue
		}
		budget--
		wg.Go(func() {
			title, text, err := p.fullText(ctx, a.URL)
			if err != nil {
				log.Debug("full text not fetched; keeping teaser", "article", a.URL, "err", err)
				if ctx.Err() == nil {
					cyc.pageFailed(err)
				}
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
	if len(skip) == 0 {
		return arts, 0
	}
	kept = arts[:0]
	for i := range arts {
		if !skip[i] {
			kept = append(kept, arts[i])
		}
	}
	return kept, len(skip)
}

// unreachableFor is how long a host that could not be reached (DNS,
// connection refused, timeout) is skipped for article pages, so one dead
// site does not cost a timeout per item.
const unreachableFor = 10 * time.Minute

// errHostUnreachable is returned for pages on a host recently unreachable.
var errHostUnreachable = errors.New("host recently unreachable; not retried yet")

// fullText fetches and reads one page. It waits for the page host's slot
// first and a page slot second, so pages of a hanging host hold at most
// PerHost of the PageConcurrency slots.
func (p *Poller) fullText(ctx context.Context, pageURL string) (title, text string, err error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return "", "", err
	}
	host := strings.ToLower(u.Host)
	if p.pageHosts.isDown(host, p.now()) {
		return "", "", errHostUnreachable
	}
	down := p.pageHosts.signal(host, p.now())
	releaseHost, err := p.Fetcher.acquireHost(ctx, pageSlots, u, down)
	if err != nil {
		return "", "", err
	}
	defer releaseHost()
	select {
	case p.pages <- struct{}{}:
	case <-ctx.Done():
		return "", "", ctx.Err()
	case <-down:
		return "", "", errHostUnreachable
	}
	defer func() { <-p.pages }()
	if p.pageHosts.isDown(host, p.now()) {
		return "", "", errHostUnreachable
	}
	body, final, budget, err := p.Fetcher.fetchPage(ctx, pageURL)
	defer budget.Release()
	if err != nil {
		if Classify(err).HostDown() && ctx.Err() == nil {
			p.pageHosts.markDown(host, p.now().Add(unreachableFor)) // before the deferred slot release
		}
		return "", "", err
	}
	fu, _ := url.Parse(final)
	return Readable(bytes.NewReader(body), fu)
}

// hostHealth remembers hosts found unreachable until a given time, and
// wakes requests waiting for such a host's slot when it is marked down.
type hostHealth struct {
	mu    sync.Mutex
	hosts map[string]*hostState
}

type hostState struct {
	until time.Time
	down  chan struct{} // closed when marked down
}

func (h *hostHealth) state(host string, now time.Time) *hostState {
	if h.hosts == nil {
		h.hosts = map[string]*hostState{}
	}
	st, ok := h.hosts[host]
	if !ok || !st.until.IsZero() && !now.Before(st.until) {
		// Unknown, or down long enough ago: give it a fresh chance.
		st = &hostState{down: make(chan struct{})}
		h.hosts[host] = st
	}
	return st
}

func (h *hostHealth) isDown(host string, now time.Time) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.state(host, now).until.IsZero()
}

// signal is closed when host gets marked down.
func (h *hostHealth) signal(host string, now time.Time) <-chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state(host, now).down
}

func (h *hostHealth) markDown(host string, until time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st := h.state(host, until.Add(-time.Nanosecond))
	if st.until.IsZero() {
		close(st.down)
	}
	st.until = until
}

func (p *Poller) succeed(ctx context.Context, f briefbot.Feed, res FeedResult, status string) FeedResult {
	f.ErrorCount = 0
	f.LastError = ""
	f.LastStatus = status
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
// failures: interval × 2^(errors-1), capped at MaxBackoff, less up to 10%
// jitter so feeds failing together spread out (internal/backoff, shared
// with the outbox).
func (p *Poller) Backoff(interval time.Duration, errors int) time.Duration {
	maxBackoff := p.MaxBackoff
	if maxBackoff <= 0 {
		maxBackoff = DefaultMaxBackoff
	}
	return backoff.Policy{Base: interval, Max: maxBackoff, Jitter: 0.1}.Delay(errors)
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

func (p *Poller) maxPages() int {
	if p.MaxPagesPerFeed > 0 {
		return p.MaxPagesPerFeed
	}
	return DefaultMaxPagesPerFeed
}

func (p *Poller) initSlots() {
	p.slotsOnce.Do(func() {
		p.feedSlots = make(chan struct{}, p.concurrency())
		p.failingSlots = make(chan struct{}, max(p.ClaimBatch, DefaultClaimBatch, p.concurrency()))
		n := p.PageConcurrency
		if n <= 0 {
			n = DefaultPageConcurrency
		}
		p.pages = make(chan struct{}, n)
	})
}

func (p *Poller) maxErrors() int {
	if p.MaxErrors > 0 {
		return p.MaxErrors
	}
	return DefaultMaxErrors
}
