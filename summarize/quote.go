package summarize

// This file owns the quotation scanner: it pairs opening and closing marks
// per paragraph, tolerating the broken punctuation real feeds carry (a “
// used as a closer, a stray », a quote never closed) and links paragraphs
// of one multi-paragraph quotation.

// quotation is a run of tokens between quotation marks, marks included.
type quotation struct {
	a, b     int  // token range, end exclusive
	closed   bool // false: no closing mark, the quote runs to the paragraph end
	contPrev bool // continues the previous paragraph's unclosed quotation
}

func openGlyph(s string) bool {
	switch s {
	case "“", "„", "«", "‹", "‟", "``":
		return true
	}
	return false
}

func closeGlyph(s string) bool {
	switch s {
	case "”", "»", "›":
		return true
	}
	return false
}

func singleGlyph(s string) bool { return s == "‘" || s == "’" || s == "'" }

// scanQuotes finds quotations and records in each token the quotation it
// belongs to.
func scanQuotes(toks []token) []quotation {
	var quotes []quotation
	depth := 0
	start := -1
	single := -1      // index of an open single quote at depth 0
	paraStart := 0    // first token of the current paragraph
	prevOpen := false // previous paragraph ended inside a quotation
	finishPara := func(end int) {
		prevOpen = false
		if depth > 0 && start >= 0 {
			q := quotation{a: start, b: end}
			q.contPrev = start == paraStart && len(quotes) > 0 && !quotes[len(quotes)-1].closed && quotes[len(quotes)-1].b == paraStart-1
			quotes = append(quotes, q)
			prevOpen = true
		}
		depth, start, single = 0, -1, -1
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tokBreak {
			finishPara(i)
			paraStart = i + 1
			continue
		}
		if t.kind != tokQuote {
			continue
		}
		leftTight, rightTight := !t.spaceB, !t.spaceA
		if i+1 < len(toks) && toks[i+1].kind == tokBreak {
			rightTight = false
		}
		if singleGlyph(t.text) {
			if depth > 0 {
				continue // nested single quotes stay inside the outer quotation
			}
			switch {
			case single < 0 && (t.text == "‘" || t.text == "'") && !leftTight && rightTight:
				single = i
			case single >= 0 && (t.text == "’" || t.text == "'") && leftTight && !rightTight:
				quotes = append(quotes, quotation{a: single, b: i + 1, closed: true})
				single = -1
			}
			continue
		}
		var open bool
		switch {
		case leftTight && !rightTight:
			open = false
		case !leftTight && rightTight:
			open = true
		case openGlyph(t.text):
			open = true
		case closeGlyph(t.text):
			open = false
		default: // straight double quote with no telling context
			open = depth == 0
		}
		if open {
			if depth == 0 {
				start = i
				single = -1
			}
			depth++
			continue
		}
		if depth == 0 {
			continue // stray closer
		}
		depth--
		if depth == 0 {
			q := quotation{a: start, b: i + 1, closed: true}
			q.contPrev = prevOpen && start == paraStart
			quotes = append(quotes, q)
			start = -1
		}
	}
	finishPara(len(toks))
	// A paragraph that opens with a quotation right after an unclosed one
	// continues it, whether or not this paragraph closes it.
	for qi := range quotes {
		q := &quotes[qi]
		for k := q.a; k < q.b; k++ {
			if toks[k].kind != tokBreak {
				toks[k].quote = int32(qi)
			}
		}
	}
	return quotes
}

// wordCount counts word tokens in toks[a:b].
func wordCount(toks []token, a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if toks[i].kind == tokWord {
			n++
		}
	}
	return n
}
