package bot

import (
	"strings"
	"time"

	"github.com/briefbot/briefbot"
)

// sparkBars are the eight block heights of a Unicode sparkline.
var sparkBars = []rune("▁▂▃▄▅▆▇█")

// maxSparkBars keeps a sparkline on one chat line: longer spans group
// several weeks per bar.
const maxSparkBars = 52

// weekSeries spreads counts over every week from since to until (both
// rounded down to Monday), with zeros for quiet weeks, grouping weeks so
// there are at most maxSparkBars values. It returns the values and how
// many weeks each covers.
func weekSeries(counts []briefbot.WeekCount, since, until time.Time) ([]int, int) {
	first, last := briefbot.WeekStart(since), briefbot.WeekStart(until)
	weeks := int(last.Sub(first)/(7*24*time.Hour)) + 1
	if weeks < 1 {
		weeks = 1
	}
	per := (weeks + maxSparkBars - 1) / maxSparkBars
	values := make([]int, (weeks+per-1)/per)
	for _, c := range counts {
		i := int(briefbot.WeekStart(c.Week).Sub(first) / (7 * 24 * time.Hour))
		if i < 0 || i >= weeks {
			continue
		}
		values[i/per] += c.Count
	}
	return values, per
}

// sparkline draws values as block characters scaled to the largest: an
// empty week is the lowest bar, any statement at least the second.
func sparkline(values []int) string {
	peak := 0
	for _, v := range values {
		peak = max(peak, v)
	}
	var b strings.Builder
	for _, v := range values {
		switch {
		case v == 0:
			b.WriteRune(sparkBars[0])
		default:
			i := 1 + v*(len(sparkBars)-2)/peak // 1..7
			b.WriteRune(sparkBars[min(i, len(sparkBars)-1)])
		}
	}
	return b.String()
}
