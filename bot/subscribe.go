package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/topic"
)

// Channel commands: topics, subscribe, unsubscribe, subscriptions, follow,
// unfollow. Changing commands are permission-checked by the router.

// followPrefix names follow subscriptions: "follow: Sergei Lavrov".
const followPrefix = "follow: "

func (r *Router) topics(ctx context.Context, req Request, args string) (Reply, error) {
	var b strings.Builder
	if len(r.Topics) == 0 {
		b.WriteString("No topics are configured; subscribe with any query instead.\n")
	} else {
		b.WriteString("Topics:\n")
		for _, name := range sortedKeys(r.Topics) {
			fmt.Fprintf(&b, "• %s — %s\n", name, r.Topics[name])
		}
	}
	subs, err := r.Store.Subscriptions(ctx, req.Platform, req.Channel)
	if err != nil {
		return Reply{}, err
	}
	var adhoc []string
	for _, s := range subs {
		if _, ok := r.Topics[s.Topic]; !ok && !s.Follow {
			adhoc = append(adhoc, s.Topic)
		}
	}
	if len(adhoc) > 0 {
		b.WriteString("Ad-hoc topics of this channel:\n")
		for _, t := range adhoc {
			fmt.Fprintf(&b, "• %s\n", t)
		}
	}
	fmt.Fprintf(&b, "Subscribe with `%s subscribe <topic or query> [instant | daily HH:MM Area/City]`.", r.prefix())
	return Reply{Ephemeral: true, Text: b.String()}, nil
}

// SubscribeArgs is a parsed "subscribe" argument list.
type SubscribeArgs struct {
	Topic    string // topic name or query text
	Mode     string // briefbot.ModeInstant or briefbot.ModeDaily
	DailyAt  string // "HH:MM" for daily
	Timezone string // IANA zone for daily
}

// ParseSubscribeArgs reads "<topic or query> [instant | daily HH:MM
// Area/City]". The mode defaults to instant; a daily subscription without
// a zone is in UTC. Errors name the bad input.
func ParseSubscribeArgs(args string) (SubscribeArgs, error) {
	fields := strings.Fields(args)
	out := SubscribeArgs{Mode: briefbot.ModeInstant}
	explicitMode := true
	if n := len(fields); n > 0 && strings.EqualFold(fields[n-1], briefbot.ModeInstant) {
		fields = fields[:n-1]
	} else {
		explicitMode = false
		// The mode is the last "daily" followed by at most two words.
		for k := len(fields) - 1; k >= 1 && k >= len(fields)-3; k-- {
			if !strings.EqualFold(fields[k], briefbot.ModeDaily) {
				continue
			}
			rest := fields[k+1:]
			if len(rest) == 0 {
				return out, &UsageError{Msg: "Daily at what time? Give HH:MM and a time zone, e.g. daily 08:00 Europe/Paris."}
			}
			at, err := parseClock(rest[0])
			if err != nil {
				return out, &UsageError{Msg: err.Error()}
			}
			zone := "UTC"
			if len(rest) == 2 {
				zone = rest[1]
			}
			if err := checkZone(zone); err != nil {
				return out, &UsageError{Msg: err.Error()}
			}
			out.Mode, out.DailyAt, out.Timezone = briefbot.ModeDaily, at, zone
			fields, explicitMode = fields[:k], true
			break
		}
	}
	if err := checkModeWords(fields, explicitMode); err != nil {
		return out, err
	}
	out.Topic = strings.Join(fields, " ")
	if out.Topic == "" {
		return out, &UsageError{Msg: "Subscribe to what? Give a topic name or a query, e.g. russia or \"security council\"."}
	}
	return out, nil
}

// parseClock validates a 24-hour "HH:MM" and returns it zero-padded.
func parseClock(s string) (string, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || len(h) > 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return "", fmt.Errorf("%q is not a time of day; use 24-hour HH:MM, e.g. 08:00", s)
	}
	return fmt.Sprintf("%02d:%02d", hh, mm), nil
}

func checkZone(zone string) error {
	if zone == "" || strings.EqualFold(zone, "local") {
		return fmt.Errorf("%q is not a time zone; use an IANA name like Europe/Paris or UTC", zone)
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return fmt.Errorf("unknown time zone %q; use an IANA name like Europe/Paris, America/New_York or UTC", zone)
	}
	return nil
}

func (r *Router) subscribe(ctx context.Context, req Request, _ string) (Reply, error) {
	sa, err := subscribeOptions(req.Options)
	if err != nil {
		return Reply{}, err
	}
	sub := briefbot.Subscription{
		Platform: req.Platform, Channel: req.Channel,
		Mode: sa.Mode, DailyAt: sa.DailyAt, Timezone: sa.Timezone,
		CreatedBy: req.User, CreatedAt: r.now(),
	}
	if name, query, ok := r.configuredTopic(sa.Topic); ok {
		sub.Topic, sub.Query = name, query
	} else {
		q, err := topic.Parse(sa.Topic)
		if err != nil {
			return Reply{}, &UsageError{Msg: fmt.Sprintf("%q is neither a configured topic nor a valid query: %v.", sa.Topic, err)}
		}
		sub.Topic, sub.Query = q.String(), q.String()
	}
	if _, err := r.Store.AddSubscription(ctx, sub); err != nil {
		return Reply{}, err
	}
	how := "instant alerts, batched per poll"
	if sub.Mode == briefbot.ModeDaily {
		how = fmt.Sprintf("a daily digest at %s %s", sub.DailyAt, sub.Timezone)
	}
	text := fmt.Sprintf("Subscribed this channel to %q (%s): %s.", sub.Topic, sub.Query, how)
	if sub.Topic == sub.Query {
		text = fmt.Sprintf("Subscribed this channel to %q: %s.", sub.Topic, how)
	}
	text += r.unknownFeedNote(ctx, sub.Query)
	return Reply{Text: text}, nil
}

func (r *Router) unsubscribe(ctx context.Context, req Request, args string) (Reply, error) {
	topic := strings.TrimSpace(args)
	if topic == "" {
		return Reply{}, &UsageError{Msg: "Unsubscribe from what? Give the topic as listed by subscriptions."}
	}
	return r.removeSubscription(ctx, req, topic)
}

func (r *Router) removeSubscription(ctx context.Context, req Request, topic string) (Reply, error) {
	subs, err := r.Store.Subscriptions(ctx, req.Platform, req.Channel)
	if err != nil {
		return Reply{}, err
	}
	for _, s := range subs {
		if !strings.EqualFold(s.Topic, topic) {
			continue
		}
		if _, err := r.Store.RemoveSubscription(ctx, req.Platform, req.Channel, s.Topic); err != nil {
			return Reply{}, err
		}
		return Reply{Text: fmt.Sprintf("Unsubscribed this channel from %q.", s.Topic)}, nil
	}
	text := fmt.Sprintf("This channel has no subscription to %q.", topic)
	if len(subs) == 0 {
		text += " It has no subscriptions at all."
	} else {
		text += " Its subscriptions:\n" + listSubscriptions(subs)
	}
	return Reply{Ephemeral: true, Text: text}, nil
}

func (r *Router) subscriptions(ctx context.Context, req Request, args string) (Reply, error) {
	subs, err := r.Store.Subscriptions(ctx, req.Platform, req.Channel)
	if err != nil {
		return Reply{}, err
	}
	if len(subs) == 0 {
		return Reply{Ephemeral: true, Text: fmt.Sprintf("This channel has no subscriptions. Add one with `%s subscribe <topic or query>`.", r.prefix())}, nil
	}
	return Reply{Ephemeral: true, Text: "This channel's subscriptions:\n" + listSubscriptions(subs)}, nil
}

func listSubscriptions(subs []briefbot.Subscription) string {
	var b strings.Builder
	for _, s := range subs {
		how := "instant"
		if s.Mode == briefbot.ModeDaily {
			how = "daily " + s.DailyAt + " " + s.Timezone
		}
		if s.Topic != s.Query && !s.Follow {
			fmt.Fprintf(&b, "• %s (%s) — %s\n", s.Topic, s.Query, how)
		} else {
			fmt.Fprintf(&b, "• %s — %s\n", s.Topic, how)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// FollowQuery is the query of a follow subscription: the name as a
// statement speaker or as any actor.
func FollowQuery(name string) string {
	name = strings.NewReplacer(`"`, "", "“", "", "”", "").Replace(name)
	return fmt.Sprintf("speaker:%q OR actor:%q", name, name)
}

// subscribeText reads "<topic or query> [instant | daily HH:MM
// Area/City]" into subscribe's options.
func subscribeText(args string) (Options, error) {
	sa, err := ParseSubscribeArgs(args)
	if err != nil {
		return nil, err
	}
	return Options{"topic": sa.Topic, "mode": sa.Mode, "time": sa.DailyAt, "zone": sa.Timezone}, nil
}

// followText reads "<name> [anyway]" into follow's options.
func followText(args string) Options {
	name, anyway := cutAnyway(args)
	opts := Options{"name": name}
	if anyway {
		opts["anyway"] = "anyway"
	}
	return opts
}

func (r *Router) follow(ctx context.Context, req Request, _ string) (Reply, error) {
	anyway := req.Options["anyway"] == "anyway"
	name := strings.Join(strings.Fields(strings.Trim(req.Options["name"], `"“” `)), " ")
	if len(topic.Tokenize(name)) == 0 {
		return Reply{}, &UsageError{Msg: "Follow whom? Give a speaker or actor, e.g. Lavrov or NATO."}
	}
	if !anyway {
		if reply, unseen, err := r.unseen(ctx, name); err != nil || unseen {
			return reply, err
		}
	}
	query := FollowQuery(name)
	if canonical := r.canonicalSpeaker(ctx, name); canonical != name {
		query += " OR " + FollowQuery(canonical) // the registry's name: every spelling is stored as it
	}
	sub := briefbot.Subscription{
		Platform: req.Platform, Channel: req.Channel,
		Topic: followPrefix + name, Query: query,
		Mode: briefbot.ModeInstant, Follow: true,
		CreatedBy: req.User, CreatedAt: r.now(),
	}
	if _, err := topic.Parse(sub.Query); err != nil {
		return Reply{}, &UsageError{Msg: fmt.Sprintf("Can't follow %q: %v.", name, err)}
	}
	if _, err := r.Store.AddSubscription(ctx, sub); err != nil {
		return Reply{}, err
	}
	return Reply{Text: fmt.Sprintf("Following %s: this channel is alerted whenever they are quoted or involved. Stop with `%s unfollow %s`.", name, r.prefix(), name)}, nil
}

func (r *Router) unfollow(ctx context.Context, req Request, args string) (Reply, error) {
	name := strings.Join(strings.Fields(strings.Trim(args, `"“” `)), " ")
	if name == "" {
		return Reply{}, &UsageError{Msg: "Unfollow whom? Give the name you followed."}
	}
	return r.removeSubscription(ctx, req, followPrefix+name)
}

// subscribeOptions reads a structured subscribe (Discord options): the
// topic exactly as given, the mode from its own option. A time without a
// mode means daily; a daily subscription without a zone is in UTC.
func subscribeOptions(opts map[string]string) (SubscribeArgs, error) {
	out := SubscribeArgs{Topic: strings.TrimSpace(opts["topic"]), Mode: strings.ToLower(strings.TrimSpace(opts["mode"]))}
	at, zone := strings.TrimSpace(opts["time"]), strings.TrimSpace(opts["zone"])
	if out.Mode == "" {
		out.Mode = briefbot.ModeInstant
		if at != "" {
			out.Mode = briefbot.ModeDaily
		}
	}
	if out.Topic == "" {
		return out, &UsageError{Msg: "Subscribe to what? Give a topic name or a query, e.g. russia or \"security council\"."}
	}
	switch out.Mode {
	case briefbot.ModeInstant:
		if at != "" || zone != "" {
			return out, &UsageError{Msg: "time and zone are for daily digests: choose mode daily, or leave them out."}
		}
	case briefbot.ModeDaily:
		if at == "" {
			return out, &UsageError{Msg: "Daily at what time? Give time HH:MM (and a zone, e.g. Europe/Paris)."}
		}
		clock, err := parseClock(at)
		if err != nil {
			return out, &UsageError{Msg: err.Error()}
		}
		if zone == "" {
			zone = "UTC"
		}
		if err := checkZone(zone); err != nil {
			return out, &UsageError{Msg: err.Error()}
		}
		out.DailyAt, out.Timezone = clock, zone
	default:
		return out, &UsageError{Msg: fmt.Sprintf("mode %q: use instant or daily.", out.Mode)}
	}
	return out, nil
}
