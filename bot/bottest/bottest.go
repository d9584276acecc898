// Package bottest holds the fixtures the chat adapters' tests share: a
// Handler whose answers a test decides, hand-written statements and
// digests (never corpus text), and a real SQLite store seeded for
// end-to-end tests through bot.Router. Only tests import it.
package bottest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/store/sqlite"
)

// Handler is an adapter Handler whose answers the test decides. With no
// OnHandle it answers "ok: " and the command text; with no OnComplete it
// suggests nothing. It records every request.
type Handler struct {
	OnHandle   func(ctx context.Context, req bot.Request) bot.Reply
	OnComplete func(field, prefix string) []string

	mu       sync.Mutex
	requests []bot.Request
}

// Handle records req and answers it.
func (h *Handler) Handle(ctx context.Context, req bot.Request) bot.Reply {
	h.mu.Lock()
	h.requests = append(h.requests, req)
	h.mu.Unlock()
	if h.OnHandle != nil {
		return h.OnHandle(ctx, req)
	}
	return bot.Reply{Text: "ok: " + req.Text}
}

// Complete answers autocomplete through OnComplete.
func (h *Handler) Complete(ctx context.Context, field, prefix string) []string {
	if h.OnComplete != nil {
		return h.OnComplete(field, prefix)
	}
	return nil
}

// Seen returns the requests handled so far.
func (h *Handler) Seen() []bot.Request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]bot.Request(nil), h.requests...)
}

// DiscardLogger logs nothing.
func DiscardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// LavrovStatement is our own fixture, not corpus text.
var LavrovStatement = briefbot.Statement{
	Text:               "Moscow is ready to resume talks without preconditions",
	Kind:               briefbot.Direct,
	Speaker:            "Sergei Lavrov",
	SpeakerRole:        "Foreign Minister",
	SpeakerAffiliation: "Russia",
}

// LavrovQuote is how digests render LavrovStatement.
const LavrovQuote = `Sergei Lavrov (Foreign Minister, Russia): "Moscow is ready to resume talks without preconditions"`

// WhoHandler answers "who Lavrov" the way the router does: the statement
// as a digest, and as text. Anything else is an ephemeral "unknown".
func WhoHandler(ctx context.Context, req bot.Request) bot.Reply {
	if req.Text != "who Lavrov" {
		return bot.Reply{Ephemeral: true, Text: "unknown: " + req.Text}
	}
	d := briefbot.Digest{Title: "Statements by Sergei Lavrov", Stories: []briefbot.DigestStory{{
		Headline: "Talks",
		Articles: []briefbot.DigestArticle{{
			ArticleID: 1, Title: "Lavrov on talks", Source: "Example Wire", URL: "https://example.org/talks",
			Statements: []briefbot.Statement{LavrovStatement},
		}},
	}}}
	return bot.Reply{Text: `Sergei Lavrov: "Moscow is ready to resume talks without preconditions"`, Digest: &d}
}

// remarks are the statement texts of Digest before each article's last one.
var remarks = []string{"first remark", "second remark", "third remark", "fourth remark"}

// Digest titled "Morning brief" has n articles in stories of three, each
// with a summary of about summaryLen characters and statements statements
// by "Speaker i": remarks, then `detail only i` to tell articles apart.
func Digest(n, statements, summaryLen int) briefbot.Digest {
	d := briefbot.Digest{Title: "Morning brief"}
	for i := 0; i < n; i++ {
		if i%3 == 0 {
			d.Stories = append(d.Stories, briefbot.DigestStory{Headline: fmt.Sprintf("Story %d", i/3)})
		}
		speaker := "Speaker " + strconv.Itoa(i+1)
		var sts []briefbot.Statement
		for j := 0; j < statements-1; j++ {
			sts = append(sts, briefbot.Statement{Speaker: speaker, Text: remarks[j%len(remarks)]})
		}
		if statements > 0 {
			sts = append(sts, briefbot.Statement{Speaker: speaker, Text: fmt.Sprintf("detail only %d", i+1)})
		}
		st := &d.Stories[len(d.Stories)-1]
		st.Articles = append(st.Articles, briefbot.DigestArticle{
			ArticleID:   int64(i + 1),
			Title:       fmt.Sprintf("Article number %d", i+1),
			Source:      "Example Wire",
			URL:         fmt.Sprintf("https://example.org/a/%d", i+1),
			PublishedAt: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC),
			Summary:     strings.Repeat("word ", summaryLen/5),
			Statements:  sts,
		})
	}
	return d
}

// LavrovStore is a real SQLite store for end-to-end tests through
// bot.Router: one feed, "Example Wire", and one article quoting
// LavrovStatement stored silently, as a first poll stores it (searchable,
// never alerted).
type LavrovStore struct {
	*sqlite.Store
	t    testing.TB
	feed briefbot.Feed
}

// OpenLavrovStore opens a LavrovStore in a file under t.TempDir(), closed
// at cleanup.
func OpenLavrovStore(t testing.TB) *LavrovStore {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "briefbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	feeds, err := st.SyncFeeds(ctx, []briefbot.Feed{{Name: "Example Wire", URL: "https://example.org/feed.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	s := &LavrovStore{Store: st, t: t, feed: feeds[0]}
	s.save(briefbot.Article{
		Hash: "a1", URL: "https://example.org/talks", Title: "Moscow open to talks",
		Text: "Sergei Lavrov said Moscow is ready to resume talks without preconditions.", Silent: true,
		Statements: []briefbot.Statement{LavrovStatement},
	})
	return s
}

// SaveAlert stores a new, non-silent article, "Lavrov rejects sanctions",
// that an instant subscription to "lavrov" alerts on.
func (s *LavrovStore) SaveAlert() {
	s.t.Helper()
	s.save(briefbot.Article{
		Hash: "a2", URL: "https://example.org/sanctions", Title: "Lavrov rejects sanctions",
		Text: "Sergei Lavrov said the sanctions would fail.",
		Statements: []briefbot.Statement{{
			Text: "the sanctions would fail", Kind: briefbot.Indirect, Speaker: "Sergei Lavrov",
			SpeakerRole: "Foreign Minister", SpeakerAffiliation: "Russia",
		}},
	})
}

func (s *LavrovStore) save(a briefbot.Article) {
	s.t.Helper()
	now := time.Now().UTC()
	a.FeedID, a.FeedName, a.FetchedAt, a.PublishedAt = s.feed.ID, s.feed.Name, now, now
	a.Actors = []briefbot.Actor{{Name: "Sergei Lavrov", Type: briefbot.Person, Role: "Foreign Minister", Affiliation: "Russia"}}
	if _, err := s.SaveArticle(context.Background(), &a); err != nil {
		s.t.Fatal(err)
	}
}

// SaveQuote stores a silent article in which speaker says text, so the
// registry knows speaker (e.g. a second name for compare).
func (s *LavrovStore) SaveQuote(hash, speaker, text string) {
	s.t.Helper()
	s.save(briefbot.Article{
		Hash: hash, URL: "https://example.org/" + hash, Title: speaker + " speaks", Text: speaker + " said " + text + ".", Silent: true,
		Statements: []briefbot.Statement{{Text: text, Kind: briefbot.Indirect, Speaker: speaker}},
	})
}
