package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// extract reads gzip transparently and refuses what is not text, naming
// the file, instead of exiting 0 with garbage actors.
func TestExtractReadsGzipAndRefusesBinary(t *testing.T) {
	dir := t.TempDir()
	article := []byte("Talks resumed in Geneva.\n\n\"We are close to a deal,\" said Omar Haddad, the mediator.")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0xde, 0xad, 0x00, 0x01}, 300)...)
	random := bytes.Repeat([]byte{0x01, 0x9c, 0x02, 0xff, 0x03, 0x7f, 0x04, 0x10}, 200) // no NUL, mostly control bytes
	files := map[string][]byte{
		"a.txt.gz":   gzipBytes(t, article),
		"a.png":      png,
		"png.gz":     gzipBytes(t, png),
		"noise.bin":  random,
		"broken.gz":  gzipBytes(t, article)[:20],
		"Lavrov.txt": article,
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var out bytes.Buffer
	if err := runExtract(context.Background(), []string{filepath.Join(dir, "a.txt.gz")}, &out, &bytes.Buffer{}); err != nil {
		t.Fatalf("gzip text: %v", err)
	}
	var res cliResult
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Statements) != 1 || res.Statements[0].Speaker != "Omar Haddad" {
		t.Errorf("gzip text: statements %+v, want one by Omar Haddad", res.Statements)
	}

	for name, want := range map[string]string{
		"a.png":     "image/png",
		"png.gz":    "gzip holding a binary file (image/png)",
		"noise.bin": "is a binary file",
		"broken.gz": "gzip",
	} {
		path := filepath.Join(dir, name)
		var out bytes.Buffer
		code := runMain(context.Background(), []string{"extract", path}, &out, &out)
		if code != exitFatal || !strings.Contains(out.String(), path) || !strings.Contains(out.String(), want) {
			t.Errorf("extract %s: exit %d, output %q; want exit %d naming the file and %q", name, code, out.String(), exitFatal, want)
		}
		if strings.Contains(out.String(), `"actors"`) {
			t.Errorf("extract %s printed a result: %q", name, out.String())
		}
	}
	if kind, ok := textKind([]byte("Ærøskøbing, Łódź — “quoted”\n")); !ok {
		t.Errorf("UTF-8 text refused as %s", kind)
	}
	if kind, ok := textKind([]byte("caf\xe9 cr\xe8me, na\xefve\n")); !ok {
		t.Errorf("Latin-1 text refused as %s", kind)
	}
}
