package bot

import (
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

func TestSparkline(t *testing.T) {
	tests := map[string]struct {
		values []int
		want   string
	}{
		"quiet":             {[]int{0, 0, 0}, "▁▁▁"},
		"peak is the top":   {[]int{0, 1, 8}, "▁▂█"},
		"any count shows":   {[]int{1, 100}, "▂█"},
		"even steps":        {[]int{2, 4, 6}, "▄▆█"},
		"one value is full": {[]int{3}, "█"},
	}
	for name, tt := range tests {
		if got := sparkline(tt.values); got != tt.want {
			t.Errorf("%s: sparkline(%v) = %q, want %q", name, tt.values, got, tt.want)
		}
	}
}

func TestWeekSeries(t *testing.T) {
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	counts := []briefbot.WeekCount{{Week: monday, Count: 2}, {Week: monday.AddDate(0, 0, 14), Count: 5}}
	values, per := weekSeries(counts, monday.Add(36*time.Hour), monday.AddDate(0, 0, 20))
	if per != 1 || !slices.Equal(values, []int{2, 0, 5}) {
		t.Errorf("three weeks: %v per %d, want [2 0 5] per 1", values, per)
	}
	// Two years fold into at most 52 bars, each covering several weeks,
	// and no statement is lost.
	values, per = weekSeries(counts, monday.AddDate(-2, 0, 0), monday.AddDate(0, 0, 20))
	sum := 0
	for _, v := range values {
		sum += v
	}
	if len(values) > maxSparkBars || per < 2 || sum != 7 {
		t.Errorf("two years: %d bars of %d weeks, sum %d", len(values), per, sum)
	}
}
