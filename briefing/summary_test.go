package briefing

import (
	"strings"
	"testing"
	"time"
)

// The articles in this file are made up for these tests.

func summaryOf(title string, paragraphs ...string) []string {
	a := Article{Title: title, Published: time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC), Paragraphs: paragraphs}
	return summarize(newDocument(a))
}

// checkExtract fails unless every summary sentence is a sentence of the
// paragraphs (a leading dateline may be cut), they come in article order,
// and the summary keeps within its bounds.
func checkExtract(t *testing.T, summary []string, paragraphs []string) {
	t.Helper()
	body := strings.Join(paragraphs, "\n\n")
	last := -1
	chars := 0
	for _, s := range summary {
		at := strings.Index(body, s)
		if at < 0 {
			t.Errorf("summary sentence is not in the article: %q", s)
			continue
		}
		if at <= last {
			t.Errorf("summary sentence out of article order: %q", s)
		}
		last = at
		chars += len(s)
	}
	if len(summary) > maxSummarySentences {
		t.Errorf("summary has %d sentences, more than %d", len(summary), maxSummarySentences)
	}
	if chars > maxSummaryChars {
		t.Errorf("summary has %d characters, more than %d", chars, maxSummaryChars)
	}
}

func TestSummaryWireStory(t *testing.T) {
	paras := []string{
		"OSLO, March 14 (Briefbot Wire) -- Norway and Chile agreed on Thursday to open talks on a fisheries treaty covering the southern Pacific, the Norwegian foreign ministry said.",
		"The first round will be held in Santiago on April 9, the ministry said in a statement. Both governments have faced pressure from fishing communities over falling catches.",
		"\"We want rules that our grandchildren can still fish under,\" Chilean Foreign Minister Rosa Fuentes told reporters in Oslo.",
	}
	got := summaryOf("Norway and Chile to open fisheries treaty talks", paras...)
	checkExtract(t, got, paras)
	if len(got) < 3 || len(got) > 4 {
		t.Fatalf("a four-sentence story gave %d summary sentences, want 3 or 4: %q", len(got), got)
	}
	if want := "Norway and Chile agreed on Thursday to open talks on a fisheries treaty covering the southern Pacific, the Norwegian foreign ministry said."; got[0] != want {
		t.Errorf("first point = %q, want the lead without its dateline: %q", got[0], want)
	}
}

func TestSummaryShortStoryNeverPadded(t *testing.T) {
	paras := []string{
		"The foreign ministers of Ghana and Togo signed a border agreement in Accra on Tuesday, ending a dispute that had lasted two decades.",
		"The agreement will be sent to both parliaments for approval next month.",
	}
	got := summaryOf("Ghana and Togo sign border agreement", paras...)
	checkExtract(t, got, paras)
	if len(got) != 2 {
		t.Errorf("a two-sentence story gave %d summary sentences, want 2: %q", len(got), got)
	}
}

// A story whose third sentence is a quotation with no speaker of its own
// still gives three points: the quotation follows the sentence that says
// who spoke, and never comes first.
func TestSummaryShortStoryKeepsItsBareQuotation(t *testing.T) {
	paras := []string{
		"The prime ministers of Estonia and Finland will open a new ferry terminal in Tallinn on Monday, the Estonian government said.",
		"\"The terminal brings our capitals closer than ever,\" government spokeswoman Liis Example told reporters. \"It will carry a million passengers in its first year.\"",
	}
	got := summaryOf("Estonia and Finland to open ferry terminal", paras...)
	checkExtract(t, got, paras)
	if len(got) != 3 {
		t.Fatalf("a three-sentence story gave %d summary sentences, want 3: %q", len(got), got)
	}
	if want := "\"It will carry a million passengers in its first year.\""; got[2] != want {
		t.Errorf("last point = %q, want the bare quotation after its speaker's sentence: %q", got[2], want)
	}

	// On its own, a bare quotation has nobody to follow.
	got = summaryOf("Ferry terminal", "\"The terminal brings our capitals closer than ever before, really.\"", "The prime ministers of Estonia and Finland will open a new ferry terminal in Tallinn on Monday.")
	for _, p := range got {
		if strings.HasPrefix(p, "\"") {
			t.Errorf("a bare quotation with no sentence before it became a point: %q", got)
		}
	}
}

func TestSummaryNoNearDuplicates(t *testing.T) {
	lead := "The foreign ministers of Norway and Chile agreed on Monday to open talks on a fisheries treaty, the Norwegian foreign ministry said."
	retold := "On Monday the foreign ministers of Norway and Chile agreed to open talks on a fisheries treaty, the ministry said in a statement."
	paras := []string{
		lead,
		retold,
		"Chile's fishing fleet has shrunk by a third since 2015, and its government blames foreign trawlers working at the edge of its waters.",
		"Norwegian Fisheries Minister Erik Dahl said the treaty should cover monitoring by satellite and shared inspections at sea.",
		"The ministers also discussed a joint research vessel that would survey fish stocks off Patagonia from next year.",
		"The first round of treaty talks will take place in Santiago on April 9, followed by a second round in Tromsø in June.",
		"Environmental groups welcomed the talks but said quotas must be set by scientists rather than by ministers.",
		"Trade between the two countries reached a record last year, driven by salmon farming equipment and copper.",
	}
	got := summaryOf("Norway and Chile agree to open fisheries treaty talks", paras...)
	checkExtract(t, got, paras)
	for _, s := range got {
		if s == retold {
			t.Errorf("summary repeats the lead in other words: %q", got)
		}
	}
	vocab := newSummaryVocab()
	defer releaseSummaryVocab(vocab)
	for i := range got {
		for j := i + 1; j < len(got); j++ {
			a := vocab.termSet(got[i])
			b := vocab.termSet(got[j])
			if sim := termCosine(a, b); sim >= nearDuplicate {
				t.Errorf("near-duplicate points (similarity %.2f):\n  %s\n  %s", sim, got[i], got[j])
			}
		}
	}
}

func TestSummaryCoversLaterParagraphs(t *testing.T) {
	paras := []string{
		"Leaders of the Mekong River Commission met in Vientiane on Friday to discuss the dams that are reshaping the river, the commission said.",
		"The commission's four member states, Laos, Thailand, Cambodia and Vietnam, have argued for years over how much water the dams hold back in the dry season.",
		"Laos, which plans to export more electricity to its neighbours, defended its dams as vital for the country's economy.",
		"Officials from Laos said new turbines would be installed at two dams on the river this year.",
		"Cambodia's delegation said fish catches on the Tonle Sap lake had fallen sharply, which it blamed on the dams upstream.",
		"Vietnam warned that salt water was moving further into the Mekong delta, threatening rice harvests that feed millions of people.",
		"The commission agreed to share dam water-level data in real time from June, a step its members had resisted for a decade.",
		"The commission will meet again in Phnom Penh in November to review whether the data-sharing agreement is working.",
		"China, which has built eleven dams on the upper river, attends the commission's meetings only as a dialogue partner.",
		"Environmental groups said the data-sharing deal was welcome but came too late for the fishing communities of the delta.",
		"Thailand's delegation proposed a joint study on sediment, which the dams trap before it can reach the delta's rice fields.",
	}
	got := summaryOf("Mekong commission agrees to share dam data in real time", paras...)
	checkExtract(t, got, paras)
	if len(got) != maxSummarySentences {
		t.Errorf("an eleven-sentence report gave %d points, want %d: %q", len(got), maxSummarySentences, got)
	}
	later := 0
	for _, s := range got {
		for i, p := range paras {
			if p == s && i >= len(paras)/2 {
				later++
			}
		}
	}
	if later == 0 {
		t.Errorf("no point from the second half of the article, where its news (the data-sharing deal) is: %q", got)
	}
}

func TestSummaryNeverBoilerplate(t *testing.T) {
	// Each of these shares the headline's words, so a scorer that looked
	// only at vocabulary would want it.
	boilerplate := []string{
		"Fisheries treaty talks",
		"What comes next for the fisheries treaty:",
		"Photo: Fisheries ministers of Norway and Chile in Oslo. (Briefbot Wire/Jane Example)",
		"OSLO, March 14, Briefbot Wire",
		"Written by Paul Example; edited by Anna Example",
		"\"Fisheries treaty talks with Norway will protect our fleet for generations.\"",
		"The talks on the fisheries treaty between Norway and Chile will go on ...",
		"That is why Norway and Chile want the fisheries treaty talks to succeed.",
		"NORWAY AND CHILE FISHERIES TREATY TALKS OPEN IN OSLO TODAY.",
	}
	paras := []string{
		boilerplate[0],
		"Norway and Chile agreed on Thursday to open talks on a fisheries treaty covering the southern Pacific, the Norwegian foreign ministry said.",
		boilerplate[2],
		boilerplate[3],
		"The first round of treaty talks will be held in Santiago on April 9, the ministry said, and a second round in Tromsø in June.",
		boilerplate[1],
		boilerplate[5],
		"Chile has complained for years that foreign trawlers empty fishing grounds just outside its waters.",
		"Talks on monitoring by satellite will be the hardest part of the treaty, officials from both countries said.",
		boilerplate[6],
		boilerplate[7], // leans on the fragment before it, which is never chosen
		"Norwegian Fisheries Minister Erik Dahl said shared inspections at sea would be part of any fisheries treaty.",
		boilerplate[8],
		"Environmental groups welcomed the talks but said quotas must be set by scientists, not ministers.",
		boilerplate[4],
	}
	got := summaryOf("Norway and Chile open fisheries treaty talks", paras...)
	checkExtract(t, got, paras)
	for _, s := range got {
		for _, b := range boilerplate {
			if strings.Contains(b, s) {
				t.Errorf("summary took boilerplate or a fragment: %q", s)
			}
		}
	}
	if len(got) < minSummarySentences {
		t.Errorf("summary has %d points, want at least %d from the five real sentences: %q", len(got), minSummarySentences, got)
	}
}

func TestSummaryLongFeature(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		text := featureText(5000, seed)
		if n := len(strings.Fields(text)); n < 4800 || n > 5400 {
			t.Fatalf("feature fixture has %d words, want about 5,000", n)
		}
		a, err := Read("feature", []byte(text), ReadOptions{ID: "feature"})
		if err != nil {
			t.Fatal(err)
		}
		got := summarize(newDocument(a))
		checkExtract(t, got, a.Paragraphs)
		if len(got) < minSummarySentences || len(got) > maxSummarySentences {
			t.Errorf("seed %d: a 5,000-word feature gave %d points, want %d to %d", seed, len(got), minSummarySentences, maxSummarySentences)
		}
		for _, s := range got {
			for _, h := range featureHeadings {
				if s == h {
					t.Errorf("seed %d: heading %q chosen", seed, s)
				}
			}
		}
	}
}

func TestSummaryEmpty(t *testing.T) {
	if got := summaryOf("Headline only"); len(got) != 0 {
		t.Errorf("article with no body gave %q", got)
	}
	if got := summaryOf("Headings only", "Background", "What comes next"); len(got) != 0 {
		t.Errorf("article with only headings gave %q", got)
	}
}

func TestTrimDateline(t *testing.T) {
	tests := []struct {
		in    string
		start bool
		want  string
	}{
		{"JAKARTA, Sept. 7 (Agency) -- The summit ended on Thursday.", false, "The summit ended on Thursday."},
		{"MOSCOW (News Service / Agency - 27th January, 2020) Libya's crisis will top the agenda.", false, "Libya's crisis will top the agenda."},
		{"NEW DELHI — India said on Monday it would attend.", false, "India said on Monday it would attend."},
		{"CHARLOTTE - Police said the march was peaceful.", false, "Police said the march was peaceful."},
		{"BERLIN, March 18 (Agency) - Leaders were invited to a summit.", false, "Leaders were invited to a summit."},
		{"Islamabad: Pakistan's foreign minister will travel to Goa.", true, "Pakistan's foreign minister will travel to Goa."},
		{"Islamabad: Pakistan's foreign minister will travel to Goa.", false, "Islamabad: Pakistan's foreign minister will travel to Goa."},
		{"US President Joe Biden said the talks were useful.", true, "US President Joe Biden said the talks were useful."},
		{"NATO leaders met in Vilnius on Tuesday.", false, "NATO leaders met in Vilnius on Tuesday."},
		{"EU (and its allies) said more sanctions could follow.", false, "EU (and its allies) said more sanctions could follow."},
		{"The minister said: More talks are needed.", true, "The minister said: More talks are needed."},
	}
	for _, tt := range tests {
		if got := trimDateline(tt.in, tt.start); got != tt.want {
			t.Errorf("trimDateline(%q, %v) = %q, want %q", tt.in, tt.start, got, tt.want)
		}
	}
}

func TestSummaryShape(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"Norway and Chile agreed on Thursday to open talks on a fisheries treaty.", standsAlone},
		{"\"We want rules that last,\" Chilean Foreign Minister Rosa Fuentes told reporters.", standsAlone},
		{"Fisheries treaty talks", notAPoint},                                             // heading
		{"Here is what took place and what may come next:", notAPoint},                    // introduces a list
		{"\"We want rules that our grandchildren can still fish under.\"", bareQuotation}, // bare quotation
		{"“We will not give up, whatever it costs us.”", bareQuotation},
		{"and then the ministers left the room without a word.", notAPoint}, // cut tail
		{"The talks on the treaty will go on for some time ...", notAPoint}, // trails off
		{"The talks will resume.", notAPoint},                               // too short to be a point
		{"Photo: Ministers of Norway and Chile at the talks in Oslo.", notAPoint},
		{"ALL CAPS SHOUTING ABOUT THE FISHERIES TREATY TALKS TODAY.", notAPoint},
		{"Written by Paul Example; edited by Anna Example.", notAPoint},
	}
	for _, tt := range tests {
		if got := summaryShape(tt.in); got != tt.want {
			t.Errorf("summaryShape(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestLeansOnPrevious(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"He said the talks would resume in April.", true},
		{"But the ministers could not agree on quotas.", true},
		{"That is why the treaty matters.", true},
		{"\"We will be back,\" she said after the meeting.", true},
		{"\"We will be back,\" Fuentes said after the meeting.", false},
		{"Norway and Chile agreed to open talks.", false},
		{"Thereafter the delegations met in private.", false},
	}
	for _, tt := range tests {
		if got := leansOnPrevious(tt.in); got != tt.want {
			t.Errorf("leansOnPrevious(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
