package postgres

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/pgtest"
)

// migrationStep returns the index of the (last) migration containing
// marker, the step a migration test rolls a database back to.
func migrationStep(t *testing.T, marker string) int {
	t.Helper()
	step := -1
	for i, m := range migrations {
		if strings.Contains(m, marker) {
			step = i
		}
	}
	if step < 0 {
		t.Fatalf("no migration contains %q", marker)
	}
	return step
}

// openMigratedAndFresh opens the old database at dsn, which migrates it,
// and a new one in which this version saved arts: a migration test then
// compares their answers.
func openMigratedAndFresh(t *testing.T, dsn string, arts []briefbot.Article) (migrated, fresh *Store) {
	t.Helper()
	migrated, err := Open(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { migrated.Close() })
	fresh, err = Open(t.Context(), pgtest.Schema(t, "briefbot_test_"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fresh.Close() })
	for _, a := range arts {
		a.Statements = append([]briefbot.Statement(nil), a.Statements...)
		if _, err := fresh.SaveArticle(t.Context(), &a); err != nil {
			t.Fatal(err)
		}
	}
	return migrated, fresh
}
