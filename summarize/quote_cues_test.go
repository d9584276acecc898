package summarize

import (
	"strings"
	"testing"
)

func TestSpeechVerbTableSpellsEveryForm(t *testing.T) {
	want := map[string]cueKind{
		"quipped": cueSay, "quipping": cueSay, "concurred": cueSay, "concurring": cueSay,
		"urged": cueCommit, "vowed": cueCommit, "pledged": cueCommit, "promised": cueCommit, "urging": cueCommit,
		"agreeing": cueIntent, "planned": cueIntent, "preferred": cueIntent, "sought": cueIntent,
		"slammed": cueBelief, "admitted": cueSay, "warned": cueSay, "told": cueTell,
	}
	for f, k := range want {
		if got := cues[f]; got != k {
			t.Errorf("cues[%q] = %d, want %d", f, got, k)
		}
	}
	// Misspellings a suffix rule would make.
	for _, bad := range []string{"quiped", "concured", "agreing", "planed", "prefered", "seeked", "slamed", "admited"} {
		if _, ok := cues[bad]; ok {
			t.Errorf("cues has the misspelling %q", bad)
		}
	}
	// Nouns left out on purpose.
	for _, noun := range []string{"state", "states", "calls", "reports", "remarks"} {
		if _, ok := cues[noun]; ok {
			t.Errorf("cues has %q, a noun far more often than a cue", noun)
		}
	}
	if !participleOpeners["adding"] || !participleOpeners["noting"] || participleOpeners["added"] {
		t.Errorf("participleOpeners = %v, want the -ing forms of opener verbs only", participleOpeners)
	}
	if !objectThenTo["urged"] || !objectCues["welcomed"] {
		t.Error("flags objto/object not applied")
	}
}

func TestSpeechVerbTableRefusesBadRows(t *testing.T) {
	tests := map[string]struct {
		rows [][]string
		want string
	}{
		"form in two rows": {[][]string{{"vow", "commit", "vow vowed"}, {"avow", "say", "vowed"}}, `"vowed" is listed under both`},
		"unknown kind":     {[][]string{{"vow", "promise", "vow"}}, `kind "promise"`},
		"unknown flag":     {[][]string{{"vow", "commit", "vow", "loud"}}, `flag "loud"`},
		"missing forms":    {[][]string{{"vow", "commit"}}, "want lemma, kind, forms"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			saved := [4]any{cues, objectCues, objectThenTo, participleOpeners}
			cues, objectCues, objectThenTo, participleOpeners = map[string]cueKind{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
			defer func() {
				cues, objectCues, objectThenTo, participleOpeners = saved[0].(map[string]cueKind), saved[1].(map[string]bool), saved[2].(map[string]bool), saved[3].(map[string]bool)
			}()
			err := loadSpeechVerbs(tc.rows)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestAbbreviationTableFeedsSplitterAndActors(t *testing.T) {
	if !abbreviations["gen"] || finalAbbreviations["gen"] || !finalAbbreviations["u.s"] || abbreviations["sir"] {
		t.Errorf("abbreviations: gen inner, u.s final, sir none: got gen=%v/%v u.s=%v sir=%v",
			abbreviations["gen"], finalAbbreviations["gen"], finalAbbreviations["u.s"], abbreviations["sir"])
	}
	if !actHonorifics["Mr"] || !actHonorifics["Madame"] || actHonorifics["Gen"] {
		t.Errorf("actHonorifics = %v, want the honorific rows capitalised", actHonorifics)
	}
	if n := len(sentences(tokenize("Gen. Ana Ruiz met Mr. Li in the U.S. He said so."))); n != 2 {
		t.Errorf("sentences = %d, want 2 (no break after Gen. or Mr., a break after U.S. before He)", n)
	}
}
