// Package sqlite implements store.Store on a single SQLite file through the
// pure-Go modernc.org/sqlite driver. It suits one briefbot process; several
// replicas sharing work need the postgres package.
//
// Writes go through one dedicated connection whose transactions begin
// IMMEDIATE, so goroutines queue in Go instead of failing with SQLITE_BUSY;
// reads use a separate pool and, thanks to WAL, never wait for the writer.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Store is a store.Store backed by SQLite. Create it with Open.
type Store struct {
	path string  // file path, for error messages
	w    *sql.DB // the single writer connection
	r    *sql.DB // readers; the same handle as w for in-memory databases

	mu    sync.Mutex
	stmts map[string]*sql.Stmt // prepared on w, by query text

	speakers speakerCache
	saves    saveQueue
}

// pragmas every connection runs. busy_timeout covers other processes
// holding the write lock; within this process the single writer serialises.
var pragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"foreign_keys(1)",
	"synchronous(NORMAL)",
}

// writerCache is the writer's page cache: 64 MiB keeps index pages hot
// during bulk ingest. Readers keep SQLite's default.
const writerCache = "cache_size(-65536)"

// writerCheckpoint lets the WAL grow to ~40 MiB (10,000 pages) before the
// writer copies it back into the database: the same hot index pages are
// then written back once per checkpoint instead of every 1,000 pages.
const writerCheckpoint = "wal_autocheckpoint(10000)"

// writerTemp keeps the writer's statement journals in memory. Every
// multi-row INSERT in a transaction copies the pages it changes that the
// transaction had changed before into one (for a rollback of that
// statement alone); in a temporary file each copy was a pwrite syscall.
const writerTemp = "temp_store(2)"

// Open opens (creating if needed) the SQLite database named by dsn, a file
// path or a file: URI, creates the parent directory of the file if missing,
// and applies pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, errors.New("sqlite: empty database path")
	}
	path, memory := filePath(dsn)
	if !memory {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("sqlite: create directory for database %q: %w", path, err)
			}
		}
	}
	w, err := sql.Open("sqlite", driverDSN(dsn, "immediate", writerCache, writerCheckpoint, writerTemp))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %q: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: path, w: w, r: w}
	if !memory {
		r, err := sql.Open("sqlite", driverDSN(dsn, "deferred"))
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("sqlite: open %q: %w", path, err)
		}
		r.SetMaxOpenConns(4)
		r.SetMaxIdleConns(4)
		s.r = r
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: database %q: %w", path, err)
	}
	if err := s.backfillSpeakers(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlite: database %q: register speakers: %w", path, err)
	}
	return s, nil
}

// filePath extracts the file path from a plain path or a file: URI, and
// reports whether the database lives in memory.
func filePath(dsn string) (string, bool) {
	if !strings.HasPrefix(dsn, "file:") {
		p, _, _ := strings.Cut(dsn, "?")
		return p, p == ":memory:"
	}
	rest, query, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if strings.HasPrefix(rest, "//") { // file://host/path: drop the authority
		rest = rest[2:]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			rest = rest[i:]
		}
	}
	if p, err := url.PathUnescape(rest); err == nil {
		rest = p
	}
	q, _ := url.ParseQuery(query)
	return rest, rest == ":memory:" || rest == "" || q.Get("mode") == "memory"
}

// driverDSN appends our connection parameters to the caller's DSN.
func driverDSN(dsn, txlock string, extra ...string) string {
	v := url.Values{}
	for _, p := range append(pragmas[:len(pragmas):len(pragmas)], extra...) {
		v.Add("_pragma", p)
	}
	v.Set("_txlock", txlock)
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + v.Encode()
}

// migrate applies missing steps, each in its own immediate transaction so
// two processes opening the same file at once apply a step only once.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at INTEGER NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for i, step := range migrations {
		version := i + 1
		err := s.write(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, step); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)`, version, time.Now().UTC().UnixMicro())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %d: %w", version, err)
		}
	}
	return nil
}

// Ping reports whether the database answers and has every migration.
func (s *Store) Ping(ctx context.Context) error {
	var version int
	if err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("sqlite: ping %q: %w", s.path, err)
	}
	if version != len(migrations) {
		return fmt.Errorf("sqlite: database %q at schema version %d, want %d", s.path, version, len(migrations))
	}
	return nil
}

// stmt returns query prepared on the writer, preparing it on first use.
// Never call it inside a write transaction: preparing needs the writer
// connection, which the transaction holds.
func (s *Store) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	st, ok := s.stmts[query]
	s.mu.Unlock()
	if ok {
		return st, nil
	}
	st, err := s.w.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.stmts[query]; ok { // another goroutine won
		st.Close()
		return prev, nil
	}
	if s.stmts == nil {
		s.stmts = make(map[string]*sql.Stmt)
	}
	s.stmts[query] = st
	return st, nil
}

// Close closes the prepared statements and both connection pools.
func (s *Store) Close() error {
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
	s.mu.Unlock()
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	return err
}

// write runs fn in an immediate transaction on the writer connection. A
// panic in fn rolls back first: an open transaction would hold the only
// writer connection forever.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// errSkip makes write roll back without reporting an error.
var errSkip = errors.New("skip")

// dbTime stores t as UTC Unix microseconds; the zero time is NULL.
func dbTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().UnixMicro()
}

// goTime is the inverse of dbTime.
func goTime(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMicro(n.Int64).UTC()
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// limitArg maps a non-positive limit to SQLite's "no limit".
func limitArg(limit int) int {
	if limit <= 0 {
		return -1
	}
	return limit
}
