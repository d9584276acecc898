package bot

import (
	"context"
	"fmt"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/summarize"
)

// Stance shifts in alerts and digests: each statement is read against the
// same speaker's earlier statements, newest first; the first earlier
// statement on the same matter decides (summarize.CompareStance), so a
// speaker who flipped and flipped back is compared with where they last
// stood.

const (
	shiftHistory   = 50  // earlier statements of a speaker read per statement
	shiftQuoteRune = 120 // length of the earlier statement quoted
)

// markShifts sets Statement.Shift on the digest's statements that depart
// from their speaker's earlier stance. A store failure leaves the digest
// as it is: the flag is a bonus, the alert must still go out.
func markShifts(ctx context.Context, st store.Store, d *briefbot.Digest) {
	for si := range d.Stories {
		for ai := range d.Stories[si].Articles {
			a := &d.Stories[si].Articles[ai]
			before := a.PublishedAt
			for i := range a.Statements {
				s := &a.Statements[i]
				if s.SpeakerID == 0 || before.IsZero() || len(summarize.Stances(s.Text)) == 0 {
					continue
				}
				earlier, err := st.FindStatements(ctx, briefbot.StatementFilter{
					SpeakerID: s.SpeakerID, Until: before, Limit: shiftHistory})
				if err != nil {
					return
				}
				s.Shift = shiftNote(s.Text, earlier)
			}
		}
	}
}

// shiftNote compares text with earlier statements (newest first) and
// describes the departure, or returns "".
func shiftNote(text string, earlier []briefbot.StatementHit) string {
	for _, e := range earlier {
		shift, related, reversed := summarize.CompareStance(e.Text, text)
		if !related {
			continue
		}
		if !reversed {
			return ""
		}
		return fmt.Sprintf("departs from “%s” (%s): %s", Truncate(e.Text, shiftQuoteRune), dateOf(e.PublishedAt), shift.Describe())
	}
	return ""
}
