package bottest

import (
	"fmt"
	"testing"
)

func TestDigestShape(t *testing.T) {
	cases := map[string]struct{ articles, statements, summaryLen int }{
		"two statements":   {articles: 7, statements: 2, summaryLen: 50},
		"three statements": {articles: 3, statements: 3, summaryLen: 300},
		"no statements":    {articles: 1, statements: 0, summaryLen: 0},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			d := Digest(tc.articles, tc.statements, tc.summaryLen)
			if got := d.ArticleCount(); got != tc.articles {
				t.Fatalf("%d articles, want %d", got, tc.articles)
			}
			if want := (tc.articles + 2) / 3; len(d.Stories) != want {
				t.Errorf("%d stories, want %d (three articles each)", len(d.Stories), want)
			}
			n := 0
			for _, s := range d.Stories {
				for _, a := range s.Articles {
					n++
					if len(a.Statements) != tc.statements {
						t.Fatalf("article %d has %d statements, want %d", n, len(a.Statements), tc.statements)
					}
					if len(a.Summary) != tc.summaryLen {
						t.Errorf("summary of %d characters, want %d", len(a.Summary), tc.summaryLen)
					}
					if tc.statements > 0 {
						last := a.Statements[tc.statements-1]
						if want := fmt.Sprintf("detail only %d", n); last.Text != want || last.Speaker != fmt.Sprintf("Speaker %d", n) {
							t.Errorf("last statement %+v, want %q by Speaker %d", last, want, n)
						}
					}
				}
			}
		})
	}
}
