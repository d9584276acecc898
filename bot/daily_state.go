package bot

import (
	"fmt"
	"time"
)

// defaultDailyScan is Dispatcher.DailyScan's default.
const defaultDailyScan = 20000

// dailyKeep is how long a handled daily key is remembered: a key names one
// day's digest, and a day's digest is due only within that day, so two
// days cover every zone; older keys are dropped and the map stays bounded
// by the number of daily subscriptions.
const dailyKeep = 48 * time.Hour

func (d *Dispatcher) dailyScan() int {
	if d.DailyScan > 0 {
		return d.DailyScan
	}
	return defaultDailyScan
}

func (d *Dispatcher) dailyHandled(key string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.dailyDone[key]
	return ok
}

// markDaily remembers key, naming the digest scheduled at scheduled, as
// handled.
func (d *Dispatcher) markDaily(key string, scheduled time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dailyDone == nil {
		d.dailyDone = map[string]time.Time{}
	}
	d.dailyDone[key] = scheduled
}

// pruneDaily forgets keys scheduled more than dailyKeep before now; Daily
// calls it once per round.
func (d *Dispatcher) pruneDaily(now time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k, at := range d.dailyDone {
		if now.Sub(at) > dailyKeep {
			delete(d.dailyDone, k)
		}
	}
}

// dailyRemembered is how many daily keys are held (tests).
func (d *Dispatcher) dailyRemembered() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.dailyDone)
}

// scanCutNote is appended to a daily digest's title when the article cap
// cut the read after since: articles between since and scanFrom were not
// searched.
func scanCutNote(scanFrom, since time.Time) string {
	if scanFrom.IsZero() || !scanFrom.After(since) {
		return ""
	}
	return fmt.Sprintf(" (only articles fetched since %s UTC were searched: the daily article cap was reached)", scanFrom.UTC().Format("2006-01-02 15:04"))
}
