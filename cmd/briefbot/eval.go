package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/briefbot/briefbot/feeds"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/eval"
)

// runEval scores the extractor on brat directories (PolNeAR layout) and
// gold JSON files, printing a table or, with --json, the figures.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", stderr)
	asJSON := fs.Bool("json", false, "print machine-readable figures instead of a table")
	misses := fs.Bool("misses", false, "also list, per document, missed gold statements, spurious predictions and wrong speakers (at tau 0.3)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: briefbot eval [--json] PATH...\n\nPATH is a brat directory (text/*.txt, attributions/*.ann), a *.gold.json file,\nor a directory of *.gold.json files (text inline, next to each as .txt, or a\n\"ref\" to a record of the shared corpus; \"page\" scores that article's raw HTML).")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"no input: pass brat directories and/or *.gold.json files"}
	}
	loader := eval.Loader{HTML: readableText}
	var reports []eval.Report
	for _, p := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := loader.Load(p)
		if err != nil {
			return fmt.Errorf("load %s: %w", p, err)
		}
		reports = append(reports, eval.Evaluate(p, docs, summarize.Extract, eval.Taus))
		if *misses {
			eval.WriteMisses(stderr, docs, summarize.Extract, eval.Taus[0])
		}
	}
	if *asJSON {
		return eval.WriteJSON(stdout, reports)
	}
	eval.WriteTable(stdout, reports)
	return nil
}

// readableText is the article text `extract` reads from an HTML page.
func readableText(page []byte) (string, error) {
	_, text, err := feeds.Readable(bytes.NewReader(feeds.ToUTF8(page, "")), nil)
	return text, err
}
