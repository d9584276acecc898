package feeds

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// ErrNoContent is returned by Readable when the page holds no article body.
var ErrNoContent = errors.New("readability found no article content")

// Readable extracts the main article of an HTML page with go-readability.
// The text is plain, one paragraph per block separated by a blank line
// ("\n\n"): the statement extractor works paragraph by paragraph. pageURL
// resolves relative links and may be nil. r must yield UTF-8 (FetchPage
// and ToUTF8 convert other charsets).
//
// The page is parsed here as UTF-8 rather than by readability.FromReader,
// whose parser guesses the charset statistically and, now and then, reads
// valid UTF-8 as windows-1252: the same page gave mojibake about one run
// in 300.
func Readable(r io.Reader, pageURL *url.URL) (title, text string, err error) {
	if pageURL == nil {
		pageURL = &url.URL{}
	}
	doc, err := html.Parse(r)
	if err != nil {
		return "", "", fmt.Errorf("parse html: %w", err)
	}
	art, err := readability.FromDocument(doc, pageURL)
	if err != nil {
		return "", "", fmt.Errorf("readability: %w", err)
	}
	title = strings.Join(strings.Fields(art.Title()), " ")
	if art.Node == nil {
		return title, "", ErrNoContent
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		return title, "", fmt.Errorf("readability: %w", err)
	}
	text = paragraphs(b.String())
	if text == "" {
		return title, "", ErrNoContent
	}
	return title, text, nil
}

// paragraphs normalises rendered text: every non-empty line becomes a
// paragraph with its inner whitespace collapsed, and paragraphs are joined
// by exactly one blank line.
func paragraphs(s string) string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line != "" {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n\n")
}
