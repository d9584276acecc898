package feeds

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// ErrorClass says what kind of failure a fetch error is. Every decision
// taken on a fetch error (skip a host's other pages for a while, log
// level, status text) starts from Classify, so the rules live here only.
type ErrorClass string

const (
	ClassNone     ErrorClass = ""
	ClassBlocked  ErrorClass = "blocked"   // refused by the Guard: internal address
	ClassCanceled ErrorClass = "canceled"  // our own context ended (shutdown)
	ClassDNS      ErrorClass = "dns"       // name does not resolve
	ClassRefused  ErrorClass = "refused"   // connection refused or unreachable network
	ClassTimeout  ErrorClass = "timeout"   // no answer in time (hang, drip)
	ClassDropped  ErrorClass = "dropped"   // connection reset or closed mid-way
	ClassTLS      ErrorClass = "tls"       // handshake or certificate failure
	ClassStatus   ErrorClass = "status"    // an HTTP answer we did not want (4xx, 5xx)
	ClassTooLarge ErrorClass = "too_large" // body or decoded body above its cap
	ClassRedirect ErrorClass = "redirect"  // redirect loop or too many redirects
	ClassContent  ErrorClass = "content"   // a body we cannot use (not HTML, not a feed)
)

// HostDown reports whether the class means the host gave no usable
// answer at all, so its other pages are not worth a request for a while.
func (c ErrorClass) HostDown() bool {
	switch c {
	case ClassDNS, ClassRefused, ClassTimeout, ClassDropped, ClassTLS:
		return true
	}
	return false
}

// errTooManyRedirects is returned by the fetcher's redirect policy.
var errTooManyRedirects = errors.New("too many redirects")

// Classify sorts a fetch error into its class.
func Classify(err error) ErrorClass {
	if err == nil {
		return ClassNone
	}
	var (
		blocked  *BlockedError
		status   *StatusError
		dnsErr   *net.DNSError
		netErr   net.Error
		certErr  *tls.CertificateVerificationError
		recErr   tls.RecordHeaderError
		unknownA x509.UnknownAuthorityError
		hostErr  x509.HostnameError
		invalid  x509.CertificateInvalidError
		alertErr tls.AlertError
	)
	switch {
	case errors.As(err, &blocked):
		return ClassBlocked
	case errors.As(err, &status):
		return ClassStatus
	case errors.Is(err, ErrTooLarge):
		return ClassTooLarge
	case errors.Is(err, errTooManyRedirects):
		return ClassRedirect
	case errors.Is(err, context.Canceled):
		return ClassCanceled
	case errors.As(err, &dnsErr):
		return ClassDNS
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return ClassTimeout
	case errors.As(err, &certErr), errors.As(err, &recErr), errors.As(err, &unknownA),
		errors.As(err, &hostErr), errors.As(err, &invalid), errors.As(err, &alertErr):
		return ClassTLS
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EHOSTUNREACH),
		errors.Is(err, syscall.ENETUNREACH):
		return ClassRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return ClassDropped
	}
	// net/http does not export these; their text is stable.
	msg := err.Error()
	for _, s := range []string{"server closed idle connection", "server closed the connection", "connection reset by peer", "broken pipe", "unexpected EOF"} {
		if strings.Contains(msg, s) {
			return ClassDropped
		}
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		if opErr.Op == "dial" {
			return ClassRefused
		}
		return ClassDropped
	}
	return ClassContent
}
