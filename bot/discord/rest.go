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

	"github.com/briefbot/briefbot/bot"
)

const userAgent = "DiscordBot (https://github.com/briefbot/briefbot, 1)"

// apiError is a non-2xx answer from the REST API.
type apiError struct {
	Method, Path string
	Status       int
	Body         string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("discord: %s %s: %d %s", e.Method, e.Path, e.Status, e.Body)
}

// rateLimited is a 429 answer.
type rateLimited struct {
	RetryAfter time.Duration
}

func (e *rateLimited) Error() string {
	return fmt.Sprintf("discord: rate limited, retry after %s", e.RetryAfter)
}

// call sends one REST request to Config.APIURL+path with JSON in and out
// (either may be nil). Interaction webhooks are authorised by their token
// in the path, everything else by the bot token.
func (d *Discord) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, d.cfg.APIURL+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", userAgent)
	if !strings.HasPrefix(path, "/webhooks/") && !strings.HasPrefix(path, "/interactions/") {
		req.Header.Set("Authorization", "Bot "+d.cfg.BotToken)
	}
	resp, err := d.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return &rateLimited{RetryAfter: retryAfter(resp.Header, data)}
	}
	if resp.StatusCode/100 != 2 {
		return &apiError{Method: method, Path: redactToken(path), Status: resp.StatusCode, Body: string(bytes.TrimSpace(data))}
	}
	if out != nil && len(data) > 0 {
		return json.Unmarshal(data, out)
	}
	return nil
}

// callRetrying is call that waits out one 429 of at most maxRetryWait and
// turns any other 429 into *bot.RateLimitError for the outbox.
func (d *Discord) callRetrying(ctx context.Context, method, path string, in, out any) error {
	return bot.WaitOutRateLimit(ctx, d.logger.With("path", redactToken(path)), d.maxRetryWait,
		func(err error) (time.Duration, bool) {
			var limited *rateLimited
			if errors.As(err, &limited) {
				return limited.RetryAfter, true
			}
			return 0, false
		},
		func() error { return d.call(ctx, method, path, in, out) })
}

// retryAfter reads the Retry-After header (seconds), else the body's
// retry_after (seconds, fractional); one second when neither is usable.
func retryAfter(h http.Header, body []byte) time.Duration {
	if v, err := strconv.ParseFloat(strings.TrimSpace(h.Get("Retry-After")), 64); err == nil && v >= 0 {
		return time.Duration(v * float64(time.Second))
	}
	var payload struct {
		RetryAfter float64 `json:"retry_after"`
	}
	if json.Unmarshal(body, &payload) == nil && payload.RetryAfter > 0 {
		return time.Duration(payload.RetryAfter * float64(time.Second))
	}
	return time.Second
}

// redactToken hides interaction tokens (path segments after the app id of
// /webhooks/{app}/{token} or /interactions/{id}/{token}) in logs.
func redactToken(path string) string {
	parts := strings.Split(path, "/")
	if len(parts) > 3 && (parts[1] == "webhooks" || parts[1] == "interactions") {
		parts[3] = "…"
	}
	return strings.Join(parts, "/")
}
