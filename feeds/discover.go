package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of Finder, used when its fields are zero. A page or feed someone
// pasted in chat gets a smaller budget than a configured feed.
const (
	DefaultFindTimeout  = 20 * time.Second
	DefaultFindMaxBytes = 4 << 20
	maxFindCandidates   = 8 // feeds tried from one page's <link> tags
)

// CommonFeedPaths are tried, in order, on the site of a page that links
// no feed.
var CommonFeedPaths = []string{"/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml"}

// feedLinkTypes are the <link rel="alternate"> types that name a feed.
var feedLinkTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/rdf+xml":   true,
}

// Found is a feed a Finder validated: it was fetched and parsed.
type Found struct {
	URL   string // where the feed is served (after redirects)
	Title string // the feed's own title
	Items int    // items in the document
	Via   string // how it was found: "url" (given), "link" (<link rel=alternate>) or "path" (a common path)
}

// FindError is a refusal to add a URL: Reason says why, in words meant
// for the person who pasted it.
type FindError struct {
	URL    string
	Reason string
	Err    error
}

func (e *FindError) Error() string { return e.URL + ": " + e.Reason }
func (e *FindError) Unwrap() error { return e.Err }

// Finder turns a URL someone gave (a feed, or a web page that links one)
// into one validated feed. Every request goes through Fetcher's Guard as
// public-only: the URL is untrusted, so even its own host is not, unless
// an allow_private range opens it. Safe for concurrent use.
type Finder struct {
	// Fetcher does the requests: its Guard, MaxBytes (cmd gives the
	// Finder its own, capped at DefaultFindMaxBytes) and timeouts apply.
	Fetcher *Fetcher
	Timeout time.Duration // for the whole search; DefaultFindTimeout when zero
}

// Find fetches rawURL; a feed is validated as is, a page is searched for
// <link rel="alternate"> feeds, then the site's CommonFeedPaths are tried.
// The first candidate that parses as a feed wins. A refusal is a
// *FindError naming the reason.
func (f *Finder) Find(ctx context.Context, rawURL string) (Found, error) {
	u, err := NormalizeFeedURL(rawURL)
	if err != nil {
		return Found{}, &FindError{URL: rawURL, Reason: err.Error(), Err: err}
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultFindTimeout
	}
	ctx, cancel := context.WithTimeout(PublicOnly(ctx), timeout)
	defer cancel()
	if err := f.Fetcher.guard().CheckURL(ctx, u); err != nil {
		return Found{}, f.refusal(u, err)
	}

	body, contentType, final, err := f.get(ctx, u)
	if err != nil {
		return Found{}, f.refusal(u, err)
	}
	found, perr := parseFound(body, contentType, final)
	if perr == nil {
		found.Via = "url"
		return found, nil
	}
	base, _ := url.Parse(final)
	var tried []string
	if !isHTML(body, contentType) {
		tried = append(tried, fmt.Sprintf("%s itself (%s)", u, shortReason(perr)))
	} else {
		for _, cand := range feedLinks(body, base) {
			if found, err := f.try(ctx, cand); err == nil {
				found.Via = "link"
				return found, nil
			} else if ctx.Err() != nil {
				return Found{}, f.refusal(u, ctx.Err())
			} else {
				tried = append(tried, fmt.Sprintf("%s (%s)", cand, shortReason(err)))
			}
		}
	}
	for _, p := range CommonFeedPaths {
		cand := base.ResolveReference(&url.URL{Path: p}).String()
		found, err := f.try(ctx, cand)
		if err == nil {
			found.Via = "path"
			return found, nil
		}
		if ctx.Err() != nil {
			return Found{}, f.refusal(u, ctx.Err())
		}
		var blocked *BlockedError
		if errors.As(err, &blocked) {
			tried = append(tried, fmt.Sprintf("%s (%s)", cand, shortReason(err)))
		}
	}
	reason := "no feed found: not a feed, and the page links no feed (<link rel=\"alternate\">) and none of " + strings.Join(CommonFeedPaths, ", ") + " on its site is one"
	if len(tried) > 0 {
		reason += "; tried " + strings.Join(tried, ", ")
	}
	return Found{}, &FindError{URL: u, Reason: reason}
}

// try fetches one candidate and parses it as a feed.
func (f *Finder) try(ctx context.Context, cand string) (Found, error) {
	body, ct, final, err := f.get(ctx, cand)
	if err != nil {
		return Found{}, err
	}
	return parseFound(body, ct, final)
}

// get fetches u under the discovery size cap.
func (f *Finder) get(ctx context.Context, u string) (body []byte, contentType, final string, err error) {
	resp, err := f.Fetcher.FetchFeed(ctx, briefbot.Feed{URL: u})
	if err != nil {
		return nil, "", "", err
	}
	return resp.Body, resp.ContentType, resp.FinalURL, nil
}

func parseFound(body []byte, contentType, final string) (Found, error) {
	parsed, err := Parse(body, contentType)
	if err != nil {
		return Found{}, err
	}
	title := strings.TrimSpace(parsed.Title)
	if title == "" {
		if u, err := url.Parse(final); err == nil {
			title = u.Hostname()
		}
	}
	return Found{URL: final, Title: title, Items: len(parsed.Items)}, nil
}

// refusal words a fetch failure for the person who pasted the URL.
func (f *Finder) refusal(u string, err error) *FindError {
	return &FindError{URL: u, Reason: shortReason(err), Err: err}
}

func shortReason(err error) string {
	var (
		blocked *BlockedError
		status  *StatusError
		perr    *ParseError
	)
	switch {
	case errors.As(err, &blocked):
		return fmt.Sprintf("refused: %s is not a public address (%s); only public addresses may be added from chat", blocked.Host, blocked.Addr)
	case errors.Is(err, context.DeadlineExceeded) || Classify(err) == ClassTimeout:
		return "no answer in time"
	case errors.As(err, &status):
		return "the server answered HTTP " + status.Status
	case errors.Is(err, ErrTooLarge):
		return "too large: " + err.Error()
	case errors.As(err, &perr):
		return "not a feed: " + perr.Reason
	}
	return err.Error()
}

// NormalizeFeedURL turns what someone typed into an absolute http(s) URL:
// Slack's <url|label> wrapping is removed and a missing scheme means
// https. Other schemes, user names and passwords in URLs are refused.
func NormalizeFeedURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	if i := strings.IndexByte(s, '|'); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return "", errors.New("no URL given")
	}
	if !strings.Contains(s, "://") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("not a URL (%v)", err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("only http and https URLs can be feeds, not %s", u.Scheme)
	case u.Host == "" || u.Hostname() == "":
		return "", errors.New("the URL has no host")
	case u.User != nil:
		return "", errors.New("URLs with a user name or password are not accepted")
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String(), nil
}

// FeedKey is the identity of a feed URL for duplicate checks: scheme,
// default port, "www.", fragment and a trailing slash do not make another
// feed. It returns "" for a URL that is not http(s).
func FeedKey(raw string) string {
	c := CanonicalURL(raw, nil)
	if c == "" {
		return ""
	}
	u, err := url.Parse(c)
	if err != nil {
		return ""
	}
	host := strings.TrimPrefix(u.Host, "www.")
	path := strings.TrimRight(u.EscapedPath(), "/")
	key := host + path
	if u.RawQuery != "" {
		key += "?" + u.RawQuery
	}
	return key
}

func isHTML(body []byte, contentType string) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && (mt == "text/html" || mt == "application/xhtml+xml") {
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html"))
}

// feedLinks returns the feeds a page announces with <link rel="alternate"
// type="…">, resolved against base (or the page's <base href>), in page
// order, without duplicates.
func feedLinks(page []byte, base *url.URL) []string {
	z := html.NewTokenizer(bytes.NewReader(ToUTF8(page, "")))
	var out []string
	seen := map[string]bool{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Body {
				return out // feeds are announced in <head>
			}
			if !hasAttr || a != atom.Link && a != atom.Base {
				continue
			}
			attrs := map[string]string{}
			for {
				k, v, more := z.TagAttr()
				attrs[string(k)] = string(v)
				if !more {
					break
				}
			}
			href, err := url.Parse(strings.TrimSpace(attrs["href"]))
			if err != nil || attrs["href"] == "" {
				continue
			}
			if a == atom.Base {
				base = base.ResolveReference(href)
				continue
			}
			rel := strings.Fields(strings.ToLower(attrs["rel"]))
			mt, _, _ := mime.ParseMediaType(attrs["type"])
			if !contains(rel, "alternate") || !feedLinkTypes[mt] {
				continue
			}
			abs := base.ResolveReference(href)
			if abs.Scheme != "http" && abs.Scheme != "https" {
				continue
			}
			s := abs.String()
			if !seen[s] && len(out) < maxFindCandidates {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
