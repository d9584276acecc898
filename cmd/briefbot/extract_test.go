package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cliStatement mirrors the CLI contract's statement object.
type cliStatement struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Kind    string `json:"kind"`
	Speaker string `json:"speaker"`
	Score   float64
	Cue     struct {
		Text       string
		Start, End int
	}
	SpeakerMention struct {
		Text       string
		Start, End int
	} `json:"speaker_mention"`
}

type cliResult struct {
	Path       string           `json:"path"`
	Summary    *string          `json:"summary"`
	Text       string           `json:"text"`
	Statements []cliStatement   `json:"statements"`
	Actors     []map[string]any `json:"actors"`
}

func TestRunExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	plain := "Zürich talks ended.\n\n“We are close to a deal,” said Zoë Müller, the Swiss envoy."
	htmlDoc := `<!doctype html><html><head><title>Talks end</title></head><body><article>
<h1>Talks end</h1>
<p>Negotiators met for a third day in Geneva on Thursday as the talks on the ceasefire continued late into the night.</p>
<p>“We are close to a deal that both sides can accept,” said Omar Haddad, the mediator, after the session ended.</p>
<p>Officials from both delegations declined to comment on the details of the draft text before it is published.</p>
</article></body></html>`
	txtPath := filepath.Join(dir, "a.txt")
	htmlPath := filepath.Join(dir, "b.html")
	writeTestFile(t, txtPath, plain)
	writeTestFile(t, htmlPath, htmlDoc)

	var out, errOut bytes.Buffer
	if err := runExtract(context.Background(), []string{"--format", "jsonl", txtPath, htmlPath}, &out, &errOut); err != nil {
		t.Fatalf("runExtract: %v (stderr %s)", err, errOut.String())
	}
	sc := bufio.NewScanner(&out)
	var results []cliResult
	for sc.Scan() {
		var r cliResult
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("line %q is not JSON: %v", sc.Text(), err)
		}
		results = append(results, r)
	}
	if len(results) != 2 {
		t.Fatalf("got %d lines, want 2", len(results))
	}
	texts := []string{plain, results[1].Text}
	for i, r := range results {
		if r.Summary == nil || r.Statements == nil || r.Actors == nil {
			t.Errorf("%s: missing summary/statements/actors keys", r.Path)
		}
		if len(r.Statements) != 1 {
			t.Fatalf("%s: %d statements, want 1: %+v", r.Path, len(r.Statements), r.Statements)
		}
		s := r.Statements[0]
		runes := []rune(texts[i])
		if s.End > len(runes) || string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("%s: statement offsets [%d,%d) do not select %q in the text", r.Path, s.Start, s.End, s.Text)
		}
		if string(runes[s.SpeakerMention.Start:s.SpeakerMention.End]) != s.SpeakerMention.Text {
			t.Errorf("%s: speaker_mention offsets do not select %q", r.Path, s.SpeakerMention.Text)
		}
		if s.Kind != "direct" || s.Cue.Text != "said" {
			t.Errorf("%s: kind %q cue %q, want direct/said", r.Path, s.Kind, s.Cue.Text)
		}
	}
	if results[0].Statements[0].Speaker != "Zoë Müller" || results[1].Statements[0].Speaker != "Omar Haddad" {
		t.Errorf("speakers %q, %q; want Zoë Müller, Omar Haddad", results[0].Statements[0].Speaker, results[1].Statements[0].Speaker)
	}
	if results[0].Text != "" {
		t.Error("plain-text input echoed its text; only HTML input should")
	}
}

func TestRunExtractJSONSinglePath(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	writeTestFile(t, p, "The deal is close, analysts said.")
	var out bytes.Buffer
	if err := runExtract(context.Background(), []string{"--format", "json", p}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var r cliResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "\n  \"") {
		t.Error("--format json output is not indented")
	}
	if len(r.Statements) != 1 || r.Statements[0].Speaker != "analysts" {
		t.Errorf("statements = %+v, want one by analysts", r.Statements)
	}
}

func TestRunExtractErrors(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	writeTestFile(t, p, "text")
	tests := map[string]struct {
		args  []string
		usage bool
		want  string
	}{
		"no paths":          {nil, true, "no input"},
		"bad format":        {[]string{"--format", "xml", p}, true, "xml"},
		"json with 2 paths": {[]string{"--format", "json", p, p}, true, "jsonl"},
		"missing file":      {[]string{filepath.Join(dir, "nope.txt")}, false, "nope.txt"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := runExtract(context.Background(), tc.args, &bytes.Buffer{}, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
			if isUsage := errors.As(err, new(usageError)); isUsage != tc.usage {
				t.Errorf("usage error = %v, want %v", isUsage, tc.usage)
			}
		})
	}
}

func TestRunEval(t *testing.T) {
	dir := t.TempDir()
	text := "“We will win,” Zoë Müller said. Prices rose again, analysts said."
	writeTestFile(t, filepath.Join(dir, "brat", "text", "d.txt"), text)
	// Gold: the quote (0-14) with source Zoë Müller (15-25), and the
	// indirect content (32-49) with source analysts (51-59).
	writeTestFile(t, filepath.Join(dir, "brat", "attributions", "d_x.ann"),
		"T1\tContent 0 14\t“We will win,”\nT2\tSource 15 25\tZoë Müller\nT3\tCue 26 30\tsaid\nE1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n"+
			"T4\tContent 32 49\tPrices rose again\nT5\tSource 51 59\tanalysts\nT6\tCue 60 64\tsaid\nE2\tAttribution:T6 Content:T4 Cue:T6 Source:T5\n")
	writeTestFile(t, filepath.Join(dir, "g.txt"), text)
	writeTestFile(t, filepath.Join(dir, "g.gold.json"), `{"statements":[{"speaker":"Zoë Müller","start":0,"end":14},{"speaker":"analysts","start":32,"end":49}],"actors":[]}`)

	var out bytes.Buffer
	if err := runEval(context.Background(), []string{"--json", filepath.Join(dir, "brat"), filepath.Join(dir, "g.gold.json")}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Reports []struct {
			Scores []struct {
				Tau             float64
				F1              float64
				SourceAccuracy  float64 `json:"source_accuracy"`
				SpeakerAccuracy float64 `json:"speaker_accuracy"`
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out.String())
	}
	if len(got.Reports) != 2 {
		t.Fatalf("got %d reports, want 2", len(got.Reports))
	}
	brat, gold := got.Reports[0].Scores[0], got.Reports[1].Scores[0]
	if brat.F1 != 1 || brat.SourceAccuracy != 1 {
		t.Errorf("brat: F1 %v source %v, want 1 and 1", brat.F1, brat.SourceAccuracy)
	}
	if gold.F1 != 1 || gold.SpeakerAccuracy != 1 {
		t.Errorf("gold: F1 %v speaker %v, want 1 and 1", gold.F1, gold.SpeakerAccuracy)
	}

	out.Reset()
	if err := runEval(context.Background(), []string{filepath.Join(dir, "brat")}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "F1") || !strings.Contains(out.String(), "0.8") {
		t.Errorf("table lacks the header or the τ=0.8 row:\n%s", out.String())
	}
	if err := runEval(context.Background(), []string{filepath.Join(dir, "missing")}, &out, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("err = %v, want one naming the missing path", err)
	}
}
