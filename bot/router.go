package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // daily subscriptions name IANA zones; don't depend on the host's zoneinfo

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/summarize"
)

// Router answers commands from every platform. Adapters (Slack, Discord,
// the terminal) turn their wire format into a Request and render the Reply;
// the Router owns parsing, permissions and lookups. It is safe for
// concurrent use once configured.
type Router struct {
	Store    store.Store
	Topics   map[string]string // configured topic name → query
	Managers []string          // user or role ids allowed to (un)subscribe/follow; empty = everyone
	Clock    briefbot.Clock    // nil: time.Now
	Command  string            // "brief": shown in usage, e.g. "/brief who <speaker>"
	Logger   *slog.Logger      // nil: slog.Default()
	// PublicURL is where the web view is reachable ([http] public_url);
	// answers link to its pages when set.
	PublicURL string
	Finder    FeedFinder // validates feeds added with `feeds add`; nil: adding is off
	// Limits ([digest]); zero uses the defaults in lookup.go. Answers say
	// when one cuts.
	Limits Limits
}

// UsageError is a bad command or argument. Its message is shown to the
// requester only, followed by the correct usage.
type UsageError struct {
	Msg   string // what was wrong, naming the bad input
	Usage string // e.g. "/brief who <speaker>"
}

func (e *UsageError) Error() string {
	if e.Usage == "" {
		return e.Msg
	}
	return e.Msg + "\nUsage: " + e.Usage
}

// ErrNotAllowed is returned (wrapped in the reply) when a user who is not
// a manager tries to change a channel's subscriptions.
var ErrNotAllowed = errors.New("not allowed")

// command is one entry of the command table.
type command struct {
	name string
	args string // usage after the name, e.g. "<speaker>"
	help string
	// manage marks commands that change subscriptions (permission-checked).
	manage bool
	// run answers: req.Options holds the command's Options (both
	// paths, see commandOptionsOf); args is the text after the name, or
	// on the structured path the first option's value as given.
	run func(r *Router, ctx context.Context, req Request, args string) (Reply, error)
}

var commands []command

func init() {
	// Assigned in init to break the initialization cycle through help.
	commands = []command{
		{name: "who", args: "<speaker>", help: "latest statements by a speaker (\"who Lavrov\")", run: (*Router).who},
		{name: "said", args: "<words>", help: "search what was said (\"said ceasefire\", or \"who said ceasefire?\")", run: (*Router).said},
		{name: "about", args: "<topic or query> [since 7d]", help: "recent articles and statements on a topic or query (up to since 31d)", run: (*Router).about},
		{name: "profile", args: "<name>", help: "who a speaker is: roles, first and last seen, topics, key statements", run: (*Router).profile},
		{name: "timeline", args: "<name> [query] [since 90d]", help: "a speaker's statements on a query over time, week by week", run: (*Router).timeline},
		{name: "compare", args: "<name> <name> [query]", help: "two speakers side by side on a query", run: (*Router).compare},
		{name: "topics", help: "configured topics and this channel's ad-hoc ones", run: (*Router).topics},
		{name: "subscribe", args: "<topic or query> [instant | daily HH:MM Area/City]", help: "send matching news to this channel", manage: true, run: (*Router).subscribe},
		{name: "unsubscribe", args: "<topic>", help: "stop a subscription of this channel", manage: true, run: (*Router).unsubscribe},
		{name: "subscriptions", help: "this channel's subscriptions", run: (*Router).subscriptions},
		{name: "follow", args: "<speaker or actor> [anyway]", help: "alert this channel whenever they are quoted or involved (anyway: even if never seen yet)", manage: true, run: (*Router).follow},
		{name: "unfollow", args: "<speaker or actor>", help: "stop following", manage: true, run: (*Router).unfollow},
		{name: "digest", args: "[since, e.g. 24h or 7d]", help: "a digest of this channel's topics now", run: (*Router).digest},
		{name: "feeds", args: feedsArgs, help: "status of each feed; add a feed (or a site that has one) or remove one added here", run: (*Router).feedsCommand},
		{name: "help", help: "this list", run: (*Router).help},
	}
}

func findCommand(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func (r *Router) now() time.Time {
	if r.Clock != nil {
		return r.Clock()
	}
	return time.Now()
}

func (r *Router) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.Default()
}

// prefix is how users invoke the bot: "/brief" for a slash command named
// "brief", or a command line such as "briefbot ask" as given.
func (r *Router) prefix() string {
	name := strings.TrimSpace(r.Command)
	switch {
	case name == "":
		return "/brief"
	case strings.HasPrefix(name, "/") || strings.Contains(name, " "):
		return name
	}
	return "/" + name
}

func (r *Router) usage(c command) string {
	u := r.prefix() + " " + c.name
	if c.args != "" {
		u += " " + c.args
	}
	return u
}

// Handle answers one command. It never fails: bad input gets an ephemeral
// usage reply, store failures an ephemeral apology (and a log line).
// User text echoed in the reply is escaped (escapeEchoes).
func (r *Router) Handle(ctx context.Context, req Request) Reply {
	reply, err := r.handle(ctx, req)
	if err == nil {
		return escapeEchoes(reply, req)
	}
	var ue *UsageError
	switch {
	case errors.As(err, &ue):
		return escapeEchoes(Reply{Ephemeral: true, Text: ue.Error()}, req)
	case errors.Is(err, ErrNotAllowed):
		return Reply{Ephemeral: true, Text: "Sorry, only the bot's managers may change this channel's subscriptions. Lookups are open to everyone."}
	default:
		r.logger().Error("bot command failed", "platform", req.Platform, "channel", req.Channel, "text", clip(req.Text, 200), "err", err)
		return Reply{Ephemeral: true, Text: "Sorry, something went wrong answering that. Please try again in a moment."}
	}
}

// Ask answers a command typed in the terminal (`briefbot ask "who Lavrov"`)
// and returns the text to print: the reply's text, or the rendered digest
// when a reply carries only a digest. The error is a *UsageError for bad
// input (the text then holds the message and usage too) or a store failure.
func (r *Router) Ask(ctx context.Context, text string) (string, error) {
	req := Request{Platform: Terminal, Channel: Terminal, User: Terminal, Text: text}
	reply, err := r.handle(ctx, req)
	if err != nil {
		var ue *UsageError
		if errors.As(err, &ue) {
			return ue.Error(), err
		}
		return "", err
	}
	if reply.Text == "" && reply.Digest != nil {
		return summarize.RenderText(*reply.Digest), nil
	}
	return reply.Text, nil
}

func (r *Router) handle(ctx context.Context, req Request) (Reply, error) {
	name, args := r.parseCommand(req.Text)
	if req.Command != "" {
		// Structured: the name as given, no natural-language rewriting.
		name = strings.ToLower(req.Command)
		args = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(req.Text), req.Command))
	}
	if name == "" {
		return r.help(ctx, req, "")
	}
	c, ok := findCommand(name)
	if !ok {
		return Reply{}, r.unknownCommand(name)
	}
	if c.manage && !r.mayManage(req) {
		return Reply{}, ErrNotAllowed
	}
	opts, err := r.commandOptionsOf(ctx, c, req, args)
	if err != nil {
		var ue *UsageError
		if errors.As(err, &ue) && ue.Usage == "" {
			ue.Usage = r.usage(c)
		}
		return Reply{}, err
	}
	req.Options = opts
	if req.Command != "" {
		// Commands reading one value get it as given, not the joined text.
		args = ""
		if specs := commandOptions[c.name]; len(specs) > 0 {
			args = opts[specs[0].Name]
		}
	}
	if req.Platform == Terminal {
		// The terminal has no chat to post to: its channels are the
		// console sink's, so `briefbot ask "subscribe russia"` makes
		// `briefbot run` print alerts on stdout.
		req.Platform, req.Channel = Console, ConsoleChannel
	}
	reply, err := c.run(r, ctx, req, args)
	var ue *UsageError
	if errors.As(err, &ue) && ue.Usage == "" {
		ue.Usage = r.usage(c)
	}
	return reply, err
}

// parseCommand splits text into a command name and its arguments, reading
// a few natural forms: "who said ceasefire?" → said ceasefire; "what did
// Lavrov say?" → who Lavrov. A leading "/brief" (the command itself) is
// dropped so the terminal accepts what users type in chat.
func (r *Router) parseCommand(text string) (name, args string) {
	text = strings.TrimSpace(text)
	if p := r.prefix(); len(text) >= len(p) && strings.EqualFold(text[:len(p)], p) &&
		(len(text) == len(p) || text[len(p)] == ' ') {
		text = text[len(p):]
	}
	fields := strings.Fields(text)
	if len(fields) == 0 {
		return "", ""
	}
	name = strings.ToLower(fields[0])
	rest := fields[1:]
	switch {
	case name == "who" && len(rest) > 1 && strings.EqualFold(rest[0], "said"):
		name, rest = "said", rest[1:]
	case name == "what" && len(rest) > 2 && strings.EqualFold(rest[0], "did") &&
		strings.EqualFold(strings.TrimRight(rest[len(rest)-1], "?"), "say"):
		name, rest = "who", rest[1:len(rest)-1]
	case name == "who" && len(rest) > 1 && strings.EqualFold(rest[0], "is"):
		name, rest = "who", rest[1:]
	}
	args = strings.Join(rest, " ")
	if name == "who" || name == "said" || name == "about" {
		args = strings.TrimSpace(strings.TrimRight(args, "?"))
	}
	return name, args
}

func (r *Router) mayManage(req Request) bool {
	if len(r.Managers) == 0 {
		return true
	}
	if req.Platform == Terminal {
		return true // whoever runs the binary owns the store
	}
	if slices.Contains(r.Managers, req.User) {
		return true
	}
	for _, role := range req.Roles {
		if slices.Contains(r.Managers, role) {
			return true
		}
	}
	return false
}

func (r *Router) commandList() string {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "• `%s` — %s\n", r.usage(c), c.help)
	}
	return strings.TrimRight(b.String(), "\n")
}

func (r *Router) help(ctx context.Context, req Request, args string) (Reply, error) {
	text := "briefbot tells you who said what in world news.\n" + r.commandList() +
		"\nQueries accept words, \"quoted phrases\", AND / OR / NOT, parentheses, and speaker:, actor:, country:, feed: filters."
	return Reply{Ephemeral: true, Text: text}, nil
}

// Complete suggests values for autocompletion: field "topic" (configured
// topic names and subscribed ad-hoc topics), "speaker" (stored speakers,
// most quoted first) or "feed" (active feed names). At most 25 suggestions
// (Discord's limit).
func (r *Router) Complete(ctx context.Context, field, prefix string) []string {
	const max = 25
	prefix = strings.TrimSpace(clip(prefix, maxNameLen))
	switch field {
	case "feed":
		return r.completeFeeds(ctx, prefix, max)
	case "speaker":
		names, err := r.Store.Speakers(ctx, prefix, max)
		if err != nil {
			r.logger().Warn("complete speakers", "err", err)
			return nil
		}
		return names
	case "topic":
		seen := map[string]bool{}
		var out []string
		add := func(name string) {
			key := strings.ToLower(name)
			if seen[key] || !strings.HasPrefix(key, strings.ToLower(prefix)) {
				return
			}
			seen[key] = true
			out = append(out, name)
		}
		for _, name := range sortedKeys(r.Topics) {
			add(name)
		}
		subs, err := r.Store.Subscriptions(ctx, "", "")
		if err != nil {
			r.logger().Warn("complete topics", "err", err)
		}
		for _, s := range subs {
			add(s.Topic)
		}
		if len(out) > max {
			out = out[:max]
		}
		return out
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
