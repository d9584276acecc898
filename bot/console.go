package bot

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

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
