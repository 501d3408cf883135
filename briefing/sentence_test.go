package briefing

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// sentenceCases are paragraphs written for these tests and the sentences a
// careful reader finds in them. They double as the hand-labelled set on
// which the splitter was compared with a library (see the issue note).
var sentenceCases = []struct {
	name string
	text string
	want []string
}{
	{"plain", "The talks ended. Both sides left.",
		[]string{"The talks ended.", "Both sides left."}},
	{"question and exclamation", "Will they meet? Nobody knows! The date is open.",
		[]string{"Will they meet?", "Nobody knows!", "The date is open."}},
	{"month abbreviation before day", "The envoys met on Jan. 23 in Vienna. They agreed.",
		[]string{"The envoys met on Jan. 23 in Vienna.", "They agreed."}},
	{"several month abbreviations", "Votes are due Feb. 3 and Sept. 14. Results follow.",
		[]string{"Votes are due Feb. 3 and Sept. 14.", "Results follow."}},
	{"full month ends sentence", "The summit is in June. Leaders will attend.",
		[]string{"The summit is in June.", "Leaders will attend."}},
	{"titles", "Mr. Ortega met Dr. Lindqvist and Gen. Okafor in St. Gallen. They spoke.",
		[]string{"Mr. Ortega met Dr. Lindqvist and Gen. Okafor in St. Gallen.", "They spoke."}},
	{"more titles", "Sen. Park and Rep. Alvarez wrote to Gov. Miller. Prof. Chen agreed.",
		[]string{"Sen. Park and Rep. Alvarez wrote to Gov. Miller.", "Prof. Chen agreed."}},
	{"dotted country before name", "The U.S. President flew to the U.N. General Assembly. He spoke.",
		[]string{"The U.S. President flew to the U.N. General Assembly.", "He spoke."}},
	{"dotted abbreviation ends sentence", "The envoy flew back to the U.S. The talks were over.",
		[]string{"The envoy flew back to the U.S.", "The talks were over."}},
	{"number abbreviation", "She lives at No. 10 and works at No. 12. Both are old.",
		[]string{"She lives at No. 10 and works at No. 12.", "Both are old."}},
	{"initials", "A memorial to John F. Kennedy opened. Crowds came.",
		[]string{"A memorial to John F. Kennedy opened.", "Crowds came."}},
	{"two initials", "The report by J. R. Hartley was published. It was short.",
		[]string{"The report by J. R. Hartley was published.", "It was short."}},
	{"initial ends sentence before starter", "They chose plan B. The vote was close.",
		[]string{"They chose plan B.", "The vote was close."}},
	{"decimals and percent", "The vaccine was 91.6% effective. Output rose 2.5 times.",
		[]string{"The vaccine was 91.6% effective.", "Output rose 2.5 times."}},
	{"money", "The fund holds $1.2 billion. It grew.",
		[]string{"The fund holds $1.2 billion.", "It grew."}},
	{"decimal amount ends sentence", "Imports fell to £3.6bn. Overall trade rose by 1.2%. Exports grew.",
		[]string{"Imports fell to £3.6bn.", "Overall trade rose by 1.2%.", "Exports grew."}},
	{"year ends sentence", "The pact was signed in 1997. Ministers renewed it.",
		[]string{"The pact was signed in 1997.", "Ministers renewed it."}},
	{"case names", "The ruling in Brown v. Board of Education stands. Courts cite it.",
		[]string{"The ruling in Brown v. Board of Education stands.", "Courts cite it."}},
	{"initial before closing quote", `He called it "worse than Block H." Delegates laughed.`,
		[]string{`He called it "worse than Block H."`, "Delegates laughed."}},
	{"time of day", "The vote opens at 9 a.m. Monday and closes at 5 p.m. The count follows.",
		[]string{"The vote opens at 9 a.m. Monday and closes at 5 p.m.", "The count follows."}},
	{"company abbreviation inside", "Acme Inc. Chief Executive Jo Bell resigned. Shares fell.",
		[]string{"Acme Inc. Chief Executive Jo Bell resigned.", "Shares fell."}},
	{"company abbreviation ends", "The deal went to Acme Inc. The price was not disclosed.",
		[]string{"The deal went to Acme Inc.", "The price was not disclosed."}},
	{"ellipsis mid-quotation", `"We will go on … Europe must decide," she said.`,
		[]string{`"We will go on … Europe must decide," she said.`}},
	{"ellipsis before starter", "The talks dragged on... But no deal came.",
		[]string{"The talks dragged on...", "But no deal came."}},
	{"ellipsis before name", "He paused ... Lavrov then answered.",
		[]string{"He paused ... Lavrov then answered."}},
	{"quotation with attribution stays one", `"It was a hard day. We said so," he said.`,
		[]string{`"It was a hard day. We said so," he said.`}},
	{"curly quotation with attribution", "“Talks will resume. The date is set,” the minister said. Others doubted it.",
		[]string{"“Talks will resume. The date is set,” the minister said.", "Others doubted it."}},
	{"quotation question with attribution", `"Why now? Why here?" she asked. Nobody answered.`,
		[]string{`"Why now? Why here?" she asked.`, "Nobody answered."}},
	{"quotation ends sentence", `He said: "We are ready." Then he left.`,
		[]string{`He said: "We are ready."`, "Then he left."}},
	{"quotation after sentence", `Borrell spoke first. "It is good news," he said.`,
		[]string{"Borrell spoke first.", `"It is good news," he said.`}},
	{"quotation of several sentences without attribution", "“The meeting is set. It serves one aim.” The spokesperson said no more.",
		[]string{"“The meeting is set.", "It serves one aim.”", "The spokesperson said no more."}},
	{"split quotation", `"Our ties are strained," Borrell said. "But we talk."`,
		[]string{`"Our ties are strained," Borrell said.`, `"But we talk."`}},
	{"single quotes close sentence", "The ties were at an 'all-time low.' Trade fell.",
		[]string{"The ties were at an 'all-time low.'", "Trade fell."}},
	{"typewriter quotes", "``It is over,'' he said. ``We go home.''",
		[]string{"``It is over,'' he said.", "``We go home.''"}},
	{"parenthesis closes", "The vote was held (the first since 2019.) Results came later.",
		[]string{"The vote was held (the first since 2019.)", "Results came later."}},
	{"credit in brackets", "Talks end Friday. (Reporting by Jane Roe.)",
		[]string{"Talks end Friday.", "(Reporting by Jane Roe.)"}},
	{"lower case after stop", "The a.k.a. form stays. e.g. this one.",
		[]string{"The a.k.a. form stays. e.g. this one."}},
	{"digit starts sentence", "The count ended. 42 seats went to the left.",
		[]string{"The count ended.", "42 seats went to the left."}},
	{"unbalanced quotation", `He said "we are ready. Nothing more. The rest followed.`,
		[]string{`He said "we are ready.`, "Nothing more.", "The rest followed."}},
	{"closing mark without opening", `It ended." Then it began.`,
		[]string{`It ended."`, "Then it began."}},
	{"dateline", "BRUSSELS, Dec 15 (Reuters) - The deal holds. Ministers agreed.",
		[]string{"BRUSSELS, Dec 15 (Reuters) - The deal holds.", "Ministers agreed."}},
	{"no final stop", "The talks ended. Both sides left",
		[]string{"The talks ended.", "Both sides left"}},
	{"surrounding space", "  One.   Two.  ",
		[]string{"One.", "Two."}},
	{"empty", "", nil},
	{"only space", " \t\n ", nil},
	{"only stops", "...", []string{"..."}},
}

func TestSplitSentences(t *testing.T) {
	for _, tc := range sentenceCases {
		t.Run(tc.name, func(t *testing.T) {
			got := sentenceTexts(tc.text, splitSentences(tc.text))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("splitSentences(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
			checkSpans(t, tc.text, splitSentences(tc.text))
		})
	}
}

func sentenceTexts(text string, spans []span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.start:s.end])
	}
	return out
}

// checkSpans asserts what every caller of splitSentences relies on: the
// spans are in order, do not overlap, lie within the text, are not empty,
// start and end on rune boundaries and carry no white space at their ends.
func checkSpans(t *testing.T, text string, spans []span) {
	t.Helper()
	valid := utf8.ValidString(text)
	prev := 0
	for i, s := range spans {
		if s.start < prev || s.end <= s.start || s.end > len(text) {
			t.Fatalf("span %d %v out of order, empty or out of bounds (previous end %d, len %d) in %q", i, s, prev, len(text), text)
		}
		// Read hands the splitter valid UTF-8 only; on other bytes
		// there are no rune boundaries to keep.
		if valid && (!utf8.RuneStart(text[s.start]) || (s.end < len(text) && !utf8.RuneStart(text[s.end]))) {
			t.Fatalf("span %d %v cuts a rune in %q", i, s, text)
		}
		sent := text[s.start:s.end]
		if strings.TrimFunc(sent, unicode.IsSpace) != sent {
			t.Fatalf("span %d %q is not trimmed", i, sent)
		}
		prev = s.end
	}
	// Nothing but white space may fall between the spans.
	rest := []byte(text)
	for _, s := range spans {
		for j := s.start; j < s.end; j++ {
			rest[j] = ' '
		}
	}
	if strings.TrimSpace(string(rest)) != "" && valid {
		t.Fatalf("text outside the sentences: %q", string(rest))
	}
}

// TestSplitSentencesLongInputs guards against quadratic scans on inputs made of
// nothing but the characters the splitter looks ahead from.
func TestSplitSentencesLongInputs(t *testing.T) {
	for _, unit := range []string{"“a ", `"a `, "A. ", "U.S. ", "... ", "``x ", "a, ", "\u00a0"} {
		text := strings.Repeat(unit, 200000)
		checkSpans(t, text, splitSentences(text))
	}
}
