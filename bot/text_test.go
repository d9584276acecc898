package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitText(t *testing.T) {
	cases := map[string]struct {
		in  string
		max int
	}{
		"lines":           {strings.Repeat("line of text\n", 40), 100},
		"one long word":   {strings.Repeat("x", 250), 100},
		"multibyte words": {strings.Repeat("Лавров сказал ", 50), 64},
		"cjk no spaces":   {strings.Repeat("外交部发言人", 40), 50},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			parts := SplitText(tc.in, tc.max)
			if len(parts) < 2 {
				t.Fatalf("%d parts, want a split", len(parts))
			}
			var rebuilt []string
			for _, p := range parts {
				if n := len([]rune(p)); n > tc.max || n == 0 {
					t.Errorf("part of %d characters, max %d", n, tc.max)
				}
				if !utf8.ValidString(p) {
					t.Errorf("invalid UTF-8 in %q", p)
				}
				rebuilt = append(rebuilt, strings.Fields(p)...)
			}
			if strings.Join(rebuilt, "") != strings.Join(strings.Fields(tc.in), "") {
				t.Error("split lost or changed text")
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	cases := map[string]struct {
		in   string
		max  int
		want string
	}{
		"fits":          {"Lavrov", 6, "Lavrov"},
		"ascii cut":     {"Sergei Lavrov", 8, "Sergei…"},
		"multibyte cut": {"Лавров сказал", 5, "Лавр…"},
		"cjk cut":       {"外交部发言人", 4, "外交部…"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := Truncate(tc.in, tc.max)
			if got != tc.want {
				t.Errorf("Truncate(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > tc.max || !utf8.ValidString(got) {
				t.Errorf("Truncate(%q, %d) = %q: %d characters, valid UTF-8 %v", tc.in, tc.max, got, n, utf8.ValidString(got))
			}
		})
	}
}
