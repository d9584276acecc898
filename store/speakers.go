package store

import (
	"context"

	"github.com/briefbot/briefbot"
)

// SpeakerStore is the speaker registry. Every non-empty speaker of a saved
// statement is resolved, when the article is saved, to one Speaker: other
// spellings ("Sergey"/"Sergei"), initials ("S. Jaishankar"), a surname
// alone when the article names the person in full, and the gazetteer's
// aliases (own-script names: "Лавров", "王毅") all land on one entity,
// which statements reference (Statement.SpeakerID) and whose counts they
// feed.
type SpeakerStore interface {
	// FindSpeakers resolves what a user typed to speakers, best first, and
	// says how: an alias or whole-word match always ranks above a partial
	// (prefix or substring) one; only when neither finds anyone are words
	// within a small edit distance guessed (briefbot.MatchGuess). At most limit
	// speakers, most quoted first within a tier.
	FindSpeakers(ctx context.Context, name string, limit int) ([]briefbot.Speaker, briefbot.SpeakerMatch, error)
	// SpeakerByID returns a speaker with its aliases and roles over time;
	// briefbot.ErrNoSpeaker when there is none.
	SpeakerByID(ctx context.Context, id int64) (briefbot.Speaker, error)
	// StatementsOf returns the latest statements of the speakers, newest
	// first (by the article's publication, else fetch, time).
	StatementsOf(ctx context.Context, speakerIDs []int64, limit int) ([]briefbot.StatementHit, error)
}
