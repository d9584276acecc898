package discord

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

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
)

const (
	maxInteractionBody = 1 << 20
	maxChoices         = 25 // Discord's limit for autocomplete answers
	maxChoiceLength    = 100
)

// responder sends the initial response to an interaction: as the HTTP
// answer for the interactions endpoint, or through
// POST /interactions/{id}/{token}/callback for the gateway.
type responder func(response any) error

// autocompleteResponse is a type 8 answer. Unlike
// discordgo.InteractionResponseData it sends "choices":[] when there is
// nothing to suggest; Discord rejects a missing list.
type autocompleteResponse struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		Choices []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
	} `json:"data"`
}

// InteractionsHandler serves POST /discord/interactions. Requests must be
// signed with the application's Ed25519 key over timestamp+body and be at
// most five minutes old; otherwise it answers 401. It answers PING with
// PONG, autocomplete with choices from the Handler, and commands inline
// when the Handler answers within ~2 s, else with a deferred response that
// is edited once the answer is ready.
func (d *Discord) InteractionsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := bot.ReadSignedPost(w, r, maxInteractionBody, d.verify, d.logger)
		if !ok {
			return
		}
		var i discordgo.Interaction
		if err := json.Unmarshal(body, &i); err != nil {
			http.Error(w, "bad interaction", http.StatusBadRequest)
			return
		}
		d.interact(r.Context(), &i, func(resp any) error {
			w.Header().Set("Content-Type", "application/json")
			if err := json.NewEncoder(w).Encode(resp); err != nil {
				return err
			}
			// Send it now: a deferred answer is edited in from another
			// goroutine, which Discord only accepts after this response.
			return http.NewResponseController(w).Flush()
		})
	})
}

// verify checks the Ed25519 signature and that the signed timestamp is
// within maxClockSkew of now, then refuses a signature seen before: a
// replay within that window.
func (d *Discord) verify(r *http.Request, body []byte) error {
	if d.publicKey == nil {
		return errors.New("no public key configured")
	}
	sec, err := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
	if err != nil {
		return errors.New("missing or malformed timestamp")
	}
	if age := d.now().Sub(time.Unix(sec, 0)); age > d.maxClockSkew || age < -d.maxClockSkew {
		return fmt.Errorf("stale timestamp (%s old)", age.Round(time.Second))
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, d.publicKey) {
		return errors.New("bad signature")
	}
	fresh, err := d.replays.Fresh(r.Context(), bot.Discord, r.Header.Get("X-Signature-Ed25519"), time.Unix(sec, 0))
	if err != nil {
		return fmt.Errorf("checking for a replay: %w", err)
	}
	if !fresh {
		return errors.New("replayed request (signature already used)")
	}
	return nil
}

// interact answers one interaction; respond is called exactly once.
func (d *Discord) interact(ctx context.Context, i *discordgo.Interaction, respond responder) {
	var err error
	switch i.Type {
	case discordgo.InteractionPing:
		err = respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
	case discordgo.InteractionApplicationCommandAutocomplete:
		var resp autocompleteResponse
		resp.Type = discordgo.InteractionApplicationCommandAutocompleteResult
		resp.Data.Choices = d.choices(ctx, i)
		err = respond(resp)
	case discordgo.InteractionApplicationCommand:
		d.command(ctx, i, respond)
		return
	default:
		err = respond(&discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "Unsupported interaction.", Flags: discordgo.MessageFlagsEphemeral},
		})
	}
	if err != nil {
		d.logger.Error("respond to interaction", "type", i.Type.String(), "err", err)
	}
}

// choices answers autocomplete for topic and speaker options.
func (d *Discord) choices(ctx context.Context, i *discordgo.Interaction) []*discordgo.ApplicationCommandOptionChoice {
	field, prefix, ok := focusedOption(i)
	if !ok {
		return []*discordgo.ApplicationCommandOptionChoice{}
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	out := []*discordgo.ApplicationCommandOptionChoice{} // Discord wants [], not null
	for _, c := range d.handler.Complete(ctx, field, prefix) {
		if len(out) == maxChoices {
			break
		}
		c = bot.Truncate(c, maxChoiceLength)
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
	}
	return out
}

// command runs an application command: inline (type 4) when the Handler
// answers within deferAfter, else deferred (type 5) and the original
// response edited later. Messages beyond the first go as follow-ups.
func (d *Discord) command(ctx context.Context, i *discordgo.Interaction, respond responder) {
	req := requestFor(i)
	bot.Answer{
		Handler: d.handler,
		Logger:  d.logger,
		Pending: &d.pending,
		Within:  d.deferAfter,
		Timeout: d.slowReplyTimeout,
		Inline: func(reply bot.Reply) func(context.Context) {
			msgs := replyMessages(reply)
			err := respond(&discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{
					Content:         msgs[0].Content,
					Embeds:          msgs[0].Embeds,
					Flags:           flags(reply),
					AllowedMentions: noMentions,
				},
			})
			if err != nil {
				d.logger.Error("respond to command", "text", req.Text, "err", err)
				return nil
			}
			if len(msgs) == 1 {
				return nil
			}
			return func(ctx context.Context) { d.followUp(ctx, i, reply, msgs[1:]) }
		},
		Defer: func() bool {
			err := respond(&discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			if err != nil {
				d.logger.Error("defer command", "text", req.Text, "err", err)
			}
			return err == nil
		},
		Late: func(ctx context.Context, reply bot.Reply) {
			msgs := replyMessages(reply)
			edit := createMessage{Content: msgs[0].Content, Embeds: msgs[0].Embeds, AllowedMentions: noMentions}
			path := "/webhooks/" + appID(d, i) + "/" + i.Token + "/messages/@original"
			if err := d.webhookCall(ctx, "PATCH", path, edit); err != nil {
				d.logger.Error("edit deferred response", "text", req.Text, "err", err)
				return
			}
			d.followUp(ctx, i, reply, msgs[1:])
		},
	}.Run(ctx, req)
}

// webhookCall edits or follows up an interaction response. Discord
// answers 404 until it has processed the initial response, which a fast
// answer can race, so a 404 is retried a few times.
func (d *Discord) webhookCall(ctx context.Context, method, path string, msg createMessage) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		err = d.callRetrying(ctx, method, path, msg, nil)
		var apiErr *apiError
		if !errors.As(err, &apiErr) || apiErr.Status != http.StatusNotFound {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt+1) * 250 * time.Millisecond):
		}
	}
	return err
}

// followUp posts further messages of an answer
// (POST /webhooks/{app}/{token}).
func (d *Discord) followUp(ctx context.Context, i *discordgo.Interaction, reply bot.Reply, msgs []outMessage) {
	path := "/webhooks/" + appID(d, i) + "/" + i.Token
	for _, m := range msgs {
		body := createMessage{Content: m.Content, Embeds: m.Embeds, Flags: flags(reply), AllowedMentions: noMentions}
		if err := d.webhookCall(ctx, "POST", path, body); err != nil {
			d.logger.Error("follow-up message", "err", err)
			return
		}
	}
}

func flags(r bot.Reply) discordgo.MessageFlags {
	if r.Ephemeral {
		return discordgo.MessageFlagsEphemeral
	}
	return 0
}

func appID(d *Discord, i *discordgo.Interaction) string {
	if i.AppID != "" {
		return i.AppID
	}
	return d.cfg.AppID
}

// RunGateway receives interactions over the gateway websocket until ctx
// is done (no public URL needed) and answers them through the REST API.
func (d *Discord) RunGateway(ctx context.Context) error {
	if d.cfg.BotToken == "" {
		return errors.New("discord: the gateway needs a bot token (BRIEFBOT_DISCORD_BOT_TOKEN)")
	}
	s, err := d.newSession()
	if err != nil {
		return err
	}
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		i := ic.Interaction
		d.interact(ctx, i, func(resp any) error {
			return d.call(ctx, "POST", "/interactions/"+i.ID+"/"+i.Token+"/callback", resp, nil)
		})
	})
	if err := s.Open(); err != nil {
		return fmt.Errorf("discord: open gateway: %w", err)
	}
	d.logger.Info("gateway connected")
	<-ctx.Done()
	return s.Close()
}

// newSession returns a gateway session whose REST calls (discordgo
// fetches the gateway URL from its fixed API base) go to Config.APIURL.
func (d *Discord) newSession() (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + d.cfg.BotToken)
	if err != nil {
		return nil, err
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: rebase{to: d.cfg.APIURL + "/", next: d.http.Transport}}
	s.Identify.Intents = discordgo.IntentsNone // interactions arrive regardless of intents
	return s, nil
}

// rebase rewrites requests for discordgo's built-in API base to another
// base URL.
type rebase struct {
	to   string
	next http.RoundTripper
}

func (t rebase) RoundTrip(r *http.Request) (*http.Response, error) {
	if rest, ok := strings.CutPrefix(r.URL.String(), discordgo.EndpointAPI); ok {
		r = r.Clone(r.Context())
		u, err := r.URL.Parse(t.to + rest)
		if err != nil {
			return nil, err
		}
		r.URL, r.Host = u, u.Host
	}
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(r)
}
