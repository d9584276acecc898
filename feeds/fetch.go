package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
	"golang.org/x/net/html/charset"
)

// Defaults of NewFetcher.
const (
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultPerHost      = 6
	DefaultTimeout      = 30 * time.Second
	// DefaultMemoryBudget bounds the bytes of response bodies held at once
	// (see Fetcher.MemoryBudget).
	DefaultMemoryBudget = 64 << 20
)

// ErrTooLarge is returned when a response body exceeds Fetcher.MaxBytes.
var ErrTooLarge = errors.New("response body exceeds size cap")

// StatusError is a non-2xx, non-304 response.
type StatusError struct {
	Code   int
	Status string // e.g. "404 Not Found"
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// Fetcher is briefbot's HTTP client for feeds and article pages. It sends a
// real User-Agent, does conditional GETs, caps response size, redirects and
// concurrent requests per host. gzip is negotiated and decoded by the
// transport (we never set Accept-Encoding ourselves, which would disable
// that). Safe for concurrent use; build it with NewFetcher.
type Fetcher struct {
	Client       *http.Client
	UserAgent    string
	MaxBytes     int64 // cap on a decoded body
	MaxRedirects int
	PerHost      int // concurrent requests per host:port, for feeds and for pages each
	// Timeout bounds one request, from sending it to the end of its body,
	// not counting time spent waiting for the memory budget.
	Timeout time.Duration
	// MemoryBudget bounds the bytes of response bodies being read and
	// processed at once (a weighted semaphore; 3/4 for feeds, 1/4 for
	// pages). A body above bodyFree bytes waits for its share before it is
	// read on; one larger than the budget runs alone.
	MemoryBudget int64
	// Guard keeps untrusted URLs off internal addresses; it is consulted
	// at every request, redirect and dial. NewFetcher sets a public-only
	// guard; set AllowPrivate on it to open ranges.
	Guard *Guard

	mu      sync.Mutex
	hosts   map[string]chan struct{}
	budgets *budgets
}

// NewFetcher returns a Fetcher with the defaults above; version goes into
// the User-Agent. Fields may be changed before first use.
func NewFetcher(version string) *Fetcher {
	if version == "" {
		version = "dev"
	}
	f := &Fetcher{
		UserAgent:    "briefbot/" + version + " (+https://github.com/briefbot/briefbot)",
		MaxBytes:     DefaultMaxBytes,
		MaxRedirects: DefaultMaxRedirects,
		PerHost:      DefaultPerHost,
		Timeout:      DefaultTimeout,
		MemoryBudget: DefaultMemoryBudget,
		hosts:        map[string]chan struct{}{},
		Guard:        &Guard{},
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	transport := &http.Transport{
		Proxy: func(req *http.Request) (*url.URL, error) {
			u, err := http.ProxyFromEnvironment(req)
			if u != nil {
				// The operator set the proxy: dial it. The target was
				// checked by name before the request (checkRequest).
				f.guard().trustProxy(hostPort(u))
			}
			return u, err
		},
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return f.guard().DialContext(dialer)(ctx, network, addr)
		},
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          256,
		// Keep enough idle connections for PerHost raised after NewFetcher.
		MaxIdleConnsPerHost: 32,
		ForceAttemptHTTP2:   true,
	}
	f.Client = &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > f.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects: %w", f.MaxRedirects, errTooManyRedirects)
			}
			return f.guard().checkRequest(req.Context(), req.URL)
		},
	}
	return f
}

// FeedResponse is the outcome of FetchFeed.
type FeedResponse struct {
	NotModified  bool // 304: Body is empty, the feed is unchanged
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	FinalURL     string // after redirects
}

// FetchFeed GETs feed.URL, conditionally on feed.ETag / feed.LastModified.
// The feed's own host:port is trusted (the operator configured it) unless
// ctx was made with PublicOnly.
func (f *Fetcher) FetchFeed(ctx context.Context, feed briefbot.Feed) (FeedResponse, error) {
	u, err := url.Parse(feed.URL)
	if err != nil {
		return FeedResponse{}, err
	}
	release, err := f.acquireHost(ctx, feedSlots, u, nil)
	if err != nil {
		return FeedResponse{}, err
	}
	defer release()
	resp, res, err := f.fetchFeed(ctx, feed)
	res.Release()
	return resp, err
}

// fetchFeed is FetchFeed for a caller holding the host slot; the body's
// share of the memory budget stays reserved until res is released.
func (f *Fetcher) fetchFeed(ctx context.Context, feed briefbot.Feed) (_ FeedResponse, res *reservation, _ error) {
	if !publicOnly(ctx) {
		ctx = WithTrustedHost(ctx, feed.URL)
	}
	ctx, timer := withFetchTimeout(ctx, f.Timeout)
	defer timer.stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed.URL, nil)
	if err != nil {
		return FeedResponse{}, nil, err
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
	if feed.ETag != "" {
		req.Header.Set("If-None-Match", feed.ETag)
	}
	if feed.LastModified != "" {
		req.Header.Set("If-Modified-Since", feed.LastModified)
	}
	resp, err := f.do(req, timer)
	if err != nil {
		return FeedResponse{}, nil, err
	}
	defer resp.Body.Close()

	out := FeedResponse{
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FinalURL:     resp.Request.URL.String(),
	}
	if resp.StatusCode == http.StatusNotModified {
		out.NotModified = true
		// Servers may omit the validators on 304: keep the ones we sent.
		if out.ETag == "" {
			out.ETag = feed.ETag
		}
		if out.LastModified == "" {
			out.LastModified = feed.LastModified
		}
		return out, nil, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return out, nil, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	out.Body, res, err = f.readBody(ctx, resp, f.budget().feeds, timer)
	return out, res, err
}

// FetchPage GETs an article page and returns its body converted to UTF-8
// and the URL it was finally served from. Non-HTML responses are errors.
// Only public addresses, AllowPrivate ranges and the host:port trusted in
// ctx (WithTrustedHost) are fetched.
func (f *Fetcher) FetchPage(ctx context.Context, pageURL string) ([]byte, string, error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return nil, "", err
	}
	release, err := f.acquireHost(ctx, pageSlots, u, nil)
	if err != nil {
		return nil, "", err
	}
	defer release()
	body, final, res, err := f.fetchPage(ctx, pageURL)
	res.Release()
	return body, final, err
}

// fetchPage is FetchPage for a caller holding the host slot; res keeps
// the body's share of the memory budget until released.
func (f *Fetcher) fetchPage(ctx context.Context, pageURL string) (_ []byte, final string, res *reservation, _ error) {
	ctx, timer := withFetchTimeout(ctx, f.Timeout)
	defer timer.stop()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil {
		return nil, "", nil, err
	}
	req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
	resp, err := f.do(req, timer)
	if err != nil {
		return nil, "", nil, err
	}
	defer resp.Body.Close()
	final = resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, final, nil, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); ct != "" && err == nil && mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, final, nil, fmt.Errorf("page is %s, not HTML", mt)
	}
	body, res, err := f.readBody(ctx, resp, f.budget().pages, timer)
	if err != nil {
		return nil, final, nil, err
	}
	return ToUTF8(body, ct), final, res, nil
}

// ToUTF8 returns an HTML page as UTF-8. A body that is valid UTF-8 is
// taken as such whatever the page claims (servers often mislabel UTF-8 as
// ISO-8859-1); otherwise the charset comes from a byte-order mark, the
// Content-Type header, a <meta> tag, or defaults to windows-1252.
func ToUTF8(body []byte, contentType string) []byte {
	if utf8.Valid(body) {
		return bytes.TrimPrefix(body, bomUTF8)
	}
	enc, _, _ := charset.DetermineEncoding(body, contentType)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return out
}

// do sends req past the guard. Host slots are the caller's business
// (acquireHost), so that waiting for one never holds anything else.
func (f *Fetcher) do(req *http.Request, timer *fetchTimer) (*http.Response, error) {
	req.Header.Set("User-Agent", f.UserAgent)
	if err := f.guard().checkRequest(req.Context(), req.URL); err != nil {
		return nil, err
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, timer.explain(cleanURLError(err))
	}
	return resp, nil
}

func (f *Fetcher) guard() *Guard {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Guard == nil {
		f.Guard = &Guard{}
	}
	return f.Guard
}

// Host slots are counted separately for feeds and for pages: a poller
// holds a feed's slot while it waits for page slots, so sharing one pool
// could deadlock.
type slotKind string

const (
	feedSlots slotKind = "feed"
	pageSlots slotKind = "page"
)

// errHostDown is returned to requests that were waiting for a host's slot
// when another request to that host found it unreachable.
var errHostDown = errors.New("host did not answer another request just now; not tried")

// acquireHost waits for one of the PerHost slots of u's host:port. It
// gives up when ctx ends or when down is closed (the host was found
// unreachable meanwhile). release must be called once.
func (f *Fetcher) acquireHost(ctx context.Context, kind slotKind, u *url.URL, down <-chan struct{}) (release func(), err error) {
	sem := f.hostSlot(kind, u)
	select {
	case sem <- struct{}{}:
		select {
		case <-down:
			// Both were ready and select chose the slot: the host is down.
			<-sem
			return nil, errHostDown
		default:
		}
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-down:
		return nil, errHostDown
	}
}

func (f *Fetcher) hostSlot(kind slotKind, u *url.URL) chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hosts == nil {
		f.hosts = map[string]chan struct{}{}
	}
	key := string(kind) + " " + strings.ToLower(u.Host)
	sem, ok := f.hosts[key]
	if !ok {
		n := f.PerHost
		if n <= 0 {
			n = DefaultPerHost
		}
		sem = make(chan struct{}, n)
		f.hosts[key] = sem
	}
	return sem
}

// budget returns the memory budgets, made on first use from MemoryBudget.
func (f *Fetcher) budget() *budgets {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.budgets == nil {
		total := f.MemoryBudget
		if total <= 0 {
			total = DefaultMemoryBudget
		}
		f.budgets = &budgets{feeds: newByteBudget(total - total/4), pages: newByteBudget(total / 4)}
	}
	return f.budgets
}

// bodyFree is how much of a body is read before it must wait for the
// memory budget: small feeds and pages, nearly all of them, never wait.
const bodyFree = 512 << 10

// readBody reads a body up to MaxBytes. Past bodyFree bytes (or at once
// when Content-Length says it will get there) it reserves the body's size
// from b, pausing the request's timer while it waits, and returns the
// reservation. The body is read in chunks and joined once, so a big body
// costs its size plus one copy briefly, not a doubling buffer.
func (f *Fetcher) readBody(ctx context.Context, resp *http.Response, b *byteBudget, timer *fetchTimer) ([]byte, *reservation, error) {
	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if resp.ContentLength > limit {
		return nil, nil, fmt.Errorf("%w (%d bytes declared, cap %d)", ErrTooLarge, resp.ContentLength, limit)
	}
	var res *reservation
	reserve := func(n int64) error {
		timer.pause()
		defer timer.resume()
		var err error
		res, err = b.reserve(ctx, n)
		return err
	}
	if resp.ContentLength > bodyFree {
		if err := reserve(resp.ContentLength); err != nil {
			return nil, nil, err
		}
	}
	r := io.LimitReader(resp.Body, limit+1)
	var chunks [][]byte
	var total int64
	for {
		if res == nil && total >= bodyFree {
			// Unknown length and past the free share: reserve the cap, and
			// give back what was not needed once the body is read.
			if err := reserve(limit); err != nil {
				return nil, nil, err
			}
		}
		chunk := make([]byte, 64<<10)
		n, err := io.ReadFull(r, chunk)
		if n > 0 {
			chunks = append(chunks, chunk[:n])
			total += int64(n)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			res.Release()
			return nil, nil, fmt.Errorf("read body: %w", timer.explain(err))
		}
		if total > limit {
			res.Release()
			return nil, nil, fmt.Errorf("%w (cap %d bytes)", ErrTooLarge, limit)
		}
	}
	if total > limit {
		res.Release()
		return nil, nil, fmt.Errorf("%w (cap %d bytes)", ErrTooLarge, limit)
	}
	res.shrink(total)
	if len(chunks) == 1 {
		return chunks[0], res, nil
	}
	body := make([]byte, 0, total)
	for _, c := range chunks {
		body = append(body, c...)
	}
	return body, res, nil
}

// cleanURLError keeps the cause of a *url.Error and drops the repeated
// method and URL, so feed status lines stay short.
func cleanURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
