package bot

import (
	"io"
	"log/slog"
	"net/http"
)

// ReadSignedPost reads the body of a platform's webhook POST, at most max
// bytes, and checks its signature with verify. When the request is not a
// POST, too large or not verified, it answers it (405, 413 or 401) and
// returns false. The chat adapters' HTTP handlers start with it.
func ReadSignedPost(w http.ResponseWriter, r *http.Request, max int64, verify func(r *http.Request, body []byte) error, logger *slog.Logger) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	if err := verify(r, body); err != nil {
		logger.Warn("rejected unsigned request", "reason", err, "path", r.URL.Path, "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}
