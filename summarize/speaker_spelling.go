package summarize

import (
	"strings"

	"github.com/briefbot/briefbot"
)

// writtenName is the spelling of a known person's full name that the
// article itself writes ("Recep Tayyip Erdoğan", "Kim Jong-un",
// "Volodymyr Zelenskyy") when it never writes the gazetteer's canonical
// one: the speaker carries the article's spelling, and the store's
// registry maps every alias back to the one speaker. Shorter names and
// initials ("Ferdinand Marcos", "S. Jaishankar") keep the canonical name.
func writtenName(a briefbot.Actor) string {
	for _, m := range a.Mentions {
		if m.Text == a.Name {
			return a.Name
		}
	}
	want := len(nameParts(a.Name))
	for _, m := range a.Mentions {
		if len(nameParts(m.Text)) >= want && !hasInitial(m.Text) && !startsWithHonorific(m.Text) && containsString(a.Aliases, m.Text) {
			return m.Text
		}
	}
	return a.Name
}

// nameParts splits a name at spaces and hyphens ("Kim Jong-un" has three).
func nameParts(name string) []string {
	return strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '-' })
}

func hasInitial(name string) bool {
	for _, w := range strings.Fields(name) {
		if len(strings.TrimSuffix(w, ".")) == 1 {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// startsWithHonorific: "Sheikh Tamim Al-Khalifa" is the name with a title.
func startsWithHonorific(name string) bool {
	first, _, _ := strings.Cut(name, " ")
	return honorifics[strings.ToLower(strings.TrimSuffix(first, "."))]
}
