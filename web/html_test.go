package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// get serves path from h as a loopback client and parses the page.
func get(t *testing.T, h http.Handler, path string, header ...string) (*httptest.ResponseRecorder, *html.Node) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.RemoteAddr = "127.0.0.1:50000"
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	doc, err := html.Parse(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatalf("GET %s: parse: %v", path, err)
	}
	return rec, doc
}

// findAll returns the elements named tag (any when "") for which match
// holds, in document order.
func findAll(n *html.Node, tag string, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (tag == "" || n.Data == tag) && (match == nil || match(n)) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func find(t *testing.T, n *html.Node, tag string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	all := findAll(n, tag, match)
	if len(all) == 0 {
		t.Fatalf("no <%s> found", tag)
	}
	return all[0]
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(key, val string) func(*html.Node) bool {
	return func(n *html.Node) bool { return attr(n, key) == val }
}

func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		for _, c := range strings.Fields(attr(n, "class")) {
			if c == class {
				return true
			}
		}
		return false
	}
}

// blockish elements end with a space in text, as a browser separates them.
var blockish = map[string]bool{"td": true, "th": true, "dt": true, "dd": true, "div": true, "li": true, "p": true,
	"tr": true, "h1": true, "h2": true, "h3": true, "title": true, "blockquote": true}

// text is the node's text content with white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockish[n.Data] {
			b.WriteString(" ")
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func texts(nodes []*html.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = text(n)
	}
	return out
}

// checkAccessible asserts the layout's landmarks, a title, a language, one
// h1, and a label for every form control.
func checkAccessible(t *testing.T, doc *html.Node) {
	t.Helper()
	if attr(find(t, doc, "html", nil), "lang") == "" {
		t.Error("<html> has no lang")
	}
	for _, tag := range []string{"header", "nav", "main", "footer", "title"} {
		if len(findAll(doc, tag, nil)) == 0 {
			t.Errorf("no <%s>", tag)
		}
	}
	if n := len(findAll(doc, "h1", nil)); n != 1 {
		t.Errorf("%d <h1>, want 1", n)
	}
	labels := map[string]bool{}
	for _, l := range findAll(doc, "label", nil) {
		labels[attr(l, "for")] = true
	}
	for _, in := range findAll(doc, "input", nil) {
		if !labels[attr(in, "id")] {
			t.Errorf("input %q has no label", attr(in, "name"))
		}
	}
	for _, svg := range findAll(doc, "svg", nil) {
		if attr(svg, "role") != "img" || attr(svg, "aria-labelledby") == "" {
			t.Error("chart without role=img and a label")
		}
	}
}

func body(rec *httptest.ResponseRecorder) string {
	b, _ := io.ReadAll(rec.Result().Body)
	return string(b)
}

func urlQuery(s string) string { return url.QueryEscape(s) }

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
