package discord

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

// createMessage is the body of POST /channels/{id}/messages.
type createMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
	// With enforce_nonce Discord drops a second message with the same
	// nonce sent within a few minutes: a first line of defence; the
	// recheck below is what holds after longer gaps.
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

// noMentions keeps text such as "@everyone" from pinging anyone.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// refPrefix starts the tag every part carries (in the last embed's footer,
// or the content of a message without embeds): "ref " + bot.PartRef.
const refPrefix = "ref "

// maxHistoryPages bounds one recheck's reading of a channel (100 messages
// a page): the window starts at the delivery's first attempt.
const maxHistoryPages = 50

// Send posts p to its channel (POST /channels/{id}/messages) as embeds,
// one per article, split into several messages when it exceeds 10 embeds
// or 6,000 characters. It implements bot.Sender.
//
// Each part is tagged "ref <bot.PartRef>" in its last embed's footer and
// sent with that ref as nonce (enforce_nonce). On p.Recheck, Send first
// reads the channel's messages since p.Since (GET /channels/{id}/messages
// after the snowflake of that time) and posts only the parts whose tag it
// does not find: a half-sent digest resumes where it stopped, on any
// replica, and a part Discord stored before we crashed is not posted
// again.
//
// On 429 Send waits out a Retry-After of up to 5 s once; a longer one, or
// a second 429, is returned as *bot.RateLimitError.
func (d *Discord) Send(ctx context.Context, p bot.Post) error {
	msgs := digestMessages(p.Digest)
	refs := make([]string, len(msgs))
	for i := range msgs {
		refs[i] = bot.PartRef(p.Key, i)
	}
	var posted map[string]bool
	if p.Recheck {
		var err error
		if posted, err = d.findRefs(ctx, p.Channel, p.Since.Add(-bot.HistoryMargin), refs); err != nil {
			return fmt.Errorf("discord: looking for earlier posts of %s in %s: %w", p.Key, p.Channel, err)
		}
		if len(posted) > 0 {
			d.logger.Info("recheck found parts already posted", "key", p.Key, "channel", p.Channel, "found", len(posted), "parts", len(msgs))
		}
	}
	for i, m := range msgs {
		if posted[refs[i]] {
			continue
		}
		tagMessage(&m, refs[i])
		body := createMessage{
			Content:         m.Content,
			Embeds:          m.Embeds,
			AllowedMentions: noMentions,
			Nonce:           refs[i],
			EnforceNonce:    true,
		}
		if err := d.callRetrying(ctx, "POST", "/channels/"+p.Channel+"/messages", body, nil); err != nil {
			return fmt.Errorf("discord: post part %d/%d to %s: %w", i+1, len(msgs), p.Channel, err)
		}
	}
	return nil
}

// tagMessage puts "ref <ref>" in the footer of m's last embed, or on a
// line of its content when it has none.
func tagMessage(m *outMessage, ref string) {
	tag := refPrefix + ref
	if len(m.Embeds) == 0 {
		m.Content = strings.TrimSpace(m.Content + "\n-# " + tag)
		return
	}
	last := *m.Embeds[len(m.Embeds)-1] // a copy: digestMessages' embeds stay untouched
	footer := &discordgo.MessageEmbedFooter{Text: tag}
	if last.Footer != nil && last.Footer.Text != "" {
		f := *last.Footer
		f.Text += " · " + tag
		footer = &f
	}
	last.Footer = footer
	embeds := append([]*discordgo.MessageEmbed(nil), m.Embeds...)
	embeds[len(embeds)-1] = &last
	m.Embeds = embeds
}

// findRefs returns which of refs appear as tags in the channel's messages
// posted after since.
func (d *Discord) findRefs(ctx context.Context, channel string, since time.Time, refs []string) (map[string]bool, error) {
	want := make(map[string]bool, len(refs))
	for _, r := range refs {
		want[r] = true
	}
	found := map[string]bool{}
	after := snowflakeAt(since)
	for range maxHistoryPages {
		var page []*discordgo.Message
		q := url.Values{"after": {strconv.FormatUint(after, 10)}, "limit": {"100"}}
		if err := d.callRetrying(ctx, "GET", "/channels/"+channel+"/messages?"+q.Encode(), nil, &page); err != nil {
			return nil, err
		}
		for _, m := range page {
			for _, ref := range messageRefs(m) {
				if want[ref] {
					found[ref] = true
				}
			}
			if id, err := strconv.ParseUint(m.ID, 10, 64); err == nil && id > after {
				after = id
			}
		}
		if len(page) < 100 || len(found) == len(want) {
			break
		}
	}
	return found, nil
}

// messageRefs returns the "ref …" tags of a message.
func messageRefs(m *discordgo.Message) []string {
	var refs []string
	scan := func(text string) {
		for _, field := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '·' }) {
			field = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(field), "-#"))
			if ref, ok := strings.CutPrefix(field, refPrefix); ok {
				refs = append(refs, strings.TrimSpace(ref))
			}
		}
	}
	scan(m.Content)
	for _, e := range m.Embeds {
		if e != nil && e.Footer != nil {
			scan(e.Footer.Text)
		}
	}
	return refs
}

// discordEpoch is the first second of 2015, the origin of snowflake times.
const discordEpoch = 1420070400000

// snowflakeAt is the smallest snowflake of a message sent at t: GET
// messages "after" it returns what was posted since t.
func snowflakeAt(t time.Time) uint64 {
	ms := t.UnixMilli() - discordEpoch
	if ms < 0 {
		return 0
	}
	return uint64(ms) << 22
}
