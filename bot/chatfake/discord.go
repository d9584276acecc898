package chatfake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DiscordMessage is a message the Discord fake stored.
type DiscordMessage struct {
	ID        uint64
	ChannelID string
	Content   string
	Embeds    []*discordgo.MessageEmbed
	Nonce     string
	At        time.Time
}

// Discord is a Discord REST API stand-in under /api/v10:
// POST /channels/{id}/messages (honouring nonce with enforce_nonce for
// NonceWindow) and GET /channels/{id}/messages?after=&limit=. Create it
// with NewDiscord.
type Discord struct {
	faults
	srv   *httptest.Server
	token string

	// NonceWindow is how long enforce_nonce deduplicates (Discord: a few
	// minutes); set before use.
	NonceWindow time.Duration

	mu     sync.Mutex
	msgs   []DiscordMessage
	lastID uint64
}

// NewDiscord starts a Discord fake accepting the bot token; Close it.
func NewDiscord(token string) *Discord {
	d := &Discord{faults: newFaults(), token: token, NonceWindow: 5 * time.Minute}
	d.srv = httptest.NewServer(http.HandlerFunc(d.serve))
	return d
}

// URL is the REST base to configure.
func (d *Discord) URL() string { return d.srv.URL + "/api/v10" }

// Close stops the server, cutting calls still held.
func (d *Discord) Close() {
	d.srv.CloseClientConnections()
	d.srv.Close()
}

// Messages returns every stored message, in posting order.
func (d *Discord) Messages() []DiscordMessage {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.msgs)
}

func (d *Discord) serve(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimPrefix(r.URL.Path, "/api/v10")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if r.Header.Get("Authorization") != "Bot "+d.token {
		writeJSON(w, http.StatusUnauthorized, map[string]any{"message": "401: Unauthorized", "code": 0})
		return
	}
	if len(parts) != 3 || parts[0] != "channels" || parts[2] != "messages" {
		writeJSON(w, http.StatusNotFound, map[string]any{"message": "404: Not Found", "code": 0})
		return
	}
	// Read the body first: only then does net/http notice a client that
	// goes away (a killed process) and cancel r.Context().
	data, _ := io.ReadAll(r.Body)
	method := r.Method + " messages"
	post := r.Method == http.MethodPost
	fault, retryAfter, slowFor := d.decide(method, post)
	switch fault {
	case RateLimited:
		secs := retryAfter.Seconds()
		w.Header().Set("Retry-After", strconv.FormatFloat(secs, 'f', -1, 64))
		w.Header().Set("X-RateLimit-Scope", "user")
		writeJSON(w, http.StatusTooManyRequests, map[string]any{"message": "You are being rate limited.", "retry_after": secs, "global": false})
		return
	case Unavailable:
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"message": "upstream connect error", "code": 0})
		return
	case Hang:
		wait(r, time.Hour)
		return
	}
	var status int
	var answer any
	switch r.Method {
	case http.MethodPost:
		status, answer = d.create(parts[1], data)
	case http.MethodGet:
		status, answer = d.list(parts[1], r)
	default:
		status, answer = http.StatusMethodNotAllowed, map[string]any{"message": "405: Method Not Allowed", "code": 0}
	}
	switch fault {
	case Lost:
		drop(w)
		return
	case Slow:
		wait(r, slowFor)
	}
	writeJSON(w, status, answer)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (d *Discord) create(channel string, data []byte) (int, any) {
	var body struct {
		Content      string                    `json:"content"`
		Embeds       []*discordgo.MessageEmbed `json:"embeds"`
		Nonce        string                    `json:"nonce"`
		EnforceNonce bool                      `json:"enforce_nonce"`
	}
	if err := json.Unmarshal(data, &body); err != nil {
		return http.StatusBadRequest, map[string]any{"message": "400: Bad Request", "code": 50109}
	}
	if len(body.Nonce) > 25 {
		return http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035,
			"errors": map[string]any{"nonce": "Must be 25 or fewer in length."}}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	if body.EnforceNonce && body.Nonce != "" {
		for _, m := range d.msgs {
			if m.ChannelID == channel && m.Nonce == body.Nonce && now.Sub(m.At) < d.NonceWindow {
				return http.StatusOK, wireMessage(m) // Discord answers with the earlier message
			}
		}
	}
	id := max(uint64(now.UnixMilli()-1420070400000)<<22, d.lastID+1)
	d.lastID = id
	m := DiscordMessage{ID: id, ChannelID: channel, Content: body.Content, Embeds: body.Embeds, Nonce: body.Nonce, At: now}
	d.msgs = append(d.msgs, m)
	return http.StatusOK, wireMessage(m)
}

// list answers GET messages?after=&limit=: the limit messages right after
// "after", newest first, without nonces (Discord does not return them).
func (d *Discord) list(channel string, r *http.Request) (int, any) {
	after, _ := strconv.ParseUint(r.URL.Query().Get("after"), 10, 64)
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 50
	}
	d.mu.Lock()
	var picked []map[string]any
	for _, m := range d.msgs {
		if m.ChannelID == channel && m.ID > after && len(picked) < limit {
			w := wireMessage(m)
			delete(w, "nonce")
			picked = append(picked, w)
		}
	}
	d.mu.Unlock()
	slices.Reverse(picked)
	if picked == nil {
		picked = []map[string]any{}
	}
	return http.StatusOK, picked
}

func wireMessage(m DiscordMessage) map[string]any {
	embeds := m.Embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	return map[string]any{
		"id": fmt.Sprint(m.ID), "channel_id": m.ChannelID, "content": m.Content, "embeds": embeds,
		"nonce": m.Nonce, "timestamp": m.At.UTC().Format(time.RFC3339Nano), "type": 0,
		"author": map[string]any{"id": "1", "username": "briefbot", "bot": true},
	}
}

// Tags returns the "ref …" tags of a message: in its content lines and
// its embeds' footers.
func (m DiscordMessage) Tags() []string {
	var tags []string
	scan := func(text string) {
		for _, field := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '·' }) {
			field = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(field), "-#"))
			if tag, ok := strings.CutPrefix(field, "ref "); ok {
				tags = append(tags, strings.TrimSpace(tag))
			}
		}
	}
	scan(m.Content)
	for _, e := range m.Embeds {
		if e != nil && e.Footer != nil {
			scan(e.Footer.Text)
		}
	}
	return tags
}
