package bot

import (
	"testing"
	"unicode/utf8"
)

func TestCommandOptionsMatchRouter(t *testing.T) {
	inTable := map[string]bool{}
	for _, c := range commands {
		inTable[c.name] = true
		if _, ok := commandOptions[c.name]; !ok {
			t.Errorf("router command %q has no commandOptions entry: add its options (nil for none)", c.name)
		}
	}
	for name := range commandOptions {
		if !inTable[name] {
			t.Errorf("commandOptions has %q, which the router does not know", name)
		}
	}
	specs := Commands()
	if len(specs) != len(commands) {
		t.Fatalf("Commands() has %d entries, the router %d", len(specs), len(commands))
	}
	for i, s := range specs {
		if s.Name != commands[i].name {
			t.Errorf("Commands()[%d] = %q, want router order %q", i, s.Name, commands[i].name)
		}
		if n := utf8.RuneCountInString(s.Description); n == 0 || n > 100 {
			t.Errorf("%s: description of %d characters; Discord takes 1 to 100", s.Name, n)
		}
	}
}
