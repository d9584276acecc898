package discord

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/summarize"
)

// Discord message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedsPerMessage = 10
	maxEmbedCharsTotal  = 6000 // titles, descriptions, footers… of all embeds of one message
	// tagReserve is kept free in every message for Send's "ref …" footer.
	tagReserve = 64
)

// outMessage is one Discord message worth of content.
type outMessage struct {
	Content string
	Embeds  []*discordgo.MessageEmbed
}

// digestMessages renders a digest as messages: one embed per article
// (continued in further embeds when its text exceeds a description),
// packed at most 10 embeds and 6,000 characters per message.
func digestMessages(d briefbot.Digest) []outMessage {
	title := d.Title
	if title == "" {
		title = "News digest"
	}
	return paginate("**"+bot.Truncate(title, maxContent-200)+"**", digestEmbeds(d))
}

// replyMessages renders a command answer. A reply with a digest shows the
// digest as embeds (its Text is the same content as plain text); otherwise
// Text is the message, moved into embed descriptions when longer than a
// message's content allows.
func replyMessages(r bot.Reply) []outMessage {
	if r.Digest != nil {
		return digestMessages(*r.Digest)
	}
	content := strings.TrimSpace(r.Text)
	if content == "" {
		content = "(no answer)"
	}
	if utf8.RuneCountInString(content) <= maxContent {
		return []outMessage{{Content: content}}
	}
	var embeds []*discordgo.MessageEmbed
	for _, part := range bot.SplitText(content, maxEmbedDescription) {
		embeds = append(embeds, &discordgo.MessageEmbed{Description: part})
	}
	return paginate("", embeds)
}

func digestEmbeds(d briefbot.Digest) []*discordgo.MessageEmbed {
	var embeds []*discordgo.MessageEmbed
	for _, story := range d.Stories {
		for _, a := range story.Articles {
			embeds = append(embeds, articleEmbeds(a)...)
		}
	}
	return embeds
}

// articleEmbeds renders one article; text beyond a description goes to
// continuation embeds without a title.
func articleEmbeds(a briefbot.DigestArticle) []*discordgo.MessageEmbed {
	var b strings.Builder
	var meta []string
	if a.Source != "" {
		meta = append(meta, a.Source)
	}
	if !a.PublishedAt.IsZero() {
		meta = append(meta, a.PublishedAt.UTC().Format("2 Jan 15:04 MST"))
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, "*%s*\n", strings.Join(meta, " · "))
	}
	if a.Summary != "" {
		b.WriteString(a.Summary + "\n")
	}
	for _, st := range a.Statements {
		b.WriteString("> " + summarize.FormatStatement(st, summarize.DigestStatementRunes) + "\n")
	}
	parts := bot.SplitText(strings.TrimSpace(b.String()), maxEmbedDescription)
	if len(parts) == 0 {
		parts = []string{""}
	}
	var embeds []*discordgo.MessageEmbed
	for i, part := range parts {
		e := &discordgo.MessageEmbed{Description: part}
		if i == 0 {
			e.Title = bot.Truncate(a.Title, maxEmbedTitle)
			e.URL = a.URL
			if !a.PublishedAt.IsZero() {
				e.Timestamp = a.PublishedAt.UTC().Format(time.RFC3339)
			}
		}
		embeds = append(embeds, e)
	}
	return embeds
}

// paginate packs embeds into messages within the per-message limits. The
// content goes on the first message.
func paginate(content string, embeds []*discordgo.MessageEmbed) []outMessage {
	msgs := []outMessage{{Content: content}}
	total := 0
	for _, e := range embeds {
		size := embedChars(e)
		last := &msgs[len(msgs)-1]
		if len(last.Embeds) == maxEmbedsPerMessage || (len(last.Embeds) > 0 && total+size > maxEmbedCharsTotal-tagReserve) {
			msgs = append(msgs, outMessage{})
			last = &msgs[len(msgs)-1]
			total = 0
		}
		last.Embeds = append(last.Embeds, e)
		total += size
	}
	return msgs
}

// embedChars counts what Discord counts toward the 6,000 limit.
func embedChars(e *discordgo.MessageEmbed) int {
	n := utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
	if e.Footer != nil {
		n += utf8.RuneCountInString(e.Footer.Text)
	}
	if e.Author != nil {
		n += utf8.RuneCountInString(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
	}
	return n
}
