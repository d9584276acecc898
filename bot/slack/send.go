package slack

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

// metadataEvent is the event type of the message metadata that tags each
// part we post with bot.PartKey, so a recheck can find it again.
const metadataEvent = "briefbot_delivery"

// maxHistoryPages bounds one recheck's reading of a channel (200
// messages a page): the window starts at the delivery's first attempt.
const maxHistoryPages = 25

// Send posts p to its channel via chat.postMessage: a header and one
// section per article, split into messages of at most 50 blocks; the
// first message goes to the channel, the rest to its thread. It implements
// bot.Sender.
//
// Every message carries metadata {event_type: briefbot_delivery,
// event_payload: {key: <part key>}}. On p.Recheck, Send first reads the
// channel (conversations.history) and the thread (conversations.replies)
// with include_all_metadata since p.Since, and posts only the parts it
// does not find, so a half-sent digest resumes where it stopped, on any
// replica, and a part Slack stored before we crashed is not posted again.
//
// On 429 Send waits out a Retry-After of up to 5 s once; a longer one, or
// a second 429, is returned as *bot.RateLimitError.
func (s *Slack) Send(ctx context.Context, p bot.Post) error {
	msgs := digestMessages(p.Digest)
	if len(msgs) == 0 {
		return nil
	}
	posted := map[int]string{} // part → ts
	if p.Recheck {
		var err error
		if posted, err = s.findParts(ctx, p, len(msgs)); err != nil {
			return fmt.Errorf("slack: looking for earlier posts of %s in %s: %w", p.Key, p.Channel, err)
		}
		if len(posted) > 0 {
			s.logger.Info("recheck found parts already posted", "key", p.Key, "channel", p.Channel, "found", len(posted), "parts", len(msgs))
		}
	}
	thread := posted[0]
	for i, m := range msgs {
		if _, ok := posted[i]; ok {
			continue
		}
		opts := []slackapi.MsgOption{
			slackapi.MsgOptionText(m.Text, false),
			slackapi.MsgOptionBlocks(m.Blocks...),
			slackapi.MsgOptionDisableLinkUnfurl(),
			slackapi.MsgOptionMetadata(slackapi.SlackMetadata{
				EventType:    metadataEvent,
				EventPayload: map[string]any{"key": bot.PartKey(p.Key, i)},
			}),
		}
		if m.Thread && thread != "" {
			opts = append(opts, slackapi.MsgOptionTS(thread))
		}
		ts, err := s.post(ctx, p.Channel, opts)
		if err != nil {
			return fmt.Errorf("slack: post part %d/%d to %s: %w", i+1, len(msgs), p.Channel, err)
		}
		if i == 0 {
			thread = ts
		}
	}
	return nil
}

// findParts returns the parts of p (of n) already in the channel, by
// their metadata: top-level messages from conversations.history, thread
// replies from conversations.replies under part 0.
func (s *Slack) findParts(ctx context.Context, p bot.Post, n int) (map[int]string, error) {
	want := make(map[string]int, n)
	for i := range n {
		want[bot.PartKey(p.Key, i)] = i
	}
	found := map[int]string{}
	match := func(msgs []slackapi.Message) {
		for _, m := range msgs {
			if m.Metadata.EventType != metadataEvent {
				continue
			}
			if key, ok := m.Metadata.EventPayload["key"].(string); ok {
				if i, ok := want[key]; ok {
					found[i] = m.Timestamp
				}
			}
		}
	}
	oldest := slackTS(p.Since.Add(-bot.HistoryMargin))
	cursor := ""
	for range maxHistoryPages {
		var resp *slackapi.GetConversationHistoryResponse
		err := s.call(ctx, p.Channel, func() error {
			var err error
			resp, err = s.api.GetConversationHistoryContext(ctx, &slackapi.GetConversationHistoryParameters{
				ChannelID: p.Channel, Oldest: oldest, Limit: 200, Cursor: cursor, IncludeAllMetadata: true,
			})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("conversations.history: %w", err)
		}
		match(resp.Messages)
		cursor = resp.ResponseMetaData.NextCursor
		if !resp.HasMore || cursor == "" {
			break
		}
	}
	if n == 1 || found[0] == "" {
		return found, nil // without part 0 no thread part can exist
	}
	cursor = ""
	for range maxHistoryPages {
		var msgs []slackapi.Message
		var more bool
		err := s.call(ctx, p.Channel, func() error {
			var err error
			msgs, more, cursor, err = s.api.GetConversationRepliesContext(ctx, &slackapi.GetConversationRepliesParameters{
				ChannelID: p.Channel, Timestamp: found[0], Limit: 200, Cursor: cursor, IncludeAllMetadata: true,
			})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("conversations.replies: %w", err)
		}
		match(msgs)
		if !more || cursor == "" {
			break
		}
	}
	return found, nil
}

// slackTS renders t as a Slack timestamp ("seconds.micros").
func slackTS(t time.Time) string {
	return strconv.FormatInt(t.Unix(), 10) + "." + fmt.Sprintf("%06d", t.Nanosecond()/1000)
}

// post calls chat.postMessage, waiting out one short rate limit.
func (s *Slack) post(ctx context.Context, channel string, opts []slackapi.MsgOption) (string, error) {
	var ts string
	err := s.call(ctx, channel, func() error {
		var err error
		_, ts, err = s.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	return ts, err
}

// call runs one Web API call, waiting out one short rate limit.
func (s *Slack) call(ctx context.Context, channel string, fn func() error) error {
	return bot.WaitOutRateLimit(ctx, s.logger.With("channel", channel), s.maxRetryWait, rateLimited, fn)
}

// rateLimited reports whether err is Slack's 429 and how long to wait.
func rateLimited(err error) (time.Duration, bool) {
	var limited *slackapi.RateLimitedError
	if errors.As(err, &limited) {
		return limited.RetryAfter, true
	}
	return 0, false
}
