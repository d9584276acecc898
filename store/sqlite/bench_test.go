package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/briefbot/briefbot/store/storetest"
)

func BenchmarkSaveArticle(b *testing.B) {
	storetest.BenchSaveArticle(b, openAt(b, filepath.Join(b.TempDir(), "bench.db")))
}

func BenchmarkClaimDueFeeds(b *testing.B) {
	storetest.BenchClaimDueFeeds(b, openAt(b, filepath.Join(b.TempDir(), "bench.db")))
}

func BenchmarkSaveArticleParallel(b *testing.B) {
	storetest.BenchSaveArticleParallel(b, openAt(b, filepath.Join(b.TempDir(), "bench.db")))
}

func BenchmarkSaveArticlesBatch(b *testing.B) {
	storetest.BenchSaveArticlesBatch(b, openAt(b, filepath.Join(b.TempDir(), "bench.db")))
}
