// Package pgtest gives tests a PostgreSQL to run against: the server named
// by BRIEFBOT_TEST_POSTGRES_DSN, and fresh schemas on it so tests never
// see each other's rows. Tests skip when the variable is unset.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// EnvDSN names the environment variable holding the test server's DSN.
const EnvDSN = "BRIEFBOT_TEST_POSTGRES_DSN"

// DSN returns the test server's DSN, or skips tb when it is unset.
func DSN(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(EnvDSN)
	if dsn == "" {
		tb.Skip(EnvDSN + " not set; e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
	}
	return dsn
}

// RandomName returns prefix followed by 12 random hex digits: a name for
// a schema or database no other test uses.
func RandomName(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// WithParam returns the URL DSN with one query parameter set.
func WithParam(tb testing.TB, dsn, key, value string) string {
	tb.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatalf("%s must be a URL: %v", EnvDSN, err)
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// Schema creates a uniquely named schema (prefix + random suffix) on the
// test server, dropped with everything in it at cleanup, and returns a DSN
// whose search_path selects it. It skips when EnvDSN is unset.
func Schema(tb testing.TB, prefix string) string {
	tb.Helper()
	base := DSN(tb)
	ctx := context.Background()
	schema := RandomName(prefix)
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("connect to %s: %v", EnvDSN, err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema %s: %v", schema, err)
	}
	tb.Cleanup(func() {
		admin, err := pgx.Connect(ctx, base)
		if err != nil {
			tb.Errorf("drop schema %s: connect: %v", schema, err)
			return
		}
		defer admin.Close(ctx)
		if _, err := admin.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return WithParam(tb, base, "search_path", schema)
}
