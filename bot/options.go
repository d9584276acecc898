package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefbot/briefbot"
)

// OptionSpec is one typed option of a command, for adapters with
// structured commands (Discord's application command options). Values
// arrive in Request.Options under Name and are used as given.
type OptionSpec struct {
	Name, Description string
	Required          bool
	Complete          string   // Handler.Complete field ("topic", "speaker", "feed"); empty for none
	Choices           []string // fixed values
}

// CommandSpec describes one router command for adapters that register
// commands with the platform: Discord's /brief subcommands are generated
// from Commands(), so the router and Discord cannot drift apart.
type CommandSpec struct {
	Name        string
	Description string // the router's help, as a one-line description (≤ 100 characters)
	Options     []OptionSpec
}

// commandOptions are the typed options of each router command, in the
// order their values join into Request.Text. Every command of the router's
// table has an entry (nil: no options); TestCommandOptionsMatchRouter
// checks both ways.
var commandOptions = map[string][]OptionSpec{
	"who":  {{Name: "speaker", Description: "Name, e.g. Lavrov", Required: true, Complete: "speaker"}},
	"said": {{Name: "words", Description: "Words to search for in statements", Required: true}},
	"about": {
		{Name: "query", Description: "Topic or search words", Required: true, Complete: "topic"},
		{Name: "since", Description: "How far back, e.g. 7d (default) up to 31d"}},
	"profile": {{Name: "name", Description: "Speaker, e.g. Lavrov", Required: true, Complete: "speaker"}},
	"timeline": {
		{Name: "name", Description: "Speaker, e.g. Lavrov", Required: true, Complete: "speaker"},
		{Name: "query", Description: "Topic or words, e.g. ukraine (default: everything)", Complete: "topic"},
		{Name: "since", Description: "How far back: 90d (default), 12w, 6m, 1y or a date 2026-01-01"}},
	"compare": {
		{Name: "name", Description: "First speaker", Required: true, Complete: "speaker"},
		{Name: "other", Description: "Second speaker", Required: true, Complete: "speaker"},
		{Name: "query", Description: "Topic or words (default: everything)", Complete: "topic"},
		{Name: "since", Description: "How far back: 90d (default), 12w, 6m, 1y or a date"}},
	"topics": nil,
	"subscribe": {
		{Name: "topic", Description: "Topic name or search words, used as given", Required: true, Complete: "topic"},
		{Name: "mode", Description: "instant (default) or daily", Choices: []string{briefbot.ModeInstant, briefbot.ModeDaily}},
		{Name: "time", Description: "Daily delivery time, HH:MM"},
		{Name: "zone", Description: "Time zone, e.g. Europe/Paris (default UTC)"}},
	"unsubscribe":   {{Name: "topic", Description: "Topic name", Required: true, Complete: "topic"}},
	"subscriptions": nil,
	"follow": {
		{Name: "name", Description: "Speaker or actor name", Required: true, Complete: "speaker"},
		{Name: "anyway", Description: "Follow even if never seen yet", Choices: []string{"anyway"}}},
	"unfollow": {{Name: "name", Description: "Name as followed", Required: true, Complete: "speaker"}},
	"digest":   {{Name: "since", Description: "How far back, e.g. 24h (default: since the last digest)"}},
	"feeds": {
		{Name: "action", Description: "list (default), add or remove", Choices: []string{"list", "add", "remove"}},
		{Name: "feed", Description: "add: the feed's or site's address; remove: the feed's name", Complete: "feed"},
		{Name: "name", Description: "add: a name (default: the feed's title)"},
		{Name: "every", Description: "add: how often to check it, e.g. 10m"},
		{Name: "tags", Description: "add: tags, comma-separated"}},
	"help": nil,
}

// Commands lists the router's commands in table order with their options.
func Commands() []CommandSpec {
	out := make([]CommandSpec, 0, len(commands))
	for _, c := range commands {
		out = append(out, CommandSpec{Name: c.name, Description: describe(c.help), Options: commandOptions[c.name]})
	}
	return out
}

// describe turns a help line into a platform description: capitalised,
// at most 100 characters (Discord's limit).
func describe(help string) string {
	r, n := utf8.DecodeRuneInString(help)
	help = string(unicode.ToUpper(r)) + help[n:]
	if utf8.RuneCountInString(help) > 100 {
		help = strings.TrimSpace(string([]rune(help)[:99])) + "…"
	}
	return help
}

// Options are the named values a command runs with, by OptionSpec name.
// Both paths produce them: a structured request (Discord) gives them as
// typed, and they are used as given; a line of text (Slack, the terminal)
// is read into them by the command's grammar (textGrammar). Handlers read
// only these, so a value such as "china daily 08:00 UTC" or "since 30d"
// typed into one option is never re-read as another.
type Options map[string]string

// textGrammar reads a command's text line into its options. Commands not
// listed take the whole line as their first option (who, said, profile,
// unsubscribe, unfollow, digest), or nothing.
var textGrammar = map[string]func(r *Router, ctx context.Context, text string) (Options, error){
	"about":     func(_ *Router, _ context.Context, text string) (Options, error) { return aboutText(text) },
	"timeline":  speakersText("name"),
	"compare":   speakersText("name", "other"),
	"subscribe": func(_ *Router, _ context.Context, text string) (Options, error) { return subscribeText(text) },
	"follow":    func(_ *Router, _ context.Context, text string) (Options, error) { return followText(text), nil },
	"feeds":     func(_ *Router, _ context.Context, text string) (Options, error) { return feedsText(text) },
}

// commandOptionsOf returns the options command c runs with (see Options).
// Structured values are checked against the command's specs only: no
// unknown names, required ones present, choices respected, within the
// input bounds.
func (r *Router) commandOptionsOf(ctx context.Context, c command, req Request, text string) (Options, error) {
	specs := commandOptions[c.name]
	if req.Command == "" {
		if err := checkArgsLen(c.name, text); err != nil {
			return nil, err
		}
		if read, ok := textGrammar[c.name]; ok {
			return read(r, ctx, text)
		}
		opts := Options{}
		if text = strings.TrimSpace(text); text != "" && len(specs) > 0 {
			opts[specs[0].Name] = text
		}
		return opts, nil
	}
	opts := Options{}
	for name, v := range req.Options {
		i := slices.IndexFunc(specs, func(s OptionSpec) bool { return s.Name == name })
		if i < 0 {
			return nil, &UsageError{Msg: fmt.Sprintf("%s has no option %q.", c.name, name)}
		}
		v = strings.TrimSpace(v)
		if err := checkArgsLen(c.name, v); err != nil {
			return nil, err
		}
		if choices := specs[i].Choices; v != "" && len(choices) > 0 {
			j := slices.IndexFunc(choices, func(ch string) bool { return strings.EqualFold(ch, v) })
			if j < 0 {
				return nil, &UsageError{Msg: fmt.Sprintf("%s %q: use one of %s.", name, v, strings.Join(choices, ", "))}
			}
			v = choices[j]
		}
		if v != "" {
			opts[name] = v
		}
	}
	for _, s := range specs {
		if s.Required && opts[s.Name] == "" {
			return nil, &UsageError{Msg: fmt.Sprintf("%s needs its %s option (%s).", c.name, s.Name, s.Description)}
		}
	}
	return opts, nil
}
