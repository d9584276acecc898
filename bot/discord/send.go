package discord

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot"
)

// progressTTL is how long Send remembers a half-sent digest.
const progressTTL = time.Hour

// sendProgress records how many parts of a split digest were posted, so an
// outbox retry of the same delivery resumes after them.
type sendProgress struct {
	posted  int
	updated time.Time
}

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
	fp := fingerprint(dg)
	key := channel + "\x00" + fp
	p := d.loadProgress(key)
	for i := p.posted; i < len(msgs); i++ {
		body := createMessage{
			Content:         msgs[i].Content,
			Embeds:          msgs[i].Embeds,
			AllowedMentions: noMentions,
			Nonce:           fmt.Sprintf("%.20s%d", fp, i),
			EnforceNonce:    true,
		}
		if err := d.callRetrying(ctx, "POST", "/channels/"+channel+"/messages", body, nil); err != nil {
			d.saveProgress(key, p)
			return fmt.Errorf("discord: post part %d/%d to %s: %w", i+1, len(msgs), channel, err)
		}
		p.posted = i + 1
	}
	d.dropProgress(key)
	return nil
}

func (d *Discord) loadProgress(key string) sendProgress {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	for k, p := range d.progress {
		if now.Sub(p.updated) > progressTTL {
			delete(d.progress, k)
		}
	}
	if p, ok := d.progress[key]; ok {
		return *p
	}
	return sendProgress{}
}

func (d *Discord) saveProgress(key string, p sendProgress) {
	if p.posted == 0 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	p.updated = d.now()
	d.progress[key] = &p
}

func (d *Discord) dropProgress(key string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.progress, key)
}

// fingerprint identifies a digest's content.
func fingerprint(dg briefbot.Digest) string {
	b, _ := json.Marshal(dg)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
