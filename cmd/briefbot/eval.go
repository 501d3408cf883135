package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/briefing/score"
)

// leadSentences is the length of the LEAD baseline printed beside the
// summary score.
const leadSentences = 3

func runEval(ctx context.Context, args []string, e env) error {
	flags := newFlagSet("eval", "--corpus DIR", e)
	corpus := flags.String("corpus", "", "corpus `DIR` of <id>.txt articles and <id>.json gold annotations")
	verbose := flags.Bool("v", false, "list each article's missed quotes, false alarms, wrong speakers and missed or false dates")
	asJSON := flags.Bool("json", false, "print machine-readable totals (with -v, per-article results too)")
	predDir := flags.String("pred", "", "score the `DIR/<id>.json` predictions already there (as score.py does) instead of analysing the articles")
	rest, err := parseInterspersed(flags, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("eval: unexpected argument %q: name the corpus folder with --corpus DIR", rest[0])}
	}
	if *corpus == "" {
		flags.Usage()
		return usageError{"eval: --corpus DIR is required (for example /work/shared/corpus/dev)"}
	}
	if fi, err := os.Stat(*corpus); err != nil || !fi.IsDir() {
		return usageError{fmt.Sprintf("eval: --corpus %s is not a folder", *corpus)}
	}
	entries, goldProblems, err := score.LoadGold(os.DirFS(*corpus))
	if err != nil {
		return fmt.Errorf("eval %s: %w", *corpus, err)
	}
	if len(entries) == 0 {
		return fmt.Errorf("eval %s: no gold <id>.json files there (see corpus/SCHEMA.md)", *corpus)
	}

	var predFS fs.FS
	if *predDir != "" {
		if fi, err := os.Stat(*predDir); err != nil || !fi.IsDir() {
			return usageError{fmt.Sprintf("eval: --pred %s is not a folder", *predDir)}
		}
		predFS = os.DirFS(*predDir)
	}

	rep := evalReport{Corpus: *corpus, GoldProblems: goldProblems}
	for _, en := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		art := evalArticle{Entry: en}
		var pred score.Prediction
		var lead []string
		if predFS != nil {
			p, found, err := score.LoadPrediction(predFS, en)
			pred = p
			switch {
			case !found:
				art.Failure = fmt.Sprintf("no prediction %s.json in %s", en.Stem, *predDir)
			case err != nil:
				art.Failure = err.Error()
			}
		} else {
			b, err := analyzeEntry(*corpus, en)
			if err != nil {
				art.Failure = err.Error()
			} else {
				pred = b.pred
				lead = briefing.Lead(b.article, leadSentences)
			}
		}
		art.Result = score.Score(en.Gold, pred)
		if predFS == nil {
			if r, ok := en.Gold.SummaryROUGE(lead); ok {
				art.Lead = &r
			}
		}
		rep.Articles = append(rep.Articles, art)
	}
	rep.total()

	if *asJSON {
		return writeJSON(e.stdout, rep.jsonForm(*verbose))
	}
	return rep.writeText(e.stdout, *verbose)
}

// analysed is one article's analysis in the form the scorer reads.
type analysed struct {
	article briefing.Article
	pred    score.Prediction
}

// analyzeEntry reads and analyses the article of a gold entry exactly as
// `briefbot analyze --out` would, and hands the scorer the same JSON that
// analyze writes, so that eval and score.py see the same prediction.
func analyzeEntry(dir string, en score.Entry) (analysed, error) {
	var path string
	for _, stem := range en.PredictionStems() {
		p := filepath.Join(dir, stem+".txt")
		if _, err := os.Stat(p); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		return analysed{}, fmt.Errorf("no article %s.txt beside its gold file", en.Stem)
	}
	b, err := analyzeFile(path, briefing.ReadOptions{}, nil)
	if err != nil {
		return analysed{}, err
	}
	data, err := json.Marshal(b.Record())
	if err != nil {
		return analysed{}, fmt.Errorf("encode analysis of %s: %w", path, err)
	}
	pred, err := score.ParsePrediction(data)
	if err != nil {
		return analysed{}, fmt.Errorf("re-read analysis of %s: %w", path, err)
	}
	return analysed{article: b.Article, pred: pred}, nil
}

// evalArticle is one scored article.
type evalArticle struct {
	Entry score.Entry
	// Failure says why the article has no prediction; it is then scored as
	// the empty prediction.
	Failure string
	Result  score.Result
	// Lead is the LEAD-3 baseline's ROUGE, when the gold has key points.
	Lead *score.ROUGE
}

type evalReport struct {
	Corpus       string
	Articles     []evalArticle
	GoldProblems []score.Problem
	Totals       score.Totals
	Lead         score.ROUGE
	LeadN        int
}

func (r *evalReport) total() {
	results := make([]score.Result, len(r.Articles))
	var leads []score.ROUGE
	for i, a := range r.Articles {
		results[i] = a.Result
		if a.Lead != nil {
			leads = append(leads, *a.Lead)
		}
	}
	r.Totals = score.Aggregate(results)
	r.Lead = score.MeanROUGE(leads)
	r.LeadN = len(leads)
}

func (r *evalReport) failures() []evalArticle {
	var out []evalArticle
	for _, a := range r.Articles {
		if a.Failure != "" {
			out = append(out, a)
		}
	}
	return out
}

// writeText prints the table score.py prints, the LEAD-3 baseline beside
// the summary score, and what could not be read.
func (r *evalReport) writeText(w io.Writer, verbose bool) error {
	t := r.Totals
	var b strings.Builder
	row := func(name string, c score.Counts) {
		p, rc, f := c.PRF()
		fmt.Fprintf(&b, "%-20s %6.3f %6.3f %6.3f   tp=%d fp=%d fn=%d\n", name, p, rc, f, c.TP, c.FP, c.FN)
	}
	num := func(x float64, ok bool) string {
		if !ok {
			return "   n/a"
		}
		return fmt.Sprintf("%6.3f", x)
	}
	fails := r.failures()
	fmt.Fprintf(&b, "articles=%d  (missing predictions: %d)\n", t.Articles, len(fails))
	fmt.Fprintf(&b, "%-20s %6s %6s %6s\n", "metric", "P", "R", "F1")
	row("quotes span", t.QuotesSpan)
	row("quotes attributed", t.QuotesAttributed)
	row("upcoming strict", t.UpcomingStrict)
	row("upcoming lenient", t.UpcomingLenient)
	fmt.Fprintf(&b, "quotes: ignored(optional)=%d  recall full=%s partial=%s\n", t.IgnoredOptional,
		strings.TrimSpace(num(t.RecallFull, t.HasRecallFull)), strings.TrimSpace(num(t.RecallPartial, t.HasRecallPartial)))
	hasSum := t.SummaryArticles > 0
	fmt.Fprintf(&b, "summary (n=%d)       R1 %s  R2 %s  RL %s\n", t.SummaryArticles,
		num(t.ROUGE.R1, hasSum), num(t.ROUGE.R2, hasSum), num(t.ROUGE.RL, hasSum))
	if r.LeadN > 0 {
		fmt.Fprintf(&b, "LEAD-%d baseline      R1 %6.3f  R2 %6.3f  RL %6.3f\n", leadSentences, r.Lead.R1, r.Lead.R2, r.Lead.RL)
	}
	if len(fails) > 0 {
		b.WriteString("\nnot analysed, scored as empty predictions:\n")
		for _, a := range fails {
			fmt.Fprintf(&b, "  %s: %s\n", a.Entry.Stem, a.Failure)
		}
	}
	if len(r.GoldProblems) > 0 {
		b.WriteString("\ngold files not read, not scored:\n")
		for _, p := range r.GoldProblems {
			fmt.Fprintf(&b, "  %s: %v\n", p.Name, p.Err)
		}
	}
	if verbose {
		for _, a := range r.Articles {
			writeArticleDetail(&b, a)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeArticleDetail(b *strings.Builder, a evalArticle) {
	res := a.Result
	fmt.Fprintf(b, "\n== %s\n", a.Entry.Stem)
	if a.Failure != "" {
		fmt.Fprintf(b, "  not analysed: %s\n", a.Failure)
	}
	if q := res.Quotes; q != nil {
		fmt.Fprintf(b, "  quotes  span tp=%d fp=%d fn=%d  attributed tp=%d fp=%d fn=%d  ignored(optional)=%d\n",
			q.Span.TP, q.Span.FP, q.Span.FN, q.Attributed.TP, q.Attributed.FP, q.Attributed.FN, q.IgnoredOptional)
		for _, s := range q.Missed {
			fmt.Fprintf(b, "    missed quote:  %q\n", s)
		}
		for _, s := range q.FalseAlarms {
			fmt.Fprintf(b, "    false alarm:   %q\n", s)
		}
		for _, w := range q.WrongSpeakers {
			fmt.Fprintf(b, "    wrong speaker: %q  said by %q, we said %q\n", w.Text, w.Gold, w.Pred)
		}
	}
	if u := res.Upcoming; u != nil {
		fmt.Fprintf(b, "  upcoming  strict tp=%d fp=%d fn=%d  lenient tp=%d fp=%d fn=%d\n",
			u.Strict.TP, u.Strict.FP, u.Strict.FN, u.Lenient.TP, u.Lenient.FP, u.Lenient.FN)
		for _, s := range u.Missed {
			fmt.Fprintf(b, "    missed date:   %s\n", s)
		}
		for _, s := range u.FalseAlarms {
			fmt.Fprintf(b, "    false date:    %s\n", s)
		}
	}
	if s := res.Summary; s != nil {
		fmt.Fprintf(b, "  summary  R1 %.3f  R2 %.3f  RL %.3f", s.R1, s.R2, s.RL)
		if a.Lead != nil {
			fmt.Fprintf(b, "   (LEAD-%d RL %.3f)", leadSentences, a.Lead.RL)
		}
		b.WriteString("\n")
	}
}

// evalJSON is the --json output. Its keys are score.py's, so the two can
// be compared field by field, plus the LEAD-3 baseline and the failures.
type evalJSON struct {
	Articles              int               `json:"articles"`
	QuoteArticles         int               `json:"quote_articles"`
	UpcomingArticles      int               `json:"upcoming_articles"`
	QuotesSpan            prfJSON           `json:"quotes_span"`
	QuotesAttributed      prfJSON           `json:"quotes_attributed"`
	QuotesIgnoredOptional int               `json:"quotes_ignored_optional"`
	QuotesRecallFull      *float64          `json:"quotes_recall_full"`
	QuotesRecallPartial   *float64          `json:"quotes_recall_partial"`
	UpcomingStrict        prfJSON           `json:"upcoming_strict"`
	UpcomingLenient       prfJSON           `json:"upcoming_lenient"`
	SummaryArticles       int               `json:"summary_articles"`
	ROUGE1                *float64          `json:"rouge1"`
	ROUGE2                *float64          `json:"rouge2"`
	ROUGEL                *float64          `json:"rougeL"`
	Lead3                 *score.ROUGE      `json:"lead3"`
	MissingPredictions    []string          `json:"missing_predictions"`
	Failures              map[string]string `json:"failures"`
	GoldProblems          map[string]string `json:"gold_problems"`
	PerArticle            map[string]any    `json:"per_article,omitempty"`
}

type prfJSON struct {
	TP int     `json:"tp"`
	FP int     `json:"fp"`
	FN int     `json:"fn"`
	P  float64 `json:"p"`
	R  float64 `json:"r"`
	F1 float64 `json:"f1"`
}

func prfOf(c score.Counts) prfJSON {
	p, r, f := c.PRF()
	return prfJSON{TP: c.TP, FP: c.FP, FN: c.FN, P: p, R: r, F1: f}
}

func optFloat(x float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &x
}

func (r *evalReport) jsonForm(perArticle bool) evalJSON {
	t := r.Totals
	hasSum := t.SummaryArticles > 0
	out := evalJSON{
		Articles:              t.Articles,
		QuoteArticles:         t.QuoteArticles,
		UpcomingArticles:      t.UpcomingArticles,
		QuotesSpan:            prfOf(t.QuotesSpan),
		QuotesAttributed:      prfOf(t.QuotesAttributed),
		QuotesIgnoredOptional: t.IgnoredOptional,
		QuotesRecallFull:      optFloat(t.RecallFull, t.HasRecallFull),
		QuotesRecallPartial:   optFloat(t.RecallPartial, t.HasRecallPartial),
		UpcomingStrict:        prfOf(t.UpcomingStrict),
		UpcomingLenient:       prfOf(t.UpcomingLenient),
		SummaryArticles:       t.SummaryArticles,
		ROUGE1:                optFloat(t.ROUGE.R1, hasSum),
		ROUGE2:                optFloat(t.ROUGE.R2, hasSum),
		ROUGEL:                optFloat(t.ROUGE.RL, hasSum),
		MissingPredictions:    []string{},
		Failures:              map[string]string{},
		GoldProblems:          map[string]string{},
	}
	if r.LeadN > 0 {
		lead := r.Lead
		out.Lead3 = &lead
	}
	for _, a := range r.failures() {
		out.MissingPredictions = append(out.MissingPredictions, a.Entry.Stem)
		out.Failures[a.Entry.Stem] = a.Failure
	}
	for _, p := range r.GoldProblems {
		out.GoldProblems[p.Name] = p.Err.Error()
	}
	if perArticle {
		out.PerArticle = map[string]any{}
		for _, a := range r.Articles {
			out.PerArticle[a.Entry.Stem] = articleJSON(a)
		}
	}
	return out
}

func articleJSON(a evalArticle) map[string]any {
	m := map[string]any{}
	res := a.Result
	if q := res.Quotes; q != nil {
		m["quotes"] = map[string]any{
			"span": q.Span, "attributed": q.Attributed, "ignored_optional": q.IgnoredOptional,
			"missed": nonNil(q.Missed), "false_pos": nonNil(q.FalseAlarms), "wrong_speaker": q.WrongSpeakers,
		}
	}
	if u := res.Upcoming; u != nil {
		m["upcoming"] = map[string]any{"strict": u.Strict, "lenient": u.Lenient, "missed": nonNil(u.Missed), "false_pos": nonNil(u.FalseAlarms)}
	}
	if res.Summary != nil {
		m["summary"] = res.Summary
	}
	if a.Lead != nil {
		m["lead3"] = a.Lead
	}
	if a.Failure != "" {
		m["failure"] = a.Failure
	}
	return m
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
