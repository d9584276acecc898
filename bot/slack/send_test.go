package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	slackapi "github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
	"github.com/briefbot/briefbot/bot/chatfake"
)

// postedMessage is one chat.postMessage call as the fake received it.
type postedMessage struct {
	Channel  string
	Text     string
	ThreadTS string
	TS       string // what the fake answered
	Blocks   []slackapi.Block
	At       time.Time
}

// chatFake replaces slacktest's chat.postMessage to record calls; fail
// decides, per call number (from 1), an error status to answer instead.
type chatFake struct {
	mu    sync.Mutex
	calls int
	posts []postedMessage
	fail  func(call int, w http.ResponseWriter) bool
}

func (f *chatFake) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if r.Header.Get("Authorization") != "Bearer xoxb-test" && form.Get("token") != "xoxb-test" {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"ok":false,"error":"not_authed"}`)
		return
	}
	if f.fail != nil && f.fail(f.calls, w) {
		return
	}
	var blocks slackapi.Blocks
	if err := json.Unmarshal([]byte(form.Get("blocks")), &blocks); err != nil {
		http.Error(w, "bad blocks: "+err.Error(), http.StatusBadRequest)
		return
	}
	ts := fmt.Sprintf("1764000000.%06d", len(f.posts)+1)
	f.posts = append(f.posts, postedMessage{
		Channel: form.Get("channel"), Text: form.Get("text"), ThreadTS: form.Get("thread_ts"),
		TS: ts, Blocks: blocks.BlockSet, At: time.Now(),
	})
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "channel": form.Get("channel"), "ts": ts})
}

func (f *chatFake) snapshot() (int, []postedMessage) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls, append([]postedMessage(nil), f.posts...)
}

// newSlackFake starts a slacktest server whose chat.postMessage is f.
func newSlackFake(t *testing.T, f *chatFake) *slacktest.Server {
	t.Helper()
	srv := slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/chat.postMessage", f.handle)
	})
	srv.Start()
	t.Cleanup(srv.Stop)
	return srv
}

func TestSendSplitsLongDigests(t *testing.T) {
	cases := map[string]struct {
		articles, summaryLen int
		wantMessages         int // 0: more than one
	}{
		"one article is one message": {articles: 1, summaryLen: 100, wantMessages: 1},
		"120 articles":               {articles: 120, summaryLen: 300},
		"articles over a section":    {articles: 4, summaryLen: 7000, wantMessages: 1}, // 3 sections each, 13 blocks
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			fake := &chatFake{}
			srv := newSlackFake(t, fake)
			s := New(Config{APIURL: srv.GetAPIURL(), BotToken: "xoxb-test"}, &bottest.Handler{}, bottest.DiscardLogger())
			d := bottest.Digest(tc.articles, 3, tc.summaryLen)

			if err := s.Send(context.Background(), bot.Post{Key: "k1", Channel: "C0NEWS", Digest: d}); err != nil {
				t.Fatal(err)
			}
			_, posts := fake.snapshot()
			switch {
			case tc.wantMessages > 0 && len(posts) != tc.wantMessages:
				t.Fatalf("%d messages, want %d", len(posts), tc.wantMessages)
			case tc.wantMessages == 0 && len(posts) < 2:
				t.Fatalf("%d messages, want the digest split", len(posts))
			}
			first := posts[0]
			titles := map[int]int{}
			details := map[int]bool{}
			for i, p := range posts {
				if p.Channel != "C0NEWS" {
					t.Errorf("message %d to %q", i, p.Channel)
				}
				if len(p.Blocks) > maxBlocksPerMessage {
					t.Errorf("message %d has %d blocks, limit %d", i, len(p.Blocks), maxBlocksPerMessage)
				}
				if i > 0 && p.ThreadTS != first.TS {
					t.Errorf("continuation %d under thread %q, want the first message %q", i, p.ThreadTS, first.TS)
				}
				for _, text := range blockTexts(p.Blocks) {
					if n := len([]rune(text)); n > maxSectionText {
						t.Errorf("message %d has a block of %d characters", i, n)
					}
					var n int
					if _, err := fmt.Sscanf(text, "*<https://example.org/a/%d|", &n); err == nil {
						titles[n]++
					}
					for _, line := range strings.Split(text, "\n") {
						if _, err := fmt.Sscanf(line, "> Speaker %d: \"detail only", &n); err == nil {
							details[n] = true
						}
					}
				}
			}
			if first.ThreadTS != "" {
				t.Error("first message is itself a thread reply")
			}
			for i := 1; i <= tc.articles; i++ {
				if titles[i] != 1 {
					t.Errorf("article %d shown %d times, want once", i, titles[i])
				}
				if !details[i] {
					t.Errorf("article %d: third statement missing", i)
				}
			}
			if !strings.HasPrefix(first.Text, "Morning brief") {
				t.Errorf("fallback text %q", first.Text)
			}
		})
	}
}

func TestSendHonoursRetryAfter(t *testing.T) {
	cases := map[string]struct {
		retryAfter string
		times      int // 429s before success
		wantCalls  int
		wantWait   time.Duration // at least, between first and last call
		wantLimit  time.Duration // RetryAfter of the returned error; 0: success
	}{
		"short wait retried once":   {retryAfter: "1", times: 1, wantCalls: 2, wantWait: time.Second},
		"long wait left to outbox":  {retryAfter: "30", times: 1, wantCalls: 1, wantLimit: 30 * time.Second},
		"second 429 left to outbox": {retryAfter: "1", times: 2, wantCalls: 2, wantLimit: time.Second},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var times []time.Time
			fake := &chatFake{fail: func(call int, w http.ResponseWriter) bool {
				times = append(times, time.Now())
				if call > tc.times {
					return false
				}
				w.Header().Set("Retry-After", tc.retryAfter)
				w.WriteHeader(http.StatusTooManyRequests)
				return true
			}}
			srv := newSlackFake(t, fake)
			s := New(Config{APIURL: srv.GetAPIURL(), BotToken: "xoxb-test"}, &bottest.Handler{}, bottest.DiscardLogger())
			d := bottest.Digest(1, 3, 50)
			d.Stories[0].Articles[0].Statements = nil // one message, no thread

			err := s.Send(context.Background(), bot.Post{Key: "k1", Channel: "C0NEWS", Digest: d})
			calls, posts := fake.snapshot()
			if calls != tc.wantCalls {
				t.Errorf("%d calls to chat.postMessage, want %d", calls, tc.wantCalls)
			}
			if tc.wantLimit == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if len(posts) != 1 {
					t.Fatalf("%d messages posted, want 1", len(posts))
				}
				if waited := times[len(times)-1].Sub(times[0]); waited < tc.wantWait {
					t.Errorf("retried after %s, Retry-After said %s", waited, tc.wantWait)
				}
				return
			}
			var rl *bot.RateLimitError
			if !errors.As(err, &rl) {
				t.Fatalf("error %v, want *bot.RateLimitError", err)
			}
			if rl.RetryAfter != tc.wantLimit {
				t.Errorf("RetryAfter %s, want %s", rl.RetryAfter, tc.wantLimit)
			}
			if len(posts) != 0 {
				t.Errorf("%d messages posted despite the rate limit", len(posts))
			}
		})
	}
}

func TestSendResumesOnAnotherReplicaByMetadata(t *testing.T) {
	fake := chatfake.NewSlack("xoxb-test")
	defer fake.Close()
	fake.SetPlan(func(c chatfake.Call) chatfake.Fault {
		switch {
		case c.Method == "chat.postMessage" && c.N == 2:
			return chatfake.Lost // stored, but replica A never hears back
		case c.Method == "chat.postMessage" && c.N == 3:
			return chatfake.Unavailable
		}
		return chatfake.Pass
	})
	d := bottest.Digest(120, 3, 300)
	want := len(digestMessages(d))
	if want < 3 {
		t.Fatalf("digest renders as %d messages; the test needs 3 or more", want)
	}
	since := time.Now()
	post := bot.Post{Key: "instant:slack:C0NEWS:1-120", Channel: "C0NEWS", Digest: d}

	a := New(Config{APIURL: fake.URL(), BotToken: "xoxb-test"}, &bottest.Handler{}, bottest.DiscardLogger())
	if err := a.Send(context.Background(), post); err == nil {
		t.Fatal("Send succeeded although part 2's answer was lost")
	}
	// Replica B (a fresh adapter: nothing in memory) rechecks, twice over:
	// the first recheck meets the 503, the second completes.
	b := New(Config{APIURL: fake.URL(), BotToken: "xoxb-test"}, &bottest.Handler{}, bottest.DiscardLogger())
	post.Recheck, post.Since = true, since
	if err := b.Send(context.Background(), post); err == nil {
		t.Fatal("Send succeeded through a 503")
	}
	if err := b.Send(context.Background(), post); err != nil {
		t.Fatal(err)
	}
	msgs := fake.Messages()
	if len(msgs) != want {
		t.Fatalf("%d messages stored, want %d (no part twice)", len(msgs), want)
	}
	for i, m := range msgs {
		if got, wantKey := m.MetadataKey(), bot.PartKey(post.Key, i); got != wantKey {
			t.Errorf("message %d has key %q, want %q", i, got, wantKey)
		}
		if i > 0 && m.ThreadTS != msgs[0].TS {
			t.Errorf("part %d threads under %q, want the first part %q", i, m.ThreadTS, msgs[0].TS)
		}
	}
	if calls := fake.Calls(); calls["conversations.replies"] == 0 {
		t.Errorf("calls %v: the thread was not read back", calls)
	}

	// A recheck of a delivery that is complete posts nothing.
	if err := b.Send(context.Background(), post); err != nil {
		t.Fatal(err)
	}
	if n := len(fake.Messages()); n != want {
		t.Errorf("a recheck of a complete delivery posted again: %d messages", n)
	}
}
