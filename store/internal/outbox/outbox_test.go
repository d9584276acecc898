package outbox

import (
	"slices"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
)

func digestOf(ids ...int64) briefbot.Digest {
	d := briefbot.Digest{Title: "brief"}
	for _, id := range ids {
		d.Stories = append(d.Stories, briefbot.DigestStory{Articles: []briefbot.DigestArticle{{ArticleID: id}}})
	}
	return d
}

func TestUniqueIDs(t *testing.T) {
	if got := UniqueIDs([]int64{3, 1, 3, 2, 1}); !slices.Equal(got, []int64{3, 1, 2}) {
		t.Errorf("UniqueIDs = %v, want [3 1 2]", got)
	}
	if got := UniqueIDs(nil); got != nil {
		t.Errorf("UniqueIDs(nil) = %v, want nil", got)
	}
}

func TestClaimed(t *testing.T) {
	sent := time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)
	// A delivery as a caller might hand it over, with stale outcome fields.
	in := briefbot.Delivery{Platform: "slack", Channel: "C1", Key: "k", ArticleIDs: []int64{3, 1, 2},
		Payload: digestOf(3, 1, 2), Status: briefbot.DeliverySent, Attempts: 4, LastError: "boom", SentAt: sent}
	cases := map[string]struct {
		ids     []int64
		claimed map[int64]bool
		wantOK  bool
		wantIDs []int64
		wantID  int64
	}{
		"all claimed":        {ids: []int64{3, 1, 2}, claimed: map[int64]bool{1: true, 2: true, 3: true}, wantOK: true, wantIDs: []int64{3, 1, 2}, wantID: 7},
		"some claimed":       {ids: []int64{3, 1, 2}, claimed: map[int64]bool{2: true, 3: true}, wantOK: true, wantIDs: []int64{3, 2}, wantID: 7},
		"none left":          {ids: []int64{3, 1, 2}, claimed: map[int64]bool{}, wantOK: false, wantIDs: nil, wantID: 0},
		"no articles at all": {ids: nil, claimed: nil, wantOK: true, wantIDs: nil, wantID: 7},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			out, ok := Claimed(in, 7, tc.ids, tc.claimed)
			if ok != tc.wantOK || out.ID != tc.wantID || !slices.Equal(out.ArticleIDs, tc.wantIDs) {
				t.Fatalf("Claimed = ID %d articles %v ok %v, want ID %d articles %v ok %v",
					out.ID, out.ArticleIDs, ok, tc.wantID, tc.wantIDs, tc.wantOK)
			}
			if out.Status != briefbot.DeliveryPending || out.Attempts != 0 || out.LastError != "" || !out.SentAt.IsZero() {
				t.Errorf("outcome fields not reset: %+v", out)
			}
			if out.Key != "k" || out.Channel != "C1" {
				t.Errorf("identity changed: %+v", out)
			}
			var inPayload []int64
			for _, s := range out.Payload.Stories {
				for _, a := range s.Articles {
					inPayload = append(inPayload, a.ArticleID)
				}
			}
			if tc.ids != nil && !slices.Equal(inPayload, tc.wantIDs) {
				t.Errorf("payload carries %v, want %v", inPayload, tc.wantIDs)
			}
		})
	}
	if in.ArticleIDs[0] != 3 || in.Payload.ArticleCount() != 3 {
		t.Error("Claimed changed its argument")
	}
}
