package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store/sqlite"
)

func TestDeliveriesListsFailedAndRetries(t *testing.T) {
	cfg, dbPath := writeConfig(t, "")
	ctx := context.Background()
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	var ids []int64
	for _, key := range []string{"instant:slack:C1:1-1", "instant:discord:42:2-2"} {
		d, _, err := st.Enqueue(ctx, briefbot.Delivery{Platform: strings.Split(key, ":")[1], Channel: "C1", Key: key, CreatedAt: now, NextTry: now})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	if _, err := st.ClaimDeliveries(ctx, "t", now, time.Minute, 10); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkRetry(ctx, ids[0], "slack: 503 for a day", now, now, true); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errOut := run(t, "deliveries", "--config", cfg, "--failed")
	if code != 0 || !strings.Contains(out, "instant:slack:C1:1-1") || !strings.Contains(out, "slack: 503 for a day") || strings.Contains(out, "discord:42") {
		t.Fatalf("deliveries --failed: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "deliveries", "--config", cfg); code != 0 || !strings.Contains(out, "discord:42") || !strings.Contains(out, "failed") {
		t.Fatalf("deliveries: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "deliveries", "retry", "--config", cfg, "abc"); code != exitUsage || !strings.Contains(errOut, `"abc"`) {
		t.Errorf("retry abc: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, "deliveries", "retry", "--config", cfg, "999"); code != exitFatal || !strings.Contains(errOut, "999 is not a failed delivery") {
		t.Errorf("retry 999: exit %d, %s", code, errOut)
	}
	if code, out, errOut := run(t, "deliveries", "retry", "--config", cfg, "--all-failed"); code != 0 || !strings.Contains(out, "1 delivery queued again") {
		t.Fatalf("retry --all-failed: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "deliveries", "--config", cfg, "--failed"); code != 0 || !strings.Contains(out, "No failed deliveries") {
		t.Errorf("after retry, --failed: exit %d\n%s", code, out)
	}
}
