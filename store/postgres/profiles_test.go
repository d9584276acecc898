package postgres_test

import (
	"testing"

	"github.com/briefbot/briefbot/internal/pgtest"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/store/storetest"
)

func TestProfiles(t *testing.T) {
	pgtest.DSN(t)
	storetest.RunProfiles(t, func(t *testing.T) store.Store {
		return open(t, pgtest.Schema(t, "briefbot_test_"))
	})
}
