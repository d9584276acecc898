package config

import (
	"path/filepath"

	"github.com/briefbot/briefbot"
)

// FeedOwner names this configuration as the owner of its feeds in the
// store (briefbot.ConfigOwner of the file's absolute path, or of
// "embedded default"), so syncing it never touches feeds added at run time
// or feeds of another configuration file.
func (c *Config) FeedOwner() string {
	name := c.Source
	if name == "" {
		name = "unnamed"
	} else if name != "embedded default" {
		if abs, err := filepath.Abs(name); err == nil {
			name = abs
		}
	}
	return briefbot.ConfigOwner(name)
}
