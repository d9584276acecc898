package summarize

import (
	"strings"
	"testing"
)

func TestFurnitureLines(t *testing.T) {
	furnitureLines := []string{
		"READ MORE: France ends military mission in Niger",
		"Related: M23 rebels seize key town",
		"SEE MORE: Protests enter their sixth month",
		"DON'T MISS",
		"China has warned it will act (Image: GETTY )",
		"Relatives protest outside the ministry on Saturday. (AP Photo/Ohad Zwigenberg)",
		"FILE PHOTO: A coast guard ship sails near the shoal. REUTERS/Eloisa Lopez/File Photo",
		"Photo shows the minister speaking in Tokyo on March 2. (Kyodo)",
		"By Stefan Becket, Kathryn Watson, Grace Segers",
		"Caroline Hawley, BBC diplomatic correspondent",
		"The Canadian Press",
		"(Reporting by Anna Volkova; Editing by Mark Hensley)",
		"Associated Press writer Jon Gambrell in Dubai contributed to this report.",
		"Share this article",
		"Media caption Barack Obama: “Great Britain has always been our best partner”",
		"PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
	}
	for _, l := range furnitureLines {
		if is, _ := furniture(l); !is {
			t.Errorf("furniture(%q) = false, want true", l)
		}
	}
	textLines := []string{
		"By contrast, the minister said the talks had failed.",
		"Via legislative side doors, Sanders made some gains;",
		"The latest Reuters/Ipsos opinion poll shows Clinton ahead.",
		"Reuters reported that the talks had stalled.",
		"Related talks in Geneva ended without a deal on Friday.",
		"“We will not back down,” the minister said.",
	}
	for _, l := range textLines {
		if is, _ := furniture(l); is {
			t.Errorf("furniture(%q) = true, want false", l)
		}
	}
}

func TestFurnitureDoesNotCutAQuotationOrSpeak(t *testing.T) {
	text := "Colonel Ana Ruiz said: “The rioters must face the consequences of their acts.\n\n" +
		"The protests kicked off in June (Image: GETTY )\n\n" +
		"READ MORE: Students under siege in university\n\n" +
		"“Other than coming out, I see no option for them.”\n\n" +
		"Related:\n\nPolice storm campus\n\nCity braces for more protests\n\n" +
		"Mayor Jon Berg said the city was calm."
	ex := Extract(text)
	checkStatementOffsets(t, text, ex)
	var got []string
	for _, s := range ex.Statements {
		got = append(got, s.Speaker+": "+s.Text)
		if strings.Contains(s.Text, "GETTY") || strings.Contains(s.Text, "siege") || strings.Contains(s.Text, "storm") {
			t.Errorf("statement from page furniture: %q", s.Text)
		}
	}
	want := []string{
		"Ana Ruiz: “The rioters must face the consequences of their acts.",
		"Ana Ruiz: “Other than coming out, I see no option for them.”",
		"Jon Berg: the city was calm",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("statements:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHeadingQuotationsAreNotStatements(t *testing.T) {
	text := "Here are the highlights:\n\n3. “Not some back channel at all”\n\n“A long heading in quotation marks without any final stop”\n\n" +
		"“I never used that term,” Envoy Karl Brandt said.\n\n“We kept the council informed at every step.”"
	ex := Extract(text)
	var got []string
	for _, s := range ex.Statements {
		got = append(got, s.Text)
	}
	want := []string{"“I never used that term,”", "“We kept the council informed at every step.”"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("statements %q, want %q", got, want)
	}
}
