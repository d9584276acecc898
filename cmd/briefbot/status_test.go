package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/feeds"
)

// A poll with one healthy and one unreachable feed runs to the end, prints
// both and a total, and exits 3 (not 0, not the fatal 1); `briefbot feeds`
// then shows the unreachable feed's error instead of "never fetched".
func TestPollExitCodeAndFeedsShowFailures(t *testing.T) {
	srv := newsSite(t, "<html><body><p>Ministers met on Tuesday.</p></body></html>")
	dead := freeAddr(t) // nothing listens there: connection refused
	cfgPath, _ := writeConfig(t, fmt.Sprintf("[[feeds]]\nname = \"Good\"\nurl = %q\n[[feeds]]\nname = \"Dead\"\nurl = %q\n",
		srv.URL+"/rss.xml", "http://"+dead+"/rss.xml"))

	code, out, errOut := run(t, "poll", "--once", "--config", cfgPath)
	if code != exitFeedsFailed {
		t.Fatalf("poll exit %d, want %d (feeds failed)\n%s%s", code, exitFeedsFailed, out, errOut)
	}
	if !strings.Contains(out, "Good: 1 new of 1 items") || !strings.Contains(out, "Dead: failed:") {
		t.Errorf("per-feed lines:\n%s", out)
	}
	if !strings.Contains(out, "total: 2 feeds polled, 1 new articles, 0 not modified, 1 failed") {
		t.Errorf("total line:\n%s", out)
	}
	if !strings.Contains(errOut, "1 of 2 polled feeds failed") {
		t.Errorf("stderr %q lacks the one-line summary", errOut)
	}

	code, out, errOut = run(t, "feeds", "--config", cfgPath)
	if code != 0 {
		t.Fatalf("feeds exit %d: %s", code, errOut)
	}
	var deadLine string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "Dead") {
			deadLine = l
		}
	}
	if !strings.Contains(deadLine, "failing:") || strings.Contains(deadLine, "never fetched") {
		t.Errorf("feeds line for the unreachable feed: %q\n%s", deadLine, out)
	}
}

func TestPollFatalErrorExitsOne(t *testing.T) {
	cfgPath, _ := writeConfig(t, "") // no feeds at all: nothing to do is an error
	if code, _, errOut := run(t, "poll", "--once", "--config", cfgPath); code != exitFatal {
		t.Errorf("exit %d, want %d: %s", code, exitFatal, errOut)
	}
}

// A port in use is reported at once, as the only error.
func TestRunReportsPortInUseFirst(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfgPath, _ := writeConfig(t, fmt.Sprintf("[http]\nlisten = %q\n", ln.Addr().String()))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var stderr bytes.Buffer
	code := runMain(ctx, []string{"run", "--config", cfgPath}, &bytes.Buffer{}, &stderr)
	if code != exitFatal {
		t.Fatalf("exit %d, want %d", code, exitFatal)
	}
	msg := stderr.String()
	if !strings.Contains(msg, ln.Addr().String()) || !strings.Contains(msg, "address already in use") || strings.Contains(msg, "context canceled") {
		t.Errorf("stderr:\n%s", msg)
	}
	if n := strings.Count(strings.TrimSpace(msg), "\n"); n > 0 {
		t.Errorf("%d lines before/after the real reason:\n%s", n, msg)
	}
}

func TestProgressLineAppearsOnlyAfterDelay(t *testing.T) {
	var quick bytes.Buffer
	p := &progress{}
	p.observe(feeds.FeedProgress{Done: 1, Claimed: 40})
	p.observe(feeds.FeedProgress{Done: 3, Claimed: 40, Result: feeds.FeedResult{Err: errors.New("refused")}})
	p.observe(feeds.FeedProgress{Done: 2, Claimed: 40}) // reported out of order by concurrent feeds
	stop := runProgress(&quick, p, time.Hour, time.Millisecond)
	stop()
	if quick.Len() != 0 {
		t.Errorf("a short poll printed progress: %q", quick.String())
	}
	var slow syncBuffer
	stop = runProgress(&slow, p, time.Millisecond, time.Millisecond)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(slow.String(), "polling…") && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	stop()
	if out := slow.String(); !strings.Contains(out, "polling… 3/40 feeds, 1 failed, ") || !strings.HasSuffix(out, "\r\033[K") {
		t.Errorf("progress output %q: want a status line, cleared at the end", out)
	}
	var notTTY bytes.Buffer
	startProgress(&notTTY, p, 0, time.Millisecond)()
	if notTTY.Len() != 0 {
		t.Errorf("progress written to a non-terminal: %q", notTTY.String())
	}
}

// syncBuffer is a bytes.Buffer safe for one writer goroutine and a reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// The digest's --limit says when it cut.
func TestDigestSaysWhenTheLimitCuts(t *testing.T) {
	a, b := newsSite(t, "<p>One.</p>"), newsSite(t, "<p>Two.</p>")
	cfgPath, _ := writeConfig(t, fmt.Sprintf("[[feeds]]\nname = \"A\"\nurl = %q\n[[feeds]]\nname = \"B\"\nurl = %q\n", a.URL+"/rss.xml", b.URL+"/rss.xml"))
	if code, out, errOut := run(t, "poll", "--once", "--config", cfgPath); code != 0 {
		t.Fatalf("poll exit %d: %s%s", code, out, errOut)
	}
	code, _, errOut := run(t, "digest", "--since", "100000h", "--limit", "1", "--config", cfgPath)
	if code != 0 || !strings.Contains(errOut, "showing the newest 1 articles; more were stored") {
		t.Errorf("digest --limit 1 over 2 articles: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = run(t, "digest", "--since", "100000h", "--limit", "2", "--config", cfgPath)
	if code != 0 || strings.Contains(errOut, "showing the newest") {
		t.Errorf("digest --limit 2 over 2 articles: exit %d, stderr %q", code, errOut)
	}
}
