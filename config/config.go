// Package config reads briefbot's TOML configuration and secrets from the
// environment. It owns validation: a bad file fails at start with a message
// naming the key, the line and what is allowed.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/briefbot/briefbot"
)

// Config is the whole configuration. Zero values are replaced by defaults
// in Load, so callers never check for them.
type Config struct {
	Store         Store          `toml:"store"`
	Poll          Poll           `toml:"poll"`
	HTTP          HTTP           `toml:"http"`
	Log           Log            `toml:"log"`
	Chat          Chat           `toml:"chat"`
	Slack         Slack          `toml:"slack"`
	Discord       Discord        `toml:"discord"`
	Feeds         []Feed         `toml:"feeds"`
	Topics        []Topic        `toml:"topics"`
	Subscriptions []Subscription `toml:"subscriptions"`

	// Source says where the configuration came from: a file path, or
	// "embedded default".
	Source string `toml:"-"`
}

// Store selects the database.
type Store struct {
	DSN DSN `toml:"dsn"`
}

// Poll controls when feeds are fetched.
type Poll struct {
	Schedule    CronSpec `toml:"schedule"`    // when a poll cycle runs
	Interval    Duration `toml:"interval"`    // default shortest time between two fetches of one feed
	Timeout     Duration `toml:"timeout"`     // per HTTP request
	MaxBytes    int64    `toml:"max_bytes"`   // response size cap
	Concurrency int      `toml:"concurrency"` // feeds fetched at once
	PerHost     int      `toml:"per_host"`    // concurrent requests to one host
	MaxErrors   int      `toml:"max_errors"`  // consecutive failures before a feed is disabled
	// FetchFullText fetches an item's page when the feed carries only a
	// teaser (default true).
	FetchFullText bool `toml:"fetch_full_text"`

	// Feed content is untrusted: article pages are fetched only from public
	// addresses or the feed's own host:port. AllowPrivate opens internal
	// ranges on purpose (see config/poll.go).
	AllowPrivate []CIDR `toml:"allow_private"`
}

// HTTP is the server for health, metrics and chat webhooks.
type HTTP struct {
	Listen string `toml:"listen"`
}

// Log selects level and format.
type Log struct {
	Level  string `toml:"level"`  // debug, info, warn, error
	Format string `toml:"format"` // auto, text, json
}

// Chat holds settings shared by all chat platforms.
type Chat struct {
	// Managers are user or role ids allowed to subscribe, unsubscribe and
	// follow. Empty: everyone may.
	Managers []string `toml:"managers"`
}

// Slack configures the Slack app. Secrets come from the environment.
type Slack struct {
	APIURL  URL    `toml:"api_url"`
	Command string `toml:"command"`

	BotToken      string `toml:"-"` // BRIEFBOT_SLACK_BOT_TOKEN
	SigningSecret string `toml:"-"` // BRIEFBOT_SLACK_SIGNING_SECRET
	AppToken      string `toml:"-"` // BRIEFBOT_SLACK_APP_TOKEN (Socket Mode)
}

// Enabled reports whether any Slack credential is present: a bot token to
// post, a signing secret for the commands endpoint, or an app token for
// Socket Mode.
func (s Slack) Enabled() bool { return s.BotToken != "" || s.SigningSecret != "" || s.AppToken != "" }

// Discord configures the Discord application. Secrets come from the environment.
type Discord struct {
	APIURL  URL    `toml:"api_url"`
	Gateway bool   `toml:"gateway"`
	GuildID string `toml:"guild_id"`
	Command string `toml:"command"`

	BotToken  string `toml:"-"` // BRIEFBOT_DISCORD_BOT_TOKEN
	PublicKey string `toml:"-"` // BRIEFBOT_DISCORD_PUBLIC_KEY
	AppID     string `toml:"-"` // BRIEFBOT_DISCORD_APP_ID
}

// Enabled reports whether Discord credentials are present.
func (d Discord) Enabled() bool { return d.BotToken != "" || d.PublicKey != "" }

// Feed is one configured feed.
type Feed struct {
	Name     string   `toml:"name"`
	URL      URL      `toml:"url"`
	Interval Duration `toml:"interval"`
	Tags     []string `toml:"tags"`
}

// Topic is a named query channels can subscribe to.
type Topic struct {
	Name  string `toml:"name"`
	Query string `toml:"query"`
}

// Subscription is a channel subscribed as code.
type Subscription struct {
	Platform string `toml:"platform"`
	Channel  string `toml:"channel"`
	Topic    string `toml:"topic"`
	Mode     Mode   `toml:"mode"`
}

// Platforms a subscription may name.
var platforms = []string{"slack", "discord", "console"}

// Load reads the configuration. An empty path means: $BRIEFBOT_CONFIG if
// set, else ./briefbot.toml if it exists, else the embedded default (the
// repository's config.example.toml). A path that is given must exist.
func Load(path string) (*Config, error) {
	data, source, err := read(path)
	if err != nil {
		return nil, err
	}
	cfg, err := Parse(data, source)
	if err != nil {
		return nil, err
	}
	cfg.applyEnv(os.Getenv)
	return cfg, nil
}

func read(path string) ([]byte, string, error) {
	if path == "" {
		path = os.Getenv("BRIEFBOT_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat("briefbot.toml"); err == nil {
			path = "briefbot.toml"
		} else {
			return briefbot.DefaultConfig, "embedded default", nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("config file %s does not exist: pass an existing file with --config, or none to use the embedded default", path)
		}
		return nil, "", fmt.Errorf("reading config %s: %w", path, err)
	}
	return data, path, nil
}

// Parse decodes and validates TOML data; source names it in errors.
func Parse(data []byte, source string) (*Config, error) {
	var cfg Config
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: line %d: %s", source, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		return nil, fmt.Errorf("%s: line %d: unknown key %q; allowed here: %s",
			source, lineOf(data, k[len(k)-1]), k.String(), allowedKeys(k))
	}
	cfg.Source = source
	if !md.IsDefined("poll", "fetch_full_text") {
		cfg.Poll.FetchFullText = true
	}
	cfg.applyDefaults()
	if err := cfg.validate(data); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return &cfg, nil
}

func (c *Config) applyDefaults() {
	if c.Store.DSN == "" {
		c.Store.DSN = "briefbot.db"
	}
	if c.Poll.Schedule.Spec == "" {
		c.Poll.Schedule = mustCron("@every 10m")
	}
	if c.Poll.Interval == 0 {
		c.Poll.Interval = Duration(10 * time.Minute)
	}
	if c.Poll.Timeout == 0 {
		c.Poll.Timeout = Duration(20 * time.Second)
	}
	if c.Poll.MaxBytes == 0 {
		c.Poll.MaxBytes = 10 << 20
	}
	if c.Poll.Concurrency == 0 {
		c.Poll.Concurrency = 32
	}
	if c.Poll.PerHost == 0 {
		c.Poll.PerHost = 4
	}
	if c.Poll.MaxErrors == 0 {
		c.Poll.MaxErrors = 10
	}
	if c.HTTP.Listen == "" {
		c.HTTP.Listen = "127.0.0.1:8080"
	}
	if c.Log.Level == "" {
		c.Log.Level = "info"
	}
	if c.Log.Format == "" {
		c.Log.Format = "auto"
	}
	if c.Slack.APIURL.String() == "" {
		c.Slack.APIURL = mustURL("https://slack.com/api/")
	}
	if c.Slack.Command == "" {
		c.Slack.Command = "brief"
	}
	if c.Discord.APIURL.String() == "" {
		c.Discord.APIURL = mustURL("https://discord.com/api/v10")
	}
	if c.Discord.Command == "" {
		c.Discord.Command = "brief"
	}
}

// validate checks what single values cannot: required fields, references
// between sections, duplicates. Value syntax (URLs, durations, cron specs,
// modes) was checked while decoding, with the line.
func (c *Config) validate(data []byte) error {
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("line %d: log.level %q is not allowed; use debug, info, warn or error", lineOf(data, "level"), c.Log.Level)
	}
	switch c.Log.Format {
	case "auto", "text", "json":
	default:
		return fmt.Errorf("line %d: log.format %q is not allowed; use auto, text or json", lineOf(data, "format"), c.Log.Format)
	}
	if c.Poll.Concurrency < 1 || c.Poll.PerHost < 1 || c.Poll.MaxErrors < 1 || c.Poll.MaxBytes < 1024 {
		return fmt.Errorf("poll: concurrency, per_host and max_errors must be ≥ 1 and max_bytes ≥ 1024")
	}
	names := map[string]bool{}
	urls := map[string]bool{}
	for i, f := range c.Feeds {
		where := fmt.Sprintf("feeds[%d]", i)
		if f.URL.String() == "" {
			return fmt.Errorf("%s (name %q): url is required, e.g. url = \"https://example.org/rss.xml\"", where, f.Name)
		}
		if f.Name == "" {
			c.Feeds[i].Name = f.URL.Host
			f.Name = f.URL.Host
		}
		if names[f.Name] {
			return fmt.Errorf("line %d: %s: feed name %q is used twice; feed names must be unique", lineOfValue(data, f.Name), where, f.Name)
		}
		if urls[f.URL.String()] {
			return fmt.Errorf("line %d: %s: feed url %q is listed twice", lineOfValue(data, f.URL.String()), where, f.URL.String())
		}
		names[f.Name], urls[f.URL.String()] = true, true
	}
	topics := map[string]bool{}
	for i, t := range c.Topics {
		if t.Name == "" || t.Query == "" {
			return fmt.Errorf("topics[%d]: name and query are both required, e.g. name = \"russia\", query = \"Russia OR Moscow\"", i)
		}
		if topics[t.Name] {
			return fmt.Errorf("line %d: topics[%d]: topic %q is defined twice", lineOfValue(data, t.Name), i, t.Name)
		}
		topics[t.Name] = true
	}
	for i, s := range c.Subscriptions {
		where := fmt.Sprintf("subscriptions[%d]", i)
		if !contains(platforms, s.Platform) {
			return fmt.Errorf("line %d: %s: platform %q is not allowed; use one of %s", lineOfValue(data, s.Platform), where, s.Platform, strings.Join(platforms, ", "))
		}
		if s.Channel == "" {
			return fmt.Errorf("%s: channel is required (a Slack channel id like C0123456 or a Discord channel id)", where)
		}
		if !topics[s.Topic] {
			return fmt.Errorf("line %d: %s: topic %q is not defined; define it in a [[topics]] section (defined: %s)", lineOfValue(data, s.Topic), where, s.Topic, strings.Join(keys(topics), ", "))
		}
		if s.Mode.Kind == "" {
			c.Subscriptions[i].Mode = Mode{Kind: briefbot.ModeInstant}
		}
	}
	return nil
}

// applyEnv reads secrets and a few overrides from the environment.
func (c *Config) applyEnv(getenv func(string) string) {
	c.Slack.BotToken = getenv("BRIEFBOT_SLACK_BOT_TOKEN")
	c.Slack.SigningSecret = getenv("BRIEFBOT_SLACK_SIGNING_SECRET")
	c.Slack.AppToken = getenv("BRIEFBOT_SLACK_APP_TOKEN")
	c.Discord.BotToken = getenv("BRIEFBOT_DISCORD_BOT_TOKEN")
	c.Discord.PublicKey = getenv("BRIEFBOT_DISCORD_PUBLIC_KEY")
	c.Discord.AppID = getenv("BRIEFBOT_DISCORD_APP_ID")
	if v := getenv("BRIEFBOT_STORE_DSN"); v != "" {
		c.Store.DSN = DSN(v)
	}
	if v := getenv("BRIEFBOT_HTTP_LISTEN"); v != "" {
		c.HTTP.Listen = v
	}
}

// TopicQueries maps configured topic names to their queries.
func (c *Config) TopicQueries() map[string]string {
	m := make(map[string]string, len(c.Topics))
	for _, t := range c.Topics {
		m[t.Name] = t.Query
	}
	return m
}

// FeedList returns the configured feeds as domain values.
func (c *Config) FeedList() []briefbot.Feed {
	out := make([]briefbot.Feed, 0, len(c.Feeds))
	for _, f := range c.Feeds {
		out = append(out, briefbot.Feed{Name: f.Name, URL: f.URL.String(), Interval: time.Duration(f.Interval), Tags: f.Tags})
	}
	return out
}

// SubscriptionList returns the configured subscriptions as domain values.
func (c *Config) SubscriptionList() []briefbot.Subscription {
	q := c.TopicQueries()
	out := make([]briefbot.Subscription, 0, len(c.Subscriptions))
	for _, s := range c.Subscriptions {
		out = append(out, briefbot.Subscription{
			Platform: s.Platform, Channel: s.Channel, Topic: s.Topic, Query: q[s.Topic],
			Mode: s.Mode.Kind, DailyAt: s.Mode.At, Timezone: s.Mode.Zone, CreatedBy: "config",
		})
	}
	return out
}

// allowedKeys lists the keys the struct accepts at the level of k.
func allowedKeys(k toml.Key) string {
	section := map[string][]string{
		"":              {"[store]", "[poll]", "[http]", "[log]", "[chat]", "[slack]", "[discord]", "[[feeds]]", "[[topics]]", "[[subscriptions]]"},
		"store":         {"dsn"},
		"poll":          {"schedule", "interval", "timeout", "max_bytes", "concurrency", "per_host", "max_errors", "fetch_full_text", "allow_private"},
		"http":          {"listen"},
		"log":           {"level", "format"},
		"chat":          {"managers"},
		"slack":         {"api_url", "command"},
		"discord":       {"api_url", "gateway", "guild_id", "command"},
		"feeds":         {"name", "url", "interval", "tags"},
		"topics":        {"name", "query"},
		"subscriptions": {"platform", "channel", "topic", "mode"},
	}
	parent := ""
	if len(k) > 1 {
		parent = k[0]
	}
	if allowed, ok := section[parent]; ok {
		return strings.Join(allowed, ", ")
	}
	return strings.Join(section[""], ", ")
}

// lineOf finds the line where key is assigned; 0 when not found. The TOML
// library keeps key positions private, so errors found after decoding look
// the key up in the text.
func lineOf(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, key) {
			rest := strings.TrimSpace(t[len(key):])
			if strings.HasPrefix(rest, "=") {
				return i + 1
			}
		}
	}
	return 0
}

// lineOfValue finds the last line holding the quoted value.
func lineOfValue(data []byte, value string) int {
	n := 0
	for i, line := range strings.Split(string(data), "\n") {
		if strings.Contains(line, `"`+value+`"`) {
			n = i + 1
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return []string{"none"}
	}
	return out
}
