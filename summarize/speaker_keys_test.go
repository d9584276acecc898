package summarize

import "testing"

// Every byToken key must pass the tokenKeys filter, or the surname-mention
// scan would miss mentions of that person.
func TestTokenKeysCoverByToken(t *testing.T) {
	pp := newPeople()
	for _, name := range []string{"Sergei Lavrov", "Wang Wenbin", "Mary E. Lovely", "Ferdinand Marcos Jr.", "Émile Zola", "Mohammed bin Abdulrahman Al Thani"} {
		pp.add(&person{name: name, actor: -1}, nil)
	}
	if len(pp.byToken) == 0 {
		t.Fatal("no byToken keys")
	}
	for w := range pp.byToken {
		if k, bit := tokenKeyBit(w); pp.tokenKeys[k]&bit == 0 {
			t.Errorf("%q: not in tokenKeys", w)
		}
	}
	if k, bit := tokenKeyBit("zzzzzzzzzzzzzzq"); pp.tokenKeys[k]&bit != 0 {
		t.Errorf("filter passes a word of a length and first letter no key has")
	}
}
