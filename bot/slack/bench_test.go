package slack

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
)

// BenchmarkDigestMessages renders a 120-article digest into Block Kit
// messages (done once per delivery).
func BenchmarkDigestMessages(b *testing.B) {
	d := bottest.Digest(120, 3, 300)
	for b.Loop() {
		if msgs := digestMessages(d); len(msgs) < 3 {
			b.Fatal("digest not split")
		}
	}
}

// BenchmarkCommandsHandler measures verify + parse + answer of an inline
// slash command, the part of Slack's 3 s budget the adapter spends.
func BenchmarkCommandsHandler(b *testing.B) {
	s := New(Config{SigningSecret: testSecret}, &bottest.Handler{OnHandle: bottest.WhoHandler}, bottest.DiscardLogger())
	h := s.CommandsHandler()
	for b.Loop() {
		b.StopTimer()
		req := bottest.SlackCommand(b, "/slack/commands", testSecret, time.Now(), commandForm("who Lavrov", ""))
		rec := httptest.NewRecorder()
		b.StartTimer()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
