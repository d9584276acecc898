package postgres_test

import (
	"testing"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store/storetest"
)

func BenchmarkSaveArticle(b *testing.B) {
	storetest.BenchSaveArticle(b, open(b, pgtest.Schema(b, "briefbot_test_")))
}

func BenchmarkClaimDueFeeds(b *testing.B) {
	storetest.BenchClaimDueFeeds(b, open(b, pgtest.Schema(b, "briefbot_test_")))
}

func BenchmarkSaveArticleParallel(b *testing.B) {
	storetest.BenchSaveArticleParallel(b, open(b, pgtest.Schema(b, "briefbot_test_")))
}

func BenchmarkSaveArticlesBatch(b *testing.B) {
	storetest.BenchSaveArticlesBatch(b, open(b, pgtest.Schema(b, "briefbot_test_")))
}
