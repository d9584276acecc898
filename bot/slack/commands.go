package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/briefbot/briefbot/bot"
)

// maxCommandBody bounds what we read of a slash command request.
const maxCommandBody = 64 << 10

// slashResponse is the body of an inline answer, a Socket Mode ack
// payload, or a response_url post.
type slashResponse struct {
	ResponseType string           `json:"response_type,omitempty"` // "ephemeral" or "in_channel"
	Text         string           `json:"text"`
	Blocks       []slackapi.Block `json:"blocks,omitempty"`
}

// CommandsHandler serves POST /slack/commands. Requests must carry a valid
// signature made with the signing secret, at most five minutes old;
// otherwise it answers 401. Answers that take longer than ~2.5 s are
// acknowledged with an empty 200 and posted to the command's response_url.
func (s *Slack) CommandsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bot.ReadSignedPost(w, r, maxCommandBody, s.verify, s.logger)
		if !ok {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		cmd, err := slackapi.SlashCommandParse(r)
		if err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		if r.PostForm.Get("ssl_check") == "1" {
			w.WriteHeader(http.StatusOK) // Slack's certificate probe: nothing to answer
			return
		}
		s.answer(r.Context(), cmd, func(resp *slashResponse) {
			if resp == nil {
				w.WriteHeader(http.StatusOK) // ack; the answer follows via response_url
				return
			}
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(resp)
		})
	})
}

// verify checks the v0 signature and the 5-minute timestamp window
// (slack.NewSecretsVerifier enforces both), then refuses a signature seen
// before: a replay within the window.
func (s *Slack) verify(r *http.Request, body []byte) error {
	if err := s.verifySignature(r, body); err != nil {
		return err
	}
	sec, _ := strconv.ParseInt(r.Header.Get("X-Slack-Request-Timestamp"), 10, 64)
	fresh, err := s.replays.Fresh(r.Context(), bot.Slack, r.Header.Get("X-Slack-Signature"), time.Unix(sec, 0))
	if err != nil {
		return fmt.Errorf("checking for a replay: %w", err)
	}
	if !fresh {
		return errors.New("replayed request (signature already used)")
	}
	return nil
}

func (s *Slack) verifySignature(r *http.Request, body []byte) error {
	if s.cfg.SigningSecret == "" {
		return errors.New("no signing secret configured")
	}
	v, err := slackapi.NewSecretsVerifier(r.Header, s.cfg.SigningSecret)
	if err != nil {
		return err
	}
	if _, err := v.Write(body); err != nil {
		return err
	}
	return v.Ensure()
}

// answer runs the command and calls ack exactly once, within ackAfter:
// with the answer when it is ready in time, else with nil, in which case
// the answer is posted to cmd.ResponseURL when ready. Answers longer than
// one message send their remaining messages to response_url too.
func (s *Slack) answer(ctx context.Context, cmd slackapi.SlashCommand, ack func(*slashResponse)) {
	req := bot.Request{
		Platform: bot.Slack,
		Channel:  cmd.ChannelID,
		User:     cmd.UserID,
		Text:     strings.TrimSpace(cmd.Text),
	}
	if req.Text == "" {
		req.Text = "help"
	}
	if name := strings.TrimPrefix(s.cfg.Command, "/"); cmd.Command != "" && !strings.EqualFold(strings.TrimPrefix(cmd.Command, "/"), name) {
		// The app's slash command and [slack] command disagree: say so
		// where the person who can fix it will see it.
		s.logger.Warn("slash command name differs from config", "got", cmd.Command, "configured", "/"+name)
		ack(&slashResponse{ResponseType: "ephemeral", Text: fmt.Sprintf(
			"briefbot is configured for /%s, not %s. Rename the command in the Slack app, or set command = %q in the [slack] config.",
			name, cmd.Command, strings.TrimPrefix(cmd.Command, "/"))})
		return
	}
	bot.Answer{
		Handler: s.handler,
		Logger:  s.logger,
		Pending: &s.pending,
		Within:  s.ackAfter,
		Timeout: s.slowReplyTimeout,
		Inline: func(reply bot.Reply) func(context.Context) {
			msgs := responses(reply)
			ack(msgs[0])
			if len(msgs) == 1 {
				return nil
			}
			return func(ctx context.Context) { s.postResponses(ctx, cmd.ResponseURL, msgs[1:]) }
		},
		Defer: func() bool {
			ack(nil)
			return true
		},
		Late: func(ctx context.Context, reply bot.Reply) {
			s.postResponses(ctx, cmd.ResponseURL, responses(reply))
		},
	}.Run(ctx, req)
}

// maxResponses is how many messages one command may send: Slack accepts
// five posts to a response_url.
const maxResponses = 5

func responses(reply bot.Reply) []*slashResponse {
	kind := "in_channel"
	if reply.Ephemeral {
		kind = "ephemeral"
	}
	msgs := replyMessages(reply)
	if len(msgs) > maxResponses {
		msgs = msgs[:maxResponses]
		last := &msgs[maxResponses-1]
		note := textBlocks("_Answer cut: Slack takes five messages per command. Narrow the query for the rest._")
		if len(last.Blocks) == maxBlocksPerMessage {
			last.Blocks = last.Blocks[:maxBlocksPerMessage-1]
		}
		last.Blocks = append(last.Blocks[:len(last.Blocks):len(last.Blocks)], note...)
	}
	var out []*slashResponse
	for _, m := range msgs {
		out = append(out, &slashResponse{ResponseType: kind, Text: m.Text, Blocks: m.Blocks})
	}
	return out
}

// postResponses posts answers to a response_url (valid 30 minutes, up to
// five posts).
func (s *Slack) postResponses(ctx context.Context, responseURL string, msgs []*slashResponse) {
	if responseURL == "" {
		s.logger.Warn("slash command answer dropped: no response_url")
		return
	}
	for _, m := range msgs {
		body, err := json.Marshal(m)
		if err != nil {
			s.logger.Error("encode slash answer", "err", err)
			return
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, responseURL, bytes.NewReader(body))
		if err != nil {
			s.logger.Error("slash answer request", "err", err)
			return
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := s.http.Do(req)
		if err != nil {
			s.logger.Error("post to response_url", "err", err)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			s.logger.Error("post to response_url", "status", resp.Status)
			return
		}
	}
}

// RunSocketMode receives slash commands over Slack's Socket Mode websocket
// until ctx is done, so no public URL is needed. It needs Config.AppToken.
func (s *Slack) RunSocketMode(ctx context.Context) error {
	if s.cfg.AppToken == "" {
		return errors.New("slack: socket mode needs an app-level token (BRIEFBOT_SLACK_APP_TOKEN)")
	}
	client := socketmode.New(s.api)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- client.RunContext(ctx) }()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-errc:
			if ctx.Err() != nil {
				return nil
			}
			return err
		case evt := <-client.Events:
			switch evt.Type {
			case socketmode.EventTypeConnected:
				s.logger.Info("socket mode connected")
			case socketmode.EventTypeConnectionError:
				s.logger.Warn("socket mode connection error", "data", evt.Data)
			case socketmode.EventTypeSlashCommand:
				cmd, ok := evt.Data.(slackapi.SlashCommand)
				if !ok || evt.Request == nil {
					continue
				}
				envelope := *evt.Request
				go s.answer(ctx, cmd, func(resp *slashResponse) {
					if resp == nil {
						if err := client.Ack(envelope); err != nil {
							s.logger.Error("socket mode ack", "err", err)
						}
						return
					}
					if err := client.Ack(envelope, resp); err != nil {
						// Acks carry at most 20 KB: acknowledge bare and
						// send the answer through response_url.
						s.logger.Debug("socket mode ack with answer failed, using response_url", "err", err)
						if err := client.Ack(envelope); err != nil {
							s.logger.Error("socket mode ack", "err", err)
						}
						s.postResponses(context.WithoutCancel(ctx), cmd.ResponseURL, []*slashResponse{resp})
					}
				})
			}
		}
	}
}
