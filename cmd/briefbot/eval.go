package main

import (
	"context"
	"fmt"
	"io"

	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/summarize/eval"
)

// runEval scores the extractor on brat directories (PolNeAR layout) and
// gold JSON files, printing a table or, with --json, the figures.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", stderr)
	asJSON := fs.Bool("json", false, "print machine-readable figures instead of a table")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: briefbot eval [--json] PATH...\n\nPATH is a brat directory (text/*.txt, attributions/*.ann), a *.gold.json file,\nor a directory of *.gold.json files (each next to its .txt).")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"no input: pass brat directories and/or *.gold.json files"}
	}
	var reports []eval.Report
	for _, p := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := eval.LoadPath(p)
		if err != nil {
			return fmt.Errorf("load %s: %w", p, err)
		}
		reports = append(reports, eval.Evaluate(p, docs, summarize.Extract, eval.Taus))
	}
	if *asJSON {
		return eval.WriteJSON(stdout, reports)
	}
	eval.WriteTable(stdout, reports)
	return nil
}
