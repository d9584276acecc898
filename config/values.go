package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/briefbot/briefbot"
)

// Each value type below validates itself while the TOML is decoded, so the
// decoder's error carries the key and the line.

// Duration is a Go duration ("90s", "10m", "1h30m") or a number of days ("7d").
type Duration time.Duration

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// ParseDuration accepts Go durations and whole days ("7d").
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days >= 0 {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("duration %q is not valid; use a positive duration such as \"90s\", \"10m\", \"1h30m\" or \"7d\"", s)
	}
	return v, nil
}

// String formats the duration.
func (d Duration) String() string { return time.Duration(d).String() }

var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// CronSpec is a robfig/cron v3 schedule: five fields, a descriptor such as
// "@hourly" or "@every 10m", optionally prefixed by CRON_TZ=Area/City.
type CronSpec struct {
	Spec     string
	Schedule cron.Schedule
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *CronSpec) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	sched, err := parseCron(s)
	if err != nil {
		return fmt.Errorf("schedule %q is not a valid cron spec (%v); use five fields like \"*/10 * * * *\", \"@every 10m\", \"@hourly\", optionally prefixed by \"CRON_TZ=Europe/Paris \"", s, err)
	}
	*c = CronSpec{Spec: s, Schedule: sched}
	return nil
}

// parseCron parses a spec, checking a CRON_TZ= or TZ= prefix first:
// robfig/cron slices the spec up to the first space and panics when there
// is none (its issue #554, "CRON_TZ=Europe/Paris"). The recover is a second
// guard for any other input its parser mishandles.
func parseCron(s string) (sched cron.Schedule, err error) {
	if strings.HasPrefix(s, "CRON_TZ=") || strings.HasPrefix(s, "TZ=") {
		prefix, rest, _ := strings.Cut(s, " ")
		_, zone, _ := strings.Cut(prefix, "=")
		if _, err := time.LoadLocation(zone); err != nil || zone == "" {
			return nil, fmt.Errorf("unknown time zone %q; use an IANA name such as Europe/Paris", zone)
		}
		if strings.TrimSpace(rest) == "" {
			return nil, fmt.Errorf("time zone %s but no schedule after it", zone)
		}
	}
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("cron parser failed: %v", r)
		}
	}()
	return cronParser.Parse(s)
}

// ValidateListen checks an HTTP listen address: host:port with a numeric
// port from 0 to 65535 (0 picks a free port).
func ValidateListen(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port (%v); use e.g. \"127.0.0.1:8080\" or \":8080\"", addr, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q: port %q is not a number from 0 to 65535; use e.g. \"127.0.0.1:8080\"", addr, port)
	}
	return nil
}

func mustCron(s string) CronSpec {
	var c CronSpec
	if err := c.UnmarshalText([]byte(s)); err != nil {
		panic(err)
	}
	return c
}

// URL is an absolute http or https URL.
type URL struct{ *url.URL }

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *URL) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	p, err := url.Parse(s)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("url %q is not valid; use an absolute http:// or https:// URL", s)
	}
	u.URL = p
	return nil
}

// String returns the URL, or "" when unset.
func (u URL) String() string {
	if u.URL == nil {
		return ""
	}
	return u.URL.String()
}

func mustURL(s string) URL {
	var u URL
	if err := u.UnmarshalText([]byte(s)); err != nil {
		panic(err)
	}
	return u
}

// DSN names the store: a file path or file: URI for SQLite, or a
// postgres:// / postgresql:// URL for PostgreSQL.
type DSN string

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *DSN) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if err := ValidateDSN(s); err != nil {
		return err
	}
	*d = DSN(s)
	return nil
}

// ValidateDSN accepts SQLite paths and file: URIs and PostgreSQL URLs.
func ValidateDSN(s string) error {
	if s == "" {
		return fmt.Errorf("dsn is empty; use a file path such as \"briefbot.db\" or \"postgres://user@host:5432/briefbot\"")
	}
	scheme, _, hasScheme := strings.Cut(s, "://")
	if !hasScheme || strings.HasPrefix(s, "file:") {
		return nil
	}
	switch scheme {
	case "postgres", "postgresql":
		if _, err := url.Parse(s); err != nil {
			return fmt.Errorf("dsn is not a valid PostgreSQL URL (%v); use postgres://user@host:5432/dbname", err)
		}
		return nil
	}
	return fmt.Errorf("dsn scheme %q is not supported; use a SQLite file path (\"briefbot.db\", \"file:/data/briefbot.db\") or postgres://…", scheme)
}

// Mode is a subscription's delivery mode: "instant" or "daily HH:MM Area/City".
type Mode struct {
	Kind string // briefbot.ModeInstant or briefbot.ModeDaily
	At   string // "HH:MM" for daily
	Zone string // IANA zone for daily
}

var hhmm = regexp.MustCompile(`^([01]?\d|2[0-3]):[0-5]\d$`)

// UnmarshalText implements encoding.TextUnmarshaler.
func (m *Mode) UnmarshalText(b []byte) error {
	v, err := ParseMode(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// ParseMode parses "instant" or "daily HH:MM Area/City" (zone defaults to UTC).
func ParseMode(s string) (Mode, error) {
	f := strings.Fields(s)
	usage := `use "instant" or "daily HH:MM Area/City", e.g. "daily 08:00 Europe/Paris"`
	switch {
	case len(f) == 1 && f[0] == briefbot.ModeInstant:
		return Mode{Kind: briefbot.ModeInstant}, nil
	case len(f) >= 2 && len(f) <= 3 && f[0] == briefbot.ModeDaily:
		if !hhmm.MatchString(f[1]) {
			return Mode{}, fmt.Errorf("mode %q: time %q is not HH:MM; %s", s, f[1], usage)
		}
		zone := "UTC"
		if len(f) == 3 {
			zone = f[2]
		}
		if _, err := time.LoadLocation(zone); err != nil {
			return Mode{}, fmt.Errorf("mode %q: unknown time zone %q; use an IANA name such as Europe/Paris or America/New_York", s, zone)
		}
		at := f[1]
		if len(at) == 4 {
			at = "0" + at
		}
		return Mode{Kind: briefbot.ModeDaily, At: at, Zone: zone}, nil
	}
	return Mode{}, fmt.Errorf("mode %q is not allowed; %s", s, usage)
}

// String formats the mode as written in config.
func (m Mode) String() string {
	if m.Kind == briefbot.ModeDaily {
		return fmt.Sprintf("daily %s %s", m.At, m.Zone)
	}
	return m.Kind
}
