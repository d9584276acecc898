package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/topic"
)

// Search reads q in the topic query language. The store's full-text index
// finds candidates from the query's words (alternatives kept, negated
// terms and field names dropped, so the candidates are a superset); when
// the query has more than plain words — phrases, NOT, parentheses, field
// filters, prefixes — each candidate statement is then matched against
// the whole query. That scan reads at most searchScan candidates.
const (
	searchBatch = 200
	searchScan  = 5000
)

type searchError struct{ msg string }

func (e *searchError) Error() string { return e.msg }

func asSearchError(err error, target **searchError) bool { return errors.As(err, target) }

func (w *Web) runSearch(ctx context.Context, d *searchData) ([]briefbot.StatementHit, bool, error) {
	f := briefbot.StatementFilter{}
	var err error
	if f.Since, err = parseDay("From", d.From); err != nil {
		return nil, false, err
	}
	if f.Until, err = parseDay("To", d.To); err != nil {
		return nil, false, err
	}
	if !f.Until.IsZero() {
		f.Until = f.Until.AddDate(0, 0, 1) // the "to" day is included
	}
	if d.Speaker != "" {
		sps, _, err := w.Store.FindSpeakers(ctx, d.Speaker, 1)
		if err != nil {
			return nil, false, err
		}
		if len(sps) == 0 {
			return nil, false, &searchError{fmt.Sprintf("Nobody called %q has been quoted; check the spelling or leave the speaker out.", d.Speaker)}
		}
		d.Speaker = sps[0].Name
		f.SpeakerID = sps[0].ID
	}
	want := d.Page*pageSize + 1 // one more tells whether a next page exists
	if d.Q == "" {
		f.Offset, f.Limit = (d.Page-1)*pageSize, pageSize+1
		hits, err := w.Store.FindStatements(ctx, f)
		return hits, false, err
	}
	q, err := topic.Parse(d.Q)
	if err != nil {
		return nil, false, &searchError{fmt.Sprintf("%q is not a valid query: %v. Use words, \"phrases\", AND, OR, NOT, parentheses and speaker:, actor:, country:, feed:.", d.Q, err)}
	}
	f.Query = candidateWords(d.Q)
	if f.Query == "" {
		return nil, false, &searchError{fmt.Sprintf("%q has no word to search for: give at least one word that is not negated.", d.Q)}
	}
	if plainWords(d.Q) {
		f.Offset, f.Limit = (d.Page-1)*pageSize, pageSize+1
		hits, err := w.Store.FindStatements(ctx, f)
		return hits, false, err
	}
	var matched []briefbot.StatementHit
	for f.Offset = 0; f.Offset < searchScan; f.Offset += searchBatch {
		f.Limit = searchBatch
		batch, err := w.Store.FindStatements(ctx, f)
		if err != nil {
			return nil, false, err
		}
		for i := range batch {
			a := briefbot.Article{Title: batch[i].ArticleTitle, FeedName: batch[i].FeedName, Statements: []briefbot.Statement{batch[i].Statement}}
			if q.Match(&a) {
				matched = append(matched, batch[i])
			}
		}
		if len(matched) >= want || len(batch) < searchBatch {
			return pageOf(matched, d.Page), false, nil
		}
	}
	return pageOf(matched, d.Page), true, nil
}

func pageOf(hits []briefbot.StatementHit, page int) []briefbot.StatementHit {
	start := (page - 1) * pageSize
	if start >= len(hits) {
		return nil
	}
	return hits[start:min(len(hits), start+pageSize+1)]
}

// plainWords reports whether q is only words and OR: the full-text index
// answers it alone.
func plainWords(q string) bool {
	for _, f := range strings.Fields(q) {
		if f == "OR" {
			continue
		}
		if strings.EqualFold(f, "and") || strings.EqualFold(f, "not") || strings.EqualFold(f, "or") {
			return false
		}
		for _, r := range f {
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' {
				return false
			}
		}
	}
	return true
}

// candidateWords turns a topic query into words for the full-text index
// that find every statement the query can match: negated terms (a word, a
// phrase or a parenthesised group after NOT) are dropped, field names
// are dropped but speaker: values kept (the index holds speakers), and
// actor:, country: and feed: values are dropped (the index does not hold
// them). Operators stay as the store reads them: OR starts an alternative.
func candidateWords(q string) string {
	var out []string
	runes := []rune(q)
	i := 0
	skipTerm := func() {
		for i < len(runes) && unicode.IsSpace(runes[i]) {
			i++
		}
		if i >= len(runes) {
			return
		}
		switch runes[i] {
		case '(':
			depth := 0
			for ; i < len(runes); i++ {
				if runes[i] == '(' {
					depth++
				} else if runes[i] == ')' {
					depth--
					if depth == 0 {
						i++
						return
					}
				}
			}
		case '"', '“':
			i++
			for i < len(runes) && runes[i] != '"' && runes[i] != '”' {
				i++
			}
			i++
		default:
			for i < len(runes) && !unicode.IsSpace(runes[i]) && runes[i] != ')' {
				if runes[i] == '"' { // field:"quoted value"
					i++
					for i < len(runes) && runes[i] != '"' {
						i++
					}
				}
				i++
			}
		}
	}
	for i < len(runes) {
		r := runes[i]
		switch {
		case unicode.IsSpace(r), r == '(', r == ')':
			i++
		case r == '"' || r == '“':
			j := i + 1
			for j < len(runes) && runes[j] != '"' && runes[j] != '”' {
				j++
			}
			out = append(out, string(runes[i+1:min(j, len(runes))]))
			i = j + 1
		default:
			j := i
			for j < len(runes) && !unicode.IsSpace(runes[j]) && runes[j] != '(' && runes[j] != ')' {
				j++
			}
			word := string(runes[i:j])
			i = j
			switch {
			case strings.EqualFold(word, "not"):
				skipTerm()
			case strings.EqualFold(word, "and"):
			case strings.EqualFold(word, "or"):
				out = append(out, "OR")
			default:
				field, value, ok := strings.Cut(word, ":")
				if !ok {
					out = append(out, word)
					break
				}
				if strings.EqualFold(field, "speaker") {
					if strings.HasPrefix(value, `"`) && !strings.HasSuffix(value, `"`) || value == `"` {
						// speaker:"two words": read to the closing quote.
						k := i
						for k < len(runes) && runes[k] != '"' {
							k++
						}
						value += string(runes[i:min(k, len(runes))])
						i = k + 1
					}
					out = append(out, strings.Trim(value, `"`))
				} else if strings.HasPrefix(value, `"`) && !strings.HasSuffix(value[1:], `"`) {
					for i < len(runes) && runes[i] != '"' {
						i++
					}
					i++
				}
			}
		}
	}
	// An OR left dangling by a dropped term would widen nothing; trim it.
	for len(out) > 0 && out[0] == "OR" {
		out = out[1:]
	}
	for len(out) > 0 && out[len(out)-1] == "OR" {
		out = out[:len(out)-1]
	}
	return strings.TrimSpace(strings.Join(out, " "))
}

func urlValues(m map[string]string) url.Values {
	v := url.Values{}
	for k, s := range m {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}
