package discord

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

// createMessage is the body of POST /channels/{id}/messages.
type createMessage struct {
	Content         string                            `json:"content,omitempty"`
	Embeds          []*discordgo.MessageEmbed         `json:"embeds,omitempty"`
	Flags           discordgo.MessageFlags            `json:"flags,omitempty"`
	AllowedMentions *discordgo.MessageAllowedMentions `json:"allowed_mentions,omitempty"`
	// With enforce_nonce Discord drops a second message with the same
	// nonce sent within a few minutes: a retry from another replica
	// does not post a part twice.
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

// noMentions keeps article text such as "@everyone" from pinging anyone.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// Send posts d to a channel (POST /channels/{id}/messages) as embeds, one
// per article, split into several messages when it exceeds 10 embeds or
// 6,000 characters. It implements bot.Sender.
//
// Idempotency: parts already posted are remembered in memory (keyed by
// channel and digest) and a retry from this process resumes after them;
// each part also carries a nonce derived from the digest with
// enforce_nonce, so Discord itself drops a part reposted within minutes,
// by any replica.
//
// On 429 Send waits out a Retry-After of up to 5 s once; a longer one, or
// a second 429, is returned as *bot.RateLimitError.
func (d *Discord) Send(ctx context.Context, channel string, dg briefbot.Digest) error {
	msgs := digestMessages(dg)
	fp := bot.DigestFingerprint(dg)
	key := bot.SendKey(channel, fp)
	p := d.sends.Load(key)
	for i := p.Posted; i < len(msgs); i++ {
		body := createMessage{
			Content:         msgs[i].Content,
			Embeds:          msgs[i].Embeds,
			AllowedMentions: noMentions,
			Nonce:           fmt.Sprintf("%.20s%d", fp, i),
			EnforceNonce:    true,
		}
		if err := d.callRetrying(ctx, "POST", "/channels/"+channel+"/messages", body, nil); err != nil {
			d.sends.Save(key, p)
			return fmt.Errorf("discord: post part %d/%d to %s: %w", i+1, len(msgs), channel, err)
		}
		p.Posted = i + 1
	}
	d.sends.Done(key)
	return nil
}
