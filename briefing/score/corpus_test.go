package score

import (
	"math"
	"os"
	"strconv"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// testdata/gold and testdata/pred are a small corpus written for this test:
// a full article with every kind of quote and date match, a quotes-only and
// a summary-only article whose other layers must not count, a gold file
// whose id names its prediction, a gold file with no prediction, a
// prediction that is not valid JSON and a JSON file that is not gold.
// The counts below were worked out by hand from the files; the ROUGE values
// are what score.py prints for them (`python3 score.py testdata/gold
// testdata/pred --per-article`), to the last bit.

func TestScoreDirs(t *testing.T) {
	rep, err := ScoreDirs(os.DirFS("testdata/gold"), os.DirFS("testdata/pred"))
	if err != nil {
		t.Fatal(err)
	}
	var stems []string
	for _, e := range rep.Entries {
		stems = append(stems, e.Stem)
	}
	wantStems := []string{"broken-prediction", "harbour-talks", "no-prediction", "quotes-only", "renamed", "summary-only"}
	if diff := cmp.Diff(wantStems, stems); diff != "" {
		t.Errorf("scored articles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"no-prediction"}, rep.Missing); diff != "" {
		t.Errorf("missing predictions (-want +got):\n%s", diff)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].Name != "broken-prediction.json (prediction)" {
		t.Errorf("problems = %v, want the broken prediction alone", rep.Problems)
	}

	tot := rep.Totals
	checks := []struct {
		name      string
		got, want Counts
	}{
		{"quotes span", tot.QuotesSpan, Counts{TP: 6, FP: 1, FN: 1}},
		{"quotes attributed", tot.QuotesAttributed, Counts{TP: 5, FP: 2, FN: 2}},
		{"upcoming strict", tot.UpcomingStrict, Counts{TP: 2, FP: 4, FN: 4}},
		{"upcoming lenient", tot.UpcomingLenient, Counts{TP: 5, FP: 1, FN: 1}},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if tot.Articles != 6 || tot.QuoteArticles != 4 || tot.UpcomingArticles != 3 || tot.SummaryArticles != 3 {
		t.Errorf("articles %d, with quotes %d, upcoming %d, summary %d; want 6, 4, 3, 3",
			tot.Articles, tot.QuoteArticles, tot.UpcomingArticles, tot.SummaryArticles)
	}
	if tot.IgnoredOptional != 1 || tot.RecallFull != 5.0/6 || tot.RecallPartial != 1 {
		t.Errorf("ignored %d, recall full %v partial %v; want 1, 5/6, 1", tot.IgnoredOptional, tot.RecallFull, tot.RecallPartial)
	}

	byStem := map[string]Result{}
	for i, e := range rep.Entries {
		byStem[e.Stem] = rep.Results[i]
	}
	harbour := byStem["harbour-talks"]
	wantQuotes := &QuoteResult{
		Span: Counts{4, 1, 0}, Attributed: Counts{3, 2, 1}, IgnoredOptional: 1,
		FullFound: 3, FullGold: 3, PartialFound: 1, PartialGold: 1,
		FalseAlarms:   []string{"we never agreed to that"},
		WrongSpeakers: []WrongSpeaker{{Text: "The harbour belongs to everyone who works in it", Pred: "Ilves", Gold: "Tomas Berg"}},
	}
	if diff := cmp.Diff(wantQuotes, harbour.Quotes); diff != "" {
		t.Errorf("harbour-talks quotes (-want +got):\n%s", diff)
	}
	wantDates := &DateResult{
		Strict: Counts{1, 3, 2}, Lenient: Counts{3, 1, 0},
		Missed:      []string{"2024-06/month", "2024-05-13/week"},
		FalseAlarms: []string{"2024-06-03/day", "2024-05-16/day", "'next year'"},
	}
	if diff := cmp.Diff(wantDates, harbour.Upcoming); diff != "" {
		t.Errorf("harbour-talks dates (-want +got):\n%s", diff)
	}
	if want := (ROUGE{R1: 0.5937499999999999, R2: 0.45161290322580644, RL: 0.5625000000000001}); *harbour.Summary != want {
		t.Errorf("harbour-talks ROUGE = %+v, want %+v", *harbour.Summary, want)
	}
	if want := (ROUGE{R1: 0.56, R2: 0.5217391304347827, RL: 0.56}); *byStem["summary-only"].Summary != want {
		t.Errorf("summary-only ROUGE = %+v, want %+v", *byStem["summary-only"].Summary, want)
	}
	if r := byStem["quotes-only"]; r.Upcoming != nil || r.Summary != nil {
		t.Error("quotes-only: dates and summary are out of scope and must not be scored")
	}
	if r := byStem["summary-only"]; r.Quotes != nil || r.Upcoming != nil {
		t.Error("summary-only: quotes and dates are out of scope and must not be scored")
	}
	if r := byStem["renamed"]; r.Upcoming == nil || r.Upcoming.Strict != (Counts{1, 1, 1}) || r.Upcoming.Lenient != (Counts{2, 0, 0}) {
		t.Errorf("renamed: the prediction named by the gold id was not used: %+v", r.Upcoming)
	}
	if want := (ROUGE{R1: 0.385, R2: 0.324, RL: 0.374}); !near3(tot.ROUGE, want) {
		t.Errorf("mean ROUGE = %+v, want %+v to 3 places", tot.ROUGE, want)
	}
}

func near3(a, b ROUGE) bool {
	return math.Abs(a.R1-b.R1) < 5e-4 && math.Abs(a.R2-b.R2) < 5e-4 && math.Abs(a.RL-b.RL) < 5e-4
}

func TestLoadGoldRejectsHugeFolder(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range MaxArticles + 1 {
		fsys[strconv.Itoa(i)+".json"] = &fstest.MapFile{Data: []byte(`{"quotes": []}`)}
	}
	if _, _, err := LoadGold(fsys); err == nil {
		t.Errorf("LoadGold read more than %d files without complaint", MaxArticles)
	}
}
