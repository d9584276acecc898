package bottest

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// SlackCommand returns a POST of a slash command form to target, signed
// with secret at ts the way Slack signs: v0=HMAC-SHA256 of "v0:ts:body".
// It can be served directly or sent with an http.Client.
func SlackCommand(tb testing.TB, target, secret string, ts time.Time, form url.Values) *http.Request {
	tb.Helper()
	body := form.Encode()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Slack-Request-Timestamp", stamp)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

// DiscordInteraction returns a POST of an interaction body to target,
// signed with key at ts the way Discord signs: Ed25519 over timestamp+body.
func DiscordInteraction(tb testing.TB, target string, key ed25519.PrivateKey, ts time.Time, body string) *http.Request {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	stamp := strconv.FormatInt(ts.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", stamp)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(stamp+body))))
	return req
}

// Do sends req with http.DefaultClient and returns the status and body of
// the answer.
func Do(tb testing.TB, req *http.Request) (status int, body string) {
	tb.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read answer: %v", err)
	}
	return resp.StatusCode, string(b)
}
