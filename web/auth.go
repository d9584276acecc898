package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"strings"
)

// guard lets a request through when it carries the token (Authorization:
// Bearer, or basic auth with any user name and the token as password),
// or, when no token is configured, when it comes from a loopback
// address. Comparisons take constant time.
func (w *Web) guard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if w.Token == "" {
			if !fromLoopback(r) {
				http.Error(rw, "The web view answers only this machine until [http] web_token (or BRIEFBOT_WEB_TOKEN) is set.", http.StatusForbidden)
				return
			}
			h.ServeHTTP(rw, r)
			return
		}
		if !w.authorized(r) {
			rw.Header().Set("WWW-Authenticate", `Basic realm="briefbot", charset="UTF-8"`)
			http.Error(rw, "Log in with any user name and the web token as password.", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(rw, r)
	})
}

func (w *Web) authorized(r *http.Request) bool {
	var given string
	if _, pass, ok := r.BasicAuth(); ok {
		given = pass
	} else if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		given = strings.TrimSpace(bearer)
	} else {
		return false
	}
	// Hashing first makes the comparison independent of the lengths too.
	a, b := sha256.Sum256([]byte(given)), sha256.Sum256([]byte(w.Token))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// fromLoopback reports whether the connection comes from this machine and
// was not forwarded: a proxy on this machine would make every request look
// local, which is why a forwarded request needs the token too.
func fromLoopback(r *http.Request) bool {
	if r.Header.Get("X-Forwarded-For") != "" || r.Header.Get("Forwarded") != "" || r.Header.Get("X-Real-Ip") != "" {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
