package postgres

import (
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"valid untouched":        {"Lavrov said “no”", "Lavrov said “no”"},
		"NUL to space":           {"a\x00b", "a b"},
		"each invalid byte kept": {"a\xff\xfeb", "a\uFFFD\uFFFDb"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := clean(tc.in)
			if got != tc.want {
				t.Errorf("clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if utf8.RuneCountInString(got) != utf8.RuneCountInString(tc.in) {
				t.Errorf("clean changed the code-point count: offsets would shift")
			}
		})
	}
}
