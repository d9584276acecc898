package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Apologies the chat adapters send in place of an answer.
var (
	ReplyPanicked = Reply{Ephemeral: true, Text: "Sorry, something went wrong answering that."}
	ReplyTimedOut = Reply{Ephemeral: true, Text: "Sorry, that took too long. Please try again."}
)

// Answer runs one chat command under the platforms' rule that the first
// response comes within 3 s: the reply goes inline when the Handler is
// quick, otherwise a placeholder goes out first and the reply follows in
// the background. The adapters (slack, discord) own the wire format and
// fill in the three steps; Answer owns the timing, the panic recovery and
// the background work's lifetime.
type Answer struct {
	Handler Handler
	Logger  *slog.Logger
	Pending *sync.WaitGroup // counts background work, for the adapter's Wait
	Within  time.Duration   // how long the Handler may run before the placeholder
	Timeout time.Duration   // bounds the Handler and the late delivery

	// Inline sends a reply ready within Within as the platform's response.
	// It returns the rest to send (further messages), run in the
	// background, or nil.
	Inline func(reply Reply) (rest func(ctx context.Context))
	// Defer sends the placeholder response; false abandons the command.
	Defer func() bool
	// Late delivers the reply of a deferred command, or ReplyTimedOut once
	// Timeout passed (ctx is then no longer cancelled, so the apology
	// still goes out).
	Late func(ctx context.Context, reply Reply)
}

// Run answers req; it returns once the inline response or the placeholder
// is sent.
func (a Answer) Run(ctx context.Context, req Request) {
	// The work outlives the platform's request when it is slow, so it
	// must not be cancelled with it.
	work, cancel := context.WithTimeout(context.WithoutCancel(ctx), a.Timeout)
	done := make(chan Reply, 1)
	go func() { done <- a.handle(work, req) }()

	timer := time.NewTimer(a.Within)
	defer timer.Stop()
	select {
	case reply := <-done:
		rest := a.Inline(reply)
		if rest == nil {
			cancel()
			return
		}
		a.background(cancel, func() { rest(work) })
	case <-timer.C:
		if !a.Defer() {
			cancel()
			return
		}
		a.background(cancel, func() {
			select {
			case reply := <-done:
				a.Late(work, reply)
			case <-work.Done():
				a.Logger.Error("command timed out", "text", req.Text, "channel", req.Channel)
				a.Late(context.WithoutCancel(work), ReplyTimedOut)
			}
		})
	}
}

func (a Answer) background(cancel context.CancelFunc, fn func()) {
	a.Pending.Add(1)
	go func() {
		defer a.Pending.Done()
		defer cancel()
		fn()
	}()
}

// handle runs the Handler; a panic becomes ReplyPanicked rather than a
// crash, since it runs outside net/http's recovery.
func (a Answer) handle(ctx context.Context, req Request) (reply Reply) {
	defer func() {
		if p := recover(); p != nil {
			a.Logger.Error("command handler panicked", "text", req.Text, "panic", p)
			reply = ReplyPanicked
		}
	}()
	return a.Handler.Handle(ctx, req)
}
