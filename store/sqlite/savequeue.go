package sqlite

import (
	"context"
	"fmt"
	"sync"

	"github.com/briefbot/briefbot"
)

// maxGroupRows bounds the rows (articles, statements, actors) one group
// commit writes, so one transaction never holds the writer (and other
// writes: feed states, deliveries) for long: about 800 articles of the
// load harness, 100 of 30 statements and 40 actors each.
const maxGroupRows = 8192

// saveQueue is group commit for SaveArticles. SQLite has one writer, and
// a commit costs about as much as writing a feed's articles (WAL frames
// for every page touched, an FTS5 segment, the checkpoint): one commit
// per call made the writer the critical path of a cold poll cycle.
//
// Callers queue their request. One of them at a time is the leader: it
// takes the requests queued so far (its own first, up to
// maxGroupRows rows), writes them in one transaction, answers
// them, and hands the lead to the oldest request still queued. So
// requests that arrive while a transaction runs share the next one, and a
// lone request waits for nothing.
type saveQueue struct {
	mu      sync.Mutex
	pending []*saveRequest
	busy    bool // a leader is writing or the lead is being handed over

	groups int // transactions written, for tests
}

// saveRequest is one SaveArticles call.
type saveRequest struct {
	ctx  context.Context
	arts []*briefbot.Article
	rows []articleRows
	ids  []int64 // set when written; 0: duplicate
	err  error
	size int // rows: articles, statements and actors

	done chan struct{} // closed when written by another leader
	turn chan struct{} // closed when this request is to lead
}

// save writes r, alone or with other queued requests, and returns once r
// is committed or failed (r.err).
func (q *saveQueue) save(s *Store, r *saveRequest) {
	r.done, r.turn = make(chan struct{}), make(chan struct{})
	q.mu.Lock()
	q.pending = append(q.pending, r)
	lead := !q.busy
	q.busy = true
	q.mu.Unlock()
	if !lead {
		// No ctx case: once queued, the request may be in a transaction;
		// its caller must not reuse the articles before it is answered.
		// A leader skips requests whose context ended while queued.
		select {
		case <-r.done:
			return
		case <-r.turn:
		}
	}
	group := q.take()
	defer q.handOff(group)
	s.writeGroup(group)
}

// handOff answers the group's other requests and passes the lead on. If
// writing panicked, they fail (rather than wait forever, or take their
// unwritten articles for duplicates) and the panic goes on up the
// leader's own call.
func (q *saveQueue) handOff(group []*saveRequest) {
	p := recover()
	if p != nil {
		for _, g := range group {
			g.err = fmt.Errorf("write interrupted: %v", p)
			clear(g.ids)
		}
	}
	q.mu.Lock()
	q.groups++
	if len(q.pending) > 0 {
		close(q.pending[0].turn)
	} else {
		q.busy = false
	}
	q.mu.Unlock()
	for _, g := range group[1:] {
		close(g.done)
	}
	if p != nil {
		panic(p)
	}
}

// take removes the next group from the queue: the oldest request (the
// leader's own) and those after it up to maxGroupRows rows.
func (q *saveQueue) take() []*saveRequest {
	q.mu.Lock()
	defer q.mu.Unlock()
	n, rows := 1, q.pending[0].size
	for n < len(q.pending) && rows+q.pending[n].size <= maxGroupRows {
		rows += q.pending[n].size
		n++
	}
	group := q.pending[:n:n]
	q.pending = q.pending[n:]
	if len(q.pending) == 0 {
		q.pending = nil // let the backing array go
	}
	return group
}

// writeGroup writes the group's requests in one transaction. If that
// fails, each request is written on its own, so an article the store
// refuses fails only its own call.
func (s *Store) writeGroup(group []*saveRequest) {
	live := make([]*saveRequest, 0, len(group))
	for _, r := range group {
		if r.err = r.ctx.Err(); r.err == nil {
			live = append(live, r)
		}
	}
	if len(live) == 0 {
		return
	}
	// The transaction serves several callers: none of them may cancel it
	// halfway.
	ctx := context.WithoutCancel(live[0].ctx)
	err := s.writeArticles(ctx, live)
	if err == nil || len(live) == 1 {
		for _, r := range live {
			r.err = err
		}
		return
	}
	for _, r := range live {
		r.err = s.writeArticles(ctx, []*saveRequest{r})
	}
}
