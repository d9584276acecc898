package bot

import (
	"context"
	"log/slog"
	"time"
)

// WaitOutRateLimit runs call, and when it fails with a platform rate limit
// (limited reports it and the wait) of at most maxWait, waits that long
// and runs it once more. A longer limit, or a second one, is returned as
// *RateLimitError so that the outbox retries later instead of a Sender
// blocking. The chat adapters wrap their API calls with it.
func WaitOutRateLimit(ctx context.Context, logger *slog.Logger, maxWait time.Duration,
	limited func(err error) (retryAfter time.Duration, ok bool), call func() error) error {
	for attempt := 0; ; attempt++ {
		err := call()
		retryAfter, ok := limited(err)
		if !ok {
			return err
		}
		if attempt > 0 || retryAfter > maxWait {
			return &RateLimitError{RetryAfter: retryAfter}
		}
		logger.Info("rate limited, waiting", "retry_after", retryAfter)
		t := time.NewTimer(retryAfter)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
