package discord

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/briefbot/briefbot/bot"
	"github.com/briefbot/briefbot/bot/bottest"
)

func TestSubcommandsAreTheRoutersCommands(t *testing.T) {
	d := newTestDiscord(t, Config{}, &bottest.Handler{})
	cmds := d.applicationCommands()
	specs := bot.Commands()
	if len(cmds) != 1 || len(cmds[0].Options) != len(specs) {
		t.Fatalf("registered %d subcommands, the router has %d commands", len(cmds[0].Options), len(specs))
	}
	for i, sub := range cmds[0].Options {
		if sub.Name != specs[i].Name || len(sub.Options) != len(specs[i].Options) {
			t.Errorf("subcommand %d = %s with %d options, router has %s with %d", i, sub.Name, len(sub.Options), specs[i].Name, len(specs[i].Options))
		}
	}
}

func TestRequestForKeepsOptionsStructured(t *testing.T) {
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(commandInteraction(2, "subscribe", "topic", "china daily 08:00 UTC")), &i); err != nil {
		t.Fatal(err)
	}
	req := requestFor(&i)
	if req.Command != "subscribe" || req.Options["topic"] != "china daily 08:00 UTC" || len(req.Options) != 1 {
		t.Fatalf("requestFor = command %q options %q; want subscribe with the topic as given", req.Command, req.Options)
	}
}
