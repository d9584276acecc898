package discord

import (
	"context"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/store/sqlite"
)

func TestInteractionsHandlerRefusesReplays(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	pub, priv := newKey(t)
	h := &bottest.Handler{}
	replica1 := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub), Replays: st}, h)
	replica2 := newTestDiscord(t, Config{PublicKey: hex.EncodeToString(pub), Replays: st}, h)
	signedAt := time.Now().Add(-time.Minute)
	body := commandInteraction(2, "topics")
	serve := func(d *Discord) int {
		rec := httptest.NewRecorder()
		d.InteractionsHandler().ServeHTTP(rec, bottest.DiscordInteraction(t, "/discord/interactions", priv, signedAt, body))
		return rec.Code
	}
	if code := serve(replica1); code != http.StatusOK {
		t.Fatalf("first interaction: %d", code)
	}
	if code := serve(replica1); code != http.StatusUnauthorized {
		t.Errorf("replay to the same replica: %d, want 401", code)
	}
	if code := serve(replica2); code != http.StatusUnauthorized {
		t.Errorf("replay to another replica: %d, want 401", code)
	}
	if n := len(h.Seen()); n != 1 {
		t.Errorf("handler ran %d commands, want 1", n)
	}
}
