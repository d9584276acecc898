package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/briefbot/briefbot"
)

// Overlap is |pred ∩ gold| / max(|pred|, |gold|), gold possibly
// discontinuous.
func Overlap(pred Range, gold []Range) float64 {
	inter, glen := 0, 0
	for _, g := range gold {
		glen += g.Len()
		s, e := max(pred.Start, g.Start), min(pred.End, g.End)
		if e > s {
			inter += e - s
		}
	}
	den := max(pred.Len(), glen)
	if den == 0 {
		return 0
	}
	return float64(inter) / float64(den)
}

func intersects(r Range, rs []Range) bool {
	for _, g := range rs {
		if min(r.End, g.End) > max(r.Start, g.Start) {
			return true
		}
	}
	return false
}

// Pair is a matched predicted and gold statement.
type Pair struct {
	Pred, Gold int
	Overlap    float64
}

// Match pairs predictions with gold statements one to one, greedily by
// decreasing overlap, keeping pairs with overlap ≥ tau.
func Match(pred []Range, gold []GoldStatement, tau float64) []Pair {
	var cand []Pair
	for i, p := range pred {
		for j, g := range gold {
			if o := Overlap(p, g.Content); o >= tau && o > 0 {
				cand = append(cand, Pair{i, j, o})
			}
		}
	}
	sort.SliceStable(cand, func(a, b int) bool {
		if cand[a].Overlap != cand[b].Overlap {
			return cand[a].Overlap > cand[b].Overlap
		}
		if cand[a].Pred != cand[b].Pred {
			return cand[a].Pred < cand[b].Pred
		}
		return cand[a].Gold < cand[b].Gold
	})
	usedP, usedG := map[int]bool{}, map[int]bool{}
	var out []Pair
	for _, c := range cand {
		if usedP[c.Pred] || usedG[c.Gold] {
			continue
		}
		usedP[c.Pred], usedG[c.Gold] = true, true
		out = append(out, c)
	}
	return out
}

// Scores are the statement figures at one threshold.
type Scores struct {
	Tau          float64 `json:"tau"`
	Predicted    int     `json:"predicted"`
	Gold         int     `json:"gold"`
	Matched      int     `json:"matched"`
	Precision    float64 `json:"precision"`
	Recall       float64 `json:"recall"`
	F1           float64 `json:"f1"`
	SourceTotal  int     `json:"source_total,omitempty"`
	SourceHits   int     `json:"source_hits,omitempty"`
	SourceAcc    float64 `json:"source_accuracy,omitempty"`
	SpeakerTotal int     `json:"speaker_total,omitempty"`
	SpeakerHits  int     `json:"speaker_hits,omitempty"`
	SpeakerAcc   float64 `json:"speaker_accuracy,omitempty"`
}

// PRF is precision, recall and F1 of one actor type.
type PRF struct {
	Predicted int     `json:"predicted"`
	Gold      int     `json:"gold"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Report is the evaluation of one input (a brat directory or gold files).
type Report struct {
	Name   string         `json:"name"`
	Docs   int            `json:"docs"`
	Scores []Scores       `json:"scores"`
	Actors map[string]PRF `json:"actors,omitempty"` // by actor type, gold JSON only
}

// Taus are the thresholds the issue asks for.
var Taus = []float64{0.3, 0.8}

// Evaluate runs extract over docs and scores it at each tau.
func Evaluate(name string, docs []Doc, extract func(text string) briefbot.Extraction, taus []float64) Report {
	r := Report{Name: name, Docs: len(docs)}
	r.Scores = make([]Scores, len(taus))
	for i, t := range taus {
		r.Scores[i].Tau = t
	}
	actorCounts := map[string]*PRF{}
	hasActors := false
	for _, d := range docs {
		ex := extract(d.Text)
		pred := make([]Range, len(ex.Statements))
		for i, s := range ex.Statements {
			pred[i] = Range{s.Start, s.End}
		}
		for ti, tau := range taus {
			sc := &r.Scores[ti]
			sc.Predicted += len(pred)
			sc.Gold += len(d.Statements)
			for _, p := range Match(pred, d.Statements, tau) {
				sc.Matched++
				ps, g := ex.Statements[p.Pred], d.Statements[p.Gold]
				if len(g.Source) > 0 {
					sc.SourceTotal++
					if intersects(Range{ps.SpeakerMention.Start, ps.SpeakerMention.End}, g.Source) {
						sc.SourceHits++
					}
				}
				if d.Speakers && g.Speaker != "" {
					sc.SpeakerTotal++
					if SameSpeaker(ps.Speaker, g.Speaker) {
						sc.SpeakerHits++
					}
				}
			}
		}
		if len(d.Actors) > 0 {
			hasActors = true
			countActors(actorCounts, ex.Actors, d.Actors, d.ActorTypes)
		}
	}
	for i := range r.Scores {
		sc := &r.Scores[i]
		sc.Precision, sc.Recall, sc.F1 = prf(sc.Matched, sc.Predicted, sc.Gold)
		sc.SourceAcc = ratio(sc.SourceHits, sc.SourceTotal)
		sc.SpeakerAcc = ratio(sc.SpeakerHits, sc.SpeakerTotal)
	}
	if hasActors {
		r.Actors = map[string]PRF{}
		for typ, c := range actorCounts {
			c.Precision, c.Recall, c.F1 = prf(c.Matched, c.Predicted, c.Gold)
			r.Actors[typ] = *c
		}
	}
	return r
}

// actorTypes are the types the actor report covers.
var actorTypes = []string{briefbot.Person, briefbot.Organization, briefbot.Country}

func countActors(counts map[string]*PRF, pred []briefbot.Actor, gold []GoldActor, only []string) {
	for _, typ := range actorTypes {
		if len(only) > 0 && !slices.Contains(only, typ) {
			continue
		}
		c := counts[typ]
		if c == nil {
			c = &PRF{}
			counts[typ] = c
		}
		ps, gs := map[string]bool{}, map[string]bool{}
		for _, a := range pred {
			if a.Type == typ {
				ps[strings.ToLower(a.Name)] = true
			}
		}
		for _, a := range gold {
			if a.Type == typ {
				gs[strings.ToLower(a.Name)] = true
			}
		}
		c.Predicted += len(ps)
		c.Gold += len(gs)
		for n := range ps {
			if gs[n] {
				c.Matched++
			}
		}
	}
}

func prf(matched, predicted, gold int) (p, r, f float64) {
	p, r = ratio(matched, predicted), ratio(matched, gold)
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// speakerTitles are dropped before comparing speakers.
var speakerTitles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "professor": true,
	"president": true, "minister": true, "foreign": true, "prime": true, "premier": true, "secretary": true,
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "sen": true, "senator": true, "rep": true,
	"gov": true, "governor": true, "general": true, "gen": true, "ambassador": true, "chancellor": true,
	"the": true, "vice": true, "deputy": true, "state": true, "sir": true,
}

// SameSpeaker compares canonical speakers case-insensitively, with titles
// dropped ("President Xi Jinping" = "xi jinping").
func SameSpeaker(a, b string) bool { return normSpeaker(a) == normSpeaker(b) }

func normSpeaker(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '.' || r == ',' })
	out := f[:0]
	for _, w := range f {
		if !speakerTitles[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// WriteTable prints reports as an aligned table.
func WriteTable(w io.Writer, reports []Report) {
	fmt.Fprintf(w, "%-28s %5s %4s %6s %6s %6s %6s %6s %6s %10s %10s\n", "input", "docs", "tau", "pred", "gold", "match", "P", "R", "F1", "source", "speaker")
	for _, r := range reports {
		for _, s := range r.Scores {
			fmt.Fprintf(w, "%-28s %5d %4.1f %6d %6d %6d %6.3f %6.3f %6.3f %10s %10s\n", trimName(r.Name), r.Docs, s.Tau,
				s.Predicted, s.Gold, s.Matched, s.Precision, s.Recall, s.F1, acc(s.SourceHits, s.SourceTotal), acc(s.SpeakerHits, s.SpeakerTotal))
		}
		if len(r.Actors) > 0 {
			for _, typ := range actorTypes {
				c, ok := r.Actors[typ]
				if !ok {
					continue
				}
				fmt.Fprintf(w, "  actors %-13s pred %4d gold %4d match %4d  P %.3f R %.3f F1 %.3f\n", typ, c.Predicted, c.Gold, c.Matched, c.Precision, c.Recall, c.F1)
			}
		}
	}
}

func acc(hits, total int) string {
	if total == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", float64(hits)/float64(total))
}

func trimName(s string) string {
	if r := []rune(s); len(r) > 28 {
		return "…" + string(r[len(r)-27:])
	}
	return s
}

// WriteJSON prints reports as indented JSON.
func WriteJSON(w io.Writer, reports []Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"reports": reports})
}
