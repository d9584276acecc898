package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/briefbot/briefbot/config"
)

// runHealthcheck GETs /healthz of a running daemon; the container image uses
// it as its HEALTHCHECK because the image has no shell or curl.
func runHealthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("healthcheck", stderr)
	configPath := fs.String("config", "", "config file (for [http] listen)")
	target := fs.String("url", "", "URL to check (default: /healthz on [http] listen)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *target == "" {
		cfg, err := config.Load(*configPath)
		if err != nil {
			return err
		}
		*target = "http://" + loopbackAddr(cfg.HTTP.Listen) + "/healthz"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *target, nil)
	if err != nil {
		return usageError{fmt.Sprintf("--url %q: %v", *target, err)}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", *target, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", *target, resp.Status)
	}
	fmt.Fprintln(stdout, "ok")
	return nil
}

// loopbackAddr turns a listen address such as ":8080" or "0.0.0.0:8080"
// into one a client on the same host can dial.
func loopbackAddr(listen string) string {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
