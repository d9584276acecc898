package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
)

// socketModeFake is a fake Slack for Socket Mode: apps.connections.open
// hands out a loopback websocket, which sends hello and one slash command
// envelope, and reports the client's ack.
func socketModeFake(t *testing.T, text, responseURL string) (apiURL string, acks chan map[string]json.RawMessage) {
	t.Helper()
	acks = make(chan map[string]json.RawMessage, 1)
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("/apps.connections.open", func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer xapp-test" {
			t.Errorf("apps.connections.open with Authorization %q, want the app-level token", got)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"url":"ws://%s/link"}`, strings.TrimPrefix(srv.URL, "http://"))
	})
	var connections atomic.Int32
	mux.HandleFunc("/link", func(w http.ResponseWriter, r *http.Request) {
		upgrader := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }} // the client sends Slack's origin
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1})
		if connections.Add(1) > 1 {
			// The client reconnects after the first link closes: Slack
			// does not redeliver an acked envelope, so neither do we.
			conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			for {
				if _, _, err := conn.ReadMessage(); err != nil {
					return
				}
			}
		}
		conn.WriteJSON(map[string]any{
			"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": true,
			"payload": map[string]any{
				"command": "/brief", "text": text, "channel_id": "C0TEST", "user_id": "U0TEST",
				"response_url": responseURL,
			},
		})
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		for {
			var msg map[string]json.RawMessage
			if err := conn.ReadJSON(&msg); err != nil {
				return
			}
			if _, ok := msg["envelope_id"]; ok {
				acks <- msg
				return
			}
		}
	})
	return srv.URL, acks
}

// runSocketMode runs s.RunSocketMode until the test ends and checks that
// it stops cleanly on cancel.
func runSocketMode(t *testing.T, s *Slack) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.RunSocketMode(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("RunSocketMode after cancel: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("RunSocketMode did not stop after cancel")
		}
	})
}

func waitAck(t *testing.T, acks chan map[string]json.RawMessage) map[string]json.RawMessage {
	t.Helper()
	select {
	case ack := <-acks:
		var id string
		json.Unmarshal(ack["envelope_id"], &id)
		if id != "env-1" {
			t.Errorf("acked envelope %q, want env-1", id)
		}
		return ack
	case <-time.After(10 * time.Second):
		t.Fatal("no ack within 10s")
		return nil
	}
}

func TestRunSocketModeAnswersInTheAck(t *testing.T) {
	apiURL, acks := socketModeFake(t, "who Lavrov", "https://hooks.invalid/none")
	h := &bottest.Handler{OnHandle: bottest.WhoHandler}
	s := New(Config{APIURL: apiURL, BotToken: "xoxb-test", AppToken: "xapp-test"}, h, bottest.DiscardLogger())
	runSocketMode(t, s)

	ack := waitAck(t, acks)
	var payload decodedResponse
	if err := json.Unmarshal(ack["payload"], &payload); err != nil {
		t.Fatalf("ack payload: %v: %s", err, ack["payload"])
	}
	if joined := strings.Join(blockTexts(payload.Blocks.BlockSet), "\n"); !strings.Contains(joined, `Sergei Lavrov (Foreign Minister, Russia): "Moscow`) {
		t.Errorf("ack does not quote Lavrov:\n%s", joined)
	}
	if seen := h.Seen(); len(seen) != 1 || seen[0].Text != "who Lavrov" || seen[0].Channel != "C0TEST" {
		t.Errorf("handler saw %+v", seen)
	}
}

func TestRunSocketModeSendsLargeAnswersToResponseURL(t *testing.T) {
	responses, posts := responseURLServer(t)
	apiURL, acks := socketModeFake(t, "digest", responses.URL)
	d := bottest.Digest(40, 3, 600) // one message of 41 blocks: far over the 20 KB ack limit
	h := &bottest.Handler{OnHandle: func(ctx context.Context, req bot.Request) bot.Reply {
		return bot.Reply{Text: "digest", Digest: &d}
	}}
	s := New(Config{APIURL: apiURL, BotToken: "xoxb-test", AppToken: "xapp-test"}, h, bottest.DiscardLogger())
	runSocketMode(t, s)

	ack := waitAck(t, acks)
	if p, ok := ack["payload"]; ok && string(p) != "null" {
		t.Errorf("oversized answer sent in the ack: %.200s", p)
	}
	select {
	case p := <-posts:
		if n := len(p.Blocks.BlockSet); n != 41 {
			t.Errorf("response_url got %d blocks, want the header and 40 articles", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("answer never posted to response_url")
	}
}

func TestRunSocketModeNeedsAppToken(t *testing.T) {
	s := New(Config{BotToken: "xoxb-test"}, &bottest.Handler{}, bottest.DiscardLogger())
	if err := s.RunSocketMode(context.Background()); err == nil || !strings.Contains(err.Error(), "BRIEFBOT_SLACK_APP_TOKEN") {
		t.Errorf("error %v, want one naming BRIEFBOT_SLACK_APP_TOKEN", err)
	}
}
