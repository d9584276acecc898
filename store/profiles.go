package store

import (
	"context"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/internal/textsearch"
)

// ProfileStore answers the history views of speakers: chat profiles and
// timelines, and the read-only web pages. A speaker is named by its key,
// SpeakerKey of the canonical name, until the speaker registry gives
// speakers IDs.
type ProfileStore interface {
	// SpeakerProfile summarises the statements of the speaker whose key
	// is key; false when they have none. Counts and first/last seen cover
	// every statement; name, mentions, roles and key statements the latest
	// few hundred, actors the latest few hundred articles.
	SpeakerProfile(ctx context.Context, key string) (briefbot.SpeakerProfile, bool, error)
	// SpeakerWeeks counts the statements matching f per week, oldest
	// first; weeks without statements are left out. Offset, Limit and
	// Oldest are ignored.
	SpeakerWeeks(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.WeekCount, error)
	// FindStatements returns the statements matching f, newest first (or
	// oldest first with f.Oldest), f.Limit of them after skipping f.Offset.
	FindStatements(ctx context.Context, f briefbot.StatementFilter) ([]briefbot.StatementHit, error)
	// Article returns one article with its statements and actors; false
	// when there is none with that ID.
	Article(ctx context.Context, id int64) (briefbot.Article, bool, error)
	// OutboxSummary counts pending and failed deliveries and lists the
	// latest failed ones (up to limit).
	OutboxSummary(ctx context.Context, limit int) (briefbot.OutboxSummary, error)
}

// SpeakerKey is the key a speaker's statements are stored under: the name
// lower-cased and accent-folded ("Sergéi Lavrov" → "sergei lavrov").
func SpeakerKey(name string) string { return textsearch.Fold(name) }
