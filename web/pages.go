package web

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/bot"
)

const (
	pageSize        = 20
	maxPage         = 500 // deeper pages cost the store more than anyone reads
	speakerWeeks    = 53  // the chart's span: a year of weeks
	chartStatements = 160 // latest statements whose text fills the bars' titles
	profileTopics   = 5
	topicScan       = 160
	failedShown     = 10
	cyclesShown     = 10
)

// statusData is the front page: what the bot is doing.
type statusData struct {
	Feeds         []briefbot.Feed
	FailingFeeds  int
	Cycles        []Cycle
	Outbox        briefbot.OutboxSummary
	Channels      []channelSubs
	Subscriptions int
}

type channelSubs struct {
	Platform, Channel string
	Subs              []briefbot.Subscription
}

func (w *Web) status(rw http.ResponseWriter, r *http.Request) {
	ctx, cancel := w.context(r)
	defer cancel()
	var d statusData
	var err error
	if d.Feeds, err = w.Store.ListFeeds(ctx); err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not read the feeds.", err)
		return
	}
	for _, f := range d.Feeds {
		if f.ErrorCount > 0 || f.Disabled {
			d.FailingFeeds++
		}
	}
	if d.Outbox, err = w.Store.OutboxSummary(ctx, failedShown); err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not read the outbox.", err)
		return
	}
	subs, err := w.Store.Subscriptions(ctx, "", "")
	if err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not read the subscriptions.", err)
		return
	}
	d.Subscriptions = len(subs)
	slices.SortStableFunc(subs, func(a, b briefbot.Subscription) int {
		return cmp.Or(cmp.Compare(a.Platform, b.Platform), cmp.Compare(a.Channel, b.Channel), cmp.Compare(a.Topic, b.Topic))
	})
	for _, s := range subs {
		if n := len(d.Channels); n == 0 || d.Channels[n-1].Platform != s.Platform || d.Channels[n-1].Channel != s.Channel {
			d.Channels = append(d.Channels, channelSubs{Platform: s.Platform, Channel: s.Channel})
		}
		c := &d.Channels[len(d.Channels)-1]
		c.Subs = append(c.Subs, s)
	}
	d.Cycles = w.Cycles.Latest()
	d.Cycles = d.Cycles[:min(len(d.Cycles), cyclesShown)]
	w.render(rw, r, "status", page{Title: "Status", Nav: "status", Data: d})
}

// searchData is the search form and one page of results.
type searchData struct {
	Q, Speaker, From, To string
	Error                string
	Hits                 []briefbot.StatementHit
	Page                 int
	Prev, Next           string // links to the neighbouring pages, "" when none
	Searched             bool
	Scanned              bool // the candidate scan hit its bound: older matches may be missing
	ScanLimit            int
}

func (w *Web) search(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := searchData{Q: strings.TrimSpace(q.Get("q")), Speaker: strings.TrimSpace(q.Get("speaker")),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Page: 1, ScanLimit: searchScan}
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > maxPage {
			d.Error = fmt.Sprintf("Page %q does not exist; pages run from 1 to %d.", p, maxPage)
		} else {
			d.Page = n
		}
	}
	status := http.StatusOK
	if d.Error == "" && (d.Q != "" || d.Speaker != "" || d.From != "" || d.To != "") {
		d.Searched = true
		ctx, cancel := w.context(r)
		defer cancel()
		var err error
		d.Hits, d.Scanned, err = w.runSearch(ctx, &d)
		var ue *searchError
		switch {
		case asSearchError(err, &ue):
			d.Error, status = ue.msg, http.StatusBadRequest
		case err != nil:
			w.fail(rw, r, http.StatusInternalServerError, "The search failed.", err)
			return
		}
	} else if d.Error != "" {
		status = http.StatusBadRequest
	}
	if len(d.Hits) > pageSize {
		d.Hits = d.Hits[:pageSize]
		d.Next = d.pageLink(d.Page + 1)
	}
	if d.Page > 1 {
		d.Prev = d.pageLink(d.Page - 1)
	}
	title := "Search"
	if d.Q != "" {
		title = "Search: " + d.Q
	}
	w.render(rw, r, "search", page{Title: title, Nav: "search", Data: d, Status: status})
}

func (d searchData) pageLink(n int) string {
	v := urlValues(map[string]string{"q": d.Q, "speaker": d.Speaker, "from": d.From, "to": d.To})
	v.Set("page", strconv.Itoa(n))
	return "/search?" + v.Encode()
}

// speakerData is a speaker's page.
type speakerData struct {
	Profile    briefbot.SpeakerProfile
	Roles      []briefbot.SpeakerRole // latest first
	AlsoCalled []string
	Topics     []briefbot.NameCount
	Chart      chart
	Statements []briefbot.StatementHit
	Page       int
	Prev, Next string
}

func (w *Web) speaker(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		w.fail(rw, r, http.StatusNotFound, fmt.Sprintf("%q is not a speaker number; find speakers on the search page.", r.PathValue("id")), nil)
		return
	}
	pageNo, ok := pageParam(r)
	if !ok {
		w.fail(rw, r, http.StatusBadRequest, fmt.Sprintf("Page %q does not exist; pages run from 1 to %d.", r.URL.Query().Get("page"), maxPage), nil)
		return
	}
	ctx, cancel := w.context(r)
	defer cancel()
	p, found, err := w.Store.SpeakerProfile(ctx, id)
	if err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not read this speaker.", err)
		return
	}
	if !found {
		w.fail(rw, r, http.StatusNotFound, fmt.Sprintf("There is no speaker %d. Search for a name on the search page.", id), nil)
		return
	}
	now := w.now()
	since := briefbot.WeekStart(now).AddDate(0, 0, -7*(speakerWeeks-1))
	counts, err := w.Store.SpeakerWeeks(ctx, briefbot.StatementFilter{SpeakerID: id, Since: since})
	if err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not count this speaker's statements.", err)
		return
	}
	recent, err := w.Store.FindStatements(ctx, briefbot.StatementFilter{SpeakerID: id, Since: since, Limit: chartStatements})
	if err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not read this speaker's statements.", err)
		return
	}
	d := speakerData{Profile: p, Chart: newChart(counts, recent, since, now), Page: pageNo, Roles: slices.Clone(p.Roles)}
	slices.Reverse(d.Roles) // latest first
	d.AlsoCalled = alsoCalled(p)
	if len(w.Topics) > 0 {
		d.Topics = bot.TopicCounts(w.Topics, recent[:min(len(recent), topicScan)], profileTopics)
	}
	d.Statements, err = w.Store.FindStatements(ctx, briefbot.StatementFilter{SpeakerID: id, Offset: (pageNo - 1) * pageSize, Limit: pageSize + 1})
	if err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not read this speaker's statements.", err)
		return
	}
	if len(d.Statements) > pageSize {
		d.Statements = d.Statements[:pageSize]
		d.Next = fmt.Sprintf("%s?page=%d", speakerPath(id), pageNo+1)
	}
	if pageNo > 1 {
		d.Prev = fmt.Sprintf("%s?page=%d", speakerPath(id), pageNo-1)
	}
	w.render(rw, r, "speaker", page{Title: p.Name, Nav: "search", Data: d})
}

// articleData is an article's page.
type articleData struct {
	Article  briefbot.Article
	People   []briefbot.Actor
	Others   []briefbot.Actor
	Speakers map[string]int64 // speaker name → registry ID, for links
}

func (w *Web) article(rw http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		w.fail(rw, r, http.StatusNotFound, fmt.Sprintf("%q is not an article number.", r.PathValue("id")), nil)
		return
	}
	ctx, cancel := w.context(r)
	defer cancel()
	a, found, err := w.Store.Article(ctx, id)
	if err != nil {
		w.fail(rw, r, http.StatusInternalServerError, "Could not read this article.", err)
		return
	}
	if !found {
		w.fail(rw, r, http.StatusNotFound, fmt.Sprintf("There is no article %d.", id), nil)
		return
	}
	d := articleData{Article: a, Speakers: map[string]int64{}}
	for _, st := range a.Statements {
		if st.SpeakerID != 0 {
			d.Speakers[st.Speaker] = st.SpeakerID
		}
	}
	for _, ac := range a.Actors {
		if ac.Type == briefbot.Person {
			d.People = append(d.People, ac)
		} else {
			d.Others = append(d.Others, ac)
		}
	}
	w.render(rw, r, "article", page{Title: a.Title, Data: d})
}

func pageParam(r *http.Request) (int, bool) {
	p := r.URL.Query().Get("page")
	if p == "" {
		return 1, true
	}
	n, err := strconv.Atoi(p)
	return n, err == nil && n >= 1 && n <= maxPage
}

// parseDay reads a date filter (YYYY-MM-DD); empty is the zero time.
func parseDay(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, &searchError{fmt.Sprintf("%s date %q is not a date; use YYYY-MM-DD, e.g. 2026-01-31.", field, s)}
	}
	return t, nil
}

// alsoCalled lists the ways articles referred to the speaker, then the
// registry's other aliases, each once.
func alsoCalled(p briefbot.SpeakerProfile) []string {
	seen := map[string]bool{strings.ToLower(p.Name): true}
	var out []string
	for _, n := range append(slices.Clone(p.Mentions), p.Aliases...) {
		if k := strings.ToLower(n); !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out
}
