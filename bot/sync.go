package bot

import (
	"context"
	"errors"
	"fmt"

	"github.com/briefbot/briefbot"
	"github.com/briefbot/briefbot/store"
	"github.com/briefbot/briefbot/topic"
)

// ConfigCreator marks subscriptions written by SyncSubscriptions
// ("subscriptions as code"); the config package sets it too.
const ConfigCreator = "config"

// SyncSubscriptions makes the configured subscriptions exist in the store:
// each is upserted (a changed mode or query replaces the stored one). A
// subscription without a query is an ad-hoc topic: its query is the topic
// text. Subscriptions made in chat are never touched; configured ones
// (CreatedBy "config") that left the configuration are removed. Every
// subscription is validated first, so a bad one changes nothing.
func SyncSubscriptions(ctx context.Context, st store.Store, subs []briefbot.Subscription) error {
	want := make(map[string]bool, len(subs))
	ready := make([]briefbot.Subscription, 0, len(subs))
	var errs []error
	for _, s := range subs {
		if s.Query == "" {
			s.Query = s.Topic
		}
		if s.Mode == "" {
			s.Mode = briefbot.ModeInstant
		}
		if s.CreatedBy == "" {
			s.CreatedBy = ConfigCreator
		}
		if err := validateSubscription(s); err != nil {
			errs = append(errs, fmt.Errorf("subscription %s/%s %q: %w", s.Platform, s.Channel, s.Topic, err))
			continue
		}
		want[s.Platform+"\x00"+s.Channel+"\x00"+s.Topic] = true
		ready = append(ready, s)
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, s := range ready {
		if _, err := st.AddSubscription(ctx, s); err != nil {
			return fmt.Errorf("add subscription %s/%s %q: %w", s.Platform, s.Channel, s.Topic, err)
		}
	}
	stored, err := st.Subscriptions(ctx, "", "")
	if err != nil {
		return fmt.Errorf("list subscriptions: %w", err)
	}
	for _, s := range stored {
		if s.CreatedBy != ConfigCreator || want[s.Platform+"\x00"+s.Channel+"\x00"+s.Topic] {
			continue
		}
		if _, err := st.RemoveSubscription(ctx, s.Platform, s.Channel, s.Topic); err != nil {
			return fmt.Errorf("remove unconfigured subscription %s/%s %q: %w", s.Platform, s.Channel, s.Topic, err)
		}
	}
	return nil
}

func validateSubscription(s briefbot.Subscription) error {
	if s.Platform == "" || s.Channel == "" || s.Topic == "" {
		return errors.New("platform, channel and topic are required")
	}
	if _, err := topic.Parse(s.Query); err != nil {
		return fmt.Errorf("query %q: %w", s.Query, err)
	}
	switch s.Mode {
	case briefbot.ModeInstant:
	case briefbot.ModeDaily:
		if _, err := parseClock(s.DailyAt); err != nil {
			return err
		}
		if err := checkZone(s.Timezone); err != nil {
			return err
		}
	default:
		return fmt.Errorf("mode %q: use instant or daily", s.Mode)
	}
	return nil
}
