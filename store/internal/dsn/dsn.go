// Package dsn helps store/ talk about database addresses without leaking
// passwords into logs and errors.
package dsn

import (
	"net/url"
	"regexp"
	"strings"
)

var keywordPassword = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)

// Redact returns dsn with any password replaced by "xxxxx": the user-info
// password of a URL, a password= query parameter, or a password=... keyword
// of a libpq key/value string.
func Redact(dsn string) string {
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			if q := u.Query(); q.Has("password") {
				q.Set("password", "xxxxx")
				u.RawQuery = q.Encode()
			}
			return u.Redacted()
		}
		// Unparseable URL: drop everything between scheme and host.
		scheme, rest, _ := strings.Cut(dsn, "://")
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			rest = "xxxxx" + rest[at:]
		}
		return scheme + "://" + rest
	}
	return keywordPassword.ReplaceAllString(dsn, "${1}xxxxx")
}
