package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

func TestFetchConditionalGet(t *testing.T) {
	const etag = `"v1"`
	const lastMod = "Tue, 09 Apr 2024 10:00:00 GMT"
	var full, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "briefbot/1.2.3 (+https://") {
			t.Errorf("User-Agent = %q", ua)
		}
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, rss2Fixture)
	}))
	defer srv.Close()
	f := NewFetcher("1.2.3")
	feed := briefbot.Feed{URL: srv.URL}

	first, err := f.FetchFeed(context.Background(), feed)
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != etag || first.LastModified != lastMod || string(first.Body) != rss2Fixture {
		t.Fatalf("first fetch = %+v", first)
	}
	feed.ETag, feed.LastModified = first.ETag, first.LastModified
	second, err := f.FetchFeed(context.Background(), feed)
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || len(second.Body) != 0 {
		t.Fatalf("second fetch = %+v, want NotModified", second)
	}
	if second.ETag != etag || second.LastModified != lastMod {
		t.Errorf("validators lost on 304: %+v", second)
	}
	if full.Load() != 1 || notModified.Load() != 1 {
		t.Errorf("server saw %d full and %d conditional responses, want 1 and 1", full.Load(), notModified.Load())
	}
}

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFetchGzip(t *testing.T) {
	compressed := gzipped(t, atomFixture)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("Accept-Encoding = %q, want gzip offered", r.Header.Get("Accept-Encoding"))
			fmt.Fprint(w, atomFixture)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(compressed)
	}))
	defer srv.Close()
	resp, err := NewFetcher("test").FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != atomFixture {
		t.Errorf("body not decompressed: %q", resp.Body[:min(40, len(resp.Body))])
	}
}

func TestFetchSizeCap(t *testing.T) {
	big := strings.Repeat("x", 5000)
	tests := map[string]http.HandlerFunc{
		"content-length": func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, big) },
		"chunked": func(w http.ResponseWriter, r *http.Request) {
			for range 5 {
				fmt.Fprint(w, big[:1000])
				w.(http.Flusher).Flush()
			}
		},
		"gzip expands past the cap": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, big))
		},
	}
	for name, h := range tests {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(h)
			defer srv.Close()
			f := NewFetcher("test")
			f.MaxBytes = 1000
			_, err := f.FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			f.MaxBytes = 5000
			if resp, err := f.FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL}); err != nil || len(resp.Body) != 5000 {
				t.Fatalf("at the cap: %d bytes, %v", len(resp.Body), err)
			}
		})
	}
}

func TestFetchRedirectBound(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			fmt.Fprint(w, rss2Fixture)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := NewFetcher("test")
	f.MaxRedirects = 3

	resp, err := f.FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL + "/hop/3"})
	if err != nil {
		t.Fatalf("3 redirects with a bound of 3: %v", err)
	}
	if resp.FinalURL != srv.URL+"/hop/0" {
		t.Errorf("FinalURL = %q", resp.FinalURL)
	}
	_, err = f.FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL + "/hop/4"})
	if err == nil || !strings.Contains(err.Error(), "stopped after 3 redirects") {
		t.Fatalf("4 redirects: err = %v", err)
	}
}

func TestFetchPerHostCap(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		fmt.Fprint(w, rss2Fixture)
	}))
	defer srv.Close()
	f := NewFetcher("test")
	f.PerHost = 2
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := f.FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if peak.Load() != 2 {
		t.Errorf("server saw at most %d concurrent requests, want exactly the cap of 2", peak.Load())
	}
}

func TestFetchStatusError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	_, err := NewFetcher("test").FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL})
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 404 || err.Error() != "HTTP 404 Not Found" {
		t.Fatalf("err = %v, want HTTP 404", err)
	}
}

func TestFetchTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	f := NewFetcher("test")
	f.Client.Timeout = 100 * time.Millisecond
	start := time.Now()
	_, err := f.FetchFeed(context.Background(), briefbot.Feed{URL: srv.URL})
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("hanging server: err = %v after %v", err, time.Since(start))
	}
}

func TestToUTF8(t *testing.T) {
	// A long ASCII head pushes the first non-ASCII byte past the 1 KB
	// that charset sniffing looks at.
	head := "<html><head><title>t</title><script>" + strings.Repeat("var a = 1;\n", 200) + "</script></head>"
	const text = "<body><p>Besançon déclare « non »</p></body></html>"
	tests := map[string]struct {
		body        []byte
		contentType string
	}{
		"utf-8 unlabelled":                 {[]byte(head + text), "text/html"},
		"utf-8 labelled latin-1":           {[]byte(head + text), "text/html; charset=iso-8859-1"},
		"utf-8 with BOM":                   {append([]byte{0xEF, 0xBB, 0xBF}, head+text...), ""},
		"windows-1252 in header":           {encode(t, "windows-1252", head+text), "text/html; charset=windows-1252"},
		"latin-1 in meta":                  {encode(t, "iso-8859-1", `<html><head><meta charset="iso-8859-1">`+text), "text/html"},
		"latin-1 unlabelled (the default)": {encode(t, "windows-1252", head+text), ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := string(ToUTF8(tc.body, tc.contentType))
			if !strings.Contains(got, "Besançon déclare « non »") || strings.HasPrefix(got, "\uFEFF") {
				t.Errorf("got %q", got[max(0, len(got)-80):])
			}
		})
	}
}

func TestFetchPage(t *testing.T) {
	latin1 := encode(t, "windows-1252", "<html><body><p>Besançon déclare</p></body></html>")
	mux := http.NewServeMux()
	mux.HandleFunc("/latin", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write(latin1)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4")
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/latin", http.StatusMovedPermanently)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := NewFetcher("test")
	ctx := WithTrustedHost(context.Background(), srv.URL)

	body, final, err := f.FetchPage(ctx, srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(body), "Besançon déclare") || final != srv.URL+"/latin" {
		t.Errorf("body %q from %q, want UTF-8 text from /latin", body, final)
	}
	if _, _, err := f.FetchPage(ctx, srv.URL+"/pdf"); err == nil || !strings.Contains(err.Error(), "not HTML") {
		t.Errorf("pdf: err = %v", err)
	}
}
