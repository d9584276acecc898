package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
)

// Guard keeps untrusted URLs (links in feed items, pages they redirect to,
// feeds added from chat) away from internal addresses: loopback, private
// ranges, link-local and cloud metadata (169.254.169.254), CGNAT,
// unspecified, multicast, IPv6 ULA and link-local, and IPv4 addresses
// embedded in IPv6 (mapped, NAT64, 6to4). It checks the address actually
// dialled, after resolution, so DNS rebinding and redirects to internal
// addresses are caught as well as literal ones.
//
// A request may reach an internal address only when its host:port was
// trusted for it (WithTrustedHost: the operator configured a feed there) or
// the address falls in AllowPrivate ([poll] allow_private). Another port
// of a trusted host is not trusted: on one machine it is another service.
//
// The zero Guard allows public addresses only. Safe for concurrent use.
type Guard struct {
	// AllowPrivate opens internal ranges on purpose.
	AllowPrivate []netip.Prefix
	// Resolver looks host names up; nil means net.DefaultResolver. Tests
	// inject one to make names resolve to internal addresses.
	Resolver Resolver

	proxies sync.Map // host:port of proxies the operator configured → true
}

// Resolver is the part of *net.Resolver the guard uses.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// BlockedError is a refusal to connect to an internal address.
type BlockedError struct {
	Host string     // as requested (name or literal)
	Addr netip.Addr // the internal address it is or resolved to
}

func (e *BlockedError) Error() string {
	if e.Host != "" && e.Host != e.Addr.String() {
		return fmt.Sprintf("refused: %s resolves to internal address %s (only public addresses or the configured feed's own host are fetched; [poll] allow_private opens ranges on purpose)", e.Host, e.Addr)
	}
	return fmt.Sprintf("refused: %s is an internal address (only public addresses or the configured feed's own host are fetched; [poll] allow_private opens ranges on purpose)", e.Addr)
}

// internalPrefixes are the ranges no untrusted URL may reach.
var internalPrefixes = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",          // "this network", unspecified
		"10.0.0.0/8",         // private
		"100.64.0.0/10",      // carrier-grade NAT
		"127.0.0.0/8",        // loopback
		"169.254.0.0/16",     // link-local, cloud metadata (169.254.169.254)
		"172.16.0.0/12",      // private
		"192.0.0.0/24",       // IETF protocol assignments
		"192.0.2.0/24",       // documentation
		"192.168.0.0/16",     // private
		"198.18.0.0/15",      // benchmarking
		"198.51.100.0/24",    // documentation
		"203.0.113.0/24",     // documentation
		"224.0.0.0/4",        // multicast
		"240.0.0.0/4",        // reserved
		"255.255.255.255/32", // broadcast
		"::/128",             // unspecified
		"::1/128",            // loopback
		"::/96",              // IPv4-compatible (deprecated)
		"::ffff:0:0:0/96",    // IPv4-translated
		"100::/64",           // discard
		"2001::/32",          // Teredo (tunnels to an IPv4 peer)
		"2001:db8::/32",      // documentation
		"64:ff9b:1::/48",     // local-use NAT64
		"fc00::/7",           // unique local (includes EC2's fd00:ec2::254)
		"fe80::/10",          // link-local
		"fec0::/10",          // site-local (deprecated)
		"ff00::/8",           // multicast
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// Internal reports whether ip is an internal address (see Guard), before
// any allow list.
func Internal(ip netip.Addr) bool {
	if !ip.IsValid() {
		return true
	}
	ip = ip.WithZone("")
	// IPv4 carried in IPv6 is judged as the IPv4 address it reaches.
	if ip.Is4In6() {
		return Internal(ip.Unmap())
	}
	if v4, ok := embeddedIPv4(ip); ok {
		return Internal(v4)
	}
	for _, p := range internalPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

var (
	nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4      = netip.MustParsePrefix("2002::/16")
)

// embeddedIPv4 returns the IPv4 address an IPv6 address forwards to
// (NAT64 64:ff9b::a.b.c.d, 6to4 2002:aabb:ccdd::).
func embeddedIPv4(ip netip.Addr) (netip.Addr, bool) {
	if !ip.Is6() {
		return netip.Addr{}, false
	}
	b := ip.As16()
	switch {
	case nat64Prefix.Contains(ip):
		return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}), true
	case sixTo4.Contains(ip):
		return netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}), true
	}
	return netip.Addr{}, false
}

// Allowed reports whether an untrusted request may connect to ip: it is
// public, or in AllowPrivate.
func (g *Guard) Allowed(ip netip.Addr) bool {
	ip = ip.WithZone("")
	if ip.Is4In6() {
		ip = ip.Unmap()
	}
	if g != nil {
		for _, p := range g.AllowPrivate {
			if p.Contains(ip) {
				return true
			}
		}
	}
	return !Internal(ip)
}

// CheckURL refuses a URL an untrusted request may not fetch: not http(s),
// or a host that is, or resolves to, an internal address. It is the check
// for URLs pasted in chat before they are stored; the fetcher checks again
// at every dial, so a name that changes its answer later is still caught.
func (g *Guard) CheckURL(ctx context.Context, rawURL string) error {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return fmt.Errorf("%q is not a URL: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return fmt.Errorf("%q is not an http or https URL", rawURL)
	}
	return g.CheckHost(ctx, u.Hostname())
}

// CheckHost resolves host (a name or a literal address) and refuses it
// when any of its addresses is internal and not allowed.
func (g *Guard) CheckHost(ctx context.Context, host string) error {
	addrs, err := g.lookup(ctx, host)
	if err != nil {
		return err
	}
	for _, a := range addrs {
		if !g.Allowed(a) {
			return &BlockedError{Host: host, Addr: a}
		}
	}
	return nil
}

func (g *Guard) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	var r Resolver = net.DefaultResolver
	if g != nil && g.Resolver != nil {
		r = g.Resolver
	}
	addrs, err := r.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, err
	}
	if len(addrs) == 0 {
		return nil, &net.DNSError{Err: "no addresses", Name: host, IsNotFound: true}
	}
	return addrs, nil
}

// trustKey is the context key of the host:port trusted for a request.
type trustKey struct{}

// WithTrustedHost returns a context under which requests to rawURL's
// host:port may reach it even when it is internal: the operator
// configured a feed there. Other hosts and other ports stay guarded.
func WithTrustedHost(ctx context.Context, rawURL string) context.Context {
	if publicOnly(ctx) {
		return ctx
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return ctx
	}
	return context.WithValue(ctx, trustKey{}, hostPort(u))
}

type publicOnlyKey struct{}

// PublicOnly returns a context under which even a feed's own host is not
// trusted: for feeds added from chat, whose URL nobody vetted.
func PublicOnly(ctx context.Context) context.Context {
	return context.WithValue(context.WithValue(ctx, trustKey{}, ""), publicOnlyKey{}, true)
}

func publicOnly(ctx context.Context) bool {
	v, _ := ctx.Value(publicOnlyKey{}).(bool)
	return v
}

// trusted reports whether hostport ("host:port", as dialled) was trusted
// for the request ctx belongs to.
func trusted(ctx context.Context, hostport string) bool {
	t, _ := ctx.Value(trustKey{}).(string)
	return t != "" && strings.EqualFold(t, hostport)
}

// hostPort is u's host and port as the transport dials it: lower case,
// with the scheme's default port.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// checkRequest is the guard in front of the transport: a request to a
// host:port not trusted for it must resolve to allowed addresses only.
// (The dial is checked too; this check also covers a pooled connection
// that was dialled for a trusted request.)
func (g *Guard) checkRequest(ctx context.Context, u *url.URL) error {
	if trusted(ctx, hostPort(u)) {
		return nil
	}
	return g.CheckHost(ctx, u.Hostname())
}

// trustProxy marks a proxy's address as dialable: the operator set it.
func (g *Guard) trustProxy(hostport string) { g.proxies.Store(strings.ToLower(hostport), true) }

// DialContext dials address like base does, refusing internal addresses
// unless address was trusted for the request (see WithTrustedHost) or is
// a configured proxy. The name is resolved here (with Resolver) and each
// address is checked by the dialer's ControlContext, i.e. on the address
// the socket really connects to.
func (g *Guard) DialContext(base *net.Dialer) func(ctx context.Context, network, address string) (net.Conn, error) {
	return func(ctx context.Context, network, address string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(address)
		if err != nil {
			return nil, err
		}
		_, proxy := g.proxies.Load(strings.ToLower(address))
		open := proxy || trusted(ctx, address)
		addrs, err := g.lookup(ctx, host)
		if err != nil {
			return nil, err
		}
		d := *base
		d.ControlContext = func(_ context.Context, _, dialled string, _ syscall.RawConn) error {
			if open {
				return nil
			}
			ap, err := netip.ParseAddrPort(dialled)
			if err != nil {
				return fmt.Errorf("guard: unexpected dial address %q", dialled)
			}
			if !g.Allowed(ap.Addr()) {
				return &BlockedError{Host: host, Addr: ap.Addr().WithZone("")}
			}
			return nil
		}
		var firstErr error
		for _, a := range addrs {
			conn, err := d.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
			if err == nil {
				return conn, nil
			}
			var be *BlockedError
			if firstErr == nil || errors.As(err, &be) {
				firstErr = err
			}
			if ctx.Err() != nil {
				break
			}
		}
		return nil, firstErr
	}
}
