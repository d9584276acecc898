package feeds

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLText turns an HTML fragment (or plain text) into plain text. With
// paras, block elements and <br> become paragraphs separated by blank
// lines; without, all whitespace collapses to single spaces. Script, style
// and similar elements are dropped. It tokenizes rather than building a
// tree: feed items are many and small, and this runs for each of them.
func HTMLText(s string, paras bool) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if !strings.Contains(s, "<") {
		// Plain text, maybe with entities: no need to tokenize.
		s = strings.ReplaceAll(html.UnescapeString(s), "\u00a0", " ")
		if paras {
			return plainParagraphs(s)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	var (
		b       strings.Builder
		skip    int  // depth inside elements whose text is not shown
		pending bool // a word was written and a space may follow
		space   bool // whitespace seen since the last word
		breakAt bool // a block boundary since the last word
	)
	b.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := string(z.Text())
			for i := 0; i < len(text); {
				// Split on whitespace, keeping track of it between words.
				j := i
				for j < len(text) && isSpaceByte(text[j]) {
					j++
				}
				if j > i {
					space = true
				}
				k := j
				for k < len(text) && !isSpaceByte(text[k]) {
					k++
				}
				if k > j {
					if pending {
						switch {
						case breakAt && paras:
							b.WriteString("\n\n")
						case breakAt || space:
							b.WriteByte(' ')
						}
					}
					b.WriteString(strings.ReplaceAll(text[j:k], "\u00a0", " "))
					pending, space, breakAt = true, false, false
				}
				i = k
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := atom.Lookup(name)
			if hiddenElements[tag] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if blockElements[tag] {
				breakAt = true
			} else if tag == atom.Img || tag == atom.Td || tag == atom.Th {
				space = true
			}
		}
	}
}

// plainParagraphs normalises plain text: blank lines separate paragraphs,
// single line breaks (hard wrapping) are spaces.
func plainParagraphs(s string) string {
	var out []string
	for _, block := range blankLine.Split(s, -1) {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

var blankLine = regexp.MustCompile(`\n[ \t\r]*\n`)

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

// hiddenElements never hold text a reader sees.
var hiddenElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Head: true, atom.Noscript: true,
	atom.Iframe: true, atom.Svg: true, atom.Template: true, atom.Object: true,
}

// blockElements start a new paragraph.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Br: true, atom.Div: true, atom.Blockquote: true, atom.Li: true,
	atom.Ul: true, atom.Ol: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Hr: true,
	atom.Figure: true, atom.Figcaption: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Dd: true, atom.Dt: true, atom.Dl: true,
	atom.Address: true, atom.Main: true, atom.Nav: true,
}
