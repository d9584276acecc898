package bot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"
)

// limitErr is a platform 429 for the test.
type limitErr struct{ wait time.Duration }

func (e limitErr) Error() string { return "429" }

func TestWaitOutRateLimit(t *testing.T) {
	limited := func(err error) (time.Duration, bool) {
		var l limitErr
		if errors.As(err, &l) {
			return l.wait, true
		}
		return 0, false
	}
	boom := errors.New("boom")
	cases := map[string]struct {
		results   []error // what each call returns, in order
		wantCalls int
		wantErr   error
		wantRetry time.Duration // when a *RateLimitError is expected
	}{
		"ok":                 {results: []error{nil}, wantCalls: 1},
		"other error":        {results: []error{boom}, wantCalls: 1, wantErr: boom},
		"short limit waited": {results: []error{limitErr{5 * time.Millisecond}, nil}, wantCalls: 2},
		"long limit":         {results: []error{limitErr{time.Minute}}, wantCalls: 1, wantRetry: time.Minute},
		"second limit":       {results: []error{limitErr{5 * time.Millisecond}, limitErr{7 * time.Millisecond}}, wantCalls: 2, wantRetry: 7 * time.Millisecond},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			calls := 0
			err := WaitOutRateLimit(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), time.Second, limited, func() error {
				calls++
				return tc.results[calls-1]
			})
			if calls != tc.wantCalls {
				t.Errorf("%d calls, want %d", calls, tc.wantCalls)
			}
			var rl *RateLimitError
			switch {
			case tc.wantRetry > 0:
				if !errors.As(err, &rl) || rl.RetryAfter != tc.wantRetry {
					t.Errorf("err = %v, want RateLimitError after %s", err, tc.wantRetry)
				}
			case !errors.Is(err, tc.wantErr):
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
		})
	}
	t.Run("cancelled while waiting", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		defer cancel()
		calls := 0
		err := WaitOutRateLimit(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), time.Hour, limited, func() error {
			calls++
			return limitErr{time.Minute}
		})
		if !errors.Is(err, context.DeadlineExceeded) || calls != 1 {
			t.Errorf("err = %v after %d calls, want the context's error after 1", err, calls)
		}
	})
}
