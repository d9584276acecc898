package eval

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Loader reads evaluation sets. The zero value reads brat directories and
// gold JSON files; HTML is needed only for gold files that score a raw
// page.
type Loader struct {
	// HTML turns a raw page into the readable text the extractor sees
	// (cmd wires feeds.Readable); nil refuses gold files with a "page".
	HTML func(page []byte) (string, error)
}

func readMaybeGzip(p string) ([]byte, error) {
	b, err := os.ReadFile(p)
	if err != nil || !strings.HasSuffix(p, ".gz") {
		return b, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return io.ReadAll(zr)
}

// onPage re-targets d at the readable text of a raw page: each gold span
// of the clean text is looked up in the page text (whitespace runs
// compared as one space); spans the page lacks are dropped, since the
// extractor cannot find them either.
func (l Loader) onPage(p string, d Doc) (Doc, error) {
	if l.HTML == nil {
		return Doc{}, errors.New(`"page" needs HTML reading (use briefbot eval, or eval.Loader with HTML set)`)
	}
	raw, err := readMaybeGzip(p)
	if err != nil {
		return Doc{}, err
	}
	text, err := l.HTML(raw)
	if err != nil {
		return Doc{}, fmt.Errorf("%s: %w", p, err)
	}
	clean := []rune(d.Text)
	pageNorm, pageMap := squeeze(text)
	out := d
	out.Name = d.Name + " (page)"
	out.Text = text
	out.Statements = nil
	from := 0
	for _, g := range d.Statements {
		c := g.Content[0]
		want, _ := squeeze(string(clean[c.Start:c.End]))
		i := strings.Index(pageNorm[from:], want)
		if i < 0 {
			i = strings.Index(pageNorm, want)
		} else {
			i += from
		}
		if i < 0 || want == "" {
			continue
		}
		from = i + len(want)
		g.Content = []Range{{pageMap[i], pageMap[i+len(want)-1] + 1}}
		g.Cue = nil
		out.Statements = append(out.Statements, g)
	}
	return out, nil
}

// squeeze collapses whitespace runs to one space and returns, for each
// byte of the result, the code-point offset in s it came from.
func squeeze(s string) (string, []int) {
	var b strings.Builder
	var m []int
	cp := 0
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0' {
			if !space {
				b.WriteByte(' ')
				m = append(m, cp)
			}
			space = true
			cp++
			continue
		}
		space = false
		n := utf8.RuneLen(r)
		b.WriteRune(r)
		for k := 0; k < n; k++ {
			m = append(m, cp)
		}
		cp++
	}
	return b.String(), m
}
