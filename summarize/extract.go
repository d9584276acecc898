package summarize

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// This file owns statement extraction: Extract ties the tokenizer, the
// quotation scanner, the cue lexicon and speaker resolution together. It is
// rule based and single pass over tokens so it needs no model and stays
// fast enough to run on every stored article. The patterns live in
// quote_attribution.go and quote_patterns.go, the lexicon in
// quote_cues.go, the tokenizer in text.go, quotation pairing in quote.go,
// speaker phrases in speaker.go and speaker_names.go, coreference across
// sentences in speaker_coref.go and press-conference transcripts in
// transcript.go.

// Extract finds the statements (who said what, speakers resolved to
// canonical names, sorted by start), the actors (FindActors plus the
// speaker mentions resolved here) and a summary of an article's plain
// text. Offsets are code points into text. The ingest pipeline calls it for
// every stored article; it needs no model and keeps no state.
func Extract(text string) briefbot.Extraction {
	return ExtractTitled("", text)
}

// ExtractTitled is Extract for an article whose title is known: the title
// feeds the summary and names the spokesperson of a "Q:/A:" transcript.
func ExtractTitled(title, text string) briefbot.Extraction {
	return ExtractTitles(text, title)
}

// ExtractTitles is Extract for an article with several titles: the feed
// item's first (it feeds the summary), then the fetched page's own. A
// transcript's spokesperson is looked for in the text first, then in each
// title.
func ExtractTitles(text string, titles ...string) briefbot.Extraction {
	title := ""
	if len(titles) > 0 {
		title = titles[0]
	}
	text = validUTF8(text)
	actors := FindActors(text)
	x := newExtraction(text, actors)
	if !x.transcript(titles) {
		x.attributions()
	}
	x.resolveSpeakers()
	stmts, actors := x.finish(actors)
	x.release()
	return briefbot.Extraction{
		Summary:    Summarize(title, text, stmts),
		Statements: stmts,
		Actors:     actors,
	}
}

// extraction is the per-article working state.
type extraction struct {
	text   string
	bufs   *extractBufs
	toks   []token
	quotes []quotation
	units  []span
	people *people
	// orgMentions are the organisations named, in text order, for
	// "the company said".
	orgMentions []orgMention
	paraOf      []int // paragraph index per token
	stmts       []statement
}

// statement is a statement under construction, in token terms.
type statement struct {
	a, b       int // content token range
	kind       string
	cueA, cueB int
	sp         speakerPhrase
	hasSpeaker bool // false for a quotation with no cue of its own: it borrows a neighbour's
	speaker    resolvedSpeaker
}

func newExtraction(text string, actors []briefbot.Actor) *extraction {
	bufs := newExtractBufs()
	x := &extraction{text: text, bufs: bufs, stmts: bufs.stmts[:0]}
	x.toks = tokenizeInto(bufs.toks, text)
	x.quotes = scanQuotes(x.toks)
	x.units = sentencesInto(bufs.units, x.toks)
	x.paraOf = slices.Grow(bufs.paraOf[:0], len(x.toks))[:len(x.toks)]
	p := 0
	for i, t := range x.toks {
		if t.kind == tokBreak {
			p++
		}
		x.paraOf[i] = p
	}
	x.people = newPeople()
	x.people.text = text
	x.people.fromActors(actors, x.inQuote)
	x.people.scanNames(x.toks)
	x.people.scanSurnameMentions(x.toks)
	x.people.scanAcronyms(x.toks)
	x.orgMentions = orgMentionsOf(actors)
	sort.Slice(x.people.mentions, func(i, j int) bool { return x.people.mentions[i].pos < x.people.mentions[j].pos })
	return x
}

// extractBufs are the per-article slices that grow with the text (tokens,
// paragraph indexes, statements), recycled between articles: Extract runs
// for every article, and the garbage collector's work grows with every byte
// allocated.
type extractBufs struct {
	toks   []token
	paraOf []int
	units  []span
	stmts  []statement
}

var extractPool sync.Pool

// newExtractBufs takes buffers from the pool.
func newExtractBufs() *extractBufs {
	if b, ok := extractPool.Get().(*extractBufs); ok {
		return b
	}
	return new(extractBufs)
}

// tokensOf tokenizes text into pooled buffers (b.toks), for a caller that
// keeps no token after calling b.release.
func tokensOf(text string) *extractBufs {
	b := newExtractBufs()
	b.toks = tokenizeInto(b.toks, text)
	return b
}

// release clears the buffers (dropping references to the text) and
// returns them to the pool.
func (b *extractBufs) release() {
	clear(b.toks)
	clear(b.stmts)
	b.toks, b.paraOf, b.units, b.stmts = b.toks[:0], b.paraOf[:0], b.units[:0], b.stmts[:0]
	extractPool.Put(b)
}

// release returns the buffers to the pool; x is unusable afterwards.
func (x *extraction) release() {
	x.bufs.toks, x.bufs.paraOf, x.bufs.units, x.bufs.stmts = x.toks, x.paraOf, x.units, x.stmts
	x.bufs.release()
	x.toks, x.paraOf, x.units, x.stmts, x.bufs = nil, nil, nil, nil, nil
}

// resolveSpeakers gives each statement its canonical speaker, in text order
// so pronouns see the statements before them.
func (x *extraction) resolveSpeakers() {
	sort.SliceStable(x.stmts, func(i, j int) bool { return x.stmts[i].a < x.stmts[j].a })
	var prev *resolvedSpeaker
	prevPara, prevHead := -10, -1
	for i := range x.stmts {
		st := &x.stmts[i]
		if !st.hasSpeaker {
			continue
		}
		para := x.paraOf[st.sp.head]
		if st.speaker.name == "" {
			near := para-prevPara <= 2
			if p := x.cataphora(st.sp); p != nil && !(prev != nil && prev.person != nil && near) {
				st.speaker = resolvedSpeaker{name: p.name, person: p}
			} else if p, at := x.recentSubject(st.sp); p != nil && (prev == nil || prev.person == nil || !near || at > prevHead) {
				// "Morrison was the third witness … He said …": the last
				// sentence subject, when nobody spoke since.
				st.speaker = resolvedSpeaker{name: p.name, person: p}
			} else if p := x.appositiveName(st.sp); p != nil {
				st.speaker = resolvedSpeaker{name: p.name, person: p}
			} else if name := x.subjectOrganization(st.sp); name != "" {
				st.speaker = resolvedSpeaker{name: name}
			} else {
				st.speaker = x.people.resolve(x.toks, st.sp, prev, near)
			}
		}
		if st.speaker.person == nil {
			st.speaker = x.nominalAnaphor(st.sp, st.speaker, prev, para-prevPara <= 2)
		}
		if st.speaker.person == nil {
			st.speaker = x.roleCataphora(st.sp, st.speaker)
		}
		if st.speaker.person == nil {
			st.speaker = x.orgLeader(st.sp, st.speaker)
		}
		if st.speaker.person == nil {
			st.speaker = x.earlierGroup(i, st.sp, st.speaker)
			st.speaker = x.earlierAcronym(i, st.speaker)
		}
		sp := st.speaker
		prev = &sp
		prevPara, prevHead = para, st.sp.head
	}
	// Quotations without a cue take the speaker of the nearest attributed
	// statement: the one before in the same or previous paragraph, else the
	// next one in the same paragraph.
	for i := range x.stmts {
		st := &x.stmts[i]
		if st.hasSpeaker {
			continue
		}
		para := x.paraOf[st.a]
		from := -1
		for j := i - 1; j >= 0; j-- {
			if x.stmts[j].hasSpeaker {
				if para-x.paraOf[x.stmts[j].a] <= 1 {
					from = j
				}
				break
			}
		}
		if from < 0 {
			for j := i + 1; j < len(x.stmts); j++ {
				if x.stmts[j].hasSpeaker {
					next := x.paraOf[x.stmts[j].a]
					if next == para || next == para+1 && x.runsOn(st) {
						from = j
					}
					break
				}
			}
		}
		if from >= 0 {
			src := x.stmts[from]
			st.sp, st.cueA, st.cueB, st.speaker = src.sp, src.cueA, src.cueB, src.speaker
		}
	}
}

// runsOn reports whether the quotation of st is left open and continued by
// the next paragraph's quotation.
func (x *extraction) runsOn(st *statement) bool {
	q := int(x.toks[st.a].quote)
	return q >= 0 && !x.quotes[q].closed && q+1 < len(x.quotes) && x.quotes[q+1].contPrev
}

// finish converts statements to domain values, fills roles from actors and
// records resolved speaker mentions on the actors.
func (x *extraction) finish(actors []briefbot.Actor) ([]briefbot.Statement, []briefbot.Actor) {
	toks := x.toks
	out := make([]briefbot.Statement, 0, len(x.stmts))
	speakers := make([]*person, 0, len(x.stmts)) // parallel to out
	total := 1
	if n := len(toks); n > 0 {
		total = int(toks[n-1].e)
	}
	for _, st := range x.stmts {
		if st.speaker.name == "" && !st.speaker.unresolved {
			continue
		}
		s := briefbot.Statement{
			Text:    x.text[toks[st.a].bs:toks[st.b-1].be],
			Start:   int(toks[st.a].s),
			End:     int(toks[st.b-1].e),
			Kind:    st.kind,
			Speaker: st.speaker.name,
		}
		s.Cue = briefbot.Span{Text: x.text[toks[st.cueA].bs:toks[st.cueB-1].be], Start: int(toks[st.cueA].s), End: int(toks[st.cueB-1].e)}
		s.SpeakerMention = briefbot.Span{Text: x.text[toks[st.sp.a].bs:toks[st.sp.b-1].be], Start: int(toks[st.sp.a].s), End: int(toks[st.sp.b-1].e)}
		if p := st.speaker.person; p != nil {
			s.SpeakerRole, s.SpeakerAffiliation = p.role, p.affiliation
			actors = x.recordMention(actors, p, s.SpeakerMention)
		}
		out = append(out, s)
		speakers = append(speakers, st.speaker.person)
	}
	// Scores need every resolved mention recorded: prominence counts them.
	maxMentions := 1
	for _, a := range actors {
		if a.Type == briefbot.Person {
			maxMentions = max(maxMentions, len(a.Mentions))
		}
	}
	for i := range out {
		prominence := 0.0
		if p := speakers[i]; p != nil && p.actor >= 0 {
			prominence = float64(len(actors[p.actor].Mentions)) / float64(maxMentions)
		}
		out[i].Score = score(out[i], prominence, total)
	}
	if len(out) == 0 {
		out = nil // no statements: nil, as callers expect
	}
	spreadScores(out)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, actors
}

// spreadScores lowers a speaker's second and later statements (by score),
// so the key statements of an article come from its different voices.
func spreadScores(stmts []briefbot.Statement) {
	order := make([]int, len(stmts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return stmts[order[a]].Score > stmts[order[b]].Score })
	seen := map[string]int{}
	for _, i := range order {
		s := &stmts[i]
		n := seen[s.Speaker]
		seen[s.Speaker] = n + 1
		s.Score = round3(s.Score / (1 + 0.5*float64(n)))
	}
}

func round3(v float64) float64 { return float64(int(v*1000+0.5)) / 1000 }

// recordMention adds a resolved speaker mention to the person's actor,
// creating the actor when only the fallback scan knew the person.
func (x *extraction) recordMention(actors []briefbot.Actor, p *person, m briefbot.Span) []briefbot.Actor {
	if p.actor < 0 {
		actors = append(actors, briefbot.Actor{Name: p.name, Type: briefbot.Person, Role: p.role, Affiliation: p.affiliation})
		p.actor = len(actors) - 1
	}
	a := &actors[p.actor]
	for _, old := range a.Mentions {
		if old.Start == m.Start && old.End == m.End {
			return actors
		}
	}
	a.Mentions = append(a.Mentions, m)
	sort.Slice(a.Mentions, func(i, j int) bool { return a.Mentions[i].Start < a.Mentions[j].Start })
	if !pronouns[strings.ToLower(m.Text)] && m.Text != p.name {
		known := false
		for _, al := range a.Aliases {
			if strings.EqualFold(al, m.Text) {
				known = true
				break
			}
		}
		if !known {
			a.Aliases = append(a.Aliases, m.Text)
		}
	}
	return actors
}

// score rates how key a statement is, in [0, 1]: who speaks (how
// prominent the speaker is in the article, a named person with a known
// role over a group), how (direct words over paraphrase), how much (a
// substantial claim) and where (the lead matters more than the tail).
// prominence is the speaker's mentions over the most mentioned person's.
func score(s briefbot.Statement, prominence float64, total int) float64 {
	v := 0.1 + 0.3*prominence
	if s.SpeakerRole != "" || s.SpeakerAffiliation != "" {
		v += 0.1
	}
	if strings.Contains(s.Speaker, " ") && s.Speaker[0] >= 'A' && s.Speaker[0] <= 'Z' {
		v += 0.1
	}
	switch s.Kind {
	case briefbot.Direct:
		v += 0.1
	case briefbot.Mixed:
		v += 0.07
	default:
		v += 0.05
	}
	switch n := s.End - s.Start; {
	case n >= 80 && n <= 400:
		v += 0.1
	case n >= 40:
		v += 0.05
	}
	v += 0.15 * (1 - float64(s.Start)/float64(max(total, 1)))
	return round3(min(v, 1))
}

// cataphora resolves "…, he said. Xi said during the meeting …": a he/she
// whose sentence is followed, in the same paragraph, by one that opens with
// a named speaker and a cue.
func (x *extraction) cataphora(sp speakerPhrase) *person {
	toks := x.toks
	if sp.ante != nil || sp.b-sp.a != 1 || !personalPronoun[toks[sp.head].lower] {
		return nil
	}
	i := sort.Search(len(x.units), func(i int) bool { return x.units[i].b > sp.head })
	if i+1 >= len(x.units) {
		return nil
	}
	next := x.units[i+1]
	if x.paraOf[next.a] != x.paraOf[sp.head] {
		return nil
	}
	subj, ok := subjectFrom(toks, next.a, next.b)
	if !ok || subj.a != next.a || !toks[subj.head].capitalized() {
		return nil
	}
	c := subj.b
	for c < next.b && cueAdverbs[toks[c].lower] {
		c++
	}
	if c >= next.b {
		return nil
	}
	if k, _ := cueAt(toks, c); k != cueSay && k != cueTell {
		return nil
	}
	p := x.people.resolveName(wordsOf(toks, subj.a, subj.b))
	if p == nil || !compatible(p.gender, pronounGender(toks[sp.head].lower)) {
		return nil
	}
	return p
}

func wordsOf(toks []token, a, b int) []string {
	var w []string
	for i := a; i < b; i++ {
		if toks[i].isWord() {
			w = append(w, toks[i].text)
		}
	}
	return w
}

// validUTF8 replaces each invalid byte with U+FFFD, so offsets still count
// one code point per invalid byte, as decoding the raw text would.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// inQuote reports whether the code point at pos lies inside a quotation.
func (x *extraction) inQuote(pos int) bool {
	i := sort.Search(len(x.toks), func(i int) bool { return int(x.toks[i].e) > pos })
	return i < len(x.toks) && int(x.toks[i].s) <= pos && x.toks[i].quote >= 0
}
