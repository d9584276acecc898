package feeds

import "testing"

func TestHTMLText(t *testing.T) {
	tests := map[string]struct {
		in          string
		paras, flat string
	}{
		"plain":             {"  Two   words\n here ", "Two words here", "Two words here"},
		"plain paragraphs":  {"One\n\n  \nTwo\nwrapped", "One\n\nTwo wrapped", "One Two wrapped"},
		"paragraphs":        {"<p>First one.</p><p>Second <b>bold</b> one.</p>", "First one.\n\nSecond bold one.", "First one. Second bold one."},
		"inline tags glue":  {"Wa<i>shing</i>ton said", "Washington said", "Washington said"},
		"br splits":         {"Line one<br>Line two<br/>", "Line one\n\nLine two", "Line one Line two"},
		"entities":          {"A &amp; B &#8220;quoted&#8221;&nbsp;end", "A & B “quoted” end", "A & B “quoted” end"},
		"script dropped":    {"<p>Keep</p><script>var x = '<p>no</p>';</script><style>p{}</style><p>this</p>", "Keep\n\nthis", "Keep this"},
		"div and list":      {"<div>Intro</div><ul><li>one</li><li>two</li></ul>", "Intro\n\none\n\ntwo", "Intro one two"},
		"table cells space": {"<table><tr><td>a</td><td>b</td></tr></table>", "a b", "a b"},
		"broken markup":     {"<p>Unclosed <b>tag and <a href=x>link", "Unclosed tag and link", "Unclosed tag and link"},
		"empty":             {"   ", "", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := HTMLText(tc.in, true); got != tc.paras {
				t.Errorf("paras: %q, want %q", got, tc.paras)
			}
			if got := HTMLText(tc.in, false); got != tc.flat {
				t.Errorf("flat: %q, want %q", got, tc.flat)
			}
		})
	}
}
