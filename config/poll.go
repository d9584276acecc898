package config

import (
	"fmt"
	"net/netip"
	"strings"
	"time"
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

// PollLimits are the feeds package's limits. Each is logged when it is
// hit; none cuts silently.
type PollLimits struct {
	// MaxPagesPerFeed caps article pages fetched per feed per cycle;
	// teaser items beyond it are stored by the feed's next polls.
	MaxPagesPerFeed int `toml:"max_pages_per_feed"`
	// PageConcurrency caps article pages fetched at once, across feeds.
	PageConcurrency int `toml:"page_concurrency"`
	// MemoryBudget caps bytes of response bodies held at once (bytes).
	MemoryBudget int64 `toml:"memory_budget"`
	// MaxRedirects caps redirects followed per request.
	MaxRedirects int `toml:"max_redirects"`
	// MaxBackoff caps the retry delay of a failing feed.
	MaxBackoff Duration `toml:"max_backoff"`
}

func (l *PollLimits) applyDefaults() {
	if l.MaxPagesPerFeed == 0 {
		l.MaxPagesPerFeed = 25
	}
	if l.PageConcurrency == 0 {
		l.PageConcurrency = 8
	}
	if l.MemoryBudget == 0 {
		l.MemoryBudget = 48 << 20
	}
	if l.MaxRedirects == 0 {
		l.MaxRedirects = 5
	}
	if l.MaxBackoff == 0 {
		l.MaxBackoff = Duration(6 * time.Hour)
	}
}
