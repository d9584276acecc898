package postgres_test

import (
	"testing"

	"github.com/briefbot/briefbot/store/storetest"
)

func BenchmarkSaveArticle(b *testing.B) {
	storetest.BenchSaveArticle(b, open(b, isolatedDSN(b)))
}

func BenchmarkClaimDueFeeds(b *testing.B) {
	storetest.BenchClaimDueFeeds(b, open(b, isolatedDSN(b)))
}

func BenchmarkSaveArticleParallel(b *testing.B) {
	storetest.BenchSaveArticleParallel(b, open(b, isolatedDSN(b)))
}

func BenchmarkSaveArticlesBatch(b *testing.B) {
	storetest.BenchSaveArticlesBatch(b, open(b, isolatedDSN(b)))
}
