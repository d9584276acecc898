package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/internal/backoff"
	"github.com/briefbot/briefbot/metrics"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/summarize"
	"github.com/briefbot/briefbot/topic"
)

// Dispatcher owns the outbox: it matches new articles against instant and
// follow subscriptions (Dispatch), enqueues daily digests at each channel's
// local time (Daily), and sends pending deliveries through the platform's
// Sender with retries (Flush). Every step is idempotent through the
// store's delivery keys, so replicas and restarts never post twice.
type Dispatcher struct {
	Store   store.Store
	Senders map[string]Sender // platform → sender ("slack", "discord", "console")
	Topics  map[string]string // configured topic name → query (overrides a subscription's stored query)
	Clock   briefbot.Clock    // nil: time.Now
	Owner   string            // replica id for claims and leases (unique per process)
	Logger  *slog.Logger      // nil: slog.Default()

	// Optional tuning; zero values use the defaults below.
	Lease       time.Duration // how long a claimed delivery is ours; 0: 45s. A dead process's delivery is taken over after it.
	RetryBase   time.Duration // first retry delay after a failure, doubled per attempt (with jitter); 0: 30s
	RetryMax    time.Duration // longest retry delay; 0: 10m
	GiveUpAfter time.Duration // a delivery failing for this long fails for good; 0: 26h
	SendTimeout time.Duration // per Send call; 0: 30s
	// DailyScan caps the articles read for one round of daily digests
	// (the last 48 hours); 0: 20000. When it cuts, the log and the
	// digests' titles say from when articles were searched.
	DailyScan int

	mu         sync.Mutex
	dailyDone  map[string]time.Time // daily keys handled by this process → their scheduled time (saves rebuilding; pruned after two days)
	gaugesAt   time.Time            // last refresh of the queue gauges
	randJitter func(n int64) int64
}

const (
	defaultLease       = 45 * time.Second
	defaultRetryBase   = 30 * time.Second
	defaultRetryMax    = 10 * time.Minute
	defaultGiveUpAfter = 26 * time.Hour // outlasts a 24 h outage by more than the retry cap
	defaultSendTimeout = 30 * time.Second
	dispatchBatch      = 1000
	claimBatch         = 20
	maxFlush           = 1000 // deliveries claimed by one Flush call
	gaugeEvery         = 10 * time.Second
	dailyLeaseName     = "bot:daily"
	dailyLeaseTTL      = 2 * time.Minute
	dailyWindow        = 24 * time.Hour
)

func (d *Dispatcher) now() time.Time {
	if d.Clock != nil {
		return d.Clock()
	}
	return time.Now()
}

func (d *Dispatcher) logger() *slog.Logger {
	if d.Logger != nil {
		return d.Logger
	}
	return slog.Default()
}

func orDefault[T cmp.Ordered](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// queryOf is the query a subscription runs (see Router.queryOf).
func (d *Dispatcher) queryOf(s briefbot.Subscription) string {
	if q, ok := d.Topics[s.Topic]; ok && !s.Follow {
		return q
	}
	return s.Query
}

type channelKey struct{ platform, channel string }

// channelBatch collects what one channel gets from one Dispatch call.
type channelBatch struct {
	articles []*briefbot.Article
	seen     map[int64]bool
	topics   []string
}

// Dispatch matches undispatched articles against instant and follow
// subscriptions and enqueues ONE delivery per (platform, channel) per call,
// keyed "instant:<platform>:<channel>:<min article id>-<max article id>",
// then marks the articles dispatched. An article matching several topics
// of a channel appears once. A crash before MarkDispatched re-runs the
// same match: the key, and the store's one-article-per-channel rule, keep
// it from being enqueued twice. It returns the number of deliveries
// created.
func (d *Dispatcher) Dispatch(ctx context.Context) (int, error) {
	// One batch per call: a flood larger than that is spread over the
	// next poll cycles, one message per channel each.
	arts, err := d.Store.UndispatchedArticles(ctx, dispatchBatch)
	if err != nil {
		return 0, fmt.Errorf("undispatched articles: %w", err)
	}
	if len(arts) == 0 {
		return 0, nil
	}
	subs, err := d.Store.Subscriptions(ctx, "", "")
	if err != nil {
		return 0, fmt.Errorf("subscriptions: %w", err)
	}
	type compiled struct {
		sub briefbot.Subscription
		q   topic.Query
	}
	var active []compiled
	for _, s := range subs {
		if s.Mode != briefbot.ModeInstant && !s.Follow {
			continue
		}
		q, err := topic.Parse(d.queryOf(s))
		if err != nil {
			d.logger().Warn("skipping subscription with a bad query", "platform", s.Platform, "channel", s.Channel, "topic", s.Topic, "err", err)
			continue
		}
		active = append(active, compiled{s, q})
	}

	batches := map[channelKey]*channelBatch{}
	for i := range arts {
		a := &arts[i]
		if a.Silent {
			continue
		}
		ix := topic.NewArticleIndex(a) // once per article, shared by every topic
		for _, c := range active {
			if !c.q.MatchIndex(ix) {
				continue
			}
			k := channelKey{c.sub.Platform, c.sub.Channel}
			b := batches[k]
			if b == nil {
				b = &channelBatch{seen: map[int64]bool{}}
				batches[k] = b
			}
			if !slices.Contains(b.topics, c.sub.Topic) {
				b.topics = append(b.topics, c.sub.Topic)
			}
			if !b.seen[a.ID] {
				b.seen[a.ID] = true
				b.articles = append(b.articles, a)
			}
		}
	}

	now := d.now()
	enqueued := 0
	keys := slices.SortedFunc(maps.Keys(batches), func(a, b channelKey) int {
		return cmp.Or(cmp.Compare(a.platform, b.platform), cmp.Compare(a.channel, b.channel))
	})
	for _, k := range keys {
		b := batches[k]
		created, err := d.enqueueInstant(ctx, k, b, now)
		if err != nil {
			return enqueued, err
		}
		if created {
			enqueued++
		}
	}

	ids := make([]int64, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	if err := d.Store.MarkDispatched(ctx, ids); err != nil {
		return enqueued, fmt.Errorf("mark dispatched: %w", err)
	}
	return enqueued, nil
}

func (d *Dispatcher) enqueueInstant(ctx context.Context, k channelKey, b *channelBatch, now time.Time) (bool, error) {
	list := make([]briefbot.Article, len(b.articles))
	ids := make([]int64, len(b.articles))
	since := now
	for i, a := range b.articles {
		list[i] = *a
		ids[i] = a.ID
		if t := a.FetchedAt; !t.IsZero() && t.Before(since) {
			since = t
		}
	}
	slices.Sort(ids)
	title := "New on " + strings.Join(b.topics, ", ")
	if len(b.topics) == 1 && strings.HasPrefix(b.topics[0], followPrefix) {
		title = "Following " + strings.TrimPrefix(b.topics[0], followPrefix)
	}
	del := briefbot.Delivery{
		Platform:   k.platform,
		Channel:    k.channel,
		Key:        fmt.Sprintf("instant:%s:%s:%d-%d", k.platform, k.channel, ids[0], ids[len(ids)-1]),
		ArticleIDs: ids,
		Payload:    summarize.BuildDigest(title, list, since, now),
		Status:     briefbot.DeliveryPending,
		NextTry:    now,
		CreatedAt:  now,
	}
	markShifts(ctx, d.Store, &del.Payload)
	_, created, err := d.Store.Enqueue(ctx, del)
	if err != nil {
		return false, fmt.Errorf("enqueue %s: %w", del.Key, err)
	}
	return created, nil
}

// Flush sends due deliveries: it claims them (so another replica won't),
// records that an attempt starts, calls the platform's Sender, and marks
// each sent or schedules it again. A 429's Retry-After is waited out
// without counting as an attempt, however long the storm; other failures
// back off (RetryBase·2^(attempt−1), at most RetryMax, with jitter) and
// fail for good only after GiveUpAfter (26 h) of failing. A process that
// dies holding a claim loses nothing: the claim expires after Lease and
// the next Flush, here or on another replica, sends the delivery with
// Post.Recheck, so parts the platform already stored are not posted
// again. It returns the number of deliveries sent.
func (d *Dispatcher) Flush(ctx context.Context) (int, error) {
	lease := orDefault(d.Lease, defaultLease)
	timeout := orDefault(d.SendTimeout, defaultSendTimeout)
	// Claim no more than can be sent, one after another, before the claim
	// runs out: a claim that expires mid-batch would let another replica
	// send the same delivery.
	batch := max(1, min(claimBatch, int(lease/timeout)-1))
	sent := 0
	defer d.refreshGauges(ctx)
	for claimedTotal := 0; claimedTotal < maxFlush && ctx.Err() == nil; {
		claimedAt := time.Now()
		claimed, err := d.Store.ClaimDeliveries(ctx, d.Owner, d.now(), lease, batch)
		if err != nil {
			return sent, fmt.Errorf("claim deliveries: %w", err)
		}
		claimedTotal += len(claimed)
		for _, del := range claimed {
			if time.Since(claimedAt)+timeout > lease {
				// Leave it: the claim lapses and it is sent later, once.
				break
			}
			ok, err := d.send(ctx, del)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
		if len(claimed) < batch {
			break
		}
	}
	return sent, ctx.Err()
}

// send delivers one claimed delivery and records the outcome. The error is
// a store failure; a send failure is recorded, not returned.
func (d *Dispatcher) send(ctx context.Context, del briefbot.Delivery) (bool, error) {
	log := d.logger().With("delivery", del.ID, "key", del.Key, "platform", del.Platform, "channel", del.Channel)
	sender, ok := d.Senders[del.Platform]
	if !ok {
		// Not the message's fault: it waits, without counting attempts,
		// until the platform is configured (cmd warns at start).
		next := d.now().Add(orDefault(d.RetryMax, defaultRetryMax))
		if err := d.Store.Postpone(ctx, del.ID, fmt.Sprintf("no sender configured for platform %q", del.Platform), next); err != nil {
			return false, fmt.Errorf("postpone %d: %w", del.ID, err)
		}
		return false, nil
	}
	// Durably "attempt started" before anything reaches the platform: if
	// we die mid-post, whoever sends this next knows to look first.
	started, ok, err := d.Store.StartAttempt(ctx, del.ID, d.Owner, d.now())
	if err != nil {
		return false, fmt.Errorf("start attempt %d: %w", del.ID, err)
	}
	if !ok {
		log.Warn("claim lapsed before sending; leaving the delivery to its next claimant")
		return false, nil
	}
	post := Post{Key: del.Key, Channel: del.Channel, Digest: del.Payload,
		Recheck: !del.StartedAt.IsZero(), Since: started.StartedAt}
	sctx, cancel := context.WithTimeout(ctx, orDefault(d.SendTimeout, defaultSendTimeout))
	sendErr := sender.Send(sctx, post)
	cancel()

	now := d.now()
	if sendErr == nil {
		if err := d.Store.MarkSent(ctx, del.ID, now); err != nil {
			// The message is out; if this mark is lost the next attempt
			// rechecks the channel and finds it: still sent once.
			log.Error("delivery sent but not marked", "err", err)
			return true, fmt.Errorf("mark sent %d: %w", del.ID, err)
		}
		metrics.Deliveries.WithLabelValues(del.Platform, "sent").Inc()
		log.Info("delivery sent", "articles", len(del.ArticleIDs), "recheck", post.Recheck)
		return true, nil
	}
	if ctx.Err() != nil {
		// Shutting down: the claim lapses and a later Flush rechecks.
		return false, ctx.Err()
	}
	var rl *RateLimitError
	if errors.As(sendErr, &rl) {
		next := now.Add(max(rl.RetryAfter, time.Second))
		if err := d.Store.Postpone(ctx, del.ID, sendErr.Error(), next); err != nil {
			return false, fmt.Errorf("postpone %d: %w", del.ID, err)
		}
		metrics.Deliveries.WithLabelValues(del.Platform, "rate_limited").Inc()
		log.Info("delivery rate limited, waiting", "retry_after", rl.RetryAfter)
		return false, nil
	}
	attempt := del.Attempts + 1
	failingFor := time.Duration(0)
	if !started.FailingSince.IsZero() {
		failingFor = now.Sub(started.FailingSince)
	}
	giveUp := failingFor >= orDefault(d.GiveUpAfter, defaultGiveUpAfter)
	next := now.Add(d.backoff().Delay(attempt))
	if err := d.Store.MarkRetry(ctx, del.ID, sendErr.Error(), now, next, giveUp); err != nil {
		return false, fmt.Errorf("mark retry %d: %w", del.ID, err)
	}
	if giveUp {
		metrics.Deliveries.WithLabelValues(del.Platform, "failed").Inc()
		log.Error("delivery failed for good; retry with `briefbot deliveries retry`", "attempts", attempt, "failing_for", failingFor.Round(time.Second), "err", sendErr)
	} else {
		metrics.Deliveries.WithLabelValues(del.Platform, "retried").Inc()
		log.Warn("delivery failed, will retry", "attempt", attempt, "next", next, "err", sendErr)
	}
	return false, nil
}

// backoff is the retry policy after failed attempts.
func (d *Dispatcher) backoff() backoff.Policy {
	return backoff.Policy{
		Base:   orDefault(d.RetryBase, defaultRetryBase),
		Max:    orDefault(d.RetryMax, defaultRetryMax),
		Jitter: 0.5,
		Rand:   d.randJitter,
	}
}

// refreshGauges updates the pending/failed queue gauges, at most every
// gaugeEvery.
func (d *Dispatcher) refreshGauges(ctx context.Context) {
	d.mu.Lock()
	due := time.Since(d.gaugesAt) >= gaugeEvery
	if due {
		d.gaugesAt = time.Now()
	}
	d.mu.Unlock()
	if !due || ctx.Err() != nil {
		return
	}
	counts, err := d.Store.CountDeliveries(ctx)
	if err != nil {
		d.logger().Warn("counting deliveries for metrics", "err", err)
		return
	}
	for _, status := range []string{briefbot.DeliveryPending, briefbot.DeliveryFailed} {
		metrics.DeliveryQueue.WithLabelValues(status).Set(float64(counts[status]))
	}
}

// Daily enqueues the daily digest of each daily subscription whose local
// HH:MM has passed today (in its zone) and whose digest for that local
// date is not enqueued yet: key "daily:<platform>:<channel>:<topic>:<date>".
// The digest holds the non-silent articles matching the topic fetched in
// the 24 hours before the scheduled time, minus those already sent to the
// channel (the store trims them). Only the holder of the "bot:daily" lease
// works, so with several replicas one does it; call it every minute.
func (d *Dispatcher) Daily(ctx context.Context, now time.Time) (int, error) {
	ok, err := d.Store.AcquireLease(ctx, dailyLeaseName, d.Owner, now, dailyLeaseTTL)
	if err != nil {
		return 0, fmt.Errorf("daily lease: %w", err)
	}
	if !ok {
		return 0, nil
	}
	d.pruneDaily(now)
	subs, err := d.Store.Subscriptions(ctx, "", "")
	if err != nil {
		return 0, fmt.Errorf("subscriptions: %w", err)
	}
	var recent []briefbot.Article
	var indexes []*topic.ArticleIndex
	var scanFrom time.Time // set when the cap cut the read: articles before it were not searched
	loaded := false
	enqueued := 0
	for _, s := range subs {
		if s.Mode != briefbot.ModeDaily {
			continue
		}
		scheduled, err := dailyTime(s, now)
		if err != nil {
			d.logger().Warn("skipping daily subscription", "platform", s.Platform, "channel", s.Channel, "topic", s.Topic, "err", err)
			continue
		}
		if now.Before(scheduled) {
			continue
		}
		key := fmt.Sprintf("daily:%s:%s:%s:%s", s.Platform, s.Channel, s.Topic, scheduled.Format("2006-01-02"))
		if d.dailyHandled(key) {
			continue
		}
		q, err := topic.Parse(d.queryOf(s))
		if err != nil {
			d.logger().Warn("skipping daily subscription with a bad query", "topic", s.Topic, "err", err)
			d.markDaily(key, scheduled)
			continue
		}
		if !loaded {
			// One read covers every subscription: the widest window is
			// the 24h before the latest scheduled time, which is now.
			recent, err = d.Store.RecentArticles(ctx, now.Add(-dailyWindow-24*time.Hour), d.dailyScan())
			if err != nil {
				return enqueued, fmt.Errorf("recent articles: %w", err)
			}
			if len(recent) >= d.dailyScan() {
				scanFrom = recent[len(recent)-1].FetchedAt
				d.logger().Warn("daily digests: article cap reached; older articles of the window are not searched",
					"cap", d.dailyScan(), "searched_from", scanFrom, "window_from", now.Add(-dailyWindow-24*time.Hour))
			}
			indexes = make([]*topic.ArticleIndex, len(recent))
			for i := range recent {
				indexes[i] = topic.NewArticleIndex(&recent[i])
			}
			loaded = true
		}
		since := scheduled.Add(-dailyWindow)
		var arts []briefbot.Article
		var ids []int64
		for i := range recent {
			a := &recent[i]
			if a.Silent || a.FetchedAt.Before(since) || a.FetchedAt.After(now) || !q.MatchIndex(indexes[i]) {
				continue
			}
			arts = append(arts, *a)
			ids = append(ids, a.ID)
		}
		if len(arts) == 0 {
			d.markDaily(key, scheduled) // nothing to say today; don't post an empty digest
			continue
		}
		slices.Sort(ids)
		del := briefbot.Delivery{
			Platform: s.Platform, Channel: s.Channel, Key: key,
			ArticleIDs: ids,
			Payload:    summarize.BuildDigest(fmt.Sprintf("Daily digest: %s%s", s.Topic, scanCutNote(scanFrom, since)), arts, since, scheduled),
			Status:     briefbot.DeliveryPending,
			NextTry:    now, CreatedAt: now,
		}
		markShifts(ctx, d.Store, &del.Payload)
		_, created, err := d.Store.Enqueue(ctx, del)
		if err != nil {
			return enqueued, fmt.Errorf("enqueue %s: %w", key, err)
		}
		d.markDaily(key, scheduled)
		if created {
			enqueued++
		}
	}
	return enqueued, nil
}

// dailyTime is today's scheduled delivery time of s in its zone, where
// "today" is now's date in that zone.
func dailyTime(s briefbot.Subscription, now time.Time) (time.Time, error) {
	loc, err := time.LoadLocation(cmp.Or(s.Timezone, "UTC"))
	if err != nil {
		return time.Time{}, err
	}
	at, err := parseClock(s.DailyAt)
	if err != nil {
		return time.Time{}, err
	}
	clock, err := time.Parse("15:04", at)
	if err != nil {
		return time.Time{}, fmt.Errorf("daily time %q: %w", s.DailyAt, err)
	}
	local := now.In(loc)
	return time.Date(local.Year(), local.Month(), local.Day(), clock.Hour(), clock.Minute(), 0, 0, loc), nil
}
