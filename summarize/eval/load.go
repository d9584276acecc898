// Package eval scores the statement extractor against hand annotations:
// brat directories in the PolNeAR layout and gold JSON files in the seed's
// format. It owns loading both formats and the matching metrics; it never
// writes anything but reports.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Range is a half-open range of Unicode code points.
type Range struct{ Start, End int }

// Len is the number of code points in r.
func (r Range) Len() int {
	if r.End < r.Start {
		return 0
	}
	return r.End - r.Start
}

// GoldStatement is one annotated attribution.
type GoldStatement struct {
	Content []Range // possibly discontinuous
	Source  []Range // PolNeAR source span; empty when the annotation has none
	Cue     []Range // PolNeAR cue span
	Speaker string  // gold JSON canonical speaker; empty for brat
	Kind    string  // gold JSON: direct, indirect or mixed; may be empty
}

// GoldActor is one annotated actor (gold JSON only).
type GoldActor struct {
	Name string
	Type string
}

// Doc is one annotated text.
type Doc struct {
	Name       string
	Text       string
	Statements []GoldStatement
	Actors     []GoldActor
	Speakers   bool // gold speakers are canonical names (gold JSON)
	// ActorTypes limits actor scoring to these types; empty scores all.
	ActorTypes []string
}

// IsBratDir reports whether dir has the PolNeAR layout.
func IsBratDir(dir string) bool {
	a, errA := os.Stat(filepath.Join(dir, "text"))
	b, errB := os.Stat(filepath.Join(dir, "attributions"))
	return errA == nil && errB == nil && a.IsDir() && b.IsDir()
}

// LoadBrat reads a PolNeAR-style directory: text/STEM.txt and
// attributions/STEM_ANNOTATOR.ann. Texts annotated several times use the
// first .ann file by name.
func LoadBrat(dir string) ([]Doc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, err
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("%s: no attributions/*.ann files", dir)
	}
	sort.Strings(anns)
	seen := map[string]bool{}
	var docs []Doc
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		stem := base
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			stem = base[:i]
		}
		txt := filepath.Join(dir, "text", stem+".txt")
		if _, err := os.Stat(txt); err != nil {
			// Annotation names without an annotator suffix.
			stem = base
			txt = filepath.Join(dir, "text", stem+".txt")
		}
		if seen[stem] {
			continue
		}
		seen[stem] = true
		text, err := os.ReadFile(txt)
		if err != nil {
			return nil, fmt.Errorf("text for %s: %w", ann, err)
		}
		stmts, err := readAnn(ann)
		if err != nil {
			return nil, err
		}
		docs = append(docs, Doc{Name: stem, Text: string(text), Statements: stmts})
	}
	return docs, nil
}

// readAnn parses the T (text-bound) and E (event) lines of a brat file;
// each Attribution event with a Content becomes a gold statement.
func readAnn(path string) ([]GoldStatement, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	spans := map[string][]Range{}
	var events [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "T"):
			parts := strings.SplitN(l, "\t", 3)
			if len(parts) < 2 {
				continue // a continuation line of a multi-line span text
			}
			_, ranges, ok := strings.Cut(parts[1], " ")
			if !ok {
				return nil, fmt.Errorf("%s:%d: bad span %q", path, line, parts[1])
			}
			var rs []Range
			for _, frag := range strings.Split(ranges, ";") {
				s, e, ok := strings.Cut(strings.TrimSpace(frag), " ")
				if !ok {
					return nil, fmt.Errorf("%s:%d: bad range %q", path, line, frag)
				}
				si, err1 := strconv.Atoi(s)
				ei, err2 := strconv.Atoi(e)
				if err1 != nil || err2 != nil {
					return nil, fmt.Errorf("%s:%d: bad range %q", path, line, frag)
				}
				rs = append(rs, Range{si, ei})
			}
			spans[parts[0]] = rs
		case strings.HasPrefix(l, "E"):
			parts := strings.SplitN(l, "\t", 2)
			if len(parts) == 2 {
				events = append(events, strings.Fields(parts[1]))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []GoldStatement
	for _, ev := range events {
		var g GoldStatement
		for _, arg := range ev {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			role = strings.TrimRight(role, "0123456789")
			switch role {
			case "Content":
				g.Content = append(g.Content, spans[id]...)
			case "Source":
				g.Source = append(g.Source, spans[id]...)
			case "Cue":
				g.Cue = append(g.Cue, spans[id]...)
			}
		}
		if len(g.Content) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

// goldFile is the seed's *.gold.json format. Dev sets kept in the
// repository reference a text they may not copy: "text_file" (relative to
// the gold file; a .jsonl file with "text_id" names one record's "text"),
// discontinuous contents as "spans", and "actor_types" limiting actor
// scoring to the types the file annotates.
type goldFile struct {
	Text     string `json:"text"` // optional; else text_file, else the sibling .txt
	TextFile string `json:"text_file"`
	TextID   string `json:"text_id"`
	// Page names the raw HTML page of the same article (relative to the
	// gold file): its readable text is scored, with the spans located in it.
	Page       string `json:"page"`
	Statements []struct {
		Speaker string   `json:"speaker"`
		Text    string   `json:"text"`
		Start   int      `json:"start"`
		End     int      `json:"end"`
		Spans   [][2]int `json:"spans"`
		Source  [][2]int `json:"source"`
		Kind    string   `json:"kind"`
		Cue     *struct {
			Start int `json:"start"`
			End   int `json:"end"`
		} `json:"cue"`
	} `json:"statements"`
	Actors []struct {
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"actors"`
	ActorTypes []string `json:"actor_types"`
}

// readTextFile reads a gold file's referenced text: a plain file, or the
// "text" of the record whose "id" is id in a JSON-lines file.
func readTextFile(path, id string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if id == "" {
		return string(b), nil
	}
	for _, line := range strings.Split(string(b), "\n") {
		var rec struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.ID == id {
			return rec.Text, nil
		}
	}
	return "", fmt.Errorf("%s: no record with id %q", path, id)
}

// LoadGoldJSON reads one *.gold.json file and its text: the "text" field,
// else the file next to it with .txt in place of .gold.json.
func LoadGoldJSON(path string) (Doc, error) { return Loader{}.loadGold(path) }

func (l Loader) loadGold(path string) (Doc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Doc{}, err
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		return Doc{}, fmt.Errorf("%s: %w", path, err)
	}
	text := g.Text
	if text == "" && g.TextFile != "" {
		ref := filepath.Join(filepath.Dir(path), g.TextFile)
		if text, err = readTextFile(ref, g.TextID); err != nil {
			return Doc{}, fmt.Errorf("%s: text_file: %w", path, err)
		}
	}
	if text == "" {
		txt := strings.TrimSuffix(path, ".gold.json") + ".txt"
		tb, err := os.ReadFile(txt)
		if err != nil {
			return Doc{}, fmt.Errorf("%s: no \"text\" field and no %s: %w", path, filepath.Base(txt), err)
		}
		text = string(tb)
	}
	d := Doc{Name: strings.TrimSuffix(filepath.Base(path), ".gold.json"), Text: text, Speakers: true}
	for _, s := range g.Statements {
		content := []Range{{s.Start, s.End}}
		if len(s.Spans) > 0 {
			content = content[:0]
			for _, sp := range s.Spans {
				content = append(content, Range{sp[0], sp[1]})
			}
		}
		var source []Range
		for _, sp := range s.Source {
			source = append(source, Range{sp[0], sp[1]})
		}
		gs := GoldStatement{Content: content, Source: source, Speaker: s.Speaker, Kind: s.Kind}
		if s.Cue != nil {
			gs.Cue = []Range{{s.Cue.Start, s.Cue.End}}
		}
		d.Statements = append(d.Statements, gs)
	}
	if g.Page != "" {
		if d, err = l.onPage(filepath.Join(filepath.Dir(path), g.Page), d); err != nil {
			return Doc{}, fmt.Errorf("%s: page: %w", path, err)
		}
	}
	d.ActorTypes = g.ActorTypes
	for _, a := range g.Actors {
		d.Actors = append(d.Actors, GoldActor{Name: a.Name, Type: a.Type})
	}
	return d, nil
}

// LoadPath loads a brat directory, a gold JSON file, or a directory of
// gold JSON files.
func LoadPath(path string) ([]Doc, error) { return Loader{}.Load(path) }

// Load is LoadPath with the loader's options.
func (l Loader) Load(path string) ([]Doc, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		if !strings.HasSuffix(path, ".json") {
			return nil, fmt.Errorf("%s: want a brat directory (text/ and attributions/) or a *.gold.json file", path)
		}
		d, err := l.loadGold(path)
		if err != nil {
			return nil, err
		}
		return []Doc{d}, nil
	}
	if IsBratDir(path) {
		return LoadBrat(path)
	}
	files, err := filepath.Glob(filepath.Join(path, "*.gold.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: neither a brat directory (text/ and attributions/) nor a directory with *.gold.json files", path)
	}
	sort.Strings(files)
	var docs []Doc
	for _, f := range files {
		d, err := l.loadGold(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}
