package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

// progressTTL is how long Send remembers a half-sent digest. The outbox
// retries well within it.
const progressTTL = time.Hour

// sendProgress records how far a split digest got, so that an outbox
// retry of the same delivery resumes instead of reposting the messages
// that already went out.
type sendProgress struct {
	posted   int    // messages already posted
	threadTS string // ts of the first message, parent of the thread
	updated  time.Time
}

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
	key := channel + "\x00" + fingerprint(d)
	p := s.loadProgress(key)
	for i := p.posted; i < len(msgs); i++ {
		m := msgs[i]
		opts := []slackapi.MsgOption{
			slackapi.MsgOptionText(m.Text, false),
			slackapi.MsgOptionBlocks(m.Blocks...),
			slackapi.MsgOptionDisableLinkUnfurl(),
		}
		if m.Thread && p.threadTS != "" {
			opts = append(opts, slackapi.MsgOptionTS(p.threadTS))
		}
		ts, err := s.post(ctx, channel, opts)
		if err != nil {
			s.saveProgress(key, p)
			return fmt.Errorf("slack: post part %d/%d to %s: %w", i+1, len(msgs), channel, err)
		}
		if i == 0 {
			p.threadTS = ts
		}
		p.posted = i + 1
	}
	s.dropProgress(key)
	return nil
}

// post calls chat.postMessage, waiting out one short rate limit.
func (s *Slack) post(ctx context.Context, channel string, opts []slackapi.MsgOption) (string, error) {
	for attempt := 0; ; attempt++ {
		_, ts, err := s.api.PostMessageContext(ctx, channel, opts...)
		var limited *slackapi.RateLimitedError
		if !errors.As(err, &limited) {
			return ts, err
		}
		if attempt > 0 || limited.RetryAfter > s.maxRetryWait {
			return "", &bot.RateLimitError{RetryAfter: limited.RetryAfter}
		}
		s.logger.Info("rate limited, waiting", "retry_after", limited.RetryAfter, "channel", channel)
		t := time.NewTimer(limited.RetryAfter)
		select {
		case <-ctx.Done():
			t.Stop()
			return "", ctx.Err()
		case <-t.C:
		}
	}
}

func (s *Slack) loadProgress(key string) sendProgress {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, p := range s.progress {
		if now.Sub(p.updated) > progressTTL {
			delete(s.progress, k)
		}
	}
	if p, ok := s.progress[key]; ok {
		return *p
	}
	return sendProgress{}
}

func (s *Slack) saveProgress(key string, p sendProgress) {
	if p.posted == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p.updated = s.now()
	s.progress[key] = &p
}

func (s *Slack) dropProgress(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.progress, key)
}

// fingerprint identifies a digest's content.
func fingerprint(d briefbot.Digest) string {
	b, _ := json.Marshal(d)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
