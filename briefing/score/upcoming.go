package score

import (
	"fmt"
	"time"
	"unicode"
)

// DateResult is the upcoming-date score of one article.
type DateResult struct {
	// Strict counts exact (date, precision) matches.
	Strict Counts
	// Lenient also lets a predicted day match a gold month or week that
	// contains it.
	Lenient Counts
	// Missed are the gold dates no prediction matched strictly, as
	// "value/precision".
	Missed []string
	// FalseAlarms are the predictions that matched no gold date strictly.
	FalseAlarms []string
}

// scoreUpcoming scores predicted dates against gold (score.py score_upcoming).
func scoreUpcoming(g Gold, p Prediction) *DateResult {
	gold, pred := g.Upcoming, p.Upcoming
	strict := greedyMatch(len(pred), len(gold), func(i, j int) (float64, bool) {
		return 1, pred[i].OK && sameDate(pred[i], gold[j])
	})
	lenient := greedyMatch(len(pred), len(gold), func(i, j int) (float64, bool) {
		switch {
		case !pred[i].OK:
			return 0, false
		case sameDate(pred[i], gold[j]):
			return 1, true
		case lenientMatch(pred[i], gold[j]):
			return 0.5, true
		}
		return 0, false
	})
	nStrict, nLenient := countMatched(strict), countMatched(lenient)
	r := &DateResult{
		Strict:  Counts{TP: nStrict, FP: len(pred) - nStrict, FN: len(gold) - nStrict},
		Lenient: Counts{TP: nLenient, FP: len(pred) - nLenient, FN: len(gold) - nLenient},
	}
	matched := make([]bool, len(gold))
	for _, j := range strict {
		if j >= 0 {
			matched[j] = true
		}
	}
	for j, d := range gold {
		if !matched[j] {
			r.Missed = append(r.Missed, d.String())
		}
	}
	for i, d := range pred {
		if strict[i] < 0 {
			r.FalseAlarms = append(r.FalseAlarms, d.String())
		}
	}
	return r
}

// String writes a canonical date as "value/precision", or the raw value of
// one that did not canonicalise.
func (d Date) String() string {
	if !d.OK {
		return d.Raw
	}
	return d.Value + "/" + d.Precision
}

func sameDate(a, b Date) bool {
	return a.Value == b.Value && a.Precision == b.Precision
}

// lenientMatch reports whether a predicted day falls inside a gold month
// or a gold week (Monday to Sunday).
func lenientMatch(p, g Date) bool {
	if p.Precision != "day" {
		return false
	}
	switch g.Precision {
	case "month":
		return len(p.Value) >= 7 && p.Value[:7] == g.Value
	case "week":
		pd, err1 := time.Parse(time.DateOnly, p.Value)
		gd, err2 := time.Parse(time.DateOnly, g.Value)
		if err1 != nil || err2 != nil {
			return false
		}
		days := int(pd.Sub(gd).Hours() / 24)
		return days >= 0 && days <= 6
	}
	return false
}

// canonDate canonicalises a date at a precision (score.py canon_date): day
// YYYY-MM-DD, month YYYY-MM, year YYYY, week the Monday YYYY-MM-DD. An empty
// precision is inferred from how much of the date is given. It reports
// false for a date that cannot be read at that precision.
func canonDate(date, precision string) (Date, bool) {
	prec := pyLower(pyStrip(precision))
	y, mo, d, ok := parseYMD(date)
	if !ok {
		return Date{}, false
	}
	if prec == "" {
		switch {
		case d > 0:
			prec = "day"
		case mo > 0:
			prec = "month"
		default:
			prec = "year"
		}
	}
	switch prec {
	case "year":
		return Date{Value: fmt.Sprintf("%04d", y), Precision: prec}, true
	case "month":
		if mo < 0 {
			return Date{}, false
		}
		return Date{Value: fmt.Sprintf("%04d-%02d", y, mo), Precision: prec}, true
	case "day", "week":
	default:
		return Date{}, false
	}
	if mo < 0 || d < 0 || y < 1 || mo < 1 || mo > 12 || d < 1 {
		return Date{}, false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return Date{}, false // 31 April and the like
	}
	if prec == "week" {
		t = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	}
	return Date{Value: fmt.Sprintf("%04d-%02d-%02d", t.Year(), int(t.Month()), t.Day()), Precision: prec}, true
}

// parseYMD reads `^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?` as Python does
// (any Unicode decimal digits). A missing month or day is -1.
func parseYMD(s string) (y, mo, d int, ok bool) {
	rs := []rune(s)
	i := 0
	for i < len(rs) && pyIsSpace(rs[i]) {
		i++
	}
	y, n := readDigits(rs[i:], 4, 4)
	if n == 0 {
		return 0, 0, 0, false
	}
	i += n
	mo, d = -1, -1
	if i < len(rs) && rs[i] == '-' {
		if v, n := readDigits(rs[i+1:], 1, 2); n > 0 {
			mo = v
			i += 1 + n
			if i < len(rs) && rs[i] == '-' {
				if v, n := readDigits(rs[i+1:], 1, 2); n > 0 {
					d = v
				}
			}
		}
	}
	return y, mo, d, true
}

// readDigits reads between lo and hi decimal digits from the start of rs,
// as many as there are. It returns the value and the number read, 0 if
// fewer than lo.
func readDigits(rs []rune, lo, hi int) (int, int) {
	v, n := 0, 0
	for n < hi && n < len(rs) {
		dv, ok := digitValue(rs[n])
		if !ok {
			break
		}
		v = v*10 + dv
		n++
	}
	if n < lo {
		return 0, 0
	}
	return v, n
}

// digitValue is the value of a Unicode decimal digit. Decimal digits come
// in runs that start at zero, so the value is the distance from the run's
// start, modulo ten for blocks that hold several runs back to back.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if !unicode.IsDigit(r) {
		return 0, false
	}
	start := r
	for start > 0 && unicode.IsDigit(start-1) {
		start--
	}
	return int(r-start) % 10, true
}
