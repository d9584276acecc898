package eval

import (
	"fmt"
	"io"
	"strings"

	"github.com/briefbot/briefbot"
)

// WriteMisses prints, per document, the gold statements no prediction
// matched at tau and the predictions that matched no gold statement:
// what a rule change should fix, and what it must not break.
func WriteMisses(w io.Writer, docs []Doc, extract func(text string) briefbot.Extraction, tau float64) {
	for _, d := range docs {
		ex := extract(d.Text)
		pred := make([]Range, len(ex.Statements))
		for i, s := range ex.Statements {
			pred[i] = Range{s.Start, s.End}
		}
		usedP, usedG := map[int]bool{}, map[int]bool{}
		var wrongSpeaker []string
		for _, p := range Match(pred, d.Statements, tau) {
			usedP[p.Pred], usedG[p.Gold] = true, true
			g, s := d.Statements[p.Gold], ex.Statements[p.Pred]
			if d.Speakers && g.Speaker != "" && !SameSpeaker(s.Speaker, g.Speaker) {
				wrongSpeaker = append(wrongSpeaker, fmt.Sprintf("  speaker %q, want %q: %s", s.Speaker, g.Speaker, excerpt(s.Text)))
			}
		}
		rs := []rune(d.Text)
		var lines []string
		for i, g := range d.Statements {
			if !usedG[i] {
				c := g.Content[0]
				cue := ""
				for _, r := range g.Cue {
					cue += " " + string(rs[min(r.Start, len(rs)):min(r.End, len(rs))])
				}
				before := string(rs[max(0, c.Start-70):min(c.Start, len(rs))])
				lines = append(lines, fmt.Sprintf("  missed  %-8s %s [%s]: …%s ⟦%s⟧", g.Kind, g.Speaker, strings.TrimSpace(cue), excerpt(before), excerpt(string(rs[c.Start:min(c.End, len(rs))]))))
			}
		}
		for i, s := range ex.Statements {
			if !usedP[i] {
				lines = append(lines, fmt.Sprintf("  spurious %-8s %s [%s]: %s", s.Kind, s.Speaker, s.Cue.Text, excerpt(s.Text)))
			}
		}
		lines = append(lines, wrongSpeaker...)
		if len(lines) > 0 {
			fmt.Fprintf(w, "%s\n%s\n", d.Name, strings.Join(lines, "\n"))
		}
	}
}

func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 110 {
		return string(r[:107]) + "…"
	}
	return s
}
