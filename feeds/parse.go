package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"
)

// ParseError is a feed body gofeed could not read; Reason is what gets
// stored as the feed's LastError.
type ParseError struct {
	Reason string
	Err    error
}

func (e *ParseError) Error() string { return "parse feed: " + e.Reason }
func (e *ParseError) Unwrap() error { return e.Err }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}

	xmlDecl         = regexp.MustCompile(`^<\?xml[^>]*\?>`)
	xmlDeclEncoding = regexp.MustCompile(`encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)
)

// Parse reads an RSS, Atom, RDF or JSON feed. It repairs what real feeds get
// wrong before handing the body to gofeed: byte-order marks, junk before the
// first tag, a charset given only by the Content-Type header, undeclared
// Latin-1 (invalid UTF-8 with no declaration), and truncated documents
// (missing closing tags). Bare '&' and stray control characters are
// tolerated by gofeed itself. A feed that still cannot be read returns a
// *ParseError carrying the parser's reason.
func Parse(body []byte, contentType string) (*gofeed.Feed, error) {
	body, err := normalize(body, contentType)
	if err != nil {
		return nil, &ParseError{Reason: err.Error(), Err: err}
	}
	feed, err := newGofeedParser().Parse(bytes.NewReader(body))
	if err == nil {
		return feed, nil
	}
	// A document cut off mid-way often still holds whole items: close the
	// open elements and try again, keeping the result only if it has items.
	if repaired, ok := closeOpenElements(body); ok {
		if f, rerr := newGofeedParser().Parse(bytes.NewReader(repaired)); rerr == nil && len(f.Items) > 0 {
			return f, nil
		}
	}
	reason := err.Error()
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		reason = "not a feed (no RSS, Atom, RDF or JSON feed found)"
	}
	return nil, &ParseError{Reason: reason, Err: err}
}

// newGofeedParser skips gofeed's search for an image in every item's HTML:
// we never use it and it parses each item body once more.
func newGofeedParser() *gofeed.Parser {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}

// normalize returns body as UTF-8 XML starting at its first tag.
func normalize(body []byte, contentType string) ([]byte, error) {
	switch {
	case bytes.HasPrefix(body, bomUTF8):
		body = body[len(bomUTF8):]
	case bytes.HasPrefix(body, bomUTF16LE):
		return normalizeTranscoded(body[2:], "utf-16le")
	case bytes.HasPrefix(body, bomUTF16BE):
		return normalizeTranscoded(body[2:], "utf-16be")
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, errors.New("empty body")
	}
	// JSON feeds need no XML repairs.
	if trimmed[0] == '{' {
		return trimmed, nil
	}
	// Drop junk (stray text, PHP warnings) before the first tag.
	if i := bytes.IndexByte(trimmed, '<'); i > 0 {
		trimmed = trimmed[i:]
	} else if i < 0 {
		return nil, errors.New("no XML in body")
	}
	body = trimmed

	declared := ""
	if m := xmlDecl.Find(body); m != nil {
		if e := xmlDeclEncoding.FindSubmatch(m); e != nil {
			declared = strings.ToLower(string(e[1]))
		}
	}
	headerCharset := ""
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			headerCharset = strings.ToLower(params["charset"])
		}
	}
	switch {
	case hasMultiByteUTF8(body):
		// Valid UTF-8 with multi-byte sequences is UTF-8 whatever the
		// header or declaration claims: legacy text almost never happens
		// to be valid UTF-8, while feeds mislabelled as windows-1251 or
		// ISO-8859-1 are common (and decoding them again gives mojibake).
		if declared != "" && !isUTF8Label(declared) {
			body = append([]byte(`<?xml version="1.0" encoding="UTF-8"?>`), body[len(xmlDecl.Find(body)):]...)
		}
		return body, nil
	case declared != "" && !isUTF8Label(declared):
		// gofeed converts declared encodings itself.
		return body, nil
	case declared == "" && headerCharset != "" && !isUTF8Label(headerCharset):
		return normalizeTranscoded(body, headerCharset)
	case !utf8.Valid(body):
		// Declared (or defaulted) UTF-8 that is not: almost always Latin-1
		// from a server that forgot to say so. windows-1252 is its superset.
		return normalizeTranscoded(body, "windows-1252")
	}
	return body, nil
}

// hasMultiByteUTF8 reports whether b is valid UTF-8 and not plain ASCII.
func hasMultiByteUTF8(b []byte) bool {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return utf8.Valid(b[i:])
		}
	}
	return false
}

func isUTF8Label(label string) bool {
	return label == "utf-8" || label == "utf8" || label == "us-ascii" || label == "ascii"
}

// normalizeTranscoded converts body from the named charset to UTF-8 and
// rewrites the XML declaration to say so.
func normalizeTranscoded(body []byte, label string) ([]byte, error) {
	enc, _ := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(body)))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", label, err)
	}
	out = bytes.TrimLeft(out, " \t\r\n\ufeff")
	if i := bytes.IndexByte(out, '<'); i > 0 {
		out = out[i:]
	}
	if m := xmlDecl.Find(out); m != nil {
		out = append([]byte(`<?xml version="1.0" encoding="UTF-8"?>`), out[len(m):]...)
	}
	return out, nil
}

// closeOpenElements appends the closing tags of elements left open when the
// document ends early. It reports false when nothing was open.
func closeOpenElements(body []byte) ([]byte, bool) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var open []string
	good := int64(0)
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, qualified(t.Name))
		case xml.EndElement:
			if n := len(open); n > 0 {
				open = open[:n-1]
			}
		}
		good = d.InputOffset()
	}
	if len(open) == 0 {
		return nil, false
	}
	out := make([]byte, 0, good+int64(len(open))*16)
	out = append(out, body[:good]...)
	for i := len(open) - 1; i >= 0; i-- {
		out = append(out, "</"+open[i]+">"...)
	}
	return out, true
}

func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
