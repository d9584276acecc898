package bot

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestReadSignedPost(t *testing.T) {
	const secret = "signed"
	verify := func(r *http.Request, body []byte) error {
		if r.Header.Get("X-Test-Signature") != secret+":"+string(body) {
			return errors.New("bad signature")
		}
		return nil
	}
	cases := map[string]struct {
		method, body, signature string
		wantStatus              int // 0: accepted
	}{
		"signed post":   {method: http.MethodPost, body: "text=who", signature: "signed:text=who"},
		"get":           {method: http.MethodGet, body: "", signature: "signed:", wantStatus: http.StatusMethodNotAllowed},
		"too large":     {method: http.MethodPost, body: strings.Repeat("x", 65), signature: "signed:" + strings.Repeat("x", 65), wantStatus: http.StatusRequestEntityTooLarge},
		"bad signature": {method: http.MethodPost, body: "text=who", signature: "signed:text=what", wantStatus: http.StatusUnauthorized},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got []byte
			accepted := false
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				got, accepted = ReadSignedPost(w, r, 64, verify, slog.New(slog.NewTextHandler(io.Discard, nil)))
				if accepted {
					w.WriteHeader(http.StatusNoContent)
				}
			}))
			defer srv.Close()
			req, _ := http.NewRequest(tc.method, srv.URL, strings.NewReader(tc.body))
			req.Header.Set("X-Test-Signature", tc.signature)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if tc.wantStatus == 0 {
				if !accepted || string(got) != tc.body || resp.StatusCode != http.StatusNoContent {
					t.Errorf("accepted %v body %q status %d, want the body back", accepted, got, resp.StatusCode)
				}
				return
			}
			if accepted || resp.StatusCode != tc.wantStatus {
				t.Errorf("accepted %v status %d, want refused with %d", accepted, resp.StatusCode, tc.wantStatus)
			}
			if tc.wantStatus == http.StatusMethodNotAllowed && resp.Header.Get("Allow") != http.MethodPost {
				t.Errorf("Allow = %q, want POST", resp.Header.Get("Allow"))
			}
		})
	}
}
