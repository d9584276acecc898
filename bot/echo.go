package bot

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Replies are Markdown shared by the platforms (Discord renders it, the
// Slack adapter converts it to mrkdwn). User text echoed in a reply must
// not become markup there: "[t](https://x)" a masked link, "<@123>" or
// "@everyone" a mention, "**x**" bold. Router.Handle escapes every echo
// of the user's own words in a reply (escapeEchoes), whichever command
// built it, so a new command cannot forget to.

// markupChars are the characters EscapeMarkdown escapes: those that can
// start markup in Discord Markdown or our Markdown→mrkdwn conversion.
const markupChars = MarkupChars

// MarkupChars are the characters EscapeMarkdown backslash-escapes; the
// Slack adapter reads such escapes back.
const MarkupChars = "\\*_~`|[]()<>@#"

// echoTriggers are the characters that make an echoed fragment worth
// escaping: links, mentions and formatting. Fragments without them (a
// URL, a time such as 08:00) are shown as they are.
const echoTriggers = "[]<>@*_~`|"

// EscapeMarkdown backslash-escapes every markup character of s, so that
// Discord shows it literally (any ASCII punctuation may be escaped) and the
// Slack adapter converts nothing in it (it drops the backslashes after
// converting). "@everyone" and "@here" also get a zero-width space so no
// client reads them as mentions.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(markupChars, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '@' {
			b.WriteRune('\u200b')
		}
	}
	return b.String()
}

// UnescapeMarkdown drops the backslashes EscapeMarkdown added, for
// renderers without Markdown (the Slack adapter after converting).
func UnescapeMarkdown(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	escaped := false
	for _, r := range s {
		if !escaped && r == '\\' {
			escaped = true
			continue
		}
		if escaped && !strings.ContainsRune(markupChars, r) {
			b.WriteByte('\\') // not ours: keep it
		}
		escaped = false
		b.WriteRune(r)
	}
	if escaped {
		b.WriteByte('\\')
	}
	return b.String()
}

// escapeEchoes escapes, in reply's text, every occurrence of a fragment
// of the user's request that carries markup: the whole argument text,
// each word, each option value, and their %q forms. One pass, longest
// fragment first, so nothing is escaped twice.
func escapeEchoes(reply Reply, req Request) Reply {
	if reply.Text == "" {
		return reply
	}
	var frags []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if len(s) < 2 || !strings.ContainsAny(s, echoTriggers) {
			return
		}
		frags = append(frags, s)
		if q := strconv.Quote(s); q[1:len(q)-1] != s {
			frags = append(frags, q[1:len(q)-1]) // as %q renders it inside the quotes
		}
	}
	add(req.Text)
	if _, rest, ok := strings.Cut(strings.TrimSpace(req.Text), " "); ok {
		add(rest)
	}
	for _, w := range strings.Fields(req.Text) {
		add(w)
	}
	for _, v := range req.Options {
		add(v)
		for _, w := range strings.Fields(v) {
			add(w)
		}
	}
	if len(frags) == 0 {
		return reply
	}
	slices.SortStableFunc(frags, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	frags = slices.Compact(frags)
	pairs := make([]string, 0, 2*len(frags))
	for _, f := range frags {
		pairs = append(pairs, f, EscapeMarkdown(f))
	}
	reply.Text = strings.NewReplacer(pairs...).Replace(reply.Text)
	return reply
}
