package slack

import (
	"encoding/json"
	"strings"
	"testing"

	slackapi "github.com/slack-go/slack"

	"github.com/briefbot/briefbot/bot"
)

func TestTimelineReplyPutsChartInContextBlock(t *testing.T) {
	reply := bot.Reply{
		Text: "**Sergei Lavrov on “ukraine”**, 2026-08-31 – 2026-11-29: 4 statements\n" +
			"`▁▁▅▁▁▁▁▁▁▁▅█▁` one bar per week, peak 2\n" +
			"• 2026-09-20 · “Russia will not negotiate” — [Wire One: Story 0](https://news.example/0)",
		Chart: "▁▁▅▁▁▁▁▁▁▁▅█▁ one bar per week",
	}
	msgs := replyMessages(reply)
	if len(msgs) != 1 || len(msgs[0].Blocks) != 3 {
		t.Fatalf("messages %+v", msgs)
	}
	b := msgs[0].Blocks
	if b[0].BlockType() != slackapi.MBTSection || b[1].BlockType() != slackapi.MBTContext || b[2].BlockType() != slackapi.MBTSection {
		t.Fatalf("block types %s %s %s, want section context section", b[0].BlockType(), b[1].BlockType(), b[2].BlockType())
	}
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		t.Fatal(err)
	}
	js := buf.String()
	for _, want := range []string{"*Sergei Lavrov on “ukraine”*", "`▁▁▅▁▁▁▁▁▁▁▅█▁` one bar per week, peak 2", "<https://news.example/0|Wire One: Story 0>"} {
		if !strings.Contains(js, want) {
			t.Errorf("blocks lack %q: %s", want, js)
		}
	}
}

func TestIsChartLine(t *testing.T) {
	for line, want := range map[string]bool{
		"`▁▃█` Sergei Lavrov: 4 statements": true,
		"`code` not a chart":                false,
		"▁▃█ without marks":                 false,
		"``":                                false,
	} {
		if got := isChartLine(line); got != want {
			t.Errorf("isChartLine(%q) = %v", line, got)
		}
	}
}
