package config

import (
	"fmt"
	"net/netip"
	"strings"
)

// CIDR is an address range ("10.0.0.0/8", "fd00::/8"); a bare address
// means just that address.
type CIDR struct{ netip.Prefix }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *CIDR) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if p, err := netip.ParsePrefix(s); err == nil {
		c.Prefix = p.Masked()
		return nil
	}
	if a, err := netip.ParseAddr(s); err == nil {
		c.Prefix = netip.PrefixFrom(a, a.BitLen())
		return nil
	}
	return fmt.Errorf("allow_private: %q is not an address range; use CIDR notation such as \"10.0.0.0/8\", \"192.168.1.0/24\" or \"fd00::/8\"", s)
}

// AllowPrivatePrefixes is [poll] allow_private as prefixes.
func (p Poll) AllowPrivatePrefixes() []netip.Prefix {
	out := make([]netip.Prefix, len(p.AllowPrivate))
	for i, c := range p.AllowPrivate {
		out[i] = c.Prefix
	}
	return out
}
