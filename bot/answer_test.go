package bot

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"
)

// handlerFunc adapts a function to Handler.
type handlerFunc func(ctx context.Context, req Request) Reply

func (f handlerFunc) Handle(ctx context.Context, req Request) Reply { return f(ctx, req) }
func (f handlerFunc) Complete(context.Context, string, string) []string {
	return nil
}

// answerLog records which steps of an Answer ran, with what.
type answerLog struct {
	mu              sync.Mutex
	inline, late    []Reply
	deferred, rest  int
	lateCtxCanceled bool
}

func runAnswer(t *testing.T, h handlerFunc, within, timeout time.Duration, deferOK bool) *answerLog {
	t.Helper()
	var (
		log     answerLog
		pending sync.WaitGroup
	)
	Answer{
		Handler: h, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Pending: &pending,
		Within: within, Timeout: timeout,
		Inline: func(r Reply) func(context.Context) {
			log.mu.Lock()
			defer log.mu.Unlock()
			log.inline = append(log.inline, r)
			if r.Text != "long" {
				return nil
			}
			return func(ctx context.Context) {
				log.mu.Lock()
				defer log.mu.Unlock()
				log.rest++
			}
		},
		Defer: func() bool {
			log.mu.Lock()
			defer log.mu.Unlock()
			log.deferred++
			return deferOK
		},
		Late: func(ctx context.Context, r Reply) {
			log.mu.Lock()
			defer log.mu.Unlock()
			log.late = append(log.late, r)
			log.lateCtxCanceled = ctx.Err() != nil
		},
	}.Run(context.Background(), Request{Text: "who Lavrov"})
	pending.Wait()
	return &log
}

func TestAnswer(t *testing.T) {
	quick := func(text string) handlerFunc {
		return func(context.Context, Request) Reply { return Reply{Text: text} }
	}
	slow := func(ctx context.Context, req Request) Reply {
		time.Sleep(50 * time.Millisecond)
		return Reply{Text: "late answer"}
	}
	stuck := func(ctx context.Context, req Request) Reply {
		<-ctx.Done()
		return Reply{Text: "never seen"}
	}
	panics := func(context.Context, Request) Reply { panic("boom") }

	t.Run("quick answer goes inline", func(t *testing.T) {
		log := runAnswer(t, quick("ok"), time.Second, time.Second, true)
		if len(log.inline) != 1 || log.inline[0].Text != "ok" || log.deferred != 0 || len(log.late) != 0 || log.rest != 0 {
			t.Errorf("%+v", log)
		}
	})
	t.Run("rest of a quick answer runs in the background", func(t *testing.T) {
		log := runAnswer(t, quick("long"), time.Second, time.Second, true)
		if len(log.inline) != 1 || log.rest != 1 {
			t.Errorf("%+v", log)
		}
	})
	t.Run("slow answer is deferred, then delivered", func(t *testing.T) {
		log := runAnswer(t, slow, 5*time.Millisecond, time.Second, true)
		if len(log.inline) != 0 || log.deferred != 1 || len(log.late) != 1 || log.late[0].Text != "late answer" {
			t.Errorf("%+v", log)
		}
	})
	t.Run("timeout sends the apology on a live context", func(t *testing.T) {
		log := runAnswer(t, stuck, 5*time.Millisecond, 30*time.Millisecond, true)
		if len(log.late) != 1 || log.late[0] != ReplyTimedOut || log.lateCtxCanceled {
			t.Errorf("%+v", log)
		}
	})
	t.Run("failed deferral abandons the command", func(t *testing.T) {
		log := runAnswer(t, slow, 5*time.Millisecond, time.Second, false)
		if log.deferred != 1 || len(log.late) != 0 {
			t.Errorf("%+v", log)
		}
	})
	t.Run("panic becomes an apology", func(t *testing.T) {
		log := runAnswer(t, panics, time.Second, time.Second, true)
		if len(log.inline) != 1 || log.inline[0] != ReplyPanicked {
			t.Errorf("%+v", log)
		}
	})
}
