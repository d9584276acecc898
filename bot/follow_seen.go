package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/briefbot/briefbot/topic"
)

// seenWindow is how far back follow looks for a name among article actors
// (speakers of statements are looked up without a time limit).
const seenWindow = 31 * 24 * time.Hour

// cutAnyway removes a trailing "anyway" (follow a name never seen).
func cutAnyway(args string) (string, bool) {
	fields := strings.Fields(args)
	if n := len(fields); n > 1 && strings.EqualFold(fields[n-1], "anyway") {
		return strings.Join(fields[:n-1], " "), true
	}
	return args, false
}

// unseen reports whether no statement's speaker and no recent article's
// actor matches name, with a reply saying so, the closest known speakers,
// and how to follow anyway. A typo in a follow would otherwise wait
// silently for a name that never comes.
func (r *Router) unseen(ctx context.Context, name string) (Reply, bool, error) {
	hits, err := r.Store.StatementsBySpeaker(ctx, name, 1)
	if err != nil {
		return Reply{}, false, err
	}
	if len(hits) == 0 {
		if hits, err = r.fuzzySpeakerHits(ctx, name); err != nil {
			return Reply{}, false, err
		}
	}
	if len(hits) > 0 {
		return Reply{}, false, nil
	}
	q, err := topic.Parse(FollowQuery(name))
	if err != nil {
		return Reply{}, false, nil // follow reports the bad name itself
	}
	arts, _, err := r.matchingCounted(ctx, []topic.Query{q}, r.now().Add(-seenWindow), 1)
	if err != nil {
		return Reply{}, false, err
	}
	if len(arts) > 0 {
		return Reply{}, false, nil
	}
	text := fmt.Sprintf("I have never seen %q: no statement by them and no article naming them in the last %s.", name, formatWindow(seenWindow))
	if similar := r.similarSpeakers(ctx, name); len(similar) > 0 {
		text += " Did you mean " + strings.Join(similar, " or ") + "?"
	}
	text += fmt.Sprintf(" To follow anyway, so this channel hears when they first appear: `%s follow %s anyway`.", r.prefix(), name)
	return Reply{Ephemeral: true, Text: text}, true, nil
}

// similarSpeakers lists up to three stored speakers sharing the start of
// the name's longest word.
func (r *Router) similarSpeakers(ctx context.Context, name string) []string {
	terms := topic.Tokenize(name)
	if len(terms) == 0 {
		return nil
	}
	longest := []rune(slices.MaxFunc(terms, func(a, b string) int { return len(a) - len(b) }))
	if len(longest) > 3 {
		longest = longest[:3]
	}
	names, err := r.Store.Speakers(ctx, string(longest), 3)
	if err != nil {
		r.logger().Warn("similar speakers", "err", err)
		return nil
	}
	return names
}
