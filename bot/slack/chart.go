package slack

import (
	"strings"

	slackapi "github.com/slack-go/slack"
)

// chartBlocks renders an answer that carries a chart (timeline, compare):
// each line that starts with a sparkline in code marks ("`▁▃█`") goes into
// a context block, small and grey, between sections holding the other
// lines in their order.
func chartBlocks(text string) []slackapi.Block {
	var (
		blocks  []slackapi.Block
		pending []string
	)
	flush := func() {
		if len(pending) > 0 {
			blocks = append(blocks, textBlocks(strings.Join(pending, "\n"))...)
			pending = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if isChartLine(line) {
			flush()
			blocks = append(blocks, slackapi.NewContextBlock("",
				slackapi.NewTextBlockObject(slackapi.MarkdownType, line, false, false)))
			continue
		}
		pending = append(pending, line)
	}
	flush()
	return blocks
}

// isChartLine reports whether line opens with a code span of block
// characters (U+2581 … U+2588).
func isChartLine(line string) bool {
	rest, ok := strings.CutPrefix(line, "`")
	if !ok {
		return false
	}
	spark, _, ok := strings.Cut(rest, "`")
	if !ok || spark == "" {
		return false
	}
	for _, r := range spark {
		if r < '▁' || r > '█' {
			return false
		}
	}
	return true
}
