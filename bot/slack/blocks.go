package slack

import (
	"fmt"
	"regexp"
	"strings"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
const (
	maxBlocksPerMessage = 50
	maxSectionText      = 3000
	maxHeaderText       = 150
	maxFallbackText     = 3000 // top-level text is a notification fallback; keep it short
)

// message is one chat.postMessage worth of content.
type message struct {
	Text   string // fallback shown in notifications
	Blocks []slackapi.Block
	Thread bool // post as a reply in the thread of the first message
}

// digestMessages renders a digest for a channel: a header and one section
// per article with its statements, split into messages of at most 50
// blocks. The first message goes to the channel and the rest continue in
// its thread, so a long digest costs the channel one message and an alert
// is exactly one message.
func digestMessages(d briefbot.Digest) []message {
	msgs := paginate(digestFallback(d), digestBlocks(d, -1), false)
	for i := 1; i < len(msgs); i++ {
		msgs[i].Thread = true
	}
	return msgs
}

// replyMessages renders a command answer. A reply with a digest shows the
// digest (its Text is the same content as plain text, kept as the
// notification fallback); otherwise Text is the message. Everything is
// inline (a response_url cannot open a thread), so articles carry all
// their statements.
func replyMessages(r bot.Reply) []message {
	fallback := mrkdwn(r.Text)
	var blocks []slackapi.Block
	if r.Digest != nil {
		blocks = digestBlocks(*r.Digest, -1)
		if fallback == "" {
			fallback = digestFallback(*r.Digest)
		}
	} else if r.Chart != "" {
		blocks = chartBlocks(mrkdwn(r.Text))
	} else {
		blocks = textBlocks(mrkdwn(r.Text))
	}
	if len(blocks) == 0 {
		blocks = textBlocks("(no answer)")
		fallback = "(no answer)"
	}
	return paginate(fallback, blocks, false)
}

// digestFallback is the notification text of a digest, as mrkdwn.
func digestFallback(d briefbot.Digest) string {
	title := d.Title
	if title == "" {
		title = "News digest"
	}
	title = escape(title)
	n := d.ArticleCount()
	if n == 1 {
		return title + " (1 article)"
	}
	return fmt.Sprintf("%s (%d articles)", title, n)
}

// digestBlocks renders the header and one or more sections per article.
// statements limits the statements shown per article; -1 shows all.
func digestBlocks(d briefbot.Digest, statements int) []slackapi.Block {
	var blocks []slackapi.Block
	if d.Title != "" {
		blocks = append(blocks, slackapi.NewHeaderBlock(
			slackapi.NewTextBlockObject(slackapi.PlainTextType, bot.Truncate(d.Title, maxHeaderText), false, false)))
	}
	for _, story := range d.Stories {
		for _, a := range story.Articles {
			blocks = append(blocks, textBlocks(articleText(a, statements))...)
		}
	}
	return blocks
}

func articleText(a briefbot.DigestArticle, statements int) string {
	var b strings.Builder
	title := escape(strings.ReplaceAll(a.Title, "|", "¦"))
	if a.URL != "" {
		fmt.Fprintf(&b, "*<%s|%s>*", a.URL, title)
	} else {
		fmt.Fprintf(&b, "*%s*", title)
	}
	var meta []string
	if a.Source != "" {
		meta = append(meta, escape(a.Source))
	}
	if !a.PublishedAt.IsZero() {
		meta = append(meta, a.PublishedAt.UTC().Format("2 Jan 15:04 MST"))
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, "\n_%s_", strings.Join(meta, " · "))
	}
	if a.Summary != "" {
		b.WriteString("\n" + escape(a.Summary))
	}
	shown := a.Statements
	if statements >= 0 && len(shown) > statements {
		shown = shown[:statements]
	}
	for _, st := range shown {
		b.WriteString("\n> " + escape(summarize.FormatStatement(st, summarize.DigestStatementRunes)))
	}
	if hidden := len(a.Statements) - len(shown); hidden > 0 {
		fmt.Fprintf(&b, "\n_+%d more in thread_", hidden)
	}
	return b.String()
}

// textBlocks renders mrkdwn text as sections of at most 3,000 characters,
// cut at line breaks where possible.
func textBlocks(text string) []slackapi.Block {
	var blocks []slackapi.Block
	for _, part := range bot.SplitText(strings.TrimSpace(text), maxSectionText) {
		blocks = append(blocks, slackapi.NewSectionBlock(
			slackapi.NewTextBlockObject(slackapi.MarkdownType, part, false, false), nil, nil))
	}
	return blocks
}

// paginate groups blocks into messages of at most 50 blocks.
func paginate(fallback string, blocks []slackapi.Block, thread bool) []message {
	var msgs []message
	for len(blocks) > 0 {
		n := min(len(blocks), maxBlocksPerMessage)
		msgs = append(msgs, message{Text: bot.Truncate(fallback, maxFallbackText), Blocks: blocks[:n:n], Thread: thread})
		blocks = blocks[n:]
	}
	return msgs
}

// escape makes plain text safe inside mrkdwn: Slack reads <…> as links and
// mentions, and & starts an entity.
func escape(s string) string { return mrkdwnEscaper.Replace(s) }

var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

var (
	markdownBold = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	markdownLink = regexp.MustCompile(`\[([^\]\n]+)\]\((https?://[^)\s]+)\)`)
)

// mrkdwn converts the router's Markdown (shared with Discord and the
// terminal) to Slack's mrkdwn: escapes, **bold** → *bold*, [t](u) → <u|t>.
// Backslash-escaped characters (user text the router echoes, see
// bot.EscapeMarkdown) take no part in the conversion and come out as
// themselves, & < > as entities: "[t](u)" or "<u|t>" typed by a user
// never becomes a link.
func mrkdwn(s string) string {
	s = protectEscapes(s)
	s = escape(s)
	s = markdownBold.ReplaceAllString(s, "*$1*")
	s = markdownLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := markdownLink.FindStringSubmatch(m)
		return "<" + sub[2] + "|" + strings.ReplaceAll(sub[1], "|", "¦") + ">"
	})
	return restoreEscapes(s)
}

// escapedBase is the first of the private-use runes that stand for
// backslash-escaped characters during conversion.
const escapedBase = '\uE000'

func protectEscapes(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		if rs[i] == '\\' && i+1 < len(rs) && rs[i+1] < 128 && strings.ContainsRune(bot.MarkupChars, rs[i+1]) {
			b.WriteRune(escapedBase + rs[i+1])
			i++
			continue
		}
		b.WriteRune(rs[i])
	}
	return b.String()
}

func restoreEscapes(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= escapedBase && r < escapedBase+128 {
			return r - escapedBase
		}
		return r
	}, strings.NewReplacer(string(escapedBase+'<'), "&lt;", string(escapedBase+'>'), "&gt;").Replace(s))
}
