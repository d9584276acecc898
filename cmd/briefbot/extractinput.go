package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
)

// maxExtractInput bounds what extract reads from one file, decompressed:
// far above any article, low enough that a gzip bomb cannot exhaust memory.
const maxExtractInput = 64 << 20

// readTextInput reads a file for extract: gzip is decompressed
// transparently; anything else that is not text (images, PDFs, archives,
// executables) is refused with an error naming the file, instead of being
// "extracted" into garbage actors.
func readTextInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w (pass readable text or HTML files)", path, err)
	}
	defer f.Close()
	var r io.Reader = f
	head := make([]byte, 2)
	n, _ := io.ReadFull(f, head)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	gzipped := n == 2 && head[0] == 0x1f && head[1] == 0x8b
	if gzipped {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: starts like gzip but is not readable gzip (%v); pass a text, HTML or .gz file", path, err)
		}
		defer zr.Close()
		r = zr
	}
	b, err := io.ReadAll(io.LimitReader(r, maxExtractInput+1))
	if err != nil {
		if gzipped {
			return nil, fmt.Errorf("%s: damaged gzip data (%v); pass a text, HTML or .gz file", path, err)
		}
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(b) > maxExtractInput {
		return nil, fmt.Errorf("%s: more than %d MiB of text; extract reads single articles", path, maxExtractInput>>20)
	}
	if kind, ok := textKind(b); !ok {
		what := "a binary file"
		if kind != "application/octet-stream" {
			what = "a binary file (" + kind + ")"
		}
		if gzipped {
			what = "gzip holding " + what
		}
		return nil, fmt.Errorf("%s is %s, not text or HTML; pass a plain-text or HTML article (gzip-compressed is fine)", path, what)
	}
	return b, nil
}

// textKind sniffs b: ok when it is text (plain, HTML, XML or JSON) by the
// WHATWG sniffing rules and has no more than a trace of control bytes
// anywhere (the sniffer looks at the first 512 bytes only).
func textKind(b []byte) (string, bool) {
	ct := http.DetectContentType(b)
	mime, _, _ := strings.Cut(ct, ";")
	switch {
	case strings.HasPrefix(mime, "text/"), mime == "application/xml", mime == "application/json":
	default:
		return mime, false
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "application/octet-stream", false
	}
	control := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			control++
		}
	}
	if control*100 > len(b) { // more than 1%
		return "application/octet-stream", false
	}
	return mime, true
}
