package postgres

import (
	"fmt"
	"testing"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store/internal/lookuptest"
)

// A database from before speaker_weeks (the rows this version writes,
// without the table) opens, migrates, and counts weeks as a database
// written now.
func TestWeeksMigrationMovesDatabaseForward(t *testing.T) {
	step := migrationStep(t, "CREATE TABLE speaker_weeks")
	dsn := pgtest.Schema(t, "briefbot_test_")
	old, err := Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	arts := lookuptest.MigrationArticles()
	for _, a := range arts {
		if _, err := old.SaveArticle(t.Context(), &a); err != nil {
			t.Fatal(err)
		}
	}
	// Back to the schema before the step: the saves' counts go with it.
	if _, err := old.pool.Exec(t.Context(), fmt.Sprintf(`DROP TABLE speaker_weeks;
		DROP FUNCTION speaker_weeks_deleted, speaker_weeks_updated CASCADE;
		DELETE FROM schema_migrations WHERE version > %d`, step)); err != nil {
		t.Fatal(err)
	}
	old.Close()

	migrated, fresh := openMigratedAndFresh(t, dsn, arts)
	lookuptest.SameWeeks(t, migrated, fresh)
}
