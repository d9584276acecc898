package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/lookuptest"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// A database written before the speaker registry (rows as the previous
// version stored them) opens, migrates, registers its speakers and answers
// the lookups as a database written by this version does.
func TestRegistryMigrationMovesDatabaseForward(t *testing.T) {
	all := migrations
	step := -1
	for i, m := range all {
		if strings.Contains(m, "CREATE TABLE speakers") {
			step = i
		}
	}
	if step < 0 {
		t.Fatal("no registry migration")
	}
	arts := lookuptest.MigrationArticles()

	path := filepath.Join(t.TempDir(), "old.db")
	migrations = all[:step]
	old, err := Open(t.Context(), path)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range arts {
		res, err := old.w.Exec(`INSERT INTO articles (feed_name, hash, url, title, published_at, fetched_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.FeedName, a.Hash, a.URL, a.Title, dbTime(a.PublishedAt), dbTime(a.FetchedAt))
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		for j, st := range a.Statements {
			if _, err := old.w.Exec(`INSERT INTO statements (article_id, seq, body, kind, speaker, speaker_key, speaker_role, speaker_affiliation)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, j, st.Text, st.Kind, st.Speaker, textsearch.Fold(st.Speaker), st.SpeakerRole, st.SpeakerAffiliation); err != nil {
				t.Fatalf("article %d: %v", i, err)
			}
		}
	}
	old.Close()

	migrated, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer migrated.Close()
	fresh, err := Open(t.Context(), filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	for _, a := range arts {
		a := a
		a.Statements = append([]briefbot.Statement(nil), a.Statements...)
		if _, err := fresh.SaveArticle(t.Context(), &a); err != nil {
			t.Fatal(err)
		}
	}
	lookuptest.SameLookups(t, migrated, fresh)
	lookuptest.SameWeeks(t, migrated, fresh)

	// Opening again registers nothing twice.
	migrated.Close()
	again, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	lookuptest.SameLookups(t, again, fresh)
	lookuptest.SameWeeks(t, again, fresh)
}
