package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

// option is one typed option of a subcommand.
type option struct {
	name, description string
	required          bool
	complete          string   // Handler.Complete field ("topic", "speaker"), empty for none
	choices           []string // fixed values
}

// subcommand is one /brief subcommand. The order of options is the order
// in which their values are joined into bot.Request.Text.
type subcommand struct {
	name, description string
	options           []option
}

// subcommands mirror the router's text commands.
var subcommands = []subcommand{
	{"who", "Latest statements by a speaker", []option{
		{name: "speaker", description: "Name, e.g. Lavrov", required: true, complete: "speaker"}}},
	{"said", "Who said these words", []option{
		{name: "words", description: "Words to search for in statements", required: true}}},
	{"about", "Articles and statements about a subject", []option{
		{name: "query", description: "Search words", required: true}}},
	{"profile", "Who a speaker is: roles, first and last seen, topics, key statements", []option{
		{name: "name", description: "Speaker, e.g. Lavrov", required: true, complete: "speaker"}}},
	{"timeline", "A speaker's statements on a topic over time", []option{
		{name: "name", description: "Speaker, e.g. Lavrov", required: true, complete: "speaker"},
		{name: "query", description: "Topic or words, e.g. ukraine (default: everything)", complete: "topic"},
		{name: "since", description: "How far back: 90d (default), 12w, 6m, 1y or a date 2026-01-01"}}},
	{"compare", "Two speakers side by side on a topic", []option{
		{name: "name", description: "First speaker", required: true, complete: "speaker"},
		{name: "other", description: "Second speaker", required: true, complete: "speaker"},
		{name: "query", description: "Topic or words (default: everything)", complete: "topic"},
		{name: "since", description: "How far back: 90d (default), 12w, 6m, 1y or a date"}}},
	{"topics", "List configured topics", nil},
	{"subscribe", "Subscribe this channel to a topic", []option{
		{name: "topic", description: "Topic name or search words", required: true, complete: "topic"},
		{name: "mode", description: "instant (default) or daily", choices: []string{briefbot.ModeInstant, briefbot.ModeDaily}},
		{name: "time", description: "Daily delivery time, HH:MM"},
		{name: "zone", description: "Time zone, e.g. Europe/Paris"}}},
	{"unsubscribe", "Unsubscribe this channel from a topic", []option{
		{name: "topic", description: "Topic name", required: true, complete: "topic"}}},
	{"subscriptions", "List this channel's subscriptions", nil},
	{"follow", "Alert this channel whenever a person or organisation appears", []option{
		{name: "name", description: "Speaker or actor name", required: true, complete: "speaker"}}},
	{"unfollow", "Stop following a person or organisation", []option{
		{name: "name", description: "Name as followed", required: true, complete: "speaker"}}},
	{"digest", "Digest of recent articles", []option{
		{name: "since", description: "How far back, e.g. 24h (default: since the last digest)"}}},
	{"feeds", "List feeds and their health; add or remove one", []option{
		{name: "action", description: "list (default), add or remove", choices: []string{"list", "add", "remove"}},
		{name: "feed", description: "add: the feed's or site's address; remove: the feed's name"},
		{name: "name", description: "add: a name (default: the feed's title)"},
		{name: "every", description: "add: how often to check it, e.g. 10m"},
		{name: "tags", description: "add: tags, comma-separated"}}},
	{"help", "How to use briefbot", nil},
}

func findSubcommand(name string) (subcommand, bool) {
	for _, sc := range subcommands {
		if sc.name == name {
			return sc, true
		}
	}
	return subcommand{}, false
}

// applicationCommands is the /brief command as registered with Discord.
func (d *Discord) applicationCommands() []*discordgo.ApplicationCommand {
	var opts []*discordgo.ApplicationCommandOption
	for _, sc := range subcommands {
		sub := &discordgo.ApplicationCommandOption{
			Type:        discordgo.ApplicationCommandOptionSubCommand,
			Name:        sc.name,
			Description: sc.description,
		}
		for _, o := range sc.options {
			opt := &discordgo.ApplicationCommandOption{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         o.name,
				Description:  o.description,
				Required:     o.required,
				Autocomplete: o.complete != "",
			}
			for _, c := range o.choices {
				opt.Choices = append(opt.Choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
			}
			sub.Options = append(sub.Options, opt)
		}
		opts = append(opts, sub)
	}
	return []*discordgo.ApplicationCommand{{
		Type:        discordgo.ChatApplicationCommand,
		Name:        strings.TrimPrefix(d.cfg.Command, "/"),
		Description: "World news: who said what, who is involved",
		Options:     opts,
	}}
}

// RegisterCommands overwrites the application's commands with /brief
// (PUT /applications/{app}/commands, or …/guilds/{guild}/commands when
// GuildID is set: guild commands update instantly, global ones within an
// hour). Call it at start.
func (d *Discord) RegisterCommands(ctx context.Context) error {
	if d.cfg.AppID == "" {
		return fmt.Errorf("discord: registering commands needs the application id (BRIEFBOT_DISCORD_APP_ID)")
	}
	path := "/applications/" + d.cfg.AppID + "/commands"
	if d.cfg.GuildID != "" {
		path = "/applications/" + d.cfg.AppID + "/guilds/" + d.cfg.GuildID + "/commands"
	}
	var created []*discordgo.ApplicationCommand
	if err := d.callRetrying(ctx, "PUT", path, d.applicationCommands(), &created); err != nil {
		return fmt.Errorf("discord: register commands: %w", err)
	}
	d.logger.Info("registered application commands", "count", len(created), "guild", d.cfg.GuildID)
	return nil
}

// requestFor turns an application command interaction into a bot.Request:
// the subcommand followed by its option values in declaration order, e.g.
// "/brief who speaker:Lavrov" → "who Lavrov".
func requestFor(i *discordgo.Interaction) bot.Request {
	req := bot.Request{Platform: bot.Discord, Channel: i.ChannelID}
	switch {
	case i.Member != nil && i.Member.User != nil:
		req.User = i.Member.User.ID
		req.Roles = i.Member.Roles
	case i.User != nil:
		req.User = i.User.ID
	}
	data := i.ApplicationCommandData()
	if len(data.Options) == 0 || data.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
		req.Text = "help"
		return req
	}
	sub := data.Options[0]
	words := []string{sub.Name}
	values := map[string]string{}
	for _, o := range sub.Options {
		values[o.Name] = optionString(o.Value)
	}
	if sub.Name == "subscribe" && values["mode"] == "" && values["time"] != "" {
		values["mode"] = briefbot.ModeDaily // a time only makes sense for a daily digest
	}
	if sub.Name == "feeds" { // the router reads "feeds add <url> [name] [every 10m] [tags a,b]"
		if values["every"] != "" {
			values["every"] = "every " + values["every"]
		}
		if values["tags"] != "" {
			values["tags"] = "tags " + values["tags"]
		}
	}
	if sc, ok := findSubcommand(sub.Name); ok {
		for _, o := range sc.options {
			if v := values[o.name]; v != "" {
				words = append(words, v)
			}
		}
	} else {
		for _, o := range sub.Options { // unknown to us: keep Discord's order
			words = append(words, values[o.Name])
		}
	}
	req.Text = strings.Join(words, " ")
	return req
}

// focusedOption returns the Complete field and the typed prefix of the
// option being autocompleted.
func focusedOption(i *discordgo.Interaction) (field, prefix string, ok bool) {
	data := i.ApplicationCommandData()
	if len(data.Options) == 0 {
		return "", "", false
	}
	sub := data.Options[0]
	sc, known := findSubcommand(sub.Name)
	if !known {
		return "", "", false
	}
	for _, o := range sub.Options {
		if !o.Focused {
			continue
		}
		for _, def := range sc.options {
			if def.name == o.Name && def.complete != "" {
				return def.complete, optionString(o.Value), true
			}
		}
	}
	return "", "", false
}

// optionString renders an option value; Discord omits the value of an
// empty focused option.
func optionString(v any) string {
	if v == nil {
		return ""
	}
	return strings.TrimSpace(fmt.Sprint(v))
}
