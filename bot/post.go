package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/briefbot/briefbot"
)

// Post is one outbox delivery handed to a Sender.
type Post struct {
	Key     string // the delivery's key; part i of a split digest is tagged with PartKey(Key, i)
	Channel string
	Digest  briefbot.Digest
	// Recheck is set when an earlier attempt may have reached the
	// platform (it started and its outcome is unknown: a crash, a lost
	// response, a timeout). The Sender then looks for the parts' tags in
	// the channel's messages since Since and posts only the missing parts,
	// so a message the platform already stored is never posted twice.
	Recheck bool
	Since   time.Time // when the first attempt started; nothing of ours is older
}

// Sender posts a delivery to a channel of one platform. Adapters implement
// it for the outbox; they split messages to fit the platform's limits and
// tag every part so that a Recheck can find it again.
type Sender interface {
	Send(ctx context.Context, p Post) error
}

// PartKey is the tag of part i (0-based) of the delivery with key.
func PartKey(key string, part int) string {
	return fmt.Sprintf("%s#%d", key, part)
}

// PartRef is a short form of PartKey for platforms that only let us put
// a short tag in a message (Discord's nonce holds 25 characters): 20 hex
// digits of its SHA-256, unique enough among one channel's messages.
func PartRef(key string, part int) string {
	sum := sha256.Sum256([]byte(PartKey(key, part)))
	return hex.EncodeToString(sum[:10])
}

// HistoryMargin is how far before Post.Since a Recheck looks, for clock
// skew between us and the platform.
const HistoryMargin = 2 * time.Minute
