package feeds

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
	"github.com/mmcdole/gofeed"
)

// teaserWords is the length under which an item's text is taken for a
// teaser and the linked page is fetched for the full article.
const teaserWords = 150

// ItemArticle turns one parsed feed item into an Article (no ID, Summary,
// Statements or Actors yet). base resolves relative item links (the feed's
// own link, else the feed URL); fetchedAt stands in for a missing date.
// Text holds the item's full content when the feed carries it, else its
// description: IsTeaser says whether the page should be fetched instead.
func ItemArticle(feed briefbot.Feed, item *gofeed.Item, base *url.URL, fetchedAt time.Time) briefbot.Article {
	guid, canonical := itemIdentity(item, base)
	a := briefbot.Article{
		FeedID:    feed.ID,
		FeedName:  feed.Name,
		GUID:      guid,
		URL:       canonical,
		Title:     HTMLText(item.Title, false),
		Teaser:    HTMLText(item.Description, true),
		FetchedAt: fetchedAt,
	}

	a.Text = HTMLText(item.Content, true)
	if a.Text == "" || !hasWords(a.Text, wordCount(a.Teaser)) {
		a.Text = a.Teaser
	}
	if a.Teaser == "" {
		a.Teaser = firstParagraph(a.Text)
	}

	switch {
	case len(item.Authors) > 0 && item.Authors[0] != nil && item.Authors[0].Name != "":
		a.Author = item.Authors[0].Name
	case item.Author != nil && item.Author.Name != "":
		a.Author = item.Author.Name
	case item.DublinCoreExt != nil && len(item.DublinCoreExt.Creator) > 0:
		a.Author = item.DublinCoreExt.Creator[0]
	}
	a.Author = strings.TrimSpace(a.Author)

	switch {
	case item.PublishedParsed != nil && !item.PublishedParsed.IsZero():
		a.PublishedAt = *item.PublishedParsed
	case item.UpdatedParsed != nil && !item.UpdatedParsed.IsZero():
		a.PublishedAt = *item.UpdatedParsed
	default:
		if t, ok := parseLocalizedDate(item.Published); ok {
			a.PublishedAt = t
		} else if t, ok := parseLocalizedDate(item.Updated); ok {
			a.PublishedAt = t
		} else {
			a.PublishedAt = fetchedAt
		}
	}
	a.PublishedAt = a.PublishedAt.UTC()
	a.Hash = ArticleHash(scopedGUID(feed.URL, a.GUID), a.URL, a.Title, a.Text)
	return a
}

// scopedGUID makes a GUID that is only unique within its feed ("1234",
// "post-17") unique across feeds by prefixing the feed URL. GUIDs that are
// URLs, tag: or urn: URIs are global already and stay as they are, so
// one article carried by two feeds keeps one identity.
func scopedGUID(feedURL, guid string) string {
	if guid == "" || looksLikeURL(guid) || strings.HasPrefix(guid, "tag:") || strings.HasPrefix(guid, "urn:") {
		return guid
	}
	return feedURL + " " + guid
}

// itemIdentity returns an item's GUID and canonical link: enough to know
// whether it is stored already without converting its content.
func itemIdentity(item *gofeed.Item, base *url.URL) (guid, canonical string) {
	guid = strings.TrimSpace(item.GUID)
	link := strings.TrimSpace(item.Link)
	if link == "" && len(item.Links) > 0 {
		link = strings.TrimSpace(item.Links[0])
	}
	if link == "" {
		link = extensionLink(item)
	}
	if link == "" && looksLikeURL(guid) {
		link = guid
	}
	return guid, CanonicalURL(link, base)
}

// ArticleHash is an article's stable identity: the GUID when the feed gives
// one (scoped to its feed unless globally unique, see scopedGUID), else the
// canonical link, else the title and content.
func ArticleHash(guid, canonicalURL, title, content string) string {
	var key string
	switch {
	case guid != "":
		key = "guid:" + guid
	case canonicalURL != "":
		key = "url:" + canonicalURL
	default:
		key = "text:" + title + "\n" + content
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// IsTeaser reports whether a's text is only a teaser, so the linked page
// should be fetched for the full article: it is short, or it ends the way
// truncated descriptions do ("…", "[...]", "Read more").
func IsTeaser(a briefbot.Article) bool {
	t := strings.TrimSpace(a.Text)
	if t == "" {
		return true
	}
	tail := t[max(0, len(t)-32):]
	lower := strings.ToLower(tail)
	for _, end := range []string{"…", "...", "[…]", "[...]", "read more", "read more »", "continue reading", "read the full story", "more »"} {
		if strings.HasSuffix(lower, end) {
			return true
		}
	}
	return !hasWords(t, teaserWords)
}

// trackingParams are query parameters that only identify a campaign.
var trackingParams = map[string]bool{"fbclid": true, "gclid": true, "mc_cid": true, "mc_eid": true, "ocid": true, "wt_mc": true}

// CanonicalURL normalises an article link so the same story linked by two
// feeds gets one URL: resolved against base, scheme and host lowercased,
// default port, fragment and tracking parameters (utm_*, fbclid, gclid)
// dropped. It returns "" for links that are not http(s).
func CanonicalURL(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if base != nil && !u.IsAbs() {
		u = base.ResolveReference(u)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	if port := u.Port(); port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https" {
		u.Host = u.Hostname()
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		q := u.Query()
		removed := false
		for k := range q {
			if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
				q.Del(k)
				removed = true
			}
		}
		if removed {
			u.RawQuery = q.Encode()
		}
	}
	u.ForceQuery = false
	return u.String()
}

func firstParagraph(text string) string {
	if i := strings.Index(text, "\n\n"); i >= 0 {
		return text[:i]
	}
	return text
}

func wordCount(s string) int { return countWords(s, -1) }

// hasWords reports whether s has at least n words, reading only as far as
// needed.
func hasWords(s string, n int) bool { return countWords(s, n) >= n }

// countWords counts words of s, stopping at limit when it is not negative.
func countWords(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s) && n != limit; {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// extensionLink finds a link given as a namespaced element gofeed keeps
// as an extension, e.g. <a10:link href="…"/> (Atom inside RSS).
func extensionLink(item *gofeed.Item) string {
	for _, elems := range item.Extensions {
		for _, e := range elems["link"] {
			if href := strings.TrimSpace(e.Attrs["href"]); href != "" {
				return href
			}
			if v := strings.TrimSpace(e.Value); looksLikeURL(v) {
				return v
			}
		}
	}
	return ""
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
