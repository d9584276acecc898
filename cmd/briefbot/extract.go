package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/summarize"
)

// extractResult is one line of `briefbot extract --format jsonl`. Offsets
// are code points into the text as read; for HTML input that is the
// readable text, which is printed too so the offsets can be checked.
type extractResult struct {
	Path       string               `json:"path"`
	Title      string               `json:"title,omitempty"`
	Summary    string               `json:"summary"`
	Statements []briefbot.Statement `json:"statements"`
	Actors     []briefbot.Actor     `json:"actors"`
	Text       string               `json:"text,omitempty"`
}

// runExtract prints the statements and actors of each file: plain text, or
// HTML when the name ends in .html/.htm or the content starts with "<".
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("extract", stderr)
	format := fs.String("format", "jsonl", "output format: jsonl (one object per line) or json (one indented object, single path)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: briefbot extract [--format jsonl|json] PATH...")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	paths := fs.Args()
	switch {
	case len(paths) == 0:
		return usageError{"no input: pass one or more text or HTML files"}
	case *format != "jsonl" && *format != "json":
		return usageError{fmt.Sprintf("unknown --format %q: use jsonl or json", *format)}
	case *format == "json" && len(paths) > 1:
		return usageError{fmt.Sprintf("--format json takes one path, got %d: use --format jsonl for several", len(paths))}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if *format == "json" {
		enc.SetIndent("", "  ")
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		res, err := extractFile(p)
		if err != nil {
			return err
		}
		if err := enc.Encode(res); err != nil {
			return fmt.Errorf("write result for %s: %w", p, err)
		}
	}
	return nil
}

func extractFile(path string) (extractResult, error) {
	b, err := readTextInput(path)
	if err != nil {
		return extractResult{}, err
	}
	res := extractResult{Path: path}
	text := string(b)
	if isHTML(path, b) {
		title, body, err := feeds.Readable(bytes.NewReader(feeds.ToUTF8(b, "")), nil)
		if err != nil {
			return extractResult{}, fmt.Errorf("%s: no article text found in the HTML: %w (pass the plain text instead)", path, err)
		}
		res.Title, res.Text, text = title, body, body
	}
	ex := summarize.ExtractTitled(res.Title, text)
	res.Summary = ex.Summary
	res.Statements = ex.Statements
	res.Actors = ex.Actors
	if res.Statements == nil {
		res.Statements = []briefbot.Statement{}
	}
	if res.Actors == nil {
		res.Actors = []briefbot.Actor{}
	}
	for i := range res.Actors {
		if res.Actors[i].Aliases == nil {
			res.Actors[i].Aliases = []string{}
		}
		if res.Actors[i].Mentions == nil {
			res.Actors[i].Mentions = []briefbot.Span{}
		}
	}
	return res, nil
}

func isHTML(path string, b []byte) bool {
	l := strings.ToLower(path)
	if strings.HasSuffix(l, ".html") || strings.HasSuffix(l, ".htm") {
		return true
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) > 0 && t[0] == '<'
}
