package summarize

import (
	"testing"

	"github.com/briefbot/briefbot"
)

// TestExtractGeneralRules covers the attribution and speaker rules added
// to make extraction hold up on unseen news (issue 3, second pass). Every
// sentence is written for this test.
func TestExtractGeneralRules(t *testing.T) {
	tests := map[string]struct {
		text string
		want []wantStatement
	}{
		// Object cues: a bare noun phrase after them is an event, not speech.
		"welcomed an object is no statement": {
			text: "The UK welcomed the agreement on Friday.",
			want: nil,
		},
		"maintains an office is no statement": {
			text: "The talks were held in Oslo, where the group maintains a small office.",
			want: nil,
		},
		"announced a clause is a statement": {
			text: "The council announced the bridge would close in May.",
			want: []wantStatement{{text: "the bridge would close in May", kind: briefbot.Indirect, speaker: "council", cue: "announced"}},
		},
		"welcomed then saying": {
			text: "Mayor Lena Holm welcomed the agreement, saying both parties had made hard choices.",
			want: []wantStatement{{text: "both parties had made hard choices", speaker: "Lena Holm", cue: "saying"}},
		},
		// US party tags between a name and its apposition.
		"party tag in parentheses then an apposition": {
			text: "Rep. Elena Marsh (D-Md.), chair of the budget panel, said that the plan was fair to farmers.",
			want: []wantStatement{{text: "the plan was fair to farmers", speaker: "Elena Marsh", cue: "said"}},
		},
		"party tag between commas": {
			text: "Sen. Paul Okafor, R-Texas, said the plan was fair to farmers.",
			want: []wantStatement{{text: "the plan was fair to farmers", speaker: "Paul Okafor", cue: "said"}},
		},
		// A quoted title after a trailing cue is no second remark.
		"said on a quoted show title": {
			text: "“We will publish the records next week,” Senator Lena Holm said on “Meet the Voters.”",
			want: []wantStatement{{text: "“We will publish the records next week,”", speaker: "Lena Holm", cue: "said"}},
		},
		"said then a second quotation": {
			text: "“We will publish the records,” Senator Lena Holm said, “and nothing will be hidden.”",
			want: []wantStatement{
				{text: "“We will publish the records,”", speaker: "Lena Holm", cue: "said"},
				{text: "“and nothing will be hidden.”", speaker: "Lena Holm", cue: "said"},
			},
		},
		// A leading adjunct before "X said, “…”" is no trailing content.
		"leading adjunct then said and a quotation": {
			text: "Mayor Lena Holm spoke twice. In March, as the council voted on the budget, Holm said, “We will publish the records.”",
			want: []wantStatement{{text: "“We will publish the records.”", speaker: "Lena Holm", cue: "said"}},
		},
		"trailing content then said": {
			text: "The records will be published next week, Mayor Lena Holm said on Monday.",
			want: []wantStatement{{text: "The records will be published next week", speaker: "Lena Holm", cue: "said"}},
		},
		// The question put to a speaker is an attribution next to the answer.
		"asked whether then the answer": {
			text: "Senator Lena Holm spoke first. Asked whether she would run again, Holm said she would not decide before May.",
			want: []wantStatement{
				{text: "whether she would run again", speaker: "Lena Holm", cue: "Asked"},
				{text: "she would not decide before May", speaker: "Lena Holm", cue: "said"},
			},
		},
		"asked by a named reporter is not the answerer's": {
			text: "Senator Lena Holm spoke first. Asked by Karl Berg whether she would run again, Holm said she would not decide before May.",
			want: []wantStatement{{text: "she would not decide before May", speaker: "Lena Holm", cue: "said"}},
		},
		// A claim headline: the first line names a source, a colon, a claim.
		"claim headline": {
			text: "Holm: Budget Cuts Will Close Three Schools.\n\nSenator Lena Holm spoke on Monday in the city.",
			want: []wantStatement{{text: "Budget Cuts Will Close Three Schools", speaker: "Lena Holm", cue: ":"}},
		},
		"a colon later in the text is no headline": {
			text: "Senator Lena Holm spoke on Monday.\n\nHolm: Budget Cuts Will Close Three Schools.",
			want: nil,
		},
		// A publication closing the sentence reports what precedes it.
		"publication reported at the end": {
			text: "The vote was close. The mayor will campaign in Malmo on Saturday, the Daily Courier reported.",
			want: []wantStatement{{text: "The mayor will campaign in Malmo on Saturday", speaker: "Daily Courier", cue: "reported"}},
		},
		// Declining a question reports the question; declining to comment does not.
		"declined to say whether": {
			text: "Mayor Lena Holm declined to say whether the school would close in May.",
			want: []wantStatement{{text: "to say whether the school would close in May", speaker: "Lena Holm", cue: "declined"}},
		},
		"declined to comment": {
			text: "Mayor Lena Holm declined to comment on the school.",
			want: nil,
		},
		"according to a long source": {
			text: "According to the results of exit polls conducted by Nordic Research for the Daily Courier and two radio networks, most voters in Malmo backed the plan.",
			want: []wantStatement{{text: "most voters in Malmo backed the plan", speaker: "results", cue: "According to"}},
		},
		"one delegate as a group speaker": {
			text: "Critics were loud. One delegate said the rules were unfair to everyone.",
			want: []wantStatement{{text: "the rules were unfair to everyone", speaker: "delegate", cue: "said"}},
		},
		"said one donor": {
			text: "Critics were loud. “We are broke,” said one donor.",
			want: []wantStatement{{text: "“We are broke,”", speaker: "donor", cue: "said"}},
		},
		"believe this opens the clause": {
			text: "Wages are flat. Economists believe this provides an incentive for employers to hire.",
			want: []wantStatement{{text: "this provides an incentive for employers to hire", speaker: "Economists", cue: "believe"}},
		},
		"hope with a bare clause": {
			text: "Wages are flat. City officials hope the new plant can bring jobs back to the valley.",
			want: []wantStatement{{text: "the new plant can bring jobs back to the valley", speaker: "City officials", cue: "hope"}},
		},
		"wants an object to": {
			text: "Wages are flat. Mayor Lena Holm wants voters to know that she is with them.",
			want: []wantStatement{{text: "voters to know that she is with them", speaker: "Lena Holm", cue: "wants"}},
		},
		"in a poll opener": {
			text: "Wages are flat. In a Daily Courier poll released Monday, most voters in Malmo backed the plan.",
			want: []wantStatement{{text: "most voters in Malmo backed the plan", speaker: "Daily Courier poll", cue: "In"}},
		},
		"in a city opener is no source": {
			text: "Wages are flat. In Malmo on Monday, most voters backed the plan.",
			want: nil,
		},
		"filings show": {
			text: "Wages are flat. New filings show the campaign has less than a million dollars in the bank.",
			want: []wantStatement{{text: "the campaign has less than a million dollars in the bank", speaker: "New filings", cue: "show"}},
		},
		"name and apposition then saying": {
			text: "Wages are flat. Karl Berg, a party official from Uppsala, backed the plan last week, saying it would bring jobs to the valley.",
			want: []wantStatement{{text: "it would bring jobs to the valley", speaker: "Karl Berg", cue: "saying"}},
		},
		"said a longtime adviser": {
			text: "Wages are flat. “He knows nothing about the new media,” said a longtime adviser.",
			want: []wantStatement{{text: "“He knows nothing about the new media,”", speaker: "longtime adviser", cue: "said"}},
		},
		// "tried to" reports only before another cue.
		"tried to act is no statement": {
			text: "Mayor Lena Holm tried to conceal the report from the council for a week.",
			want: nil,
		},
		"tried to explain is a statement": {
			text: "Mayor Lena Holm tried to explain that the report had been delayed by the printers.",
			want: []wantStatement{{text: "to explain that the report had been delayed by the printers", speaker: "Lena Holm", cue: "tried"}},
		},
		// Stance cues: what is endorsed is the name, not the adjuncts after it.
		"endorsed a name then an adjunct": {
			text: "Senator Maria Lund endorsed Anders Berg last week at a rally in Malmo.",
			want: []wantStatement{{text: "Anders Berg", speaker: "Maria Lund", cue: "endorsed"}},
		},
		"supported a pronoun in the primary": {
			text: "Her rival spoke first. Older voters, polls show, supported her in the primary in the city.",
			want: []wantStatement{{text: "her", speaker: "Older voters", cue: "supported"}},
		},
		"attacked a name for a reason keeps the reason": {
			text: "Governor Nina Holt attacked Anders Berg for his vote on the budget.",
			want: []wantStatement{{text: "Anders Berg for his vote on the budget", speaker: "Nina Holt", cue: "attacked"}},
		},
		"told a plain noun object then a clause": {
			text: "The farmer told doctors he had eaten raw fish in the village.",
			want: []wantStatement{{text: "he had eaten raw fish in the village", speaker: "farmer", cue: "told"}},
		},
		// Coreference.
		"he is the last sentence subject, not the last name": {
			text: "Anna Berg said the vote was fair.\n\nKarl Mertens was the second witness to appear before the panel with Judge Ana Ruiz on Monday. He said he was not worried about the vote.",
			want: []wantStatement{
				{text: "the vote was fair", speaker: "Anna Berg"},
				{text: "he was not worried about the vote", speaker: "Karl Mertens", mention: "He"},
			},
		},
		"it continues the organisation": {
			text: "The Finnish Prosecution Authority said the case was closed. “The evidence has weakened,” it added.",
			want: []wantStatement{
				{text: "the case was closed", speaker: "Finnish Prosecution Authority"},
				{text: "“The evidence has weakened,”", speaker: "Finnish Prosecution Authority", mention: "it", cue: "added"},
			},
		},
		"the statement is the last speaker's": {
			text: "The navy said in a statement on Friday that two sailors were missing. “The search continues day and night,” the statement said.",
			want: []wantStatement{
				{text: "two sailors were missing", speaker: "navy"},
				{text: "“The search continues day and night,”", speaker: "navy", mention: "the statement"},
			},
		},
		"role phrase named in apposition": {
			text: "The leader of the Green party, Maria Olsen, condemned the vote, saying it “will not stop our work.”",
			want: []wantStatement{{text: "it “will not stop our work.”", kind: briefbot.Mixed, speaker: "Maria Olsen", mention: "The leader"}},
		},
		"inverted role phrase named in apposition": {
			text: "The plan was never his, said another witness in the inquiry, former embassy adviser Clara Voss.",
			want: []wantStatement{{text: "The plan was never his", speaker: "Clara Voss", mention: "another witness"}},
		},
		"short name stands for the full name": {
			text: "Lt Col Erik Dahl, a signals officer, testified on Tuesday. “I was shocked by what I heard,” Dahl said.",
			want: []wantStatement{{text: "“I was shocked by what I heard,”", speaker: "Erik Dahl", mention: "Dahl"}},
		},
		"acronym defined in parentheses": {
			text: "According to the Agency for Coastal Safety (ACS), the beach is closed. The ACS said swimmers should wait.",
			want: []wantStatement{
				{text: "the beach is closed", speaker: "Agency for Coastal Safety", cue: "According to"},
				{text: "swimmers should wait", speaker: "Agency for Coastal Safety", mention: "The ACS"},
			},
		},
		// Speaker noun phrases.
		"apposition with a multi-word possessive": {
			text: "Lena Holm, Hong Kong’s new police commissioner, said in an interview that officers alone cannot end the violence.",
			want: []wantStatement{{text: "officers alone cannot end the violence", speaker: "Lena Holm", mention: "Lena Holm"}},
		},
		"capitalized modifier opens the subject": {
			text: "Health bosses said that 28 people were placed in quarantine.",
			want: []wantStatement{{text: "28 people were placed in quarantine", speaker: "Health bosses"}},
		},
		"both sides speak": {
			text: "Both sides said they were confident the talks could resume.",
			want: []wantStatement{{text: "they were confident the talks could resume", speaker: "Both sides"}},
		},
		"possessive and plain nouns before the head": {
			text: "Norway's fisheries ministry said the quota would be cut.",
			want: []wantStatement{{text: "the quota would be cut", speaker: "Norwegian Fisheries Ministry", mention: "Norway's fisheries ministry"}},
		},
		"coordinated speakers": {
			text: "Ana Ruiz and Karl Mertens said the vote was fair.",
			want: []wantStatement{{text: "the vote was fair", speaker: "Ana Ruiz and Karl Mertens", mention: "Ana Ruiz and Karl Mertens"}},
		},
		"country speaker takes its canonical name": {
			text: "The UK said the embassy would stay open.",
			want: []wantStatement{{text: "the embassy would stay open", speaker: "United Kingdom", mention: "The UK"}},
		},
		"the White House is not the country": {
			text: "The White House said the claims were false.",
			want: []wantStatement{{text: "the claims were false", speaker: "White House"}},
		},
		"a count word is not part of the group": {
			text: "One Oslo-based diplomat said the talks had stalled.",
			want: []wantStatement{{text: "the talks had stalled", speaker: "Oslo-based diplomat", mention: "One Oslo-based diplomat"}},
		},
		"office for a named field is one institution": {
			text: "The Swiss Office for Public Health said the risk was low.",
			want: []wantStatement{{text: "the risk was low", speaker: "Swiss Office for Public Health"}},
		},
		"role words between institution and name": {
			text: "In Oslo, White House press secretary Ana Ruiz condemned the attack and said the government would help.",
			want: []wantStatement{{text: "the government would help", speaker: "Ana Ruiz"}},
		},
		"spokesperson for an institution": {
			text: "A spokesperson for the Swiss Foreign Office said the embassy would stay open.",
			want: []wantStatement{{text: "the embassy would stay open", speaker: "spokesperson for the Swiss Foreign Office"}},
		},
		"time phrase before the subject": {
			text: "Last week State Department official Mira Patel revealed the plan to investigators, saying she recalled it “vividly.”",
			want: []wantStatement{{text: "she recalled it “vividly.”", kind: briefbot.Mixed, speaker: "Mira Patel", cue: "saying"}},
		},
		"apposition with a role and an institution": {
			text: "The deal was never signed, said another witness in the inquiry, former White House trade adviser Clara Voss.",
			want: []wantStatement{{text: "The deal was never signed", speaker: "Clara Voss"}},
		},
		"it is the named subject of its own sentence": {
			text: "The navy said the search had ended.\n\nThe Northern Front, however, claimed the attack, which it said was revenge for the raid.",
			want: []wantStatement{
				{text: "the search had ended", speaker: "navy"},
				{text: "was revenge for the raid", speaker: "Northern Front", mention: "it"},
			},
		},
		"parenthetical however between speaker and cue": {
			text: "Prime Minister Anna Berg, however, said she was “very moved” by the vote.",
			want: []wantStatement{{text: "she was “very moved” by the vote", speaker: "Anna Berg"}},
		},
		"heading in quotation marks is not speech": {
			text: "Karl Mertens said the plan was sound.\n\n“The Oslo problem”\n\nThe talks went on.",
			want: []wantStatement{{text: "the plan was sound", speaker: "Karl Mertens"}},
		},
		"said in a statement then a quotation": {
			text: "Prime Minister Anna Berg said in a statement, “We are deeply relieved” at the release, adding that the families had asked for privacy.",
			want: []wantStatement{
				{text: "“We are deeply relieved”", kind: briefbot.Direct, speaker: "Anna Berg"},
				{text: "the families had asked for privacy", speaker: "Anna Berg", cue: "adding"},
			},
		},
		"claimed a bare noun is no statement": {
			text: "The mayor claimed victory as the council ended its third hearing on Tuesday.",
			want: nil,
		},
		"authorities in a place speak": {
			text: "Health authorities in Norway’s Finnmark region have confirmed that a second case was found.",
			want: []wantStatement{{text: "a second case was found", speaker: "Health authorities in Norway’s Finnmark region"}},
		},
		"the source refers back to the source introduced before": {
			text: "A source inside the harbour office said the ships had left.\n\n“Nobody stopped them,” the source said.",
			want: []wantStatement{
				{text: "the ships had left", speaker: "source inside the harbour office"},
				{text: "“Nobody stopped them,”", speaker: "source inside the harbour office", mention: "the source"},
			},
		},
		"the name opening the sentence, not the firm in the apposition": {
			text: "Ines Moreau, a senior analyst at Northwind, the Oslo-based consultancy, told reporters that the deal was fragile.",
			want: []wantStatement{{text: "the deal was fragile", speaker: "Ines Moreau", mention: "Ines Moreau"}},
		},
		"apposition that opens with a role noun and a preposition": {
			text: "Karl Mertens, program director for the Harbour Trust, said the pier would reopen.",
			want: []wantStatement{{text: "the pier would reopen", speaker: "Karl Mertens"}},
		},
		"an adverb in -ly before the cue": {
			text: "City officials ultimately admitted that the count had been wrong.",
			want: []wantStatement{{text: "the count had been wrong", speaker: "City officials"}},
		},
		"one commenter with a capitalized modifier": {
			text: "“Stop hiding the numbers,” one Weibo commenter said.",
			want: []wantStatement{{text: "“Stop hiding the numbers,”", speaker: "Weibo commenter", mention: "one Weibo commenter"}},
		},
		"the Pentagon is not the country": {
			text: "The Pentagon said the base would stay open.",
			want: []wantStatement{{text: "the base would stay open", speaker: "Pentagon"}},
		},
		"a named plan is no speaker": {
			text: "The talks stalled over a United Nations plan to return the families to their homes.",
			want: nil,
		},
		"reports that and trailing reports": {
			text: "The Associated Press reports that the road was reopened. Two more cases were found in the north, reports Reuters.",
			want: []wantStatement{
				{text: "the road was reopened", speaker: "Associated Press", cue: "reports"},
				{text: "Two more cases were found in the north", speaker: "Reuters", cue: "reports"},
			},
		},
		"rejected as a quotation": {
			text: "The Pentagon rejected the accusations as “patently false.”",
			want: []wantStatement{{text: "the accusations as “patently false.”", kind: briefbot.Mixed, speaker: "Pentagon", cue: "rejected"}},
		},
		"a name of a newspaper": {
			text: "Mira Patel of the Northern Herald spent a week in the port.\n\nPatel of the Herald reports that the cranes had stopped.",
			want: []wantStatement{{text: "the cranes had stopped", speaker: "Mira Patel", mention: "Patel of the Herald"}},
		},
		"coordinated groups": {
			text: "Both independent analysts and residents in the town told reporters the claims are false.",
			want: []wantStatement{{text: "the claims are false", speaker: "independent analysts and residents in the town"}},
		},
		"acronym of an institution named earlier": {
			text: "The Nordic Center for Disease Control said the risk was low.\n\nThe NCDC later said that no new cases were found.",
			want: []wantStatement{
				{text: "the risk was low", speaker: "Nordic Center for Disease Control"},
				{text: "no new cases were found", speaker: "Nordic Center for Disease Control", mention: "The NCDC"},
			},
		},
		"recounted is a cue": {
			text: "“We had the deal done,” Mayor Lena Holm recounted at a meeting.",
			want: []wantStatement{{text: "“We had the deal done,”", speaker: "Lena Holm", cue: "recounted"}},
		},
		"continues to insist": {
			text: "Mayor Lena Holm continues to insist the bridge will be finished on time.",
			want: []wantStatement{{text: "the bridge will be finished on time", speaker: "Lena Holm", cue: "insist"}},
		},
		"group across a place": {
			text: "Executives across the region say they have no choice but to delay hiring.",
			want: []wantStatement{{text: "they have no choice but to delay hiring", speaker: "Executives across the region"}},
		},
		"relative clause without commas": {
			text: "Oslo-based analysts who have done the sums say the quota cannot be met.",
			want: []wantStatement{{text: "the quota cannot be met", speaker: "Oslo-based analysts who have done the sums"}},
		},
		"according to people familiar with": {
			text: "The visit could be delayed, according to people familiar with the planning.",
			want: []wantStatement{{text: "The visit could be delayed", speaker: "people familiar with the planning"}},
		},
		"the president is the person titled President": {
			// Biden is in the people list without a role: only the text's
			// "President Biden" makes him the president.
			text: "When President Biden’s aides met the envoys, Mr. Biden was not satisfied.\n\nThe talks went on late. The president says his approach has created leverage.",
			want: []wantStatement{{text: "his approach has created leverage", speaker: "Joe Biden", mention: "The president"}},
		},
		"a counted group agrees that": {
			text: "Many farmers agree that the quota was too low.",
			want: []wantStatement{{text: "the quota was too low", speaker: "Many farmers", cue: "agree"}},
		},
		"urged someone to": {
			text: "She met the mayor. Lena Holm urged Mr. Mertens to approve the budget.",
			want: []wantStatement{{text: "Mr. Mertens to approve the budget", speaker: "Lena Holm", cue: "urged"}},
		},
		"advises someone on a topic is no statement": {
			text: "Karl Mertens, who advises Minister Ana Ruiz on security matters, left early.",
			want: nil,
		},
		"quoted question with an apposition before the cue": {
			text: "“What is the point of the deal?” Karl Mertens, the former director of the port, said at a forum.",
			want: []wantStatement{{text: "“What is the point of the deal?”", speaker: "Karl Mertens"}},
		},
		"an institution of three words after for": {
			text: "A study by the Centre for Maritime Policy Research concluded that the port was full.",
			want: []wantStatement{{text: "the port was full", speaker: "Centre for Maritime Policy Research"}},
		},
		"an institution keeps its nationality": {
			text: "Exports of soybeans dropped sharply, according to the American Soybean Growers Federation.",
			want: []wantStatement{{text: "Exports of soybeans dropped sharply", speaker: "American Soybean Growers Federation"}},
		},
		"declined to comment is no statement": {
			text: "Officials from both delegations declined to comment on the draft before it is published.",
			want: nil,
		},
		// Attribution patterns.
		"testified before a committee is no inverted speaker": {
			text: "Later in the day, Lena Holm, a former envoy, and Karl Mertens, another senior aide, testified before the powerful House Budget Committee.",
			want: nil,
		},
		"quotation after a dash": {
			text: "Yet Holm has already changed her account once — “I do remember now,” she said.",
			want: []wantStatement{{text: "“I do remember now,”", kind: briefbot.Direct, mention: "she"}},
		},
		"quoted question keeps its attribution": {
			text: "“Is it fair to say you have failed?” Senator Paul Adler asked.",
			want: []wantStatement{{text: "“Is it fair to say you have failed?”", kind: briefbot.Direct, speaker: "Paul Adler", cue: "asked"}},
		},
		"and said goes on with the same speaker": {
			text: "The ministry said it viewed the move as “a serious mistake” and said it would raise tensions.",
			want: []wantStatement{
				{text: "it viewed the move as “a serious mistake”", kind: briefbot.Mixed, speaker: "ministry"},
				{text: "it would raise tensions", kind: briefbot.Indirect, speaker: "ministry", cue: "said"},
			},
		},
		"and a new speaker said": {
			text: "The mayor said the bridge had been closed on Friday and the police said they were guarding it.",
			want: []wantStatement{
				{text: "the bridge had been closed on Friday", speaker: "mayor"},
				{text: "they were guarding it", speaker: "police"},
			},
		},
		"list after said and a colon": {
			text: "In the interview, the minister also said:\n\nThe port must reopen before winter\n\nHe is confident the budget will pass\n\nThe tour ends in Oslo on Sunday.",
			want: []wantStatement{
				{text: "The port must reopen before winter", speaker: "minister", cue: "said"},
				{text: "He is confident the budget will pass", speaker: "minister", cue: "said"},
			},
		},
		"name and colon before a quotation": {
			text: "Ines Moreau spoke on Monday.\n\nVideo caption Ines Moreau: “The port has always been our lifeline”",
			want: []wantStatement{{text: "“The port has always been our lifeline”", kind: briefbot.Direct, speaker: "Ines Moreau", cue: ":"}},
		},
		"wire dateline is not content": {
			text: "GENEVA — The talks will resume on Thursday, the mediators said.",
			want: []wantStatement{{text: "The talks will resume on Thursday", speaker: "mediators", cue: "said"}},
		},
		"dateline with place and agency": {
			text: "KYIV, Ukraine (Reuters) — Grain exports rose in May, officials said.",
			want: []wantStatement{{text: "Grain exports rose in May", speaker: "officials", cue: "said"}},
		},
		"headline and colon before a quotation": {
			text: "Harbour latest: “We will not surrender the port”",
			want: nil,
		},
	}
	runStatementCases(t, tests)
}
