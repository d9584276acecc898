package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

// findSubcommand returns the router command behind a subcommand. The
// subcommands are generated from bot.Commands(), the router's own table,
// so the two cannot drift apart.
func findSubcommand(name string) (bot.CommandSpec, bool) {
	for _, sc := range bot.Commands() {
		if sc.Name == name {
			return sc, true
		}
	}
	return bot.CommandSpec{}, false
}

// applicationCommands is the /brief command as registered with Discord.
func (d *Discord) applicationCommands() []*discordgo.ApplicationCommand {
	var opts []*discordgo.ApplicationCommandOption
	for _, sc := range bot.Commands() {
		sub := &discordgo.ApplicationCommandOption{
			Type:        discordgo.ApplicationCommandOptionSubCommand,
			Name:        sc.Name,
			Description: sc.Description,
		}
		for _, o := range sc.Options {
			opt := &discordgo.ApplicationCommandOption{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         o.Name,
				Description:  o.Description,
				Required:     o.Required,
				Autocomplete: o.Complete != "",
			}
			for _, c := range o.Choices {
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

// requestFor turns an application command interaction into a structured
// bot.Request: Command is the subcommand and Options its typed values,
// used as given by the router; Text joins them in declaration order for
// logs only, e.g. "/brief who speaker:Lavrov" → "who Lavrov".
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
	req.Command, req.Options = sub.Name, map[string]string{}
	for _, o := range sub.Options {
		values[o.Name] = optionString(o.Value)
		req.Options[o.Name] = values[o.Name]
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
		for _, o := range sc.Options {
			if v := values[o.Name]; v != "" {
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
		for _, def := range sc.Options {
			if def.Name == o.Name && def.Complete != "" {
				return def.Complete, optionString(o.Value), true
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
