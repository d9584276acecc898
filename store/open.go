package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/briefbot/briefbot/store/internal/dsn"
	"github.com/briefbot/briefbot/store/postgres"
	"github.com/briefbot/briefbot/store/sqlite"
)

// Both implementations satisfy Store.
var (
	_ Store = (*sqlite.Store)(nil)
	_ Store = (*postgres.Store)(nil)
)

// Open opens the store the DSN names and applies pending migrations:
// PostgreSQL for postgres:// or postgresql:// URLs, SQLite for a file path
// or a file: URI. Any other scheme (mysql://, http://, …) is an error that
// names the DSN, password redacted, and what is allowed.
func Open(ctx context.Context, dataSource string) (Store, error) {
	lower := strings.ToLower(dataSource)
	switch {
	case dataSource == "":
		return nil, fmt.Errorf("store: empty database DSN: want a SQLite file path, a file: URI, or a postgres:// URL")
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		return postgres.Open(ctx, dataSource)
	case strings.HasPrefix(lower, "file:"):
		return sqlite.Open(ctx, dataSource)
	case strings.Contains(dataSource, "://"):
		return nil, fmt.Errorf("store: unsupported database DSN %q: want a SQLite file path, a file: URI, or a postgres:// or postgresql:// URL", dsn.Redact(dataSource))
	default:
		return sqlite.Open(ctx, dataSource)
	}
}
