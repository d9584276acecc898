package bot

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/store"
)

// Limits on feeds added at run time: people in a channel should not be
// able to make briefbot hammer a site or fill the feed list with noise.
const (
	MinFeedInterval = time.Minute
	MaxFeedInterval = 7 * 24 * time.Hour
	maxFeedName     = 80
	maxFeedTags     = 10
	maxFeedTag      = 32
)

// FeedFinder validates what someone asks to add: a feed, or a page that
// links one (*feeds.Finder).
type FeedFinder interface {
	Find(ctx context.Context, rawURL string) (feeds.Found, error)
}

// FeedManager adds and removes run-time feeds. Chat (`feeds add`,
// `feeds remove`) and the CLI (`briefbot feeds add|remove|import`) share
// it, so the rules are the same everywhere: one feed per canonical URL,
// unique names, configured feeds changed only in their config file.
type FeedManager struct {
	Store  store.Store
	Finder FeedFinder // nil: URLs are stored without fetching (imports that skip checks)
	// Guard, when Finder is nil, refuses literal internal addresses
	// (names are checked when the feed is polled, public-only).
	Guard *feeds.Guard
}

// AddFeedRequest is a feed someone asks to add.
type AddFeedRequest struct {
	URL      string
	Name     string        // empty: the feed's own title
	Title    string        // name to use when Name is empty and nothing was fetched (imports); made unique
	Interval time.Duration // 0: the poll default
	Tags     []string
	AddedBy  string // "slack:U0123", "cli", …
}

// AddFeedResult is what AddFeed did.
type AddFeedResult struct {
	Feed    briefbot.Feed
	Found   feeds.Found // what was fetched (zero when Finder is nil or the feed was already present)
	Created bool        // false: the feed was already present (Feed is that one)
}

// FeedRefusal is a feed request that cannot be done; the message says why
// and what to do.
type FeedRefusal struct{ Msg string }

func (e *FeedRefusal) Error() string { return e.Msg }

func refuse(format string, args ...any) error { return &FeedRefusal{Msg: fmt.Sprintf(format, args...)} }

// Add validates req (fetching and parsing the feed, discovering it when
// the URL is a page) and stores it as a run-time feed. A feed already
// present under the same canonical URL is returned with Created false.
func (m FeedManager) Add(ctx context.Context, req AddFeedRequest) (AddFeedResult, error) {
	active, err := m.Store.ListFeeds(ctx)
	if err != nil {
		return AddFeedResult{}, err
	}
	return m.add(ctx, req, newFeedIndex(active))
}

// AddAll adds each request in turn, as Add would, reading the feed list
// once (an OPML import of thousands of outlines stays linear), and calls
// each with every outcome. A *FeedRefusal goes to each; other errors
// (the store failing) stop it.
func (m FeedManager) AddAll(ctx context.Context, reqs []AddFeedRequest, each func(i int, res AddFeedResult, err error)) error {
	active, err := m.Store.ListFeeds(ctx)
	if err != nil {
		return err
	}
	idx := newFeedIndex(active)
	for i, req := range reqs {
		res, err := m.add(ctx, req, idx)
		var fr *FeedRefusal
		if err != nil && !errors.As(err, &fr) {
			return err
		}
		each(i, res, err)
	}
	return nil
}

func (m FeedManager) add(ctx context.Context, req AddFeedRequest, idx *feedIndex) (AddFeedResult, error) {
	raw, err := feeds.NormalizeFeedURL(req.URL)
	if err != nil {
		return AddFeedResult{}, refuse("Can't add %q: %v.", req.URL, err)
	}
	if req.Interval != 0 && (req.Interval < MinFeedInterval || req.Interval > MaxFeedInterval) {
		return AddFeedResult{}, refuse("Can't poll a feed every %s: use an interval between %s and %s.", req.Interval, MinFeedInterval, MaxFeedInterval)
	}
	tags, err := cleanTags(req.Tags)
	if err != nil {
		return AddFeedResult{}, err
	}
	name := strings.TrimSpace(req.Name)
	if utf8.RuneCountInString(name) > maxFeedName {
		return AddFeedResult{}, refuse("The name %q is too long: at most %d characters.", clip(name, 30), maxFeedName)
	}
	if f, ok := idx.withKey(feeds.FeedKey(raw)); ok {
		return AddFeedResult{Feed: f}, nil
	}
	found := feeds.Found{URL: raw, Title: req.Title}
	if m.Finder == nil {
		if err := checkLiteralHost(m.Guard, raw); err != nil {
			return AddFeedResult{}, err
		}
	} else {
		found, err = m.Finder.Find(ctx, raw)
		var fe *feeds.FindError
		if errors.As(err, &fe) {
			return AddFeedResult{}, refuse("Can't add %s: %s.", fe.URL, fe.Reason)
		}
		if err != nil {
			return AddFeedResult{}, err
		}
		if f, ok := idx.withKey(feeds.FeedKey(found.URL)); ok {
			return AddFeedResult{Feed: f, Found: found}, nil
		}
	}
	if name == "" {
		name = idx.uniqueName(clip(strings.Join(strings.Fields(found.Title), " "), maxFeedName), found.URL)
	} else if other, ok := idx.named(name); ok {
		return AddFeedResult{}, refuse("The name %q is taken by the feed at %s: choose another name.", other.Name, other.URL)
	}
	f, created, err := m.Store.AddFeed(ctx, briefbot.Feed{
		Name: name, URL: found.URL, Interval: req.Interval, Tags: tags,
		Owner: briefbot.OwnerRuntime, AddedBy: req.AddedBy,
	})
	if err != nil {
		return AddFeedResult{}, err
	}
	idx.put(f)
	return AddFeedResult{Feed: f, Found: found, Created: created}, nil
}

// feedIndex finds active feeds by canonical URL (feeds.FeedKey) and by
// name, case-insensitively.
type feedIndex struct {
	byKey  map[string]briefbot.Feed
	byName map[string]briefbot.Feed
}

func newFeedIndex(list []briefbot.Feed) *feedIndex {
	idx := &feedIndex{byKey: make(map[string]briefbot.Feed, len(list)), byName: make(map[string]briefbot.Feed, len(list))}
	for _, f := range list {
		idx.put(f)
	}
	return idx
}

func (idx *feedIndex) put(f briefbot.Feed) {
	if key := feeds.FeedKey(f.URL); key != "" {
		idx.byKey[key] = f
	}
	idx.byName[strings.ToLower(f.Name)] = f
}

func (idx *feedIndex) withKey(key string) (briefbot.Feed, bool) {
	if key == "" {
		return briefbot.Feed{}, false
	}
	f, ok := idx.byKey[key]
	return f, ok
}

func (idx *feedIndex) named(name string) (briefbot.Feed, bool) {
	f, ok := idx.byName[strings.ToLower(name)]
	return f, ok
}

// uniqueName is title, or title with the feed's host, or a numbered
// variant: the first that no active feed uses.
func (idx *feedIndex) uniqueName(title, feedURL string) string {
	host := feeds.FeedKey(feedURL)
	if i := strings.IndexAny(host, "/?"); i >= 0 {
		host = host[:i]
	}
	if title == "" {
		title = host
	}
	candidates := []string{title, title + " (" + host + ")"}
	for i := 2; i < 100; i++ {
		candidates = append(candidates, fmt.Sprintf("%s %d", title, i))
	}
	for _, c := range candidates {
		if _, taken := idx.named(c); !taken {
			return c
		}
	}
	return feedURL
}

// Remove retires the active feed called name (or at that URL). Feeds of a
// configuration are refused unless force: their file is authoritative and
// the next reload would bring them back; force is for the CLI, to clear
// feeds of a configuration that is no longer used.
func (m FeedManager) Remove(ctx context.Context, name string, force bool) (briefbot.Feed, error) {
	name = strings.Trim(strings.TrimSpace(name), `"'`)
	if name == "" {
		return briefbot.Feed{}, refuse("Which feed? Give its name as `feeds` lists it.")
	}
	active, err := m.Store.ListFeeds(ctx)
	if err != nil {
		return briefbot.Feed{}, err
	}
	f, ok := feedNamed(active, name)
	if !ok {
		if key := feeds.FeedKey(name); key != "" {
			f, ok = feedWithKey(active, key)
		}
	}
	if !ok {
		return briefbot.Feed{}, refuse("No feed is called %q.%s", name, closeFeedNames(active, name))
	}
	if f.FromConfig() && !force {
		where := strings.TrimPrefix(strings.TrimPrefix(f.Owner, briefbot.OwnerConfig), ":")
		if where == "" {
			where = "the configuration"
		}
		return briefbot.Feed{}, refuse("%q comes from %s: remove it there and reload briefbot (SIGHUP), or it comes back.", f.Name, where)
	}
	ok, err = m.Store.RemoveFeed(ctx, f.ID, f.Owner)
	if err != nil {
		return briefbot.Feed{}, err
	}
	if !ok {
		return briefbot.Feed{}, refuse("%q was changed meanwhile (removed, or taken over by a configuration); see `feeds`.", f.Name)
	}
	return f, nil
}

// checkLiteralHost refuses a URL whose host is an internal address
// written out (or localhost), without resolving anything.
func checkLiteralHost(g *feeds.Guard, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return refuse("Can't add %q: not a URL.", raw)
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return refuse("Can't add %s: refused: localhost is not a public address.", raw)
	}
	if ip, err := netip.ParseAddr(host); err == nil && !g.Allowed(ip) {
		return refuse("Can't add %s: refused: %s is not a public address.", raw, ip)
	}
	return nil
}

func feedWithKey(list []briefbot.Feed, key string) (briefbot.Feed, bool) {
	if key == "" {
		return briefbot.Feed{}, false
	}
	for _, f := range list {
		if feeds.FeedKey(f.URL) == key {
			return f, true
		}
	}
	return briefbot.Feed{}, false
}

func feedNamed(list []briefbot.Feed, name string) (briefbot.Feed, bool) {
	for _, f := range list {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	return briefbot.Feed{}, false
}

func closeFeedNames(list []briefbot.Feed, name string) string {
	var near []string
	lower := strings.ToLower(name)
	for _, f := range list {
		l := strings.ToLower(f.Name)
		if strings.Contains(l, lower) || strings.Contains(lower, l) {
			near = append(near, f.Name)
		}
	}
	if len(near) == 0 {
		return " `feeds` lists them."
	}
	return " Did you mean " + strings.Join(near, ", ") + "?"
}

func cleanTags(tags []string) ([]string, error) {
	var out []string
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || slices.Contains(out, t) {
			continue
		}
		if utf8.RuneCountInString(t) > maxFeedTag || strings.ContainsAny(t, " \t\"") {
			return nil, refuse("The tag %q is not allowed: tags are single words of at most %d characters.", clip(t, 40), maxFeedTag)
		}
		out = append(out, t)
	}
	if len(out) > maxFeedTags {
		return nil, refuse("Too many tags (%d): at most %d.", len(out), maxFeedTags)
	}
	return out, nil
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
