package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	// A real refused connection: a port nobody listens on any more.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, refused := net.DialTimeout("tcp", addr, time.Second)

	for _, tc := range []struct {
		name     string
		err      error
		class    ErrorClass
		hostDown bool
	}{
		{"idle connection closed", &url.Error{Op: "Get", URL: "http://x", Err: errors.New("http: server closed idle connection")}, ClassDropped, true},
		{"refused", refused, ClassRefused, true},
		{"dns", &net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}, ClassDNS, true},
		{"our timeout", &timeoutError{after: time.Second}, ClassTimeout, true},
		{"deadline", fmt.Errorf("read body: %w", context.DeadlineExceeded), ClassTimeout, true},
		{"eof mid-body", fmt.Errorf("read body: %w", io.ErrUnexpectedEOF), ClassDropped, true},
		{"shutdown", context.Canceled, ClassCanceled, false},
		{"blocked", &net.OpError{Op: "dial", Err: &BlockedError{Addr: netip.MustParseAddr("127.0.0.1")}}, ClassBlocked, false},
		{"status", &StatusError{Code: 503, Status: "503 Service Unavailable"}, ClassStatus, false},
		{"too large", fmt.Errorf("%w (cap 10 bytes)", ErrTooLarge), ClassTooLarge, false},
		{"redirects", fmt.Errorf("stopped after 5 redirects: %w", errTooManyRedirects), ClassRedirect, false},
		{"not html", errors.New("page is application/pdf, not HTML"), ClassContent, false},
	} {
		got := Classify(tc.err)
		if got != tc.class || got.HostDown() != tc.hostDown {
			t.Errorf("%s: Classify(%v) = %q (host down %v), want %q (%v)", tc.name, tc.err, got, got.HostDown(), tc.class, tc.hostDown)
		}
	}
}
