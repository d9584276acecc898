// Package config reads briefbot's TOML configuration and secrets from the
// environment. It owns validation: a bad file fails at start with a message
// naming the key, the line and what is allowed.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/topic"
)

// Config is the whole configuration. Zero values are replaced by defaults
// in Load, so callers never check for them.
type Config struct {
	Store         Store          `toml:"store"`
	Poll          Poll           `toml:"poll"`
	HTTP          HTTP           `toml:"http"`
	Log           Log            `toml:"log"`
	Chat          Chat           `toml:"chat"`
	Delivery      Delivery       `toml:"delivery"`
	Digest        Digest         `toml:"digest"`
	Slack         Slack          `toml:"slack"`
	Discord       Discord        `toml:"discord"`
	Feeds         []Feed         `toml:"feeds"`
	Topics        []Topic        `toml:"topics"`
	Subscriptions []Subscription `toml:"subscriptions"`

	// Source says where the configuration came from: a file path, or
	// "embedded default".
	Source string `toml:"-"`
}

// Delivery tunes the outbox (see bot.Dispatcher): how often it is
// flushed, how long a claimed delivery is ours (a restarted or surviving
// process takes over a dead one's deliveries after it), retries with
// backoff, and when a failing delivery is given up.
type Delivery struct {
	FlushEvery  Duration `toml:"flush_every"`
	Lease       Duration `toml:"lease"`
	SendTimeout Duration `toml:"send_timeout"`
	RetryBase   Duration `toml:"retry_base"`
	RetryMax    Duration `toml:"retry_max"`
	GiveUpAfter Duration `toml:"give_up_after"`
}

// Digest bounds how many articles digests and lookups read and show.
// Each limit is stated in the answer when it cuts.
type Digest struct {
	DailyScan      int `toml:"daily_scan"`      // articles read per round of daily digests (the last 48 h)
	ChatScan       int `toml:"chat_scan"`       // articles read by about and digest in chat (newest first)
	AboutArticles  int `toml:"about_articles"`  // articles shown by about
	DigestArticles int `toml:"digest_articles"` // articles shown by digest in chat
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

	// Limits of the feeds package, each logged when hit (config/poll.go).
	PollLimits
}

// HTTP is the server for health, metrics and chat webhooks.
type HTTP struct {
	Listen string `toml:"listen"`
	// Web view (web/): PublicURL is where users reach it, so chat answers
	// link to its pages; WebToken (or BRIEFBOT_WEB_TOKEN) protects it,
	// as a bearer token or a basic-auth password. Without a token the web
	// view answers loopback clients only.
	PublicURL string `toml:"public_url"`
	WebToken  string `toml:"web_token"`
}

// Log selects level and format.
type Log struct {
	Level  string `toml:"level"`  // debug, info, warn, error
	Format string `toml:"format"` // auto, text, json
}

// Chat holds settings shared by all chat platforms.
type Chat struct {
	// Managers are user or role ids allowed to subscribe, unsubscribe,
	// follow and add or remove feeds. Empty: everyone may.
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

// consoleChannel is the console platform's only channel (bot.ConsoleChannel).
const consoleChannel = "stdout"

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
	if err := cfg.checkEnvironment(); err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Source, err)
	}
	return cfg, nil
}

// checkEnvironment checks what depends on the machine or on environment
// overrides rather than on the file: the listen address (which
// BRIEFBOT_HTTP_LISTEN may replace) and the SQLite database's directory,
// which must exist: a typo in a path should not silently start an empty
// database elsewhere.
func (c *Config) checkEnvironment() error {
	if err := ValidateListen(c.HTTP.Listen); err != nil {
		return fmt.Errorf("http.listen (or BRIEFBOT_HTTP_LISTEN): %w", err)
	}
	if err := validatePublicURL(c.HTTP.PublicURL); err != nil {
		return fmt.Errorf("http.public_url: %w", err)
	}
	dir, ok := sqliteDir(string(c.Store.DSN))
	if !ok {
		return nil
	}
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("store.dsn (or BRIEFBOT_STORE_DSN) %q: directory %s does not exist; create it (mkdir -p %s) or point dsn at an existing directory", c.Store.DSN, dir, dir)
	case err != nil:
		return fmt.Errorf("store.dsn (or BRIEFBOT_STORE_DSN) %q: directory %s: %w", c.Store.DSN, dir, err)
	case !st.IsDir():
		return fmt.Errorf("store.dsn (or BRIEFBOT_STORE_DSN) %q: %s is not a directory", c.Store.DSN, dir)
	}
	return nil
}

// sqliteDir returns the directory of a SQLite DSN's file; false for
// PostgreSQL and in-memory databases.
func sqliteDir(dsn string) (string, bool) {
	lower := strings.ToLower(dsn)
	if strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://") {
		return "", false
	}
	path, query, _ := strings.Cut(dsn, "?")
	if rest, ok := strings.CutPrefix(path, "file:"); ok {
		path = rest
		if strings.HasPrefix(path, "//") { // file://host/path
			path = path[2:]
			if i := strings.IndexByte(path, '/'); i >= 0 {
				path = path[i:]
			}
		}
	}
	if path == "" || path == ":memory:" || strings.Contains(query, "mode=memory") {
		return "", false
	}
	return filepath.Dir(path), true
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
	lines := keyLines(data)
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&cfg)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := pe.Position.Line
			if l := arrayEntryLine(data, lines, pe.LastKey); l > 0 {
				line = l
			}
			return nil, fmt.Errorf("%s: line %d: %s", source, line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0]
		line := lines[k.String()]
		if line == 0 && len(k) == 2 { // a key in an array of tables: its path carries no index
			for i := 0; lines[fmt.Sprintf("%s[%d]", k[0], i)] > 0 && line == 0; i++ {
				line = lines[fmt.Sprintf("%s[%d].%s", k[0], i, k[1])]
			}
		}
		if line == 0 {
			line = lineOf(data, k[len(k)-1])
		}
		return nil, fmt.Errorf("%s: line %d: unknown key %q; allowed here: %s",
			source, line, k.String(), allowedKeys(k))
	}
	cfg.Source = source
	if !md.IsDefined("poll", "fetch_full_text") {
		cfg.Poll.FetchFullText = true
	}
	cfg.applyDefaults()
	if err := cfg.validate(lines); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return &cfg, nil
}

// arrayEntryLine finds the line of a value that failed to decode in an
// array of tables ("feeds.url"): the decoder knows the key but not which
// entry, so each entry is decoded alone until one fails.
func arrayEntryLine(data []byte, lines map[string]int, lastKey string) int {
	table, field, ok := strings.Cut(lastKey, ".")
	if !ok {
		return 0
	}
	var entries struct {
		Feeds         []toml.Primitive `toml:"feeds"`
		Topics        []toml.Primitive `toml:"topics"`
		Subscriptions []toml.Primitive `toml:"subscriptions"`
	}
	md, err := toml.Decode(string(data), &entries)
	if err != nil {
		return 0
	}
	var prims []toml.Primitive
	var decode func(toml.Primitive) error
	switch table {
	case "feeds":
		prims, decode = entries.Feeds, func(p toml.Primitive) error { return md.PrimitiveDecode(p, new(Feed)) }
	case "topics":
		prims, decode = entries.Topics, func(p toml.Primitive) error { return md.PrimitiveDecode(p, new(Topic)) }
	case "subscriptions":
		prims, decode = entries.Subscriptions, func(p toml.Primitive) error { return md.PrimitiveDecode(p, new(Subscription)) }
	default:
		return 0
	}
	for i, p := range prims {
		if decode(p) != nil {
			return lines[fmt.Sprintf("%s[%d].%s", table, i, field)]
		}
	}
	return 0
}

func (c *Config) applyDefaults() {
	c.Digest.applyDefaults()
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
	c.Poll.PollLimits.applyDefaults()
	if c.HTTP.Listen == "" {
		c.HTTP.Listen = "127.0.0.1:8080"
	}
	d := &c.Delivery
	for _, v := range []struct {
		field *Duration
		def   time.Duration
	}{
		{&d.FlushEvery, 3 * time.Second}, {&d.Lease, 45 * time.Second}, {&d.SendTimeout, 30 * time.Second},
		{&d.RetryBase, 30 * time.Second}, {&d.RetryMax, 10 * time.Minute}, {&d.GiveUpAfter, 26 * time.Hour},
	} {
		if *v.field == 0 {
			*v.field = Duration(v.def)
		}
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

// validate checks what single values cannot: required fields, ranges,
// references between sections, duplicates, topic queries, the listen
// address. Value syntax (URLs, durations, cron specs, modes) was checked
// while decoding, with the line. lines maps key paths to lines (keyLines).
func (c *Config) validate(lines map[string]int) error {
	// at prefixes an error with the line of the key path, when it was written.
	at := func(path string) string {
		if l := lines[path]; l > 0 {
			return fmt.Sprintf("line %d: ", l)
		}
		return ""
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("%slog.level %q is not allowed; use debug, info, warn or error", at("log.level"), c.Log.Level)
	}
	switch c.Log.Format {
	case "auto", "text", "json":
	default:
		return fmt.Errorf("%slog.format %q is not allowed; use auto, text or json", at("log.format"), c.Log.Format)
	}
	for _, n := range []struct {
		key      string
		val, min int64
	}{
		{"concurrency", int64(c.Poll.Concurrency), 1},
		{"per_host", int64(c.Poll.PerHost), 1},
		{"max_errors", int64(c.Poll.MaxErrors), 1},
		{"max_bytes", c.Poll.MaxBytes, 1024},
		{"max_pages_per_feed", int64(c.Poll.MaxPagesPerFeed), 1},
		{"page_concurrency", int64(c.Poll.PageConcurrency), 1},
		{"memory_budget", c.Poll.MemoryBudget, 1 << 20},
		{"max_redirects", int64(c.Poll.MaxRedirects), 1},
	} {
		if n.val < n.min {
			return fmt.Errorf("%spoll.%s = %d is too small; use %d or more (or leave it out for the default)", at("poll."+n.key), n.key, n.val, n.min)
		}
	}
	if c.Poll.PerHost >= c.Poll.Concurrency && c.Poll.Concurrency > 1 {
		return fmt.Errorf("%spoll.per_host = %d must be below poll.concurrency = %d, so that one slow host cannot hold every fetch slot", at("poll.per_host"), c.Poll.PerHost, c.Poll.Concurrency)
	}
	if err := ValidateListen(c.HTTP.Listen); err != nil {
		return fmt.Errorf("%shttp.listen: %w", at("http.listen"), err)
	}
	if err := c.Delivery.validate(at); err != nil {
		return err
	}
	if err := c.Digest.validate(at); err != nil {
		return err
	}
	names := map[string]bool{}
	urls := map[string]bool{}
	for i, f := range c.Feeds {
		where := fmt.Sprintf("feeds[%d]", i)
		if f.URL.String() == "" {
			return fmt.Errorf("%s%s (name %q): url is required, e.g. url = \"https://example.org/rss.xml\"", at(where), where, f.Name)
		}
		if f.Name == "" {
			c.Feeds[i].Name = f.URL.Host
			f.Name = f.URL.Host
		}
		if names[f.Name] {
			return fmt.Errorf("%s%s: feed name %q is used twice; feed names must be unique", at(where+".name"), where, f.Name)
		}
		if urls[f.URL.String()] {
			return fmt.Errorf("%s%s: feed url %q is listed twice", at(where+".url"), where, f.URL.String())
		}
		names[f.Name], urls[f.URL.String()] = true, true
	}
	topics := map[string]bool{}
	for i, t := range c.Topics {
		where := fmt.Sprintf("topics[%d]", i)
		if t.Name == "" || t.Query == "" {
			return fmt.Errorf("%s%s: name and query are both required, e.g. name = \"russia\", query = \"Russia OR Moscow\"", at(where), where)
		}
		if topics[t.Name] {
			return fmt.Errorf("%s%s: topic %q is defined twice", at(where+".name"), where, t.Name)
		}
		if _, err := topic.Parse(t.Query); err != nil {
			return fmt.Errorf("%s%s (name %q): query %q: %v; see the query syntax in config.example.toml ([[topics]])", at(where+".query"), where, t.Name, t.Query, err)
		}
		topics[t.Name] = true
	}
	for i, s := range c.Subscriptions {
		where := fmt.Sprintf("subscriptions[%d]", i)
		if !contains(platforms, s.Platform) {
			return fmt.Errorf("%s%s: platform %q is not allowed; use one of %s", at(where+".platform"), where, s.Platform, strings.Join(platforms, ", "))
		}
		if s.Platform == "console" && s.Channel == "" {
			c.Subscriptions[i].Channel = consoleChannel
			s.Channel = consoleChannel
		}
		if s.Platform == "console" && s.Channel != consoleChannel {
			return fmt.Errorf("%s%s: the console has one channel, %q (briefbot ask subscribes there too); use channel = %q or leave it out", at(where+".channel"), where, consoleChannel, consoleChannel)
		}
		if s.Channel == "" {
			return fmt.Errorf("%s%s: channel is required (a Slack channel id like C0123456 or a Discord channel id)", at(where), where)
		}
		if !topics[s.Topic] {
			return fmt.Errorf("%s%s: topic %q is not defined; define it in a [[topics]] section (defined: %s)", at(where+".topic"), where, s.Topic, strings.Join(keys(topics), ", "))
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
	if v := getenv("BRIEFBOT_WEB_TOKEN"); v != "" {
		c.HTTP.WebToken = v
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
		"":              {"[store]", "[poll]", "[http]", "[log]", "[chat]", "[delivery]", "[digest]", "[slack]", "[discord]", "[[feeds]]", "[[topics]]", "[[subscriptions]]"},
		"store":         {"dsn"},
		"poll":          {"schedule", "interval", "timeout", "max_bytes", "concurrency", "per_host", "max_errors", "fetch_full_text", "allow_private", "max_pages_per_feed", "page_concurrency", "memory_budget", "max_redirects", "max_backoff"},
		"http":          {"listen", "public_url", "web_token"},
		"log":           {"level", "format"},
		"chat":          {"managers"},
		"digest":        {"daily_scan", "chat_scan", "about_articles", "digest_articles"},
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

func (d Delivery) validate(at func(path string) string) error {
	// Durations are positive by their syntax; what is left is how they relate.
	switch {
	case d.Lease <= d.SendTimeout:
		return fmt.Errorf("%sdelivery.lease = %s must be longer than delivery.send_timeout = %s: a claim must outlive the post it covers", at("delivery.lease"), d.Lease, d.SendTimeout)
	case time.Duration(d.Lease) > time.Minute:
		return fmt.Errorf("%sdelivery.lease = %s is over 1m: a restarted process must take over its dead posts within a minute", at("delivery.lease"), d.Lease)
	case d.RetryMax < d.RetryBase:
		return fmt.Errorf("%sdelivery.retry_max = %s is below delivery.retry_base = %s", at("delivery.retry_max"), d.RetryMax, d.RetryBase)
	}
	return nil
}
