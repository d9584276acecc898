package slack

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/store/sqlite"
)

func TestCommandsHandlerRefusesReplays(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h := &bottest.Handler{}
	replica1 := New(Config{SigningSecret: testSecret, Replays: st}, h, bottest.DiscardLogger())
	replica2 := New(Config{SigningSecret: testSecret, Replays: st}, h, bottest.DiscardLogger())
	signedAt := time.Now().Add(-time.Minute)
	serve := func(s *Slack, text string) int {
		rec := httptest.NewRecorder()
		s.CommandsHandler().ServeHTTP(rec, bottest.SlackCommand(t, "/slack/commands", testSecret, signedAt, commandForm(text, "")))
		return rec.Code
	}
	if code := serve(replica1, "subscribe russia"); code != http.StatusOK {
		t.Fatalf("first request: %d", code)
	}
	if code := serve(replica1, "subscribe russia"); code != http.StatusUnauthorized {
		t.Errorf("replay to the same replica: %d, want 401", code)
	}
	if code := serve(replica2, "subscribe russia"); code != http.StatusUnauthorized {
		t.Errorf("replay to another replica: %d, want 401", code)
	}
	if code := serve(replica2, "subscribe ukraine"); code != http.StatusOK {
		t.Errorf("a different request at the same second: %d, want 200", code)
	}
	if n := len(h.Seen()); n != 2 {
		t.Errorf("handler ran %d commands, want 2 (replays never reach it)", n)
	}
}
