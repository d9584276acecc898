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
	PerHost      int // concurrent requests per host:port
	// Guard keeps untrusted URLs off internal addresses; it is consulted
	// at every request, redirect and dial. NewFetcher sets a public-only
	// guard; set AllowPrivate on it to open ranges.
	Guard *Guard

	mu    sync.Mutex
	hosts map[string]chan struct{}
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
		Timeout:   DefaultTimeout,
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
	if !publicOnly(ctx) {
		ctx = WithTrustedHost(ctx, feed.URL)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, feed.URL, nil)
	if err != nil {
		return FeedResponse{}, err
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8")
	if feed.ETag != "" {
		req.Header.Set("If-None-Match", feed.ETag)
	}
	if feed.LastModified != "" {
		req.Header.Set("If-Modified-Since", feed.LastModified)
	}
	resp, release, err := f.do(req)
	if err != nil {
		return FeedResponse{}, err
	}
	defer release()
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
		return out, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return out, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	out.Body, err = f.readBody(resp)
	return out, err
}

// FetchPage GETs an article page and returns its body converted to UTF-8
// and the URL it was finally served from. Non-HTML responses are errors.
// Only public addresses, AllowPrivate ranges and the host:port trusted in
// ctx (WithTrustedHost) are fetched.
func (f *Fetcher) FetchPage(ctx context.Context, pageURL string) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Accept", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5")
	resp, release, err := f.do(req)
	if err != nil {
		return nil, "", err
	}
	defer release()
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, final, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); ct != "" && err == nil && mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, final, fmt.Errorf("page is %s, not HTML", mt)
	}
	body, err := f.readBody(resp)
	if err != nil {
		return nil, final, err
	}
	return ToUTF8(body, ct), final, nil
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

// do sends req under the per-host cap. release frees the slot and must be
// called once the body is consumed.
func (f *Fetcher) do(req *http.Request) (*http.Response, func(), error) {
	req.Header.Set("User-Agent", f.UserAgent)
	if err := f.guard().checkRequest(req.Context(), req.URL); err != nil {
		return nil, nil, err
	}
	sem := f.hostSlot(req.URL)
	select {
	case sem <- struct{}{}:
	case <-req.Context().Done():
		return nil, nil, req.Context().Err()
	}
	release := func() { <-sem }
	resp, err := f.Client.Do(req)
	if err != nil {
		release()
		return nil, nil, cleanURLError(err)
	}
	return resp, release, nil
}

func (f *Fetcher) guard() *Guard {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Guard == nil {
		f.Guard = &Guard{}
	}
	return f.Guard
}

func (f *Fetcher) hostSlot(u *url.URL) chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.hosts == nil {
		f.hosts = map[string]chan struct{}{}
	}
	host := strings.ToLower(u.Host)
	sem, ok := f.hosts[host]
	if !ok {
		n := f.PerHost
		if n <= 0 {
			n = DefaultPerHost
		}
		sem = make(chan struct{}, n)
		f.hosts[host] = sem
	}
	return sem
}

func (f *Fetcher) readBody(resp *http.Response) ([]byte, error) {
	limit := f.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if resp.ContentLength > limit {
		return nil, fmt.Errorf("%w (%d bytes declared, cap %d)", ErrTooLarge, resp.ContentLength, limit)
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength) + 1)
	}
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if n > limit {
		return nil, fmt.Errorf("%w (cap %d bytes)", ErrTooLarge, limit)
	}
	return buf.Bytes(), nil
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
