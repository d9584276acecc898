// Package bot answers commands and delivers digests. The Router is
// platform-neutral and serves Slack, Discord and the terminal alike; the
// slack/ and discord/ subpackages are thin adapters that translate wire
// formats to Request and Reply. The Dispatcher turns new articles into
// outbox deliveries and sends them through each platform's Sender.
package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/briefbot/briefbot"
)

// Platform names.
const (
	Slack    = "slack"
	Discord  = "discord"
	Terminal = "terminal"
	Console  = "console" // the stdout sink used when no chat platform is configured
	// ConsoleChannel is the console platform's one channel: configured
	// console subscriptions and those made with `briefbot ask` share it,
	// so the daemon prints each alert once.
	ConsoleChannel = "stdout"
)

// Request is one command from any platform.
type Request struct {
	Platform string
	Channel  string
	User     string
	Roles    []string // platform role ids of the user (Discord), for permission checks
	// Text is the command line after the command name, e.g. "who Lavrov"
	// or "subscribe russia daily 08:00 Europe/Paris". Adapters for typed
	// options (Discord) join the subcommand and option values into it,
	// for logs only: the router then runs on Options.
	Text string
	// Command and Options, when set, are a structured command (Discord's
	// subcommand and typed option values, see Commands): the router takes
	// the command name and every option value as given, never re-parsed
	// from Text (a topic named "china daily 08:00 UTC" stays a topic).
	// On the text path the router fills Options from Text by the
	// command's grammar (see Options in options.go).
	Command string
	Options map[string]string
}

// Reply is a platform-neutral answer. Adapters render Text as the message
// (and fallback), and Digest, when set, as rich content.
type Reply struct {
	Ephemeral bool // only the requester sees it (usage errors, help)
	Text      string
	Digest    *briefbot.Digest
	// Chart is a one-line chart (a Unicode sparkline) that Text also
	// carries; Slack shows it in a context block.
	Chart string
}

// Handler answers commands for a chat adapter: the command itself, and
// autocomplete of its options (field "topic" or "speaker"). *Router
// satisfies it.
type Handler interface {
	Handle(ctx context.Context, req Request) Reply
	Complete(ctx context.Context, field, prefix string) []string
}

// RateLimitError is returned by a Sender when the platform said 429 and
// retrying within the call was not possible; the outbox retries after
// RetryAfter.
type RateLimitError struct {
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("rate limited: retry after %s", e.RetryAfter)
}

var _ Handler = (*Router)(nil)
