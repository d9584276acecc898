package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/postgres"
	"github.com/briefbot/briefbot/store/sqlite"
)

func TestOpenPicksImplementation(t *testing.T) {
	dir := t.TempDir()
	tests := map[string]string{
		"plain path":    filepath.Join(dir, "nested", "plain.db"),
		"file URI":      "file:" + filepath.Join(dir, "uri.db") + "?cache=private",
		"relative path": "relative.db",
		"memory":        ":memory:",
	}
	t.Chdir(dir)
	for name, dsn := range tests {
		t.Run(name, func(t *testing.T) {
			s, err := store.Open(t.Context(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, ok := s.(*sqlite.Store); !ok {
				t.Fatalf("Open(%q) = %T, want *sqlite.Store", dsn, s)
			}
			if err := s.Ping(t.Context()); err != nil {
				t.Fatal(err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "nested", "plain.db")); err != nil {
		t.Errorf("parent directory or file not created: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "uri.db")); err != nil {
		t.Errorf("file: URI database not created at its path: %v", err)
	}
}

func TestOpenPostgres(t *testing.T) {
	dsn := pgtest.Schema(t, "open_") // not the shared public schema: other branches migrate it too
	for _, scheme := range []string{"postgres://", "postgresql://"} {
		s, err := store.Open(t.Context(), scheme+strings.SplitN(dsn, "://", 2)[1])
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := s.(*postgres.Store); !ok {
			t.Errorf("%s opened %T, want *postgres.Store", scheme, s)
		}
		s.Close()
	}
}

func TestOpenRejects(t *testing.T) {
	tests := map[string]struct {
		dsn     string
		wantIn  []string
		wantNot string
	}{
		"mysql":          {dsn: "mysql://root:hunter2@db:3306/briefbot", wantIn: []string{"mysql://root:xxxxx@db:3306/briefbot", "postgres://", "file:"}, wantNot: "hunter2"},
		"http":           {dsn: "http://example.com/db", wantIn: []string{"http://example.com/db", "SQLite"}},
		"empty":          {dsn: "", wantIn: []string{"empty"}},
		"unwritable dir": {dsn: "/proc/briefbot/x.db", wantIn: []string{"/proc/briefbot/x.db"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, err := store.Open(t.Context(), tc.dsn)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q): no error", tc.dsn)
			}
			for _, want := range tc.wantIn {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			if tc.wantNot != "" && strings.Contains(err.Error(), tc.wantNot) {
				t.Errorf("error %q leaks %q", err, tc.wantNot)
			}
		})
	}
}
