package slack

import (
	"context"
	"errors"
	"fmt"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

// Send posts d to a channel via chat.postMessage: a header and one section
// per article, split into messages of at most 50 blocks, with every
// statement in a thread under the first message. It implements bot.Sender.
//
// Idempotency: when a later part fails, the parts already posted are
// remembered (in memory, keyed by channel and digest) and a retry of the
// same digest from this process resumes after them. A retry from another
// replica, or after a restart, reposts the whole digest.
//
// On 429 Send waits out a Retry-After of up to 5 s once; a longer one, or
// a second 429, is returned as *bot.RateLimitError.
func (s *Slack) Send(ctx context.Context, channel string, d briefbot.Digest) error {
	msgs := digestMessages(d)
	if len(msgs) == 0 {
		return nil
	}
	key := bot.SendKey(channel, bot.DigestFingerprint(d))
	p := s.sends.Load(key)
	for i := p.Posted; i < len(msgs); i++ {
		m := msgs[i]
		opts := []slackapi.MsgOption{
			slackapi.MsgOptionText(m.Text, false),
			slackapi.MsgOptionBlocks(m.Blocks...),
			slackapi.MsgOptionDisableLinkUnfurl(),
		}
		if m.Thread && p.Thread != "" {
			opts = append(opts, slackapi.MsgOptionTS(p.Thread))
		}
		ts, err := s.post(ctx, channel, opts)
		if err != nil {
			s.sends.Save(key, p)
			return fmt.Errorf("slack: post part %d/%d to %s: %w", i+1, len(msgs), channel, err)
		}
		if i == 0 {
			p.Thread = ts
		}
		p.Posted = i + 1
	}
	s.sends.Done(key)
	return nil
}

// post calls chat.postMessage, waiting out one short rate limit.
func (s *Slack) post(ctx context.Context, channel string, opts []slackapi.MsgOption) (string, error) {
	var ts string
	err := bot.WaitOutRateLimit(ctx, s.logger.With("channel", channel), s.maxRetryWait, rateLimited, func() error {
		var err error
		_, ts, err = s.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return "", err
	}
	return ts, nil
}

// rateLimited reports whether err is Slack's 429 and how long to wait.
func rateLimited(err error) (time.Duration, bool) {
	var limited *slackapi.RateLimitedError
	if errors.As(err, &limited) {
		return limited.RetryAfter, true
	}
	return 0, false
}
