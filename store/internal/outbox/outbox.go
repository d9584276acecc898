// Package outbox holds the dialect-independent part of Store.Enqueue:
// which articles a new delivery keeps once channel_articles has decided
// which ones this channel has not had yet. The SQL stays in the stores.
package outbox

import (
	"time"

	"github.com/briefbot/briefbot"
)

// UniqueIDs returns ids without repeats, in first-seen order.
func UniqueIDs(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// Claimed returns d as the pending delivery id that keeps only the
// articles of ids (d's, deduplicated) this delivery claimed, in ids'
// order, with its payload trimmed to them. ok is false when d carried
// articles and none is left: then nothing is to be stored, and out, with
// ID 0, is what Enqueue returns.
func Claimed(d briefbot.Delivery, id int64, ids []int64, claimed map[int64]bool) (out briefbot.Delivery, ok bool) {
	var kept []int64
	for _, aid := range ids {
		if claimed[aid] {
			kept = append(kept, aid)
		}
	}
	out = d
	out.ID = id
	out.Status = briefbot.DeliveryPending
	out.Attempts = 0
	out.LastError = ""
	out.SentAt = time.Time{}
	out.ArticleIDs = kept
	if len(kept) < len(ids) {
		out.Payload = d.Payload.Only(claimed)
	}
	if len(ids) > 0 && len(kept) == 0 {
		out.ID = 0
		return out, false
	}
	return out, true
}
