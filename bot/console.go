package bot

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/summarize"
)

// ConsoleSender prints digests as plain text: the default sink when no chat
// platform is configured, and handy for local runs. Safe for concurrent use.
type ConsoleSender struct {
	W io.Writer

	mu sync.Mutex
}

// Send writes a header naming the channel, then the rendered digest. A
// terminal keeps no history to recheck: a Recheck prints again.
func (c *ConsoleSender) Send(ctx context.Context, p Post) error {
	channel, d := p.Channel, p.Digest
	c.mu.Lock()
	defer c.mu.Unlock()
	body := strings.TrimRight(summarize.RenderText(d), "\n")
	_, err := fmt.Fprintf(c.W, "=== #%s — %s ===\n%s\n\n", channel, d.Title, body)
	return err
}

// MoveConsoleSubscriptions moves console subscriptions made when `briefbot
// ask` used the channel "terminal" to ConsoleChannel, where the configured
// ones are: two names for the one console printed each alert twice.
func MoveConsoleSubscriptions(ctx context.Context, st store.Store) (int, error) {
	old, err := st.Subscriptions(ctx, Console, Terminal)
	if err != nil {
		return 0, err
	}
	for _, s := range old {
		s.ID, s.Channel = 0, ConsoleChannel
		if _, err := st.AddSubscription(ctx, s); err != nil {
			return 0, fmt.Errorf("move console subscription %q: %w", s.Topic, err)
		}
		if _, err := st.RemoveSubscription(ctx, Console, Terminal, s.Topic); err != nil {
			return 0, fmt.Errorf("move console subscription %q: %w", s.Topic, err)
		}
	}
	return len(old), nil
}
