package discord

import (
	"testing"
)

// BenchmarkDigestMessages renders a 120-article digest into embed
// messages (done once per delivery).
func BenchmarkDigestMessages(b *testing.B) {
	d := testDigest(120, 300)
	for b.Loop() {
		if msgs := digestMessages(d); len(msgs) < 12 {
			b.Fatal("digest not split")
		}
	}
}
