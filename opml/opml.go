// Package opml reads and writes OPML 2.0 subscription lists, the format
// feed readers (Miniflux, Feedly, NetNewsWire, …) import and export.
// Categories carry tags: a feed's outline lists them in its category
// attribute, and folders (outlines without xmlUrl that hold others) add
// their text as a tag to the feeds inside.
package opml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Feed is one feed outline, with the tags of its categories and folders.
type Feed struct {
	Title   string
	XMLURL  string
	HTMLURL string
	Tags    []string
}

// Outline is one <outline> as read: either a feed (XMLURL set), a folder
// (children), or neither, which Read reports as invalid.
type Outline struct {
	Feed
	Line   int    // where it starts in the file, for reports
	Reason string // why it is invalid; empty for a feed
}

type document struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    head     `xml:"head"`
	Body    body     `xml:"body"`
}

type head struct {
	Title       string `xml:"title,omitempty"`
	DateCreated string `xml:"dateCreated,omitempty"`
}

type body struct {
	Outlines []outline `xml:"outline"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Category string    `xml:"category,attr,omitempty"`
	Outlines []outline `xml:"outline"`
}

// MaxOutlines caps what Read accepts, so a hostile file cannot make an
// import run for hours.
const MaxOutlines = 10000

// Read parses an OPML document (1.0 or 2.0) and returns every feed
// outline and every invalid one, in document order; folders are flattened
// into their feeds' tags. Only a document that is not OPML at all is an
// error.
func Read(r io.Reader) ([]Outline, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.CharsetReader = charset.NewReaderLabel
	type frame struct {
		folder   bool
		name     string
		line     int
		children bool
	}
	var (
		out     []Outline
		stack   []frame
		sawOPML bool
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if !sawOPML {
				return nil, fmt.Errorf("not an OPML file: %w", err)
			}
			return out, fmt.Errorf("OPML broken after %d outlines: %w", len(out), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(t.Name.Local) {
			case "opml":
				sawOPML = true
			case "outline":
				if !sawOPML {
					return nil, errors.New("not an OPML file: <outline> outside <opml>")
				}
				if len(out) >= MaxOutlines {
					return out, fmt.Errorf("more than %d outlines: split the file", MaxOutlines)
				}
				if n := len(stack); n > 0 {
					stack[n-1].children = true
				}
				o := readOutline(t)
				line, _ := dec.InputPos()
				if o.XMLURL == "" {
					// A folder: its name tags what it holds. Whether it is
					// empty (then invalid) is known at its end tag.
					stack = append(stack, frame{folder: true, name: firstNonEmpty(o.Text, o.Title), line: line})
					continue
				}
				stack = append(stack, frame{})
				var folders []string
				for _, fr := range stack {
					if fr.folder {
						folders = append(folders, fr.name)
					}
				}
				f := Feed{Title: firstNonEmpty(o.Title, o.Text), XMLURL: strings.TrimSpace(o.XMLURL), HTMLURL: strings.TrimSpace(o.HTMLURL)}
				f.Tags = mergeTags(folders, categoryTags(o.Category))
				out = append(out, Outline{Feed: f, Line: line})
			}
		case xml.EndElement:
			if strings.ToLower(t.Name.Local) != "outline" || len(stack) == 0 {
				continue
			}
			fr := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if fr.folder && !fr.children {
				out = append(out, Outline{Feed: Feed{Title: fr.name}, Line: fr.line, Reason: "no xmlUrl: not a feed"})
			}
		}
	}
	if !sawOPML {
		return nil, errors.New("not an OPML file: no <opml> element")
	}
	return out, nil
}

func readOutline(t xml.StartElement) outline {
	var o outline
	for _, a := range t.Attr {
		switch strings.ToLower(a.Name.Local) {
		case "text":
			o.Text = a.Value
		case "title":
			o.Title = a.Value
		case "type":
			o.Type = a.Value
		case "xmlurl", "url":
			if o.XMLURL == "" || strings.EqualFold(a.Name.Local, "xmlUrl") {
				o.XMLURL = a.Value
			}
		case "htmlurl":
			o.HTMLURL = a.Value
		case "category":
			o.Category = a.Value
		}
	}
	return o
}

// categoryTags reads OPML 2.0's category attribute: comma-separated,
// slash-delimited paths ("/world/europe,/un"); each path segment is a tag.
func categoryTags(s string) []string {
	var tags []string
	for _, path := range strings.Split(s, ",") {
		for _, seg := range strings.Split(path, "/") {
			if t := normTag(seg); t != "" {
				tags = append(tags, t)
			}
		}
	}
	return tags
}

func mergeTags(folders, cats []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range append(append([]string{}, folders...), cats...) {
		t = normTag(t)
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// normTag makes a folder or category name a tag: lower case, spaces as
// hyphens.
func normTag(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), "-"))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// Write writes feeds as an OPML 2.0 document titled title, one outline
// per feed, its tags in the category attribute ("/world,/europe").
func Write(w io.Writer, title string, feeds []Feed, created time.Time) error {
	doc := document{Version: "2.0", Head: head{Title: title}}
	if !created.IsZero() {
		doc.Head.DateCreated = created.UTC().Format(time.RFC1123Z)
	}
	for _, f := range feeds {
		o := outline{Text: f.Title, Title: f.Title, Type: "rss", XMLURL: f.XMLURL, HTMLURL: f.HTMLURL}
		var cats []string
		for _, t := range f.Tags {
			cats = append(cats, "/"+t)
		}
		o.Category = strings.Join(cats, ",")
		doc.Body.Outlines = append(doc.Body.Outlines, o)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
