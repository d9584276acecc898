package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"github.com/briefbot/briefbot"
)

// progressTTL is how long a SendTracker remembers a half-sent digest. The
// outbox retries well within it.
const progressTTL = time.Hour

// SendProgress is how far a Sender got with a digest split into several
// messages.
type SendProgress struct {
	Posted int    // messages already posted
	Thread string // platform id of the first message, for platforms that thread the rest (Slack's ts)
}

// SendTracker remembers, in memory, how far each split digest got, so an
// outbox retry of the same delivery from this process resumes after the
// messages that already went out instead of reposting them. A retry from
// another replica, or after a restart, starts over. Each adapter owns one;
// it is safe for concurrent use.
type SendTracker struct {
	now func() time.Time

	mu       sync.Mutex
	progress map[string]trackedProgress
}

type trackedProgress struct {
	SendProgress
	updated time.Time
}

// NewSendTracker returns an empty tracker; now is its clock (time.Now when
// nil), used to forget entries older than an hour.
func NewSendTracker(now func() time.Time) *SendTracker {
	if now == nil {
		now = time.Now
	}
	return &SendTracker{now: now, progress: map[string]trackedProgress{}}
}

// SendKey identifies one digest, by its DigestFingerprint, to one channel.
func SendKey(channel, fingerprint string) string {
	return channel + "\x00" + fingerprint
}

// DigestFingerprint identifies a digest's content: a hex SHA-256 of its
// JSON form.
func DigestFingerprint(d briefbot.Digest) string {
	b, _ := json.Marshal(d)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Load returns the progress saved under key (zero when none), forgetting
// expired entries on the way.
func (t *SendTracker) Load(key string) SendProgress {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	for k, p := range t.progress {
		if now.Sub(p.updated) > progressTTL {
			delete(t.progress, k)
		}
	}
	return t.progress[key].SendProgress
}

// Save records p under key after a failed send; progress with nothing
// posted is not worth remembering.
func (t *SendTracker) Save(key string, p SendProgress) {
	if p.Posted == 0 {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.progress[key] = trackedProgress{SendProgress: p, updated: t.now()}
}

// Done forgets key once the whole digest went out.
func (t *SendTracker) Done(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.progress, key)
}
