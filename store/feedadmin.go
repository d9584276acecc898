package store

import (
	"context"

	"github.com/briefbot/briefbot"
)

// FeedAdmin manages who owns which feed. A feed row is active or retired;
// ListFeeds and ClaimDueFeeds see active feeds of every owner. A
// configuration's sync only retires that configuration's own feeds, so
// feeds added at run time, and feeds of another configuration, survive
// it. Retired rows keep their articles' references and come back when
// their URL is added again.
type FeedAdmin interface {
	// SyncConfigFeeds makes the active feeds owned by owner (a
	// configuration, briefbot.ConfigOwner) match feeds, keyed by URL: new
	// ones are added (due now, not primed), name, tags and interval of
	// known ones are updated and their fetch state kept, and the owner's
	// feeds missing from the list are retired. A listed URL that another
	// owner holds is taken over: a configuration is authoritative for its
	// entries. Feeds still marked with the unnamed briefbot.OwnerConfig
	// (databases from before ownership) are adopted the same way. It
	// returns the owner's feeds in the order given, one per URL.
	SyncConfigFeeds(ctx context.Context, owner string, feeds []briefbot.Feed) ([]briefbot.Feed, error)
	// AddFeed adds f as an active feed owned by f.Owner (OwnerRuntime when
	// empty), due now and not primed, so its first poll stays silent. When
	// an active feed has the same URL, nothing changes and that feed is
	// returned with false. A retired feed with the URL is brought back as
	// new (fetch state reset).
	AddFeed(ctx context.Context, f briefbot.Feed) (briefbot.Feed, bool, error)
	// RemoveFeed retires the active feed id if owner owns it; false when
	// no such feed is active under that owner.
	RemoveFeed(ctx context.Context, id int64, owner string) (bool, error)
}
