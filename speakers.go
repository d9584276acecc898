package briefbot

import "time"

// SpeakerProfile is what is known about one speaker from their stored
// statements: the chat profile and the web page show it.
type SpeakerProfile struct {
	Key  string // the store's identity of the speaker (see store.SpeakerKey)
	Name string // the most frequent spelling of the name
	// Mentions are the ways articles referred to the speaker ("Lavrov",
	// "Russia's top diplomat"), most frequent first.
	Mentions   []string
	Roles      []SpeakerRole // latest first
	FirstSeen  time.Time
	LastSeen   time.Time
	Statements int
	Articles   int
	// Actors are those most often involved in the speaker's latest
	// articles, the speaker excluded.
	Actors []NameCount
	// Latest are the latest key statements, newest first.
	Latest []StatementHit
}

// SpeakerRole is a role and affiliation a speaker was quoted with, and
// between which dates.
type SpeakerRole struct {
	Role, Affiliation string
	From, Until       time.Time
}

// NameCount is a name and how often it occurred.
type NameCount struct {
	Name  string
	Count int
}

// WeekCount is the number of statements in the week starting Week
// (Monday 00:00 UTC).
type WeekCount struct {
	Week  time.Time
	Count int
}

// StatementFilter selects stored statements. Zero fields select everything.
type StatementFilter struct {
	Speaker string    // the speaker's key (store.SpeakerKey); exact
	Query   string    // full-text words, as the store's SearchStatements reads them
	Since   time.Time // statements dated (published, else fetched) at or after
	Until   time.Time // and before
	Offset  int
	Limit   int  // ≤ 0: no limit
	Oldest  bool // oldest first; default newest first
}

// OutboxSummary is the outbox at a glance.
type OutboxSummary struct {
	Pending, Failed int
	LatestFailed    []Delivery // newest first
}

// WeekStart returns the Monday 00:00 UTC that starts t's week.
func WeekStart(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	offset := (int(day.Weekday()) + 6) % 7 // Monday = 0
	return day.AddDate(0, 0, -offset)
}
