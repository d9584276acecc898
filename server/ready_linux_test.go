//go:build linux

package server

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/sqlite"
)

// A SQLite store whose files cannot grow (the process's file-size limit
// set to 0, a real OS-level write failure; the Go runtime ignores SIGXFSZ,
// so writes fail with EFBIG as they fail with ENOSPC on a full disk) still
// answers a ping; /readyz must turn 503 while SaveArticle fails, and say
// nothing of the database path.
func TestReadyzFailsWhenTheStoreCannotWrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "secret-dir", "briefbot.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	feeds, err := st.SyncFeeds(ctx, []briefbot.Feed{{Name: "f", URL: "http://127.0.0.1/rss"}})
	if err != nil {
		t.Fatal(err)
	}
	h := Handler(st, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if code, body := get(t, h, "/readyz"); code != 200 {
		t.Fatalf("healthy store: /readyz = %d %q", code, body)
	}

	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skipf("no RLIMIT_FSIZE: %v", err)
	}
	limited := syscall.Rlimit{Cur: 0, Max: old.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limited); err != nil {
		t.Skipf("cannot limit file size: %v", err)
	}
	restored := false
	restore := func() {
		if !restored {
			restored = true
			if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
				t.Fatalf("restoring the file-size limit: %v", err)
			}
		}
	}
	defer restore()

	a := briefbot.Article{FeedID: feeds[0].ID, GUID: "g", URL: "http://127.0.0.1/a", Title: "t", Text: strings.Repeat("words ", 20000)}
	_, saveErr := st.SaveArticle(ctx, &a)
	pingErr := st.Ping(ctx)
	time.Sleep(readyCacheFor) // the probe caches its answer for a second
	code, body := get(t, h, "/readyz")
	restore()

	if saveErr == nil {
		t.Fatal("SaveArticle succeeded with a zero file-size limit: the condition was not reproduced")
	}
	if pingErr != nil {
		t.Logf("ping also failed (%v); the write probe is what this test is about", pingErr)
	}
	if code != 503 || !strings.Contains(body, "cannot write") {
		t.Errorf("with writes failing (%v): /readyz = %d %q, want 503 store cannot write", saveErr, code, body)
	}
	if strings.Contains(body, "secret-dir") || strings.Contains(body, ".db") {
		t.Errorf("/readyz body shows the database path: %q", body)
	}
	time.Sleep(readyCacheFor)
	if code, body := get(t, h, "/readyz"); code != 200 {
		t.Errorf("after writes work again: /readyz = %d %q", code, body)
	}
}
