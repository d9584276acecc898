package bot

import (
	"fmt"
	"unicode/utf8"
)

// Input bounds, checked before anything reaches the store: names are
// short, queries a sentence at most. Longer input is refused with a
// message saying so, not searched (a 10,000-word search or a 60 KB name
// would only tie the store up).
const (
	maxNameLen  = 100 // who, follow, unfollow
	maxQueryLen = 500 // said, about, subscribe and anything else
)

// nameCommands take a name rather than a query.
var nameCommands = map[string]bool{"who": true, "follow": true, "unfollow": true, "profile": true, "timeline": true}

// checkArgsLen refuses arguments longer than the command's bound.
func checkArgsLen(command, args string) error {
	limit, what := maxQueryLen, "query"
	if nameCommands[command] {
		limit, what = maxNameLen, "name"
	}
	if n := utf8.RuneCountInString(args); n > limit {
		return &UsageError{Msg: fmt.Sprintf("That %s is %d characters long; %s takes at most %d. Shorten it, e.g. a surname or a few key words.", what, n, command, limit)}
	}
	return nil
}
