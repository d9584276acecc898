package store

import (
	"context"

	"github.com/briefbot/briefbot"
)

// ProfileStore answers the history views of speakers: chat profiles and
// timelines, and the read-only web pages. Speakers are the registry's
// (SpeakerStore), by ID.
type ProfileStore interface {
	// SpeakerProfile returns the registry speaker with ID id and what
	// their latest few hundred statements add (mentions, key statements,
	// actors of their articles); false when there is no such speaker.
	SpeakerProfile(ctx context.Context, id int64) (briefbot.SpeakerProfile, bool, error)
	// SpeakerWeeks counts the statements matching f per week, oldest
	// first; weeks without statements are left out. Offset, Limit and
	// Oldest are ignored.
	SpeakerWeeks(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.WeekCount, error)
	// FindStatements returns the statements matching f, newest first (or
	// oldest first with f.Oldest), f.Limit of them after skipping f.Offset.
	// A text query without a speaker orders by when statements were
	// stored, so a page reads only the newest matches.
	FindStatements(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.StatementHit, error)
	// Article returns one article with its statements and actors; false
	// when there is none with that ID.
	Article(ctx context.Context, id int64) (briefbot.Article, bool, error)
	// OutboxSummary counts pending and failed deliveries and lists the
	// latest failed ones (up to limit).
	OutboxSummary(ctx context.Context, limit int) (briefbot.OutboxSummary, error)
}
