package eval

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/summarize"
)

func TestZZSrc(t *testing.T) {
	docs, _ := LoadPath("/work/shared/eval/polnear/train")
	n := 0
	for _, d := range docs {
		ex := summarize.Extract(d.Text)
		rs := []rune(d.Text)
		pred := make([]Range, len(ex.Statements))
		for i, s := range ex.Statements {
			pred[i] = Range{s.Start, s.End}
		}
		for _, p := range Match(pred, d.Statements, 0.3) {
			g, s := d.Statements[p.Gold], ex.Statements[p.Pred]
			if len(g.Source) == 0 || intersects(Range{s.SpeakerMention.Start, s.SpeakerMention.End}, g.Source) {
				continue
			}
			n++
			src := ""
			for _, r := range g.Source {
				src += string(rs[r.Start:r.End]) + " "
			}
			ctx := string(rs[max(0, min(s.SpeakerMention.Start, s.Start)-40):min(len(rs), max(s.End, s.SpeakerMention.End)+10)])
			fmt.Printf("gold src %q | pred mention %q [%s]\n   %s\n", src, s.SpeakerMention.Text, s.Cue.Text, strings.Join(strings.Fields(ctx), " "))
		}
	}
	fmt.Println("wrong", n)
}
