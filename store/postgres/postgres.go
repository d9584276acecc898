// Package postgres implements store.Store on PostgreSQL through pgx, for
// one or several briefbot replicas sharing a database. Claims use
// SELECT … FOR UPDATE SKIP LOCKED and expire, so a dead replica's work is
// picked up by the others; migrations run under an advisory lock.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/briefbot/briefbot/store/internal/dsn"
)

// Store is a store.Store backed by PostgreSQL. Create it with Open.
type Store struct {
	pool *pgxpool.Pool
	dsn  string // redacted, for error messages

	speakers speakerCache
	words    wordStats // for choosing how to search
	analyze  analyzer  // keeps those statistics fresh as ingest grows the table
}

// defaultMaxConns sizes the pool when the DSN does not (pool_max_conns):
// enough for the poller, the ingest workers and the bot of one replica
// without exhausting a small server shared by several replicas.
const defaultMaxConns = 10

// Open connects to the database named by dsn (postgres:// or
// postgresql:// URL, or a libpq key=value string), creates that database
// when it does not exist yet, and applies pending migrations. A search_path
// parameter in the DSN selects the schema, which must exist.
func Open(ctx context.Context, dsnString string) (*Store, error) {
	redacted := dsn.Redact(dsnString)
	cfg, err := pgxpool.ParseConfig(dsnString)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse DSN %q: %w", redacted, err)
	}
	if !strings.Contains(dsnString, "pool_max_conns") {
		cfg.MaxConns = defaultMaxConns
	}
	pool, err := connect(ctx, cfg)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "3D000" { // invalid_catalog_name: no such database
		if err := createDatabase(ctx, cfg.ConnConfig); err != nil {
			return nil, fmt.Errorf("postgres: create database %q for %q: %w", cfg.ConnConfig.Database, redacted, err)
		}
		pool, err = connect(ctx, cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: connect to %q: %w", redacted, err)
	}
	s := &Store{pool: pool, dsn: redacted}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: migrate %q: %w", redacted, err)
	}
	if err := s.backfillSpeakers(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %q: register speakers: %w", redacted, err)
	}
	if err := s.startAnalyzer(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: %q: read table statistics: %w", redacted, err)
	}
	return s, nil
}

func connect(ctx context.Context, cfg *pgxpool.Config) (*pgxpool.Pool, error) {
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

// createDatabase connects to the server's "postgres" database and creates
// the one cfg names. Another replica winning the race is fine.
func createDatabase(ctx context.Context, cfg *pgx.ConnConfig) error {
	admin := cfg.Copy()
	name := admin.Database
	admin.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	// duplicate_database, or unique_violation on pg_database when two
	// CREATE DATABASE race: either way it exists now.
	if errors.As(err, &pgErr) && (pgErr.Code == "42P04" || pgErr.Code == "23505") {
		return nil
	}
	return err
}

// migrateLock is the advisory lock key, per schema, that serialises
// migrations of replicas starting together.
const migrateLock = `hashtext('briefbot.migrate.' || coalesce(current_schema(), ''))`

func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+migrateLock+`)`); err != nil {
		return fmt.Errorf("advisory lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+migrateLock+`)`)

	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var current int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return err
	}
	for i := current; i < len(migrations); i++ {
		version := i + 1
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, migrations[i]); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, version)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %d: %w", version, err)
		}
	}
	return nil
}

// Ping reports whether the server answers and the schema is at the latest
// migration.
func (s *Store) Ping(ctx context.Context) error {
	var version int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("postgres: ping %q: %w", s.dsn, err)
	}
	if version != len(migrations) {
		return fmt.Errorf("postgres: %q at schema version %d, want %d", s.dsn, version, len(migrations))
	}
	return nil
}

// Close stops a running VACUUM ANALYZE and closes the pool.
func (s *Store) Close() error {
	s.stopAnalyzer()
	s.pool.Close()
	return nil
}

// dbTime passes t as UTC; the zero time is NULL.
func dbTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// goTime is the inverse of dbTime.
func goTime(t pgtype.Timestamptz) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// limitArg maps a non-positive limit to LIMIT NULL (no limit).
func limitArg(limit int) any {
	if limit <= 0 {
		return nil
	}
	return limit
}
