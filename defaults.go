package briefbot

import _ "embed"

// DefaultConfig is config.example.toml, embedded so that briefbot runs with
// no configuration file at all: the example documents the defaults and is
// the defaults.
//
//go:embed config.example.toml
var DefaultConfig []byte
