// Command faultfeeds serves internal/faultfeed's healthy, big and faulty
// feeds on a fixed loopback address and writes a briefbot config that
// polls them, to measure briefbot against them from the outside:
//
//	go run ./cmd/faultfeeds -listen 127.0.0.1:9200 -big 32 -config /tmp/big.toml &
//	go build -o /tmp/briefbot ./cmd/briefbot
//	/usr/bin/time -v /tmp/briefbot poll --once --config /tmp/big.toml   # "Maximum resident set size"
//
// It serves until interrupted (or for -for).
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefbot/briefbot/internal/faultfeed"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:9200", "loopback address to serve on")
	nBig := flag.Int("big", 32, "big valid feeds in the config")
	bigBytes := flag.Int("bytes", 9_000_000, "size of each big feed")
	nHang := flag.Int("hang", 0, "feeds that never answer")
	nOK := flag.Int("ok", 0, "small healthy feeds")
	configOut := flag.String("config", "", "write a briefbot config polling the feeds to this file")
	serveFor := flag.Duration("for", 0, "stop after this long (0: until interrupted)")
	flag.Parse()
	if err := run(*listen, *nBig, *bigBytes, *nHang, *nOK, *configOut, *serveFor); err != nil {
		fmt.Fprintln(os.Stderr, "faultfeeds:", err)
		os.Exit(1)
	}
}

func run(listen string, nBig, bigBytes, nHang, nOK int, configOut string, serveFor time.Duration) error {
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	faults := faultfeed.NewUnstarted()
	defer faults.Close()
	hs := &http.Server{Handler: faults.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	base := "http://" + ln.Addr().String()
	if configOut != "" {
		var b strings.Builder
		dir, _ := filepath.Abs(filepath.Dir(configOut))
		fmt.Fprintf(&b, "# written by cmd/faultfeeds\n[store]\ndsn = %q\n[poll]\nfetch_full_text = true\n", filepath.Join(dir, strings.TrimSuffix(filepath.Base(configOut), ".toml")+".db"))
		for i := range nBig {
			fmt.Fprintf(&b, "[[feeds]]\nname = \"big %d\"\nurl = \"%s/big/b%d?bytes=%d\"\n", i, base, i, bigBytes)
		}
		for i := range nHang {
			fmt.Fprintf(&b, "[[feeds]]\nname = \"hang %d\"\nurl = \"%s/hang/h%d\"\n", i, base, i)
		}
		for i := range nOK {
			fmt.Fprintf(&b, "[[feeds]]\nname = \"ok %d\"\nurl = \"%s/ok/o%d\"\n", i, base, i)
		}
		if err := os.WriteFile(configOut, []byte(b.String()), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "faultfeeds: serving %s; config in %s\n", base, configOut)
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	var timeout <-chan time.Time
	if serveFor > 0 {
		timeout = time.After(serveFor)
	}
	select {
	case <-stop:
	case <-timeout:
	}
	return hs.Close()
}
