package briefbot

import "time"

// SpeakerProfile is a registry speaker (name, aliases, roles over time,
// counts, first and last seen) with what their statements add: how
// articles refer to them, who is involved with them, their key statements.
// The chat profile and the web page show it.
type SpeakerProfile struct {
	Speaker
	// Mentions are the ways articles referred to the speaker in their
	// latest statements ("Lavrov", "Russia's top diplomat"), most
	// frequent first; pronouns and lower-case descriptions left out.
	Mentions []string
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
	SpeakerID int64     // the registry speaker; 0: any
	Query     string    // full-text words, as the store's SearchStatements reads them
	Since     time.Time // statements dated (published, else fetched) at or after
	Until     time.Time // and before
	Offset    int
	Limit     int  // ≤ 0: no limit
	Oldest    bool // oldest first; default newest first
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
