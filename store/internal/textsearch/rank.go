package textsearch

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Doc is a search candidate: its ID and the text the query matched.
type Doc struct {
	ID   int64
	Text string
}

// Rank orders candidates best first by a BM25-like score of q's words in
// each text (term frequency against text length), keeping candidates'
// order (newest first) among equals. There is no inverse document
// frequency: every candidate matched the same query, and computing it
// would read every match of a common word, the very cost a bounded
// candidate set avoids. A query word counts where a text word begins
// with it, so "talk" counts "talks" (the engines stem; this is close).
func (q Query) Rank(docs []Doc) []int64 {
	const k1, b = 1.2, 0.75
	var toks []string
	for _, g := range q.Groups {
		toks = append(toks, g...)
	}
	tfs := make([][]float64, len(docs))
	lens := make([]float64, len(docs))
	total := 0.0
	for i, d := range docs {
		tfs[i], lens[i] = countWords(d.Text, toks)
		total += lens[i]
	}
	avg := max(total/float64(max(1, len(docs))), 1)
	scores := make([]float64, len(docs))
	for i := range docs {
		for _, tf := range tfs[i] {
			scores[i] += tf * (k1 + 1) / (tf + k1*(1-b+b*lens[i]/avg))
		}
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(scores[y], scores[x]) })
	ids := make([]int64, len(order))
	for i, o := range order {
		ids[i] = docs[o].ID
	}
	return ids
}

// maxRankedText bounds the text scored per candidate: a long press
// conference answer is judged by its start.
const maxRankedText = 4096

// countWords counts the words of text and, per token, the words beginning
// with it, without allocating a word list.
func countWords(text string, toks []string) ([]float64, float64) {
	if len(text) > maxRankedText {
		text = text[:maxRankedText]
	}
	text = Fold(text)
	tf := make([]float64, len(toks))
	n := 0.0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		w := text[i:j]
		n++
		for k, t := range toks {
			if strings.HasPrefix(w, t) {
				tf[k]++
			}
		}
		i = j
	}
	return tf, n
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
