package chatfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// SlackMessage is a message the Slack fake stored.
type SlackMessage struct {
	Channel  string
	TS       string
	ThreadTS string // parent's ts for thread replies
	Text     string
	Blocks   json.RawMessage
	Metadata json.RawMessage // {"event_type":…, "event_payload":…} as posted
}

// Slack is a Slack Web API stand-in: chat.postMessage,
// conversations.history and conversations.replies (with
// include_all_metadata), under /api/. Create it with NewSlack.
type Slack struct {
	faults
	srv   *httptest.Server
	token string

	mu     sync.Mutex
	msgs   []SlackMessage
	lastTS int64
}

// NewSlack starts a Slack fake accepting the bot token; Close it.
func NewSlack(token string) *Slack {
	s := &Slack{faults: newFaults(), token: token}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the Web API base to configure (ends in "/api/").
func (s *Slack) URL() string { return s.srv.URL + "/api/" }

// Close stops the server, cutting calls still held.
func (s *Slack) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// Messages returns every stored message, in posting order.
func (s *Slack) Messages() []SlackMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

// MetadataKey returns the "key" of a message's briefbot metadata, or "".
func (m SlackMessage) MetadataKey() string {
	var meta struct {
		EventPayload map[string]any `json:"event_payload"`
	}
	if json.Unmarshal(m.Metadata, &meta) != nil {
		return ""
	}
	k, _ := meta.EventPayload["key"].(string)
	return k
}

func (s *Slack) serve(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	if r.Header.Get("Authorization") != "Bearer "+s.token && r.Form.Get("token") != s.token {
		reply(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	post := method == "chat.postMessage"
	fault, retryAfter, slowFor := s.decide(method, post)
	switch fault {
	case RateLimited:
		w.Header().Set("Retry-After", strconv.Itoa(int(retryAfter.Round(time.Second)/time.Second)))
		w.WriteHeader(http.StatusTooManyRequests)
		return
	case Unavailable:
		http.Error(w, "service unavailable", http.StatusServiceUnavailable)
		return
	case Hang:
		wait(r, time.Hour)
		return
	}
	var answer map[string]any
	switch method {
	case "chat.postMessage":
		answer = s.postMessage(r)
	case "conversations.history":
		answer = s.history(r)
	case "conversations.replies":
		answer = s.replies(r)
	default:
		answer = map[string]any{"ok": false, "error": "unknown_method"}
	}
	switch fault {
	case Lost:
		drop(w)
		return
	case Slow:
		wait(r, slowFor)
	}
	reply(w, answer)
}

func reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func (s *Slack) postMessage(r *http.Request) map[string]any {
	channel := r.Form.Get("channel")
	if channel == "" {
		return map[string]any{"ok": false, "error": "channel_not_found"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ts := max(time.Now().UnixMicro(), s.lastTS+1)
	s.lastTS = ts
	m := SlackMessage{
		Channel: channel, TS: fmt.Sprintf("%d.%06d", ts/1e6, ts%1e6), ThreadTS: r.Form.Get("thread_ts"),
		Text: r.Form.Get("text"), Blocks: rawOrNil(r.Form.Get("blocks")), Metadata: rawOrNil(r.Form.Get("metadata")),
	}
	s.msgs = append(s.msgs, m)
	return map[string]any{"ok": true, "channel": channel, "ts": m.TS, "message": s.wire(m, true)}
}

func rawOrNil(s string) json.RawMessage {
	if s == "" {
		return nil
	}
	return json.RawMessage(s)
}

// wire is a message as the Web API returns it.
func (s *Slack) wire(m SlackMessage, withMeta bool) map[string]any {
	out := map[string]any{"type": "message", "ts": m.TS, "text": m.Text, "bot_id": "B0FAKE"}
	if m.ThreadTS != "" {
		out["thread_ts"] = m.ThreadTS
	}
	if withMeta && m.Metadata != nil {
		out["metadata"] = m.Metadata
	}
	return out
}

// page answers a list of messages with cursor paging (the cursor is an
// offset).
func page(msgs []map[string]any, r *http.Request) map[string]any {
	limit, _ := strconv.Atoi(r.Form.Get("limit"))
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	off, _ := strconv.Atoi(r.Form.Get("cursor"))
	off = min(max(off, 0), len(msgs))
	end := min(off+limit, len(msgs))
	out := map[string]any{"ok": true, "messages": msgs[off:end], "has_more": end < len(msgs)}
	if end < len(msgs) {
		out["response_metadata"] = map[string]any{"next_cursor": strconv.Itoa(end)}
	}
	return out
}

func tsAfter(ts, oldest string) bool {
	if oldest == "" {
		return true
	}
	a, _ := strconv.ParseFloat(ts, 64)
	b, _ := strconv.ParseFloat(oldest, 64)
	return a > b
}

// history lists a channel's top-level messages newer than oldest, newest
// first; metadata only with include_all_metadata, as Slack does.
func (s *Slack) history(r *http.Request) map[string]any {
	channel, oldest := r.Form.Get("channel"), r.Form.Get("oldest")
	withMeta := r.Form.Get("include_all_metadata") == "1" || r.Form.Get("include_all_metadata") == "true"
	s.mu.Lock()
	var msgs []map[string]any
	for i := len(s.msgs) - 1; i >= 0; i-- {
		m := s.msgs[i]
		if m.Channel == channel && (m.ThreadTS == "" || m.ThreadTS == m.TS) && tsAfter(m.TS, oldest) {
			msgs = append(msgs, s.wire(m, withMeta))
		}
	}
	s.mu.Unlock()
	return page(msgs, r)
}

// replies lists a thread: the parent, then its replies, oldest first.
func (s *Slack) replies(r *http.Request) map[string]any {
	channel, ts := r.Form.Get("channel"), r.Form.Get("ts")
	withMeta := r.Form.Get("include_all_metadata") == "1" || r.Form.Get("include_all_metadata") == "true"
	s.mu.Lock()
	var msgs []map[string]any
	found := false
	for _, m := range s.msgs {
		if m.Channel == channel && (m.TS == ts || m.ThreadTS == ts) {
			found = found || m.TS == ts
			msgs = append(msgs, s.wire(m, withMeta))
		}
	}
	s.mu.Unlock()
	if !found {
		return map[string]any{"ok": false, "error": "thread_not_found"}
	}
	return page(msgs, r)
}
