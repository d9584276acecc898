package discord

import (
	"testing"

	"github.com/briefbot/briefbot/bot/bottest"
)

// BenchmarkDigestMessages renders a 120-article digest into embed
// messages (done once per delivery).
func BenchmarkDigestMessages(b *testing.B) {
	d := bottest.Digest(120, 2, 300)
	for b.Loop() {
		if msgs := digestMessages(d); len(msgs) < 12 {
			b.Fatal("digest not split")
		}
	}
}
