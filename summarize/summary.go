package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// This file owns Summarize: an extractive one- or two-sentence summary for
// digests, taken from the article's lead after skipping photo captions,
// datelines, bylines and headings.

// SummaryMaxRunes bounds a summary's length in code points.
const SummaryMaxRunes = 300

// Summarize returns one or two sentences summarising the article: the lead
// sentence(s) of text, skipping photo captions ("… Photo: Xinhua"),
// bylines, headings and a repeated title, with datelines ("BEIJING, April 9
// (Xinhua) --") removed. The result is at most SummaryMaxRunes code points,
// cut at a sentence boundary when possible, else at a word boundary with
// "…". When text has no usable lead, the most key statement stands in.
func Summarize(title, text string, statements []briefbot.Statement) string {
	paras := strings.Split(text, "\n")
	answerer := transcriptAnswerer(paras)
	for _, para := range paras {
		para = strings.Join(strings.Fields(para), " ")
		// Transcripts: questions are skipped, answers lose their label.
		if answerer != "" {
			if label, rest := paragraphLabel(para); label != "" {
				if label != answerer {
					continue
				}
				para = rest
			}
		}
		if !isLeadParagraph(para, title) {
			continue
		}
		para = stripDateline(para)
		if utf8.RuneCountInString(para) < 40 {
			continue
		}
		return leadSentences(para, SummaryMaxRunes)
	}
	// No lead paragraph: fall back to the best statement, attributed.
	best := -1
	for i, s := range statements {
		if s.Text != "" && (best < 0 || s.Score > statements[best].Score) {
			best = i
		}
	}
	if best >= 0 {
		return FormatStatement(statements[best], SummaryMaxRunes-40)
	}
	return ""
}

// paragraphLabel splits a transcript label from its paragraph: "Q: ...",
// "Zhao Lijian: ...", "CCTV: ...". The label is at most five capitalised
// words before ": ".
func paragraphLabel(para string) (label, rest string) {
	i := strings.Index(para, ": ")
	if i <= 0 || i > 40 {
		return "", para
	}
	label = para[:i]
	if r, _ := utf8.DecodeRuneInString(label); !unicode.IsUpper(r) || strings.ContainsAny(label, ".!?,;\"“”") || len(strings.Fields(label)) > 5 {
		return "", para
	}
	return label, para[i+2:]
}

// transcriptAnswerer returns the label that answers in a press-conference
// transcript (the most frequent one), or "" when paras are not a transcript
// (fewer than three labelled paragraphs among the first forty).
func transcriptAnswerer(paras []string) string {
	counts := map[string]int{}
	labelled := 0
	for i, p := range paras {
		if i == 40 {
			break
		}
		if label, _ := paragraphLabel(strings.TrimSpace(p)); label != "" {
			counts[label]++
			labelled++
		}
	}
	if labelled < 3 {
		return ""
	}
	best := ""
	for label, n := range counts {
		if n > counts[best] || n == counts[best] && label < best {
			best = label
		}
	}
	return best
}

// captionMarkers mark photo captions and credits anywhere in a paragraph.
var captionMarkers = []string{
	"Photo:", "Photo/", "Photo by", "(Photo", "Photos:", "File photo", "file photo", "Image:", "Credit:",
	"Getty Images", "via Reuters", "/AFP", "/Reuters", "/AP", "Photo taken on", "Screenshot",
}

// isLeadParagraph reports whether para can open a summary.
func isLeadParagraph(para, title string) bool {
	if para == "" {
		return false
	}
	if is, _ := furniture(para); is {
		return false // captions, bylines, link labels: data/furniture.tsv
	}
	if strings.EqualFold(strings.TrimRight(para, ".!? "), strings.TrimRight(strings.TrimSpace(title), ".!? ")) {
		return false
	}
	for _, m := range captionMarkers {
		if strings.Contains(para, m) {
			return false
		}
	}
	lower := strings.ToLower(para)
	for _, p := range []string{"date ", "by ", "source:", "editor:", "updated", "published", "posted", "written by", "reporting by", "(reporting", "related:", "read more", "advertisement"} {
		if strings.HasPrefix(lower, p) && (p != "by " || utf8.RuneCountInString(para) < 80) {
			return false
		}
	}
	// Headings: short and without a sentence end, or in Title Case.
	if utf8.RuneCountInString(para) < 80 && !strings.ContainsAny(para[len(para)-1:], ".!?\"”’") {
		return false
	}
	if utf8.RuneCountInString(para) < 200 && titleCased(para) {
		return false
	}
	return true
}

// titleCased reports a line written in Title Case, as headlines are:
// capitalised words with only short function words left in lower case.
func titleCased(s string) bool {
	caps, lower := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.Trim(w, "\"“”‘’'()[],.:;!?")
		if w == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			caps++
		case unicode.IsLetter(r) && !isTitleCaseLower(strings.ToLower(w)):
			lower++
		}
	}
	return caps >= 3 && lower*8 <= caps
}

// stripDateline removes a wire dateline opening the lead paragraph
// ("BEIJING, April 9 (Xinhua) --"), by the rule the statement extractor
// uses (datelineEnd).
func stripDateline(para string) string {
	b := tokensOf(para[:utf8Prefix(para, 200)])
	defer b.release()
	toks := b.toks
	if e := datelineEnd(toks, 0); e > 0 && e < len(toks) {
		return para[toks[e].bs:]
	}
	return para
}

// leadSentences returns the first sentence of para, plus the second when
// both fit in max code points; a first sentence longer than max is cut at a
// word boundary and ends with "…".
func leadSentences(para string, max int) string {
	ends := sentenceEnds(para, 2)
	out := ""
	for _, e := range ends {
		cand := strings.TrimSpace(para[:e])
		if utf8.RuneCountInString(cand) > max {
			break
		}
		out = cand
		// A short lead sentence gets its neighbour; two is the limit.
		if utf8.RuneCountInString(cand) >= 120 {
			break
		}
	}
	if out != "" {
		return out
	}
	return truncateWords(para, max)
}

// sentenceEnds returns up to n byte offsets just past sentence ends in s,
// by the one sentence splitter (text.go); the text end counts as one.
func sentenceEnds(s string, n int) []int {
	b := tokensOf(s)
	defer b.release()
	toks := b.toks
	scanQuotes(toks)
	var ends []int
	b.units = sentencesInto(b.units, toks)
	for _, u := range b.units {
		ends = append(ends, int(toks[u.b-1].be))
		if len(ends) == n {
			return ends
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] < len(strings.TrimRight(s, " ")) {
		ends = append(ends, len(s))
	}
	return ends
}

// truncateWords cuts s to at most max code points at a word boundary,
// ending with "…" when anything was cut.
func truncateWords(s string, max int) string {
	s = strings.TrimSpace(s)
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	runes := []rune(s)
	cut := max - 1 // room for "…"
	end := cut
	for end > cut/2 && !unicode.IsSpace(runes[end]) {
		end--
	}
	if end <= cut/2 {
		end = cut
	}
	out := strings.TrimRightFunc(string(runes[:end]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '"' && r != '”' && r != ')'
	})
	return out + "…"
}

// utf8Prefix is the length of the longest prefix of s of at most n bytes
// that ends on a rune boundary.
func utf8Prefix(s string, n int) int {
	if len(s) <= n {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}
