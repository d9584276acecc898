package summarize

import "github.com/briefbot/briefbot"

// This file owns the question put to a speaker before the answer: "Asked
// whether he would run, Holm said he would not." Political news reports
// the question as an attribution of its own, next to the answer.

// askedQuestion adds the question of a sentence opening with "Asked …," or
// "When asked …," when a statement after the comma (the answer) was found
// in it; stmts before from were there before the sentence was read.
func (x *extraction) askedQuestion(u span, from int) {
	toks := x.toks
	a := u.a
	if a+1 < u.b && toks[a].lower == "when" {
		a++
	}
	// "Asked by Starnes if …": the asker is named, and is not the answerer.
	if toks[a].lower != "asked" || toks[a].quote >= 0 || a+1 < u.b && toks[a+1].lower == "by" {
		return
	}
	comma := -1
	for i := a + 1; i < u.b && i < a+40; i++ {
		if toks[i].text == "," && toks[i].quote < 0 {
			comma = i
			break
		}
	}
	if comma < 0 || wordCount(toks, a+1, comma) < 2 {
		return
	}
	for i := from; i < len(x.stmts); i++ {
		st := x.stmts[i]
		if st.a < comma || !st.hasSpeaker {
			return // the question is already content, or no answer to tie it to
		}
	}
	if from >= len(x.stmts) {
		return
	}
	ans := x.stmts[from]
	x.add(statement{a: a + 1, b: comma, kind: briefbot.Indirect, cueA: a, cueB: a + 1, sp: ans.sp, hasSpeaker: true})
}
