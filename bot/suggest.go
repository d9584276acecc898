package bot

import (
	"fmt"
	"strings"

	"github.com/agnivade/levenshtein"

	"github.com/briefbot/briefbot"
)

// suggest returns the candidate closest to word by edit distance, or ""
// when none is close: one edit for words of up to four letters, two beyond
// ("subscibe" → subscribe, "unfolow" → unfollow).
func suggest(word string, candidates []string) string {
	word = strings.ToLower(word)
	limit := 1
	if len([]rune(word)) > 4 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := levenshtein.ComputeDistance(word, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// unknownCommand is the answer to a command name the table lacks, with the
// closest command when there is one.
func (r *Router) unknownCommand(name string) error {
	p := r.prefix()
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	if s := suggest(name, names); s != "" {
		c, _ := findCommand(s)
		return &UsageError{Msg: fmt.Sprintf("I don't know the command %q. Did you mean `%s`? (`%s help` lists all commands.)", name, r.usage(c), p)}
	}
	return &UsageError{Msg: fmt.Sprintf("I don't know the command %q. Try `%s who <speaker>`, `%s said <words>`, `%s about <topic>`, or `%s help` for all commands.", name, p, p, p, p)}
}

// modeLikeWords end a subscribe command but are no delivery mode: read as
// query words they would silently subscribe to "ceasefire weekly".
var modeLikeWords = []string{
	"weekly", "hourly", "monthly", "nightly", "yearly", "annually", "biweekly", "fortnightly",
	"instantly", "immediately", "immediate", "realtime", "real-time",
}

// checkModeWords refuses a subscribe whose last words look like a delivery
// mode that does not exist, or a time without "daily". explicitMode is set
// when the command ended with a real mode: the words before it are then
// the query as written.
func checkModeWords(fields []string, explicitMode bool) error {
	if explicitMode {
		return nil
	}
	escape := fmt.Sprintf("To subscribe to the words as a query, end with the mode: `subscribe %s instant`.", strings.Join(fields, " "))
	modes := []string{briefbot.ModeInstant, briefbot.ModeDaily}
	for k := len(fields) - 1; k >= 1 && k >= len(fields)-3; k-- {
		w := strings.ToLower(strings.Trim(fields[k], ".,;!?"))
		if contains(modeLikeWords, w) {
			return &UsageError{Msg: fmt.Sprintf("%q is not a delivery mode: use instant or daily HH:MM Area/City, e.g. `subscribe %s daily 08:00 Europe/Paris`. %s", fields[k], strings.Join(fields[:k], " "), escape)}
		}
		if s := suggest(w, modes); s != "" && s != w && len(w) > 3 {
			return &UsageError{Msg: fmt.Sprintf("%q is not a delivery mode. Did you mean %s? %s", fields[k], s, escape)}
		}
	}
	for k := len(fields) - 1; k >= 1 && k >= len(fields)-2; k-- {
		if _, err := parseClock(fields[k]); err == nil {
			return &UsageError{Msg: fmt.Sprintf("A time (%s) needs \"daily\" before it: `subscribe %s daily %s`.", fields[k], strings.Join(fields[:k], " "), strings.Join(fields[k:], " "))}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
