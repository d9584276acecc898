// Package web is briefbot's read-only web view: what the bot is doing
// (feeds, cycles, outbox, subscriptions), statement search, speaker
// profiles with a timeline chart, and articles with their statements and
// actors. Pages are rendered on the server with html/template from
// embedded files; there is no JavaScript. server/ mounts Routes.
package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Web serves the pages. Set Store; the rest is optional.
type Web struct {
	Store  store.Store
	Topics map[string]string // configured topic name → query, for a speaker's topics
	// Token protects the pages (bearer token or basic-auth password).
	// Without it only loopback clients are answered.
	Token  string
	Cycles *Cycles // this process's latest poll cycles; nil shows none
	Clock  briefbot.Clock
	Logger *slog.Logger
	// Timeout bounds each page's store work.
	Timeout time.Duration

	pages map[string]*template.Template
}

// Routes returns the handlers to mount on the HTTP server, by pattern.
func (w *Web) Routes() (map[string]http.Handler, error) {
	if err := w.parse(); err != nil {
		return nil, err
	}
	static, _ := fs.Sub(staticFS, "static")
	routes := map[string]http.HandlerFunc{
		"GET /{$}":           w.status,
		"GET /search":        w.search,
		"GET /speakers/{id}": w.speaker,
		"GET /articles/{id}": w.article,
	}
	out := map[string]http.Handler{
		"GET /static/": w.guard(http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static)))),
	}
	for p, h := range routes {
		out[p] = w.guard(h)
	}
	return out, nil
}

// Handler returns the pages alone on a mux (tests, the benchmark).
func (w *Web) Handler() (http.Handler, error) {
	routes, err := w.Routes()
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for p, h := range routes {
		mux.Handle(p, h)
	}
	return mux, nil
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(rw, r)
	})
}

func (w *Web) parse() error {
	if w.pages != nil {
		return nil
	}
	w.pages = map[string]*template.Template{}
	for _, page := range []string{"status", "search", "speaker", "article", "error"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html", "templates/"+page+".html")
		if err != nil {
			return err
		}
		w.pages[page] = t
	}
	return nil
}

func (w *Web) now() time.Time {
	if w.Clock != nil {
		return w.Clock()
	}
	return time.Now()
}

func (w *Web) logger() *slog.Logger {
	if w.Logger != nil {
		return w.Logger
	}
	return slog.Default()
}

func (w *Web) context(r *http.Request) (context.Context, context.CancelFunc) {
	d := w.Timeout
	if d <= 0 {
		d = 10 * time.Second
	}
	return context.WithTimeout(r.Context(), d)
}

// page is what every template gets: its data and the layout's fields.
type page struct {
	Title  string
	Nav    string // the active navigation entry
	Now    time.Time
	Data   any
	Status int
}

// render executes the page into a buffer first, so a template error
// becomes a clean 500 rather than half a page.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, name string, p page) {
	p.Now = w.now()
	var buf bytes.Buffer
	if err := w.pages[name].Execute(&buf, p); err != nil {
		w.logger().Error("web: render", "page", name, "path", r.URL.Path, "err", err)
		http.Error(rw, "Sorry, this page could not be shown.", http.StatusInternalServerError)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	if p.Status != 0 {
		rw.WriteHeader(p.Status)
	}
	_, _ = rw.Write(buf.Bytes())
}

// fail answers with the error page: a message naming what was wrong.
func (w *Web) fail(rw http.ResponseWriter, r *http.Request, status int, msg string, err error) {
	if err != nil {
		w.logger().Error("web: page failed", "path", r.URL.Path, "err", err)
		if errors.Is(err, context.DeadlineExceeded) {
			msg = "The store took too long to answer. Please try again."
		}
	}
	w.render(rw, r, "error", page{Title: http.StatusText(status), Status: status, Data: msg})
}

// speakerPath is the page of a registry speaker.
func speakerPath(id int64) string { return "/speakers/" + strconv.FormatInt(id, 10) }

func articlePath(id int64) string { return "/articles/" + strconv.FormatInt(id, 10) }

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "undated"
		}
		return t.UTC().Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"iso":         func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"speakerPath": speakerPath,
	"articlePath": articlePath,
	"ago": func(now, t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		d := now.Sub(t)
		switch {
		case d < 0:
			return "in " + roundDuration(-d)
		case d < time.Minute:
			return "just now"
		}
		return roundDuration(d) + " ago"
	},
	"duration": roundDuration,
	"join":     strings.Join,
	"add":      func(a, b int) int { return a + b },
}

func roundDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	case d < time.Hour:
		return strconv.Itoa(int(d.Minutes())) + "m"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d.Hours())) + "h"
	}
	return strconv.Itoa(int(d.Hours()/24)) + "d"
}
