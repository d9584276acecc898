package pgtest

import (
	"context"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestSchemaIsolatesAndCleansUp checks that a DSN from Schema lands in its
// own schema and that the schema is gone after the test.
func TestSchemaIsolatesAndCleansUp(t *testing.T) {
	base := DSN(t)
	ctx := context.Background()
	var schema string
	t.Run("inner", func(t *testing.T) {
		dsn := Schema(t, "pgtest_")
		u, err := url.Parse(dsn)
		if err != nil {
			t.Fatal(err)
		}
		schema = u.Query().Get("search_path")
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var current string
		if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&current); err != nil {
			t.Fatal(err)
		}
		if current != schema || len(schema) != len("pgtest_")+12 {
			t.Errorf("current_schema() = %q, search_path %q", current, schema)
		}
	})
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", schema).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("schema %s still exists after cleanup", schema)
	}
}

func TestWithParamKeepsOtherParameters(t *testing.T) {
	got := WithParam(t, "postgres://u@h:5432/db?sslmode=disable", "search_path", "s1")
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	if q := u.Query(); q.Get("sslmode") != "disable" || q.Get("search_path") != "s1" || u.Path != "/db" {
		t.Errorf("WithParam = %s", got)
	}
}
