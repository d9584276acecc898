package discord

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func newKey(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// commandInteraction is an application command interaction for
// /brief <sub> with string options given as name, value pairs.
func commandInteraction(kind int, sub string, opts ...string) string {
	var options []map[string]any
	for i := 0; i+1 < len(opts); i += 2 {
		o := map[string]any{"name": opts[i], "type": 3, "value": opts[i+1]}
		if strings.HasSuffix(opts[i], "*") { // focused (autocomplete)
			o["name"] = strings.TrimSuffix(opts[i], "*")
			o["focused"] = true
		}
		options = append(options, o)
	}
	payload := map[string]any{
		"id": "int-1", "application_id": "app-1", "type": kind, "token": "itoken-1",
		"channel_id": "CH1", "guild_id": "G1", "version": 1,
		"member": map[string]any{"user": map[string]any{"id": "U1", "username": "ana"}, "roles": []string{"R1"}},
		"data": map[string]any{"id": "cmd-1", "name": "brief", "type": 1, "options": []map[string]any{
			{"name": sub, "type": 1, "options": options},
		}},
	}
	b, _ := json.Marshal(payload)
	return string(b)
}

// recordedCall is one REST call the Discord fake received.
type recordedCall struct {
	Method, Path, Auth string
	Body               []byte
	At                 time.Time
}

// restFake is an httptest Discord REST API. respond, when set, may answer
// a call itself (return true), e.g. with a 429.
type restFake struct {
	mu      sync.Mutex
	calls   []recordedCall
	respond func(n int, c recordedCall, w http.ResponseWriter) bool
	srv     *httptest.Server
	notify  chan recordedCall
}

func newRESTFake(t *testing.T) *restFake {
	t.Helper()
	f := &restFake{notify: make(chan recordedCall, 100)}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		c := recordedCall{Method: r.Method, Path: strings.TrimPrefix(r.URL.Path, "/api/v10"), Auth: r.Header.Get("Authorization"), Body: body, At: time.Now()}
		f.mu.Lock()
		f.calls = append(f.calls, c)
		n := len(f.calls)
		respond := f.respond
		f.mu.Unlock()
		f.notify <- c
		if respond != nil && respond(n, c, w) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPut:
			w.Write(body) // bulk overwrite echoes the commands
		default:
			fmt.Fprintf(w, `{"id":"m%d","channel_id":"x"}`, n)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *restFake) URL() string { return f.srv.URL + "/api/v10" }

func (f *restFake) snapshot() []recordedCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recordedCall(nil), f.calls...)
}

func compactJSON(b []byte) string {
	var out bytes.Buffer
	if json.Compact(&out, b) != nil {
		return string(b)
	}
	return out.String()
}
