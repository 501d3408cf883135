package score

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The cases in this file are score.py's --selftest, one for one, plus the
// Python details (lower-casing, white space, odd JSON) that the port must
// copy to give the same numbers.

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6 }

func TestNormaliseText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\u201cIt\u2019s good \u2014 news,\u201d ", "it's good - news"},
		{"  (Hello)  World!! ", "hello) world"},
		{"a\u00a0\u2009b\x1cc", "a b c"},
		{"\u2026and so on\u2026", "and so on"},
		{"ΟΔΟΣ", "οδο\u03c2"},
		{"ΟΔΟΣ'Α", "οδο\u03c3'α"},
		{"ΣΑ", "\u03c3α"},
		{"İstanbul", "i\u0307stanbul"},
	}
	for _, tt := range tests {
		if got := normaliseText(tt.in); got != tt.want {
			t.Errorf("normaliseText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"It’s the EU's rock-'n'-roll", []string{"it's", "the", "eu's", "rock", "n", "roll"}},
		{"don't' stop", []string{"don't", "stop"}},
		{"snake_case and 42nd", []string{"snake_case", "and", "42nd"}},
		{"cafe\u0301 au lait", []string{"cafe", "au", "lait"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tokens(tt.in)); diff != "" {
			t.Errorf("tokens(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestTokenF1(t *testing.T) {
	tf := func(a, b string) float64 { return tokenF1(tokens(a), tokens(b)) }
	tests := []struct {
		name string
		a, b string
		want float64
	}{
		{"same after normalising", "It\u2019s good news.", "it's good news", 1},
		{"four of five", "a b c d", "a b c d e", 2 * 1.0 * 0.8 / 1.8},
		{"none shared", "x y", "a b", 0},
		{"both empty", "", "...", 1},
		{"one empty", "", "word", 0},
		{"multiset", "no no no", "no", 0.5},
	}
	for _, tt := range tests {
		if got := tf(tt.a, tt.b); !near(got, tt.want) {
			t.Errorf("%s: tokenF1(%q, %q) = %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}

var borrell = []Person{{Name: "Josep Borrell", Aliases: []string{"Borrell", "EU foreign policy chief Josep Borrell"}}}

func TestSpeakerMatch(t *testing.T) {
	tests := []struct {
		name       string
		pred, gold string
		want       bool
	}{
		{"canonical", "josep borrell", "Josep Borrell", true},
		{"alias", "EU Foreign Policy Chief Josep Borrell", "Josep Borrell", true},
		{"surname", "Mr. Borrell", "Josep Borrell", true},
		{"possessive", "Borrell's", "Josep Borrell", true},
		{"wrong person", "Sergei Lavrov", "Josep Borrell", false},
		{"empty", "", "Josep Borrell", false},
		{"org exact", "the Russian Foreign Ministry", "Russian Foreign Ministry", true},
		{"org no surname rule", "Health Ministry", "Russian Foreign Ministry", false},
		{"org shorter", "the Foreign Ministry", "Russian Foreign Ministry", true},
		{"org demonym", "Japan's Foreign Ministry", "Japanese Foreign Ministry", true},
		{"org other country", "Chinese Foreign Ministry", "Japanese Foreign Ministry", false},
		{"unnamed", "senior US administration official", "anonymous senior US administration official", true},
		{"unnamed other head", "US diplomat", "anonymous senior US administration official", false},
		{"group label contained in the other", "Theresa May", "the May", true},
		{"short words need equality", "US Army", "USA Army", false},
	}
	for _, tt := range tests {
		if got := speakerMatch(tt.pred, tt.gold, borrell); got != tt.want {
			t.Errorf("%s: speakerMatch(%q, %q) = %v, want %v", tt.name, tt.pred, tt.gold, got, tt.want)
		}
	}
}

func TestNormaliseSpeaker(t *testing.T) {
	for in, want := range map[string]string{"The Foreign Ministry": "foreign ministry", "Theresa May": "theresa may", "the": "the"} {
		if got := normaliseSpeaker(in); got != want {
			t.Errorf("normaliseSpeaker(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestROUGE(t *testing.T) {
	got, ok := rougeScores("the cat was on the mat", "The cat sat on the mat.")
	if !ok {
		t.Fatal("rougeScores reported no reference")
	}
	want := ROUGE{R1: 5.0 / 6, R2: 3.0 / 5, RL: 5.0 / 6}
	if !near(got.R1, want.R1) || !near(got.R2, want.R2) || !near(got.RL, want.RL) {
		t.Errorf("rougeScores = %+v, want %+v", got, want)
	}
	if got, _ := rougeScores("", "The cat sat."); got != (ROUGE{}) {
		t.Errorf("empty summary scored %+v, want zeros", got)
	}
	if _, ok := rougeScores("x", "... !"); ok {
		t.Error("a reference with no tokens must not be scored")
	}
	// Python lower-cases before it keeps [a-z0-9]: the dotted capital I
	// becomes "i" and a combining dot, which splits the word.
	got, _ = rougeScores("i stanbul", "İstanbul")
	if got.R1 != 1 {
		t.Errorf("dotted I: R1 = %v, want 1", got.R1)
	}
}

// selftestGold is score.py's self-test article.
func selftestGold() Gold {
	return Gold{
		ID:     "t",
		People: append(append([]Person{}, borrell...), Person{Name: "Sergei Lavrov", Aliases: []string{"Lavrov"}}),
		Quotes: []Quote{
			{Speaker: "Josep Borrell", Text: "Our relationship is indeed in a difficult moment"},
			{Speaker: "Sergei Lavrov", Text: "both sides have confirmed their interest."},
			{Speaker: "Josep Borrell", Text: "draw consequences", Partial: true},
			{Speaker: "Josep Borrell", Text: "Draw Consequences", Partial: true, Optional: true},
		},
		Upcoming:  mustDates("2021-02-22/day", "2021-03/month", "2021-03-15/week"),
		KeyPoints: "The cat sat on the mat. It was a big cat.",
	}
}

func mustDates(specs ...string) []Date {
	var out []Date
	for _, s := range specs {
		var date, prec string
		for i := len(s) - 1; i >= 0; i-- {
			if s[i] == '/' {
				date, prec = s[:i], s[i+1:]
				break
			}
		}
		d, ok := canonDate(date, prec)
		d.OK = ok
		out = append(out, d)
	}
	return out
}

func TestScorePerfectAndEmpty(t *testing.T) {
	g := selftestGold()
	perfect := Prediction{Upcoming: g.Upcoming, Summary: g.KeyPoints}
	for _, q := range g.Quotes {
		if !q.Optional {
			perfect.Quotes = append(perfect.Quotes, Quote{Speaker: q.Speaker, Text: q.Text})
		}
	}
	tot := Aggregate([]Result{Score(g, perfect)})
	for name, c := range map[string]Counts{"span": tot.QuotesSpan, "attributed": tot.QuotesAttributed, "strict": tot.UpcomingStrict, "lenient": tot.UpcomingLenient} {
		if _, _, f := c.PRF(); f != 1 {
			t.Errorf("perfect %s F1 = %v, want 1 (%+v)", name, f, c)
		}
	}
	if tot.ROUGE != (ROUGE{1, 1, 1}) {
		t.Errorf("perfect ROUGE = %+v, want all 1", tot.ROUGE)
	}

	tot = Aggregate([]Result{Score(g, Prediction{})})
	for name, c := range map[string]Counts{"span": tot.QuotesSpan, "attributed": tot.QuotesAttributed, "strict": tot.UpcomingStrict, "lenient": tot.UpcomingLenient} {
		if p, _, f := c.PRF(); f != 0 || p != 0 {
			t.Errorf("empty %s P=%v F1=%v, want 0 (%+v)", name, p, f, c)
		}
	}
	if tot.ROUGE != (ROUGE{}) || tot.SummaryArticles != 1 {
		t.Errorf("empty ROUGE = %+v over %d articles, want zeros over 1", tot.ROUGE, tot.SummaryArticles)
	}
}

func TestScoreQuotesMixed(t *testing.T) {
	pred := Prediction{Quotes: []Quote{
		{Speaker: "Borrell", Text: "\u201cOur relationship is indeed in a difficult moment,\u201d"},
		{Speaker: "Borrell", Text: "both sides have confirmed their interest"}, // wrong speaker
		{Speaker: "Borrell", Text: "draw consequences"},
		{Speaker: "Borrell", Text: "Draw consequences"},    // matches only the optional gold: ignored
		{Speaker: "Borrell", Text: "something never said"}, // false alarm
	}}
	r := scoreQuotes(selftestGold(), pred)
	if r.Span != (Counts{3, 1, 0}) {
		t.Errorf("span = %+v, want {3 1 0}", r.Span)
	}
	if r.Attributed != (Counts{2, 2, 1}) {
		t.Errorf("attributed = %+v, want {2 2 1}", r.Attributed)
	}
	if r.IgnoredOptional != 1 {
		t.Errorf("ignored optional = %d, want 1", r.IgnoredOptional)
	}
	wantWrong := []WrongSpeaker{{Text: "both sides have confirmed their interest", Pred: "Borrell", Gold: "Sergei Lavrov"}}
	if diff := cmp.Diff(wantWrong, r.WrongSpeakers); diff != "" {
		t.Errorf("wrong speakers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"something never said"}, r.FalseAlarms); diff != "" {
		t.Errorf("false alarms (-want +got):\n%s", diff)
	}
	if r.FullGold != 2 || r.FullFound != 2 || r.PartialGold != 1 || r.PartialFound != 1 {
		t.Errorf("recall by kind = full %d/%d partial %d/%d, want 2/2 and 1/1", r.FullFound, r.FullGold, r.PartialFound, r.PartialGold)
	}
}

func TestScoreQuotesTieGoesToRightSpeaker(t *testing.T) {
	// Two gold quotes with the same words by different people: the text
	// match goes to the one whose speaker also matches, so nothing is
	// reported as a wrong speaker.
	g := Gold{People: []Person{{Name: "Ann Lee"}, {Name: "Bo Park"}}, Quotes: []Quote{
		{Speaker: "Ann Lee", Text: "we will be back"},
		{Speaker: "Bo Park", Text: "we will be back"},
	}}
	r := scoreQuotes(g, Prediction{Quotes: []Quote{{Speaker: "Park", Text: "We will be back."}}})
	if r.Span != (Counts{1, 0, 1}) || r.Attributed != (Counts{1, 0, 1}) || len(r.WrongSpeakers) != 0 {
		t.Errorf("span %+v attributed %+v wrong %v; want {1 0 1} twice and no wrong speaker", r.Span, r.Attributed, r.WrongSpeakers)
	}
	if diff := cmp.Diff([]string{"we will be back"}, r.Missed); diff != "" {
		t.Errorf("missed (-want +got):\n%s", diff)
	}
}

func TestScoreUpcoming(t *testing.T) {
	pred := Prediction{Upcoming: mustDates(
		"2021-02-22/day",
		"2021-02-22/day",  // duplicate: a false alarm
		"2021-03-10/day",  // inside the gold month: lenient only
		"2021-03-17/week", // the week of Monday 2021-03-15: strict
		"2021/year",       // false alarm
	)}
	u := scoreUpcoming(selftestGold(), pred)
	if u.Strict != (Counts{2, 3, 1}) {
		t.Errorf("strict = %+v, want {2 3 1}", u.Strict)
	}
	if u.Lenient != (Counts{3, 2, 0}) {
		t.Errorf("lenient = %+v, want {3 2 0}", u.Lenient)
	}
	if diff := cmp.Diff([]string{"2021-03/month"}, u.Missed); diff != "" {
		t.Errorf("missed (-want +got):\n%s", diff)
	}
}

func TestCanonDate(t *testing.T) {
	tests := []struct {
		date, prec string
		want       string // "" for unusable
	}{
		{"2021-03-01", "month", "2021-03/month"},
		{"soon", "day", ""},
		{"2021-03-17", "week", "2021-03-15/week"},
		{"2021-03-17", " Week ", "2021-03-15/week"},
		{"2021-03-17", "", "2021-03-17/day"},
		{"2021-03", "", "2021-03/month"},
		{"2021", "", "2021/year"},
		{"2021-03", "day", ""},
		{"2021-02-30", "day", ""},
		{"2021-13", "month", "2021-13/month"}, // score.py does not check months
		{"2021-3-5", "day", "2021-03-05/day"},
		{"20211-05", "year", "2021/year"},
		{"  2021-05-04T10:00", "day", "2021-05-04/day"},
		{"2021-05-04", "fortnight", ""},
		{"0000-01-01", "day", ""},
		{"٢٠٢١-٠٣-٠١", "day", "2021-03-01/day"}, // Arabic-Indic digits are \d in Python
	}
	for _, tt := range tests {
		d, ok := canonDate(tt.date, tt.prec)
		got := ""
		if ok {
			got = d.Value + "/" + d.Precision
		}
		if got != tt.want {
			t.Errorf("canonDate(%q, %q) = %q, want %q", tt.date, tt.prec, got, tt.want)
		}
	}
}

func TestPRF(t *testing.T) {
	if p, r, f := (Counts{}).PRF(); p != 1 || r != 1 || f != 1 {
		t.Errorf("no gold and no predictions: %v %v %v, want 1 1 1", p, r, f)
	}
	if p, r, f := (Counts{FN: 3}).PRF(); p != 0 || r != 0 || f != 0 {
		t.Errorf("no predictions: %v %v %v, want 0 0 0", p, r, f)
	}
}

func TestNoKeyPointsNotAveraged(t *testing.T) {
	g, err := ParseGold([]byte(`{"key_points": [], "quotes": []}`))
	if err != nil {
		t.Fatal(err)
	}
	if r := Score(g, Prediction{Summary: "x"}); r.Summary != nil {
		t.Errorf("summary scored %+v for gold with no key points", *r.Summary)
	}
}

func TestParseGoldLikePython(t *testing.T) {
	tests := []struct {
		name string
		json string
		want func(t *testing.T, g Gold, err error)
	}{
		{"not gold", `{"id": "x", "people": []}`, func(t *testing.T, g Gold, err error) {
			if err != ErrNotGold {
				t.Errorf("err = %v, want ErrNotGold", err)
			}
		}},
		{"not an object", `[1, 2]`, func(t *testing.T, g Gold, err error) {
			if err != ErrNotGold {
				t.Errorf("err = %v, want ErrNotGold", err)
			}
		}},
		{"byte-order mark", "\ufeff{\"quotes\": []}", func(t *testing.T, g Gold, err error) {
			if err == nil {
				t.Error("a BOM must fail as it does in Python's json.load")
			}
		}},
		{"scope list", `{"quotes": [], "scope": ["quotes"]}`, func(t *testing.T, g Gold, err error) {
			if !g.InScope("quotes") || g.InScope("summary") || g.InScope("upcoming") {
				t.Errorf("scope [quotes]: quotes %v summary %v upcoming %v", g.InScope("quotes"), g.InScope("summary"), g.InScope("upcoming"))
			}
		}},
		{"empty scope means all", `{"quotes": [], "scope": []}`, func(t *testing.T, g Gold, err error) {
			if !g.InScope("summary") {
				t.Error("an empty scope must score every task")
			}
		}},
		{"string scope is a substring test", `{"quotes": [], "scope": "quotes+summary"}`, func(t *testing.T, g Gold, err error) {
			if !g.InScope("summary") || g.InScope("upcoming") {
				t.Error("string scope: want summary in, upcoming out")
			}
		}},
		{"odd values", `{"id": 7, "quotes": [{"text": null, "speaker": 5, "optional": 0, "partial": "yes"}, "junk"],
			"people": [{"name": "Ann Lee", "aliases": "AL"}], "upcoming": [{"date": 2030, "precision": false}, {"date": "soon"}],
			"key_points": ["One.", null, 2.50, true]}`, func(t *testing.T, g Gold, err error) {
			if err != nil {
				t.Fatal(err)
			}
			want := Gold{
				ID:        "7",
				People:    []Person{{Name: "Ann Lee", Aliases: []string{"A", "L"}}},
				Quotes:    []Quote{{Speaker: "5", Text: "", Partial: true}},
				Upcoming:  []Date{{Value: "2030", Precision: "year", OK: true, Raw: "2030"}},
				KeyPoints: "One. 2.5 True",
			}
			if diff := cmp.Diff(want, g, cmp.AllowUnexported(Gold{}), cmp.Comparer(func(a, b scope) bool { return true })); diff != "" {
				t.Errorf("ParseGold (-want +got):\n%s", diff)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseGold([]byte(tt.json))
			tt.want(t, g, err)
		})
	}
}

func TestPyFloatRepr(t *testing.T) {
	tests := map[float64]string{2.5: "2.5", 100: "100.0", 1e16: "1e+16", 1.5e-5: "1.5e-05", 0.0001: "0.0001", 123456789012345.6: "123456789012345.6", math.Copysign(0, -1): "-0.0"}
	for f, want := range tests {
		if got := pyFloatRepr(f); got != want {
			t.Errorf("pyFloatRepr(%v) = %q, want %q", f, got, want)
		}
	}
}
