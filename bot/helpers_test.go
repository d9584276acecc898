package bot

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/sqlite"
)

// openStore opens a real SQLite store in a fresh file under t.TempDir().
func openStore(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefbot.db")
	return reopenStore(t, path), path
}

// reopenStore opens the SQLite file at path, as a restarted process would.
func reopenStore(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("open sqlite store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func saveArticle(t *testing.T, st *sqlite.Store, a briefbot.Article) briefbot.Article {
	t.Helper()
	if a.Hash == "" {
		a.Hash = a.URL
	}
	ok, err := st.SaveArticle(context.Background(), &a)
	if err != nil {
		t.Fatalf("save article %q: %v", a.Title, err)
	}
	if !ok {
		t.Fatalf("save article %q: duplicate", a.Title)
	}
	return a
}

// Hand-written fixtures (never copied from the shared corpus).
var (
	day = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

	lavrovArticle = briefbot.Article{
		FeedName:    "Wire One",
		URL:         "https://news.example/lavrov-ceasefire",
		Title:       "Lavrov says Moscow open to ceasefire talks",
		Text:        "Russian Foreign Minister Sergei Lavrov said on Thursday that Moscow was ready to discuss a ceasefire.",
		PublishedAt: day.Add(9*time.Hour + 30*time.Minute),
		FetchedAt:   day.Add(10 * time.Hour),
		Statements: []briefbot.Statement{{
			Text: "Moscow is ready to discuss a ceasefire without preconditions", Kind: briefbot.Direct,
			Speaker: "Sergei Lavrov", SpeakerRole: "Foreign Minister", SpeakerAffiliation: "Russia", Score: 0.9,
		}},
		Actors: []briefbot.Actor{
			{Name: "Sergei Lavrov", Type: briefbot.Person, Role: "Foreign Minister", Affiliation: "Russia", Aliases: []string{"Lavrov"}},
			{Name: "Russia", Type: briefbot.Country},
		},
	}
	wangArticle = briefbot.Article{
		FeedName:    "Wire Two",
		URL:         "https://news.example/wang-dialogue",
		Title:       "Wang Yi calls for dialogue on the peninsula",
		Text:        "Chinese Foreign Minister Wang Yi urged all parties to return to talks.",
		PublishedAt: day.Add(11 * time.Hour),
		FetchedAt:   day.Add(11*time.Hour + 5*time.Minute),
		Statements: []briefbot.Statement{{
			Text: "Dialogue remains the only way forward", Kind: briefbot.Direct,
			Speaker: "Wang Yi", SpeakerRole: "Foreign Minister", SpeakerAffiliation: "China", Score: 0.8,
		}},
		Actors: []briefbot.Actor{
			{Name: "Wang Yi", Type: briefbot.Person},
			{Name: "China", Type: briefbot.Country},
		},
	}
	sanctionsArticle = briefbot.Article{
		FeedName:    "Wire One",
		URL:         "https://news.example/eu-sanctions",
		Title:       "EU ministers agree a new sanctions package",
		Text:        "The package targets shipping firms. Officials said a ceasefire was not yet in sight.",
		PublishedAt: day.Add(12 * time.Hour),
		FetchedAt:   day.Add(12*time.Hour + 10*time.Minute),
		Statements: []briefbot.Statement{{
			Text: "A ceasefire is not in sight while the shelling continues", Kind: briefbot.Indirect,
			Speaker: "officials", Score: 0.5,
		}},
		Actors: []briefbot.Actor{{Name: "European Union", Type: briefbot.Organization, Aliases: []string{"EU"}}},
	}
)

// sentMessage is one Send call a recordingSender saw.
type sentMessage struct {
	Channel string
	Digest  briefbot.Digest
	Recheck bool
}

// recordingSender is a Sender that records what it was asked to send and
// fails with the queued errors first.
type recordingSender struct {
	mu   sync.Mutex
	sent []sentMessage
	fail []error
	// calls counts every Send call, failed or not.
	calls int
}

func (s *recordingSender) Send(ctx context.Context, p Post) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if len(s.fail) > 0 {
		err := s.fail[0]
		s.fail = s.fail[1:]
		return err
	}
	s.sent = append(s.sent, sentMessage{p.Channel, p.Digest, p.Recheck})
	return nil
}

func (s *recordingSender) Sent() []sentMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]sentMessage(nil), s.sent...)
}

func (s *recordingSender) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// digestArticleIDs lists the article IDs a digest carries, in order.
func digestArticleIDs(d briefbot.Digest) []int64 {
	var ids []int64
	for _, s := range d.Stories {
		for _, a := range s.Articles {
			ids = append(ids, a.ArticleID)
		}
	}
	return ids
}
