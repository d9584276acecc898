package summarize

import (
	"testing"

	"github.com/briefbot/briefbot"
)

// TestExtractWireStyle covers the constructions of diplomatic wire items.
// Every sentence is written for this test.
func TestExtractWireStyle(t *testing.T) {
	runStatementCases(t, map[string]struct {
		text string
		want []wantStatement
	}{
		"urged an object to, after a Reuters dateline": {
			text: "RIGA, May 3 (Reuters) - Latvia on Friday urged its allies to send more air defence systems.",
			want: []wantStatement{{text: "its allies to send more air defence systems", speaker: "Latvia", cue: "urged"}},
		},
		"vowed to, time adjunct between cue and to": {
			text: "LIMA (AP) — Peru vowed on Sunday to restore order in the southern provinces.",
			want: []wantStatement{{text: "to restore order in the southern provinces", speaker: "Peru", cue: "vowed"}},
		},
		"first sentence after a Xinhua dateline with a double hyphen": {
			text: "BEIJING, Oct 9 (Xinhua) -- Trade between the two countries grew by a third last year, a Commerce Ministry spokesperson said Thursday.",
			want: []wantStatement{{text: "Trade between the two countries grew by a third last year", cue: "said", mention: "a Commerce Ministry spokesperson"}},
		},
		"Kyodo dateline between slashes": {
			text: "TOKYO, May 2 /Kyodo/ — Foreign Minister Aiko Tanabe said the visit would go ahead.",
			want: []wantStatement{{text: "the visit would go ahead", speaker: "Aiko Tanabe", cue: "said"}},
		},
		"negated commitment after a time adjunct": {
			text: "QUITO (AP) — President Ana Ruiz vowed Saturday not to sign the mining concession.",
			want: []wantStatement{{text: "not to sign the mining concession", speaker: "Ana Ruiz", cue: "vowed"}},
		},
		"never to, then promised not to": {
			text: "Premier Olek Bondar pledged on Friday never to cede the port, and promised not to raise fuel taxes.",
			want: []wantStatement{
				{text: "never to cede the port", speaker: "Olek Bondar", cue: "pledged"},
				{text: "not to raise fuel taxes", speaker: "Olek Bondar", cue: "promised"},
			},
		},
		"name suffix before the cue": {
			text: "The border will stay open, Governor Tomas Reyes Jr. said on Monday.",
			want: []wantStatement{{text: "The border will stay open", speaker: "Tomas Reyes Jr.", cue: "said"}},
		},
		"title to the place before the name, after a TASS dateline": {
			text: "UNITED NATIONS, May 4. /TASS/. The vote was premature, Russia's Permanent Representative to the UN Pavel Orlov said on Friday.",
			want: []wantStatement{{text: "The vote was premature", speaker: "Pavel Orlov", cue: "said"}},
		},
		"role with modifiers, non-ASCII name, after the content": {
			text: "The ceasefire is holding, the UN rights chief, Volker Türk, said on Friday.",
			want: []wantStatement{{text: "The ceasefire is holding", speaker: "Volker Türk", cue: "said"}},
		},
		"head of an agency with modifiers, name, warned": {
			text: "The dam is at risk, the head of the UN atomic agency, Lucía Ortega, warned on Sunday.",
			want: []wantStatement{{text: "The dam is at risk", speaker: "Lucía Ortega", cue: "warned"}},
		},
		"welcomed, saying: the person after a multi-word role speaks, not the institution": {
			text: "African Union security commissioner Bankole Adeoye welcomed the truce, saying it had to be monitored closely.",
			want: []wantStatement{{text: "it had to be monitored closely", speaker: "Bankole Adeoye", cue: "saying"}},
		},
		"a thing's cue inside a trailing attribution; one of the diplomats": {
			text: "The text calls for an immediate truce, one of the diplomats said.",
			want: []wantStatement{{text: "The text calls for an immediate truce", speaker: "diplomats", cue: "said"}},
		},
		"hailed with quoted words; hailed a thing alone is no statement": {
			text: "Envoy Mira Lanz hailed the accord as “a first step.” Crowds hailed the team in the capital.",
			want: []wantStatement{{text: "the accord as “a first step.”", speaker: "Mira Lanz", cue: "hailed"}},
		},
		"told an audience, then the clause with no that": {
			text: "Interior Minister Ana Duarte told lawmakers the border would reopen next month.",
			want: []wantStatement{{text: "the border would reopen next month", speaker: "Ana Duarte", cue: "told"}},
		},
		"name suffix after the cue": {
			text: "The vote was a farce, said Tomas Reyes Jr., the opposition leader.",
			want: []wantStatement{{text: "The vote was a farce", speaker: "Tomas Reyes Jr.", cue: "said"}},
		},
		"modifiers of a role before the name in a trailing attribution": {
			text: "The camps are running out of water, UN aid chief Martin Griffiths said.",
			want: []wantStatement{{text: "The camps are running out of water", speaker: "Martin Griffiths", cue: "said"}},
		},
		"trailing told with a quotation inside the participle clause": {
			text: "Oslo has no such plans, spokesman Tor Brekke told a news conference, calling the report “baseless.”",
			want: []wantStatement{
				{text: "Oslo has no such plans", speaker: "Tor Brekke", cue: "told"},
				{text: "the report “baseless.”", speaker: "Tor Brekke", cue: "calling"},
			},
		},
		"pledged, then vowing not to as a second statement": {
			text: "Premier Lin Bo pledged on Tuesday to open the market wider, vowing not to resort to stimulus.",
			want: []wantStatement{
				{text: "to open the market wider", speaker: "Lin Bo", cue: "pledged"},
				{text: "not to resort to stimulus", speaker: "Lin Bo", cue: "vowing"},
			},
		},
		"quoted by an agency as saying, the speaker leading": {
			text: "Deputy Minister Oleg Sorin was quoted by the state news agency as saying that the talks would resume.",
			want: []wantStatement{{text: "the talks would resume", speaker: "Oleg Sorin", cue: "saying"}},
		},
		"said in a joint statement that: the content follows the cue": {
			text: "The ministers of Chad, Niger and Mali said in a joint statement that the border would stay closed.",
			want: []wantStatement{{text: "the border would stay closed", speaker: "ministers of Chad, Niger and Mali", cue: "said"}},
		},
		"honorific title and a particle inside the name": {
			text: "Kuwait's Prime Minister Sheikh Ahmad bin Nawaf Al Sabah said talks had stalled. Ayatollah Hassan Qomi said the talks had failed.",
			want: []wantStatement{
				{text: "talks had stalled", speaker: "Ahmad bin Nawaf Al Sabah", cue: "said"},
				{text: "the talks had failed", speaker: "Hassan Qomi", cue: "said"},
			},
		},
		"role, name, cue": {
			text: "“Nobody wins a trade war,” the WTO Director-General, Paula Mendes, told the General Council.",
			want: []wantStatement{{text: "“Nobody wins a trade war,”", kind: briefbot.Direct, speaker: "Paula Mendes", mention: "Paula Mendes", cue: "told"}},
		},
		"possessive role, name, time adjunct, commitment": {
			text: "Chile's foreign minister, Rosa Paredes, on Tuesday pledged to reopen the consulate.",
			want: []wantStatement{{text: "to reopen the consulate", speaker: "Rosa Paredes", mention: "Rosa Paredes", cue: "pledged"}},
		},
		"trailing attribution then a participle cue": {
			text: "Oslo will appeal the ruling, Justice Minister Erik Lund said on Monday, calling it “deeply flawed.”",
			want: []wantStatement{
				{text: "Oslo will appeal the ruling", speaker: "Erik Lund", cue: "said"},
				{text: "“deeply flawed.”", speaker: "Erik Lund"},
			},
		},
		"quote, cue, urging": {
			text: "“The world is watching,” Omar Idris said, urging both sides to return to the table.",
			want: []wantStatement{
				{text: "“The world is watching,”", speaker: "Omar Idris"},
				{text: "both sides to return to the table", speaker: "Omar Idris", cue: "urging"},
			},
		},
		"called for and urged are two statements": {
			text: "Envoy Lena Vogt called for a truce in the north and urged donors to fund the appeal.",
			want: []wantStatement{
				{text: "a truce in the north", speaker: "Lena Vogt", cue: "called for"},
				{text: "donors to fund the appeal", speaker: "Lena Vogt", cue: "urged"},
			},
		},
		"but rejected stays inside the reported clause": {
			text: "Ambassador Ivan Petrov said Moscow backed the talks but rejected any deadline.",
			want: []wantStatement{{text: "Moscow backed the talks but rejected any deadline", speaker: "Ivan Petrov", cue: "said"}},
		},
		"said there was: an existential subject, not a place": {
			text: "A spokesman for the ministry said there was no plan to close the border.",
			want: []wantStatement{{text: "there was no plan to close the border", cue: "said"}},
		},
		"weekday right after the cue": {
			text: "Chair Mona Reyes announced Sunday she will step down in June.",
			want: []wantStatement{{text: "she will step down in June", speaker: "Mona Reyes", cue: "announced"}},
		},
		"this week between subject and cue; however": {
			text: "The Election Commission this week announced the vote would be delayed. Its chair however said the delay would be short.",
			want: []wantStatement{
				{text: "the vote would be delayed", cue: "announced"},
				{text: "the delay would be short", cue: "said"},
			},
		},
		"told a role and a name, then a bare clause": {
			text: "Dan Kemp told host Rita Vance a runoff was increasingly likely.",
			want: []wantStatement{{text: "a runoff was increasingly likely", speaker: "Dan Kemp", cue: "told"}},
		},
		"testified with a bare object is no statement": {
			text: "Envoy Paul Reed testified behind closed doors on Tuesday about the talks.",
			want: nil,
		},
		"quoted as saying": {
			text: "Leader Jin Ho was quoted as saying the army would hold new drills in spring.",
			want: []wantStatement{{text: "the army would hold new drills in spring", speaker: "Jin Ho", cue: "saying"}},
		},
		"expressed hope that; expressed concern over is no statement": {
			text: "Premier Ana Costa expressed hope that trade would double by 2030. She expressed concern over the fighting.",
			want: []wantStatement{{text: "trade would double by 2030", speaker: "Ana Costa", cue: "expressed"}},
		},
		"a verb of the content is no cue when a trailing one follows": {
			text: "The country would respond firmly, the ministry said in a statement, according to the state news agency.",
			want: []wantStatement{{text: "The country would respond firmly", mention: "the ministry", cue: "said"}},
		},
		"urged a thing; a pledge of money is no statement": {
			text: "The UK has urged an “end to the violence” in the region. Britain pledged an additional 500 million pounds.",
			want: []wantStatement{{text: "an “end to the violence” in the region", speaker: "United Kingdom", cue: "urged"}},
		},
		"a two-word quotation with a trailing cue": {
			text: "“That's correct,” Envoy Karl Brandt said.",
			want: []wantStatement{{text: "“That's correct,”", kind: briefbot.Direct, speaker: "Karl Brandt"}},
		},
		"trailing attribution, but she warned": {
			text: "The grid held overnight, Energy Minister Lina Koval said on Friday, but she warned that repairs could take weeks.",
			want: []wantStatement{
				{text: "The grid held overnight", speaker: "Lina Koval", cue: "said"},
				{text: "repairs could take weeks", speaker: "Lina Koval", mention: "she", cue: "warned"},
			},
		},
		"acronym before a title, then adding after the cue's object": {
			text: "“We are running out of time,” WHO Director-General Ana Mbeki told a briefing in Geneva, adding that funding had halved.",
			want: []wantStatement{
				{text: "“We are running out of time,”", speaker: "Ana Mbeki", cue: "told"},
				{text: "funding had halved", speaker: "Ana Mbeki", cue: "adding"},
			},
		},
		"quipped and concurred are cues": {
			text: "“We have more meetings than results,” Sara Lind quipped. Her counterpart Tomas Berg concurred that the process was too slow.",
			want: []wantStatement{
				{text: "“We have more meetings than results,”", speaker: "Sara Lind", cue: "quipped"},
				{text: "the process was too slow", speaker: "Tomas Berg", cue: "concurred"},
			},
		},
	})
}

func TestDatelineEnd(t *testing.T) {
	tests := map[string]struct {
		text string
		want string // first word after the dateline; "" when none
	}{
		"reuters":                          {"MOSCOW, April 9 (Reuters) - Russia said", "Russia"},
		"ap em dash":                       {"BEIJING (AP) — China said", "China"},
		"xinhua":                           {"UNITED NATIONS, Nov 3 (Xinhua) -- The envoy said", "The"},
		"tass":                             {"MOSCOW, June 4. /TASS/. BRICS will", "BRICS"},
		"kyodo":                            {"TOKYO, May 2 /Kyodo/ — Japan said", "Japan"},
		"place pair":                       {"HANOI, Vietnam (AP) — Esper said", "Esper"},
		"abbreviation":                     {"SEOUL, Aug. 21 (Yonhap) -- The minister said", "The"},
		"not a dateline, lower-case words": {"NATO allies agreed - for now - to wait", ""},
		"not a dateline, no dash":          {"WASHINGTON is quiet today.", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			toks := tokenize(tc.text)
			e := datelineEnd(toks, 0)
			got := ""
			if e > 0 && e < len(toks) {
				got = toks[e].text
			}
			if got != tc.want {
				t.Errorf("after the dateline: %q, want %q", got, tc.want)
			}
		})
	}
}
