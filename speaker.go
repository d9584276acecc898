package briefbot

import (
	"errors"
	"time"
)

// Speaker is one person (or group, "experts") quoted in stored articles.
type Speaker struct {
	ID          int64
	Name        string   // canonical display name
	Aliases     []string // other names it is found by (SpeakerByID only)
	Role        string   // the latest role and affiliation seen
	Affiliation string
	Roles       []SpeakerRole // over time, oldest first (SpeakerByID only)
	Statements  int           // statements attributed to the speaker
	Articles    int           // articles quoting the speaker
	FirstSeen   time.Time     // publication (else fetch) time of the first and latest article
	LastSeen    time.Time
}

// SpeakerMatch says how FindSpeakers found its speakers.
type SpeakerMatch int

// Match tiers, best first.
const (
	MatchNone    SpeakerMatch = iota
	MatchAlias                // the whole name, another spelling or a known alias
	MatchWord                 // every word typed is a whole word of the name
	MatchPartial              // words typed begin or occur inside the name
	MatchGuess                // words within a small edit distance ("Lavorv")
)

// ErrNoSpeaker is the store's SpeakerByID's error for an unknown ID.
var ErrNoSpeaker = errors.New("no such speaker")
