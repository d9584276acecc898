// Package faultfeed serves well-behaved and faulty feeds on loopback: the
// fault suite (feeds/fault_test.go) and `cmd/faultfeeds` poll it to show
// that one bad server cannot hang, flood or trick the poller.
//
// Paths (all GET):
//
//	/ok/{name}             a small valid RSS feed; its items link to /page/{name}/{i}
//	/page/{name}/{i}       an article page for those items
//	/big/{name}?bytes=N    a valid RSS feed of about N bytes, items carrying full articles
//	/hang/{name}           accepts the request and never answers
//	/drip/{name}           answers 200 and then one byte a second
//	/status/{code}         answers with that status (5xx, 4xx)
//	/huge/{name}           an endless body without a Content-Length
//	/gzip-bomb/{name}      a small gzip body that inflates to 256 MiB
//	/loop/{name}           a redirect loop (/loop/x → /loop/x/ → /loop/x …)
//	/redirect?to=URL       a redirect to URL (e.g. an internal address)
//	/links?to=URL&to=URL   a valid feed whose teaser items link to those URLs
//
// Texts are written for these tests (no corpus text).
package faultfeed

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Server is a running fault server. Hits counts requests per first path
// segment ("hang", "big", …).
type Server struct {
	*httptest.Server

	quit     chan struct{}
	quitOnce sync.Once
	mu       sync.Mutex
	hits     map[string]int
	inFlight atomic.Int32
}

// New starts a fault server on a loopback port.
func New() *Server {
	s := NewUnstarted()
	s.Server = httptest.NewServer(s.Handler())
	return s
}

// NewUnstarted returns the handler state without a server, for mounting
// Handler on a server of one's own (cmd/faultfeeds).
func NewUnstarted() *Server {
	return &Server{quit: make(chan struct{}), hits: map[string]int{}}
}

// Close releases hanging and dripping handlers, then stops the server.
func (s *Server) Close() {
	s.quitOnce.Do(func() { close(s.quit) })
	if s.Server != nil {
		s.Server.CloseClientConnections()
		s.Server.Close()
	}
}

// Hits returns how many requests a path kind ("hang", "ok", …) got.
func (s *Server) Hits(kind string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[kind]
}

// InFlight is the number of requests being served now.
func (s *Server) InFlight() int { return int(s.inFlight.Load()) }

// Handler serves the paths of the package comment. It may be mounted on
// any server; hanging handlers end when the client goes away.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ok/{name}", s.ok)
	mux.HandleFunc("GET /page/{name}/{i}", page)
	mux.HandleFunc("GET /big/{name}", big)
	mux.HandleFunc("GET /hang/{name}", s.hang)
	mux.HandleFunc("GET /drip/{name}", s.drip)
	mux.HandleFunc("GET /status/{code}", status)
	mux.HandleFunc("GET /huge/{name}", s.huge)
	mux.HandleFunc("GET /gzip-bomb/{name}", gzipBomb)
	mux.HandleFunc("GET /loop/", loop)
	mux.HandleFunc("GET /redirect", redirect)
	mux.HandleFunc("GET /links", links)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		kind, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		s.mu.Lock()
		s.hits[kind]++
		s.mu.Unlock()
		s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		mux.ServeHTTP(w, r)
	})
}

// Item is one feed item.
type Item struct{ GUID, Title, Link, Description, Content string }

// RSS renders an RSS 2.0 document.
func RSS(title string, items ...Item) []byte {
	var b bytes.Buffer
	WriteRSS(&b, title, items...)
	return b.Bytes()
}

// WriteRSS writes an RSS 2.0 document to w.
func WriteRSS(w io.Writer, title string, items ...Item) {
	writeHead(w, title)
	for _, it := range items {
		writeItem(w, it)
	}
	io.WriteString(w, "</channel></rss>")
}

func writeHead(w io.Writer, title string) {
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>%s</title><link>http://feeds.invalid/</link>`, html.EscapeString(title))
}

func writeItem(w io.Writer, it Item) {
	fmt.Fprintf(w, "<item><title>%s</title><guid isPermaLink=\"false\">%s</guid>", html.EscapeString(it.Title), html.EscapeString(it.GUID))
	if it.Link != "" {
		fmt.Fprintf(w, "<link>%s</link>", html.EscapeString(it.Link))
	}
	fmt.Fprintf(w, "<pubDate>Tue, 09 Apr 2024 10:00:00 GMT</pubDate><description>%s</description>", html.EscapeString(it.Description))
	if it.Content != "" {
		fmt.Fprintf(w, "<content:encoded><![CDATA[%s]]></content:encoded>", it.Content)
	}
	io.WriteString(w, "</item>")
}

func base(r *http.Request) string { return "http://" + r.Host }

func (s *Server) ok(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	var items []Item
	for i := range 3 {
		items = append(items, Item{
			GUID:        fmt.Sprintf("%s-%d", name, i),
			Title:       fmt.Sprintf("%s story %d", name, i),
			Link:        fmt.Sprintf("%s/page/%s/%d", base(r), name, i),
			Description: "A short teaser…",
		})
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(RSS(name, items...))
}

// Paragraph returns the n-th paragraph of generated diplomatic prose with
// a quotation, so extraction has work to do.
func Paragraph(n int) string {
	people := []string{"Anna Berg", "Tomas Ilves", "Maria Sola", "Kenji Mori", "Leila Haddad"}
	places := []string{"Vienna", "Geneva", "Nairobi", "Jakarta", "Montevideo"}
	p, q := people[n%len(people)], places[(n/5)%len(places)]
	return fmt.Sprintf("<p>Foreign Minister %s said on Tuesday in %s that talks on the grain corridor would resume, round %d. "+
		"\"We will not accept a deal that leaves our farmers behind,\" %s told reporters after the meeting, adding that the "+
		"delegations had agreed to meet again within %d days.</p>", p, q, n, p, n%30+2)
}

// Article is a generated article body of about size bytes.
func Article(seed, size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(Paragraph(seed*7919 + i))
	}
	return b.String()
}

func page(w http.ResponseWriter, r *http.Request) {
	i, _ := strconv.Atoi(r.PathValue("i"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<html><head><title>Story %d</title></head><body><nav>Home | World</nav><article><h1>Story %d</h1>%s</article><footer>© faultfeed</footer></body></html>",
		i, i, Article(i, 4000))
}

// big streams a valid feed of about ?bytes= bytes (default 9 MB) made of
// items of about 45 KB each, every one a full article.
func big(w http.ResponseWriter, r *http.Request) {
	size, err := strconv.Atoi(r.URL.Query().Get("bytes"))
	if err != nil || size <= 0 {
		size = 9_000_000
	}
	itemSize := 45_000
	if v, err := strconv.Atoi(r.URL.Query().Get("item")); err == nil && v > 0 {
		itemSize = v
	}
	name := r.PathValue("name")
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	cw := &countingWriter{w: w}
	writeHead(cw, name)
	for i := 0; cw.n < int64(size-itemSize); i++ {
		writeItem(cw, Item{
			GUID:        fmt.Sprintf("%s-%d", name, i),
			Title:       fmt.Sprintf("%s report %d", name, i),
			Link:        fmt.Sprintf("%s/page/%s/%d", base(r), name, i),
			Description: "Ministers met again.",
			Content:     Article(i, itemSize),
		})
	}
	io.WriteString(cw, "</channel></rss>")
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (s *Server) hang(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.quit:
	}
}

func (s *Server) drip(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	w.WriteHeader(http.StatusOK)
	doc := RSS("drip", Item{GUID: "d", Title: "Drip", Description: "slow"})
	for _, c := range doc {
		w.Write([]byte{c})
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case <-time.After(time.Second):
		}
	}
}

func status(w http.ResponseWriter, r *http.Request) {
	code, err := strconv.Atoi(r.PathValue("code"))
	if err != nil || code < 100 || code > 999 {
		code = http.StatusInternalServerError
	}
	http.Error(w, http.StatusText(code), code)
}

func (s *Server) huge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	writeHead(w, "huge")
	chunk := bytes.Repeat([]byte("<!-- padding padding padding padding padding padding padding -->\n"), 1024)
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
		select {
		case <-s.quit:
			return
		default:
		}
	}
}

var (
	bombOnce sync.Once
	bomb     []byte
)

// gzipBomb sends about 256 KB that inflate to 256 MiB of padding: one
// gzip member of 1 MiB of spaces, repeated (readers inflate concatenated
// members as one stream).
func gzipBomb(w http.ResponseWriter, r *http.Request) {
	bombOnce.Do(func() {
		var head, member bytes.Buffer
		zw := gzip.NewWriter(&head)
		writeHead(zw, "bomb")
		zw.Close()
		zw = gzip.NewWriter(&member)
		zw.Write(bytes.Repeat([]byte(" "), 1<<20))
		zw.Close()
		bomb = append(head.Bytes(), bytes.Repeat(member.Bytes(), 256)...)
	})
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(bomb)))
	w.Write(bomb)
}

func loop(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Path + "/"
	if strings.HasSuffix(r.URL.Path, "/") {
		next = strings.TrimSuffix(r.URL.Path, "/")
	}
	http.Redirect(w, r, next, http.StatusFound)
}

func redirect(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
}

func links(w http.ResponseWriter, r *http.Request) {
	var items []Item
	for i, to := range r.URL.Query()["to"] {
		items = append(items, Item{GUID: fmt.Sprintf("link-%d", i), Title: fmt.Sprintf("Link %d", i), Link: to, Description: "A short teaser…"})
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(RSS("links", items...))
}
