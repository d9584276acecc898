package slack

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/store/sqlite"
)

// TestThroughRouter wires the adapter to the real Router over a real
// SQLite store: a signed "/brief who Lavrov" quotes Sergei Lavrov, and an
// instant subscription made by slash command yields exactly one
// chat.postMessage when a matching article arrives.
func TestThroughRouter(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "briefbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	feeds, err := st.SyncFeeds(ctx, []briefbot.Feed{{Name: "Example Wire", URL: "https://example.org/feed.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	lavrov := briefbot.Actor{Name: "Sergei Lavrov", Type: briefbot.Person, Role: "Foreign Minister", Affiliation: "Russia"}
	saveArticle := func(a briefbot.Article) {
		t.Helper()
		a.FeedID, a.FeedName, a.FetchedAt, a.PublishedAt = feeds[0].ID, feeds[0].Name, now, now
		a.Actors = []briefbot.Actor{lavrov}
		if _, err := st.SaveArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	// Stored on a first poll: searchable, never alerts.
	saveArticle(briefbot.Article{
		Hash: "a1", URL: "https://example.org/talks", Title: "Moscow open to talks",
		Text: "Sergei Lavrov said Moscow is ready to resume talks without preconditions.", Silent: true,
		Statements: []briefbot.Statement{lavrovStatement},
	})

	fake := &chatFake{}
	slackAPI := newSlackFake(t, fake)
	router := &bot.Router{Store: st, Command: "brief", Logger: discardLogger()}
	s := New(Config{APIURL: slackAPI.GetAPIURL(), BotToken: "xoxb-test", SigningSecret: testSecret}, router, discardLogger())
	srv := httptest.NewServer(s.CommandsHandler())
	defer srv.Close()

	command := func(text string) decodedResponse {
		t.Helper()
		req := signedCommand(t, srv.URL, testSecret, time.Now(), commandForm(text, ""))
		req.RequestURI = ""
		start := time.Now()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%q: status %d: %s", text, resp.StatusCode, body)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%q answered after %s", text, took)
		}
		return decodeResponse(t, body)
	}

	who := command("who Lavrov")
	if joined := strings.Join(blockTexts(who.Blocks.BlockSet), "\n"); !strings.Contains(joined, `Sergei Lavrov (Foreign Minister, Russia): "Moscow is ready to resume talks without preconditions"`) {
		t.Errorf("who Lavrov does not quote him:\n%s\nfallback: %s", joined, who.Text)
	}

	command("subscribe lavrov")
	subs, err := st.Subscriptions(ctx, bot.Slack, "C0TEST")
	if err != nil || len(subs) != 1 {
		t.Fatalf("subscriptions after /brief subscribe: %+v, %v", subs, err)
	}

	saveArticle(briefbot.Article{
		Hash: "a2", URL: "https://example.org/sanctions", Title: "Lavrov rejects sanctions",
		Text: "Sergei Lavrov said the sanctions would fail.",
		Statements: []briefbot.Statement{{
			Text: "the sanctions would fail", Kind: briefbot.Indirect, Speaker: "Sergei Lavrov",
			SpeakerRole: "Foreign Minister", SpeakerAffiliation: "Russia",
		}},
	})
	d := &bot.Dispatcher{Store: st, Senders: map[string]bot.Sender{bot.Slack: s}, Owner: "test", Logger: discardLogger()}
	if _, err := d.Dispatch(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	_, posts := fake.snapshot()
	if len(posts) != 1 {
		t.Fatalf("%d chat.postMessage calls for one instant alert, want exactly 1", len(posts))
	}
	joined := strings.Join(blockTexts(posts[0].Blocks), "\n")
	if posts[0].Channel != "C0TEST" || !strings.Contains(joined, "Lavrov rejects sanctions") || strings.Contains(joined, "Moscow open to talks") {
		t.Errorf("alert to %s:\n%s\nwant only the new article", posts[0].Channel, joined)
	}
}
