package dsn

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"url password":      {"postgres://bob:s3cret@db:5432/briefbot?sslmode=disable", "postgres://bob:xxxxx@db:5432/briefbot?sslmode=disable"},
		"url no password":   {"postgres://postgres@127.0.0.1:5432/briefbot", "postgres://postgres@127.0.0.1:5432/briefbot"},
		"query password":    {"postgres://db/briefbot?password=s3cret&sslmode=disable", "postgres://db/briefbot?password=xxxxx&sslmode=disable"},
		"keyword form":      {"host=db user=bob password=s3cret dbname=x", "host=db user=bob password=xxxxx dbname=x"},
		"quoted keyword":    {"host=db password='s3 cret' dbname=x", "host=db password=xxxxx dbname=x"},
		"mysql url":         {"mysql://root:s3cret@tcp(db)/x", "mysql://root:xxxxx@tcp(db)/x"},
		"bad url with pass": {"postgres://bob:s3cret@db:port/x", "postgres://xxxxx@db:port/x"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Redact(tc.in)
			if got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if strings.Contains(got, "s3cret") || strings.Contains(got, "cret") {
				t.Errorf("password leaked: %q", got)
			}
		})
	}
}
