package web

import (
	"fmt"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

// chart is the timeline of a speaker as an SVG bar chart: one bar per
// week, each with a <title> shown on hover naming the week, the count and
// the week's statements the page has at hand.
type chart struct {
	Width, Height int
	Bars          []bar
	Peak          int
	Total         int
	First, Last   time.Time
	PeakWeek      time.Time
}

type bar struct {
	X, Y, W, H int
	Week       time.Time
	Count      int
	Title      string
}

const (
	chartBarWidth = 12
	chartHeight   = 120
	chartTitleMax = 3   // statements named in a bar's title
	chartTextMax  = 140 // characters of each
)

// newChart lays out weekly counts from since to until; statements fill
// the bars' titles (newest first is fine: they are grouped by week).
func newChart(counts []briefbot.WeekCount, statements []briefbot.StatementHit, since, until time.Time) chart {
	first, last := briefbot.WeekStart(since), briefbot.WeekStart(until)
	weeks := int(last.Sub(first)/(7*24*time.Hour)) + 1
	c := chart{Width: weeks * chartBarWidth, Height: chartHeight, First: first, Last: last}
	byWeek := map[time.Time]int{}
	for _, wc := range counts {
		byWeek[briefbot.WeekStart(wc.Week)] += wc.Count
	}
	texts := map[time.Time][]string{}
	for _, h := range statements {
		w := briefbot.WeekStart(h.PublishedAt)
		if len(texts[w]) < chartTitleMax {
			texts[w] = append(texts[w], h.PublishedAt.UTC().Format("Jan 2")+": “"+bot.Truncate(h.Text, chartTextMax)+"”")
		}
	}
	for i := range weeks {
		w := first.AddDate(0, 0, 7*i)
		n := byWeek[w]
		c.Total += n
		if n > c.Peak {
			c.Peak, c.PeakWeek = n, w
		}
	}
	for i := range weeks {
		w := first.AddDate(0, 0, 7*i)
		n := byWeek[w]
		b := bar{X: i * chartBarWidth, W: chartBarWidth - 2, Week: w, Count: n}
		if c.Peak > 0 && n > 0 {
			b.H = max(2, n*(chartHeight-4)/c.Peak)
		}
		b.Y = chartHeight - b.H
		b.Title = fmt.Sprintf("Week of %s: %s", w.Format("2 Jan 2006"), countText(n))
		for _, t := range texts[w] {
			b.Title += "\n" + t
		}
		if extra := n - len(texts[w]); len(texts[w]) > 0 && extra > 0 {
			b.Title += fmt.Sprintf("\n… and %d more", extra)
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

func countText(n int) string {
	if n == 1 {
		return "1 statement"
	}
	return fmt.Sprintf("%d statements", n)
}
