package bot

import (
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/summarize"
)

// Digest building and rendering belong to summarize; these wrappers keep
// the bot's call sites in one place.

func buildDigest(title string, articles []briefbot.Article, since, until time.Time) briefbot.Digest {
	return summarize.BuildDigest(title, articles, since, until)
}

func renderText(d briefbot.Digest) string { return summarize.RenderText(d) }

func formatStatement(s briefbot.Statement, max int) string {
	return summarize.FormatStatement(s, max)
}
