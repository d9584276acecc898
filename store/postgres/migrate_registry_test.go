package postgres

import (
	"testing"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store/internal/lookuptest"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// A database written before the speaker registry (rows as the previous
// version stored them) opens, migrates, registers its speakers and answers
// the lookups as a database written by this version does.
func TestRegistryMigrationMovesDatabaseForward(t *testing.T) {
	dsn := pgtest.Schema(t, "briefbot_test_")
	all := migrations
	step := migrationStep(t, "CREATE TABLE speakers")
	arts := lookuptest.MigrationArticles()
	migrations = all[:step]
	old, err := Open(t.Context(), dsn)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		var id int64
		if err := old.pool.QueryRow(t.Context(), `INSERT INTO articles (feed_name, hash, url, title, published_at, fetched_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, a.FeedName, a.Hash, a.URL, a.Title, a.PublishedAt, a.FetchedAt).Scan(&id); err != nil {
			t.Fatal(err)
		}
		for j, st := range a.Statements {
			key := textsearch.Fold(st.Speaker)
			if _, err := old.pool.Exec(t.Context(), `INSERT INTO statements (article_id, seq, body, kind, speaker, speaker_key,
				speaker_role, speaker_affiliation, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				id, j, st.Text, st.Kind, st.Speaker, key, st.SpeakerRole, st.SpeakerAffiliation, key+" "+textsearch.Fold(st.Text)); err != nil {
				t.Fatal(err)
			}
		}
	}
	old.Close()

	migrated, fresh := openMigratedAndFresh(t, dsn, arts)
	lookuptest.SameLookups(t, migrated, fresh)
	lookuptest.SameWeeks(t, migrated, fresh)

	migrated.Close()
	again, err := Open(t.Context(), dsn) // registers nothing twice
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	lookuptest.SameLookups(t, again, fresh)
	lookuptest.SameWeeks(t, again, fresh)
}
