// Package slack is the Slack adapter: it turns slash commands (HTTP or
// Socket Mode) into bot.Requests, renders bot.Replies and digests as Block
// Kit messages, and implements bot.Sender for the outbox.
//
// The adapter owns only the wire format. What a command means is the
// bot.Handler's business (bot.Router in production).
package slack

import (
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/store"
)

// DefaultAPIURL is Slack's Web API base URL.
const DefaultAPIURL = "https://slack.com/api/"

// Config is what the adapter needs; the config package fills it from the
// [slack] section and the BRIEFBOT_SLACK_* environment variables.
type Config struct {
	APIURL        string // Web API base, default DefaultAPIURL; point it at a fake in tests
	BotToken      string // xoxb-…: chat.postMessage
	SigningSecret string // verifies POST /slack/commands
	AppToken      string // xapp-…: enables Socket Mode
	Command       string // slash command name, "brief" or "/brief"

	// HTTPClient is used for the Web API and response_url posts; nil
	// means a client with a 15 s timeout.
	HTTPClient *http.Client

	// Replays remembers signed requests so a replayed one is refused,
	// across replicas; nil remembers in this process only.
	Replays store.ReplayStore
}

// Slack is the adapter. Create it with New; it is safe for concurrent use.
type Slack struct {
	cfg     Config
	api     *slackapi.Client
	http    *http.Client
	handler bot.Handler
	logger  *slog.Logger

	// ackAfter is how long a command may run before Slack gets an empty
	// ack and the answer goes to response_url instead (Slack allows 3 s).
	ackAfter time.Duration
	// slowReplyTimeout bounds work answered through response_url.
	slowReplyTimeout time.Duration
	// maxRetryWait is the longest Retry-After Send waits out itself;
	// longer ones go back to the outbox as bot.RateLimitError.
	maxRetryWait time.Duration
	now          func() time.Time

	pending sync.WaitGroup // replies still being posted to response_url

	replays *bot.ReplayGuard
}

// New returns a Slack adapter. A nil logger means slog.Default().
func New(cfg Config, h bot.Handler, logger *slog.Logger) *Slack {
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/" // slack-go appends method names directly
	}
	if cfg.Command == "" {
		cfg.Command = "brief"
	}
	if logger == nil {
		logger = slog.Default()
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 15 * time.Second}
	}
	opts := []slackapi.Option{slackapi.OptionAPIURL(cfg.APIURL), slackapi.OptionHTTPClient(client)}
	if cfg.AppToken != "" {
		opts = append(opts, slackapi.OptionAppLevelToken(cfg.AppToken))
	}
	s := &Slack{
		cfg:              cfg,
		api:              slackapi.New(cfg.BotToken, opts...),
		http:             client,
		handler:          h,
		logger:           logger.With("platform", bot.Slack),
		ackAfter:         2500 * time.Millisecond,
		slowReplyTimeout: 2 * time.Minute,
		maxRetryWait:     5 * time.Second,
		now:              time.Now,
	}
	s.replays = bot.NewReplayGuard(cfg.Replays, func() time.Time { return s.now() })
	return s
}

// Wait blocks until answers still being posted to response_url are done.
// Call it on shutdown after the HTTP server and Socket Mode have stopped.
func (s *Slack) Wait() { s.pending.Wait() }
