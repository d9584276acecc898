package summarize

import "testing"

func BenchmarkZZTokStmt(b *testing.B) {
	texts := benchTexts(b)[3].texts
	var buf []token
	i := 0
	for b.Loop() {
		buf = tokenizeInto(buf, texts[i%len(texts)])
		i++
	}
}

func BenchmarkZZTokAct(b *testing.B) {
	texts := benchTexts(b)[3].texts
	var buf []actToken
	i := 0
	for b.Loop() {
		buf = tokenizeActorsInto(buf[:0], texts[i%len(texts)])
		i++
	}
}
