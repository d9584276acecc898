// Package storetest is the behavioural test suite every store.Store
// implementation must pass. Each implementation's tests call Run with a
// function that opens a fresh, empty store; the suite owns the assertions.
package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/briefbot/briefbot/store"
)

// Run runs the whole suite. open must return a new empty store for each
// call and close it at the end of the test it was given.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := map[string]func(t *testing.T, s store.Store){
		"SyncFeeds":                    testSyncFeeds,
		"ClaimDueFeeds":                testClaimDueFeeds,
		"ClaimDueFeedsConcurrent":      testClaimDueFeedsConcurrent,
		"SaveFeedState":                testSaveFeedState,
		"SyncKeepsOtherOwners":         testSyncKeepsOtherOwners,
		"SyncTakesOverRuntimeURL":      testSyncTakesOverRuntimeURL,
		"AddRemoveFeed":                testAddRemoveFeed,
		"SyncAdoptsUnnamedConfig":      testSyncAdoptsUnnamedConfig,
		"SaveArticleDedup":             testSaveArticleDedup,
		"SaveArticlesBatch":            testSaveArticles,
		"DirtyText":                    testDirtyText,
		"ArticleRoundTrip":             testArticleRoundTrip,
		"RecentArticles":               testRecentArticles,
		"KnownArticles":                testKnownArticles,
		"SearchStatements":             testSearchStatements,
		"SearchStatementsHostileInput": testSearchStatementsHostile,
		"SearchCommonWords":            testSearchCommonWords,
		"StatementsBySpeaker":          testStatementsBySpeaker,
		"Speakers":                     testSpeakers,
		"FindSpeakers":                 testFindSpeakers,
		"SpeakerRegistry":              testSpeakerRegistry,
		"UndispatchedArticles":         testUndispatchedArticles,
		"Subscriptions":                testSubscriptions,
		"EnqueueIdempotentByKey":       testEnqueueKey,
		"EnqueueEachArticleOnce":       testEnqueueArticleOnce,
		"DeliveryLifecycle":            testDeliveryLifecycle,
		"DeliveryClaimExpires":         testDeliveryClaimExpires,
		"ClaimDeliveriesConcurrent":    testClaimDeliveriesConcurrent,
		"Leases":                       testLeases,
		"StartAttempt":                 testStartAttempt,
		"RetryFailed":                  testRetryFailed,
		"RememberRequest":              testRememberRequest,
		"Ping":                         testPing,
	}
	for name, fn := range tests {
		t.Run(name, func(t *testing.T) {
			fn(t, open(t))
		})
	}
}

// t0 is the suite's "now": whole seconds, UTC, so every store keeps it exactly.
var t0 = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

func ctx(t *testing.T) context.Context { return t.Context() }

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// claimConcurrently runs workers that each claim batches through claim,
// as owner "worker-<i>", until nothing is left, and fails t when two
// claims return the same ID. It returns how many distinct IDs were
// claimed; what names them in failures.
func claimConcurrently[T any](t *testing.T, what string, workers, maxRounds int, claim func(owner string) ([]T, error), id func(T) int64) int {
	var (
		mu      sync.Mutex
		claimed = map[int64]string{}
		wg      sync.WaitGroup
	)
	for w := range workers {
		owner := fmt.Sprintf("worker-%d", w)
		wg.Go(func() {
			for range maxRounds { // bounded: a store that never runs dry must not hang the suite
				got, err := claim(owner)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, g := range got {
					if prev, dup := claimed[id(g)]; dup {
						t.Errorf("%s %d claimed by %s and %s", what, id(g), prev, owner)
					}
					claimed[id(g)] = owner
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return len(claimed)
}
