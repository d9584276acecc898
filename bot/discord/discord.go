// Package discord is the Discord adapter: it registers the /brief
// application command, receives interactions (HTTP endpoint verified with
// Ed25519, or the gateway), renders bot.Replies and digests as embeds, and
// implements bot.Sender for the outbox.
//
// REST calls go through a small client of our own (rest.go) built on
// discordgo's wire types rather than through discordgo.Session: the
// session's endpoints are package globals fixed at API v9 and
// https://discord.com, its rate-limit waits ignore contexts, and it reads
// 429s only from the JSON body. Our client honours Config.APIURL, ctx and
// Retry-After. discordgo.Session is used only for the gateway.
package discord

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/store"
)

// DefaultAPIURL is Discord's REST API base.
const DefaultAPIURL = "https://discord.com/api/v10"

// Config is what the adapter needs; the config package fills it from the
// [discord] section and the BRIEFBOT_DISCORD_* environment variables.
type Config struct {
	APIURL    string // REST base, default DefaultAPIURL; point it at a fake in tests
	BotToken  string
	PublicKey string // hex Ed25519 key of the application: verifies POST /discord/interactions
	AppID     string
	GuildID   string // when set, commands are registered for this guild only (instant updates)
	Gateway   bool   // receive interactions over the gateway instead of HTTP
	Command   string // application command name, default "brief"

	// HTTPClient is used for REST calls; nil means a client with a 15 s
	// timeout.
	HTTPClient *http.Client

	// Replays remembers signed interactions so a replayed one is refused,
	// across replicas; nil remembers in this process only.
	Replays store.ReplayStore
}

// Discord is the adapter. Create it with New; it is safe for concurrent use.
type Discord struct {
	cfg       Config
	publicKey ed25519.PublicKey
	http      *http.Client
	handler   bot.Handler
	logger    *slog.Logger

	// deferAfter is how long a command may run before Discord gets a
	// deferred response (type 5) and the answer is edited in later;
	// Discord allows 3 s for the first response.
	deferAfter time.Duration
	// slowReplyTimeout bounds deferred work (interaction tokens live 15 min).
	slowReplyTimeout time.Duration
	// maxRetryWait is the longest Retry-After Send waits out itself.
	maxRetryWait time.Duration
	// maxClockSkew bounds the age of a signed interaction.
	maxClockSkew time.Duration
	now          func() time.Time

	pending sync.WaitGroup // deferred answers still being edited in

	replays *bot.ReplayGuard
}

// New returns a Discord adapter. PublicKey, when set, must be the hex key
// shown in the developer portal. A nil logger means slog.Default().
func New(cfg Config, h bot.Handler, logger *slog.Logger) (*Discord, error) {
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if cfg.Command == "" {
		cfg.Command = "brief"
	}
	if logger == nil {
		logger = slog.Default()
	}
	d := &Discord{
		cfg:              cfg,
		http:             cfg.HTTPClient,
		handler:          h,
		logger:           logger.With("platform", bot.Discord),
		deferAfter:       2 * time.Second,
		slowReplyTimeout: 10 * time.Minute,
		maxRetryWait:     5 * time.Second,
		maxClockSkew:     5 * time.Minute,
		now:              time.Now,
	}
	d.replays = bot.NewReplayGuard(cfg.Replays, func() time.Time { return d.now() })
	if d.http == nil {
		d.http = &http.Client{Timeout: 15 * time.Second}
	}
	if cfg.PublicKey != "" {
		key, err := hex.DecodeString(strings.TrimSpace(cfg.PublicKey))
		if err != nil || len(key) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("discord: public key must be %d hex-encoded bytes (BRIEFBOT_DISCORD_PUBLIC_KEY)", ed25519.PublicKeySize)
		}
		d.publicKey = ed25519.PublicKey(key)
	}
	return d, nil
}

// Wait blocks until deferred answers are delivered. Call it on shutdown
// after the HTTP server and the gateway have stopped.
func (d *Discord) Wait() { d.pending.Wait() }
