package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/topic"
)

// feedsArgs is the usage of the feeds command.
const feedsArgs = "[add <url> [name] [every 10m] [tags a,b] | remove <name>]"

// feedsCommand is `feeds` (status of each feed), `feeds add …` and
// `feeds remove …`. Adding and removing are for managers when
// [chat] managers is set; anyone may list.
func (r *Router) feedsCommand(ctx context.Context, req Request, _ string) (Reply, error) {
	action := req.Options["action"]
	if action == "" || action == "list" {
		return r.feeds(ctx, req, "")
	}
	if !r.mayManage(req) {
		return Reply{Ephemeral: true, Text: "Sorry, only the bot's managers may add or remove feeds. Anyone may list them with `" + r.prefix() + " feeds`."}, nil
	}
	m := FeedManager{Store: r.Store, Finder: r.Finder}
	if action == "add" {
		if r.Finder == nil {
			return Reply{Ephemeral: true, Text: "Adding feeds is not available here."}, nil
		}
		addReq, err := feedAddRequest(req.Options)
		if err != nil {
			return Reply{}, err
		}
		addReq.AddedBy = requester(req)
		res, err := m.Add(ctx, addReq)
		if reply, ok := refusalReply(err); ok {
			return reply, nil
		}
		if err != nil {
			return Reply{}, err
		}
		return Reply{Ephemeral: !res.Created, Text: r.addedText(res)}, nil
	}
	f, err := m.Remove(ctx, req.Options["feed"], false)
	if reply, ok := refusalReply(err); ok {
		return reply, nil
	}
	if err != nil {
		return Reply{}, err
	}
	r.logger().Info("feed removed", "feed", f.Name, "url", f.URL, "by", requester(req))
	return Reply{Text: fmt.Sprintf("Removed feed *%s* (%s). Its articles stay searchable.", f.Name, f.URL)}, nil
}

func refusalReply(err error) (Reply, bool) {
	var fr *FeedRefusal
	if errors.As(err, &fr) {
		return Reply{Ephemeral: true, Text: fr.Msg}, true
	}
	return Reply{}, false
}

// requester names who asked, for a run-time feed's AddedBy.
func requester(req Request) string {
	if req.User == "" || req.User == Terminal {
		return Terminal
	}
	return req.Platform + ":" + req.User
}

func (r *Router) addedText(res AddFeedResult) string {
	f := res.Feed
	if !res.Created {
		return fmt.Sprintf("Already there: *%s* (%s), %s.", f.Name, f.URL, FeedOrigin(f))
	}
	how := ""
	switch res.Found.Via {
	case "link":
		how = " (found through the page's feed link)"
	case "path":
		how = " (found at a usual feed address of the site)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Added feed *%s*: %s%s.\n", f.Name, f.URL, how)
	fmt.Fprintf(&b, "%q has %d items now; they are stored quietly, and items published from now on alert the channels they match.", res.Found.Title, res.Found.Items)
	if f.Interval > 0 {
		fmt.Fprintf(&b, " Checked every %s.", f.Interval)
	}
	if len(f.Tags) > 0 {
		fmt.Fprintf(&b, " Tags: %s.", strings.Join(f.Tags, ", "))
	}
	fmt.Fprintf(&b, "\nEverything from it in this channel: `%s subscribe feed:%s`.", r.prefix(), queryValue(f.Name))
	return b.String()
}

// queryValue quotes a name for the topic query language when needed.
func queryValue(name string) string {
	if strings.ContainsAny(name, " \t\"():") {
		return `"` + strings.ReplaceAll(name, `"`, "") + `"`
	}
	return name
}

// feedsText reads "[list | add <url> [name] [every 10m] [tags a,b] |
// remove <name>]" into the feeds command's options.
func feedsText(args string) (Options, error) {
	sub, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	switch strings.ToLower(sub) {
	case "", "list", "status":
		return Options{"action": "list"}, nil
	case "add":
		return feedAddText(rest)
	case "remove", "rm", "delete":
		return Options{"action": "remove", "feed": strings.TrimSpace(rest)}, nil
	}
	return nil, &UsageError{Msg: fmt.Sprintf("`feeds %s` is not a feeds command: use `feeds`, `feeds add <url>` or `feeds remove <name>`.", sub)}
}

// feedAddText reads "<url> [name] [every 10m] [tags a,b]" into the
// options of feeds add, each as written.
func feedAddText(args string) (Options, error) {
	words := strings.Fields(args)
	if len(words) == 0 {
		return nil, &UsageError{Msg: "Give the address of a feed or of a site that has one."}
	}
	opts := Options{"action": "add", "feed": words[0]}
	var name, tags []string
	for i := 1; i < len(words); i++ {
		switch strings.ToLower(words[i]) {
		case "every":
			if i+1 >= len(words) {
				return nil, &UsageError{Msg: "`every` needs a time span, e.g. every 10m."}
			}
			i++
			opts["every"] = words[i]
		case "tags", "tag":
			for i+1 < len(words) && !strings.EqualFold(words[i+1], "every") {
				i++
				tags = append(tags, words[i])
			}
		default:
			name = append(name, words[i])
		}
	}
	opts["name"] = strings.Trim(strings.Join(name, " "), `"'“”`)
	opts["tags"] = strings.Join(tags, ",")
	return opts, nil
}

// feedAddRequest turns the options of feeds add into a request: the
// address and name as given, every a span, tags comma-separated.
func feedAddRequest(opts Options) (AddFeedRequest, error) {
	req := AddFeedRequest{URL: strings.TrimSpace(opts["feed"]), Name: strings.TrimSpace(opts["name"])}
	if req.URL == "" {
		return AddFeedRequest{}, &UsageError{Msg: "Give the address of a feed or of a site that has one."}
	}
	if every := strings.TrimSpace(opts["every"]); every != "" {
		d, err := ParseSince(every)
		if err != nil {
			return AddFeedRequest{}, &UsageError{Msg: "every: " + err.Error()}
		}
		req.Interval = d
	}
	for _, t := range strings.Split(opts["tags"], ",") {
		if t = strings.TrimSpace(t); t != "" {
			req.Tags = append(req.Tags, t)
		}
	}
	return req, nil
}

// ParseFeedAddArgs reads "<url> [name] [every 10m] [tags a,b]"; the
// parts after the URL may come in any order, the name being the words
// that are neither.
func ParseFeedAddArgs(args string) (AddFeedRequest, error) {
	opts, err := feedAddText(args)
	if err != nil {
		return AddFeedRequest{}, err
	}
	return feedAddRequest(opts)
}

// FeedOrigin says who manages a feed: "config <file>" for a
// configuration's (change it in that file), "added by <who>" for a
// run-time one.
func FeedOrigin(f briefbot.Feed) string {
	switch {
	case f.Owner == briefbot.OwnerRuntime && f.AddedBy != "":
		return "added by " + f.AddedBy
	case f.Owner == briefbot.OwnerRuntime:
		return "added at run time"
	case strings.HasPrefix(f.Owner, briefbot.OwnerConfig+":"):
		return "config " + filepath.Base(strings.TrimPrefix(f.Owner, briefbot.OwnerConfig+":"))
	}
	return "config"
}

// feedFilterValue finds the values of feed: filters in a query, quoted
// or not.
var feedFilterValue = regexp.MustCompile(`(?i)\bfeed:(?:"([^"]*)"|(\S+))`)

// unknownFeedNote warns, after a subscription, when a feed: filter of its
// query matches no current feed: a typo would otherwise never alert. The
// subscription stands (the feed may be added later).
func (r *Router) unknownFeedNote(ctx context.Context, query string) string {
	matches := feedFilterValue.FindAllStringSubmatch(query, -1)
	if len(matches) == 0 {
		return ""
	}
	list, err := r.Store.ListFeeds(ctx)
	if err != nil {
		return ""
	}
	var unknown []string
	for _, m := range matches {
		value := m[1] + m[2]
		terms := topic.Tokenize(value)
		found := false
		for _, f := range list {
			if topic.NameMatches(topic.Tokenize(f.Name), terms) {
				found = true
				break
			}
		}
		if !found && len(terms) > 0 {
			unknown = append(unknown, fmt.Sprintf("%q", value))
		}
	}
	if len(unknown) == 0 {
		return ""
	}
	return fmt.Sprintf("\nNote: no feed is called %s yet, so nothing matches until one is (`%s feeds` lists them).", strings.Join(unknown, " or "), r.prefix())
}

// completeFeeds suggests active feed names containing prefix, those
// starting with it first.
func (r *Router) completeFeeds(ctx context.Context, prefix string, max int) []string {
	list, err := r.Store.ListFeeds(ctx)
	if err != nil {
		r.logger().Warn("complete feeds", "err", err)
		return nil
	}
	p := strings.ToLower(prefix)
	var starts, contains []string
	for _, f := range list {
		l := strings.ToLower(f.Name)
		switch {
		case strings.HasPrefix(l, p):
			starts = append(starts, f.Name)
		case strings.Contains(l, p):
			contains = append(contains, f.Name)
		}
	}
	out := append(starts, contains...)
	if len(out) > max {
		out = out[:max]
	}
	return out
}
