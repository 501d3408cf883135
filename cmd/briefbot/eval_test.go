package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeEvalCorpus writes a two-article corpus: one article with its text and
// gold summary, and one gold file whose article text is missing.
func writeEvalCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"ferry.txt": "Ferry link between the islands reopens\n\nMarch 3, 2024\n\n" +
			"The ferry link between the two islands reopened on Monday after a winter of repairs.\n\n" +
			"Harbour officials said the new pier can take larger boats. Tickets went on sale at noon.\n\n" +
			"The next phase of work starts in the autumn.\n",
		"ferry.json": `{"id": "ferry", "scope": ["summary"], "quotes": [], "upcoming": [],
			"key_points": ["The ferry link between the islands reopened after repairs.", "A new pier takes larger boats."]}`,
		"lost.json":  `{"id": "lost", "quotes": [{"speaker": "Ann Lee", "text": "we are ready"}], "upcoming": [], "key_points": []}`,
		"notes.json": `{"comment": "not gold, skipped"}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runForTest(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &out, stderr: &errOut})
	return out.String(), errOut.String(), err
}

func TestEvalText(t *testing.T) {
	dir := writeEvalCorpus(t)
	out, _, err := runForTest(t, "eval", "--corpus", dir, "-v")
	if err != nil {
		t.Fatalf("eval: %v", err)
	}
	for _, want := range []string{
		"articles=2  (missing predictions: 1)",
		"quotes span           0.000  0.000  0.000   tp=0 fp=0 fn=1",
		"summary (n=1)",
		"LEAD-3 baseline",
		"not analysed, scored as empty predictions:\n  lost: no article lost.txt beside its gold file",
		"== lost",
		`missed quote:  "we are ready"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvalJSON(t *testing.T) {
	dir := writeEvalCorpus(t)
	out, _, err := runForTest(t, "eval", "--corpus", dir, "--json")
	if err != nil {
		t.Fatalf("eval --json: %v", err)
	}
	var got struct {
		Articles           int                `json:"articles"`
		SummaryArticles    int                `json:"summary_articles"`
		RougeL             *float64           `json:"rougeL"`
		Lead3              map[string]float64 `json:"lead3"`
		MissingPredictions []string           `json:"missing_predictions"`
		Failures           map[string]string  `json:"failures"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("eval --json printed something that is not JSON: %v\n%s", err, out)
	}
	if got.Articles != 2 || got.SummaryArticles != 1 || got.RougeL == nil || *got.RougeL <= 0 {
		t.Errorf("articles %d, summary articles %d, rougeL %v; want 2, 1 and a positive score", got.Articles, got.SummaryArticles, got.RougeL)
	}
	// The lead of the test article shares most of its words with the key
	// points, so the baseline must score well above zero.
	if got.Lead3["rougeL"] < 0.3 {
		t.Errorf("lead3 = %v, want rougeL above 0.3", got.Lead3)
	}
	if len(got.MissingPredictions) != 1 || got.MissingPredictions[0] != "lost" || got.Failures["lost"] == "" {
		t.Errorf("missing %v failures %v, want lost listed with its reason", got.MissingPredictions, got.Failures)
	}
}

func TestEvalUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no corpus", []string{"eval"}, "--corpus DIR is required"},
		{"not a folder", []string{"eval", "--corpus", "/nonexistent/corpus"}, "is not a folder"},
		{"stray argument", []string{"eval", "--corpus", ".", "extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runForTest(t, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) || exitCode(err) != 2 {
				t.Errorf("err = %v (exit %d), want a usage error containing %q", err, exitCode(err), tt.want)
			}
		})
	}
	empty := t.TempDir()
	if _, _, err := runForTest(t, "eval", "--corpus", empty); err == nil || !strings.Contains(err.Error(), "no gold") {
		t.Errorf("empty folder: err = %v, want one that says there is no gold", err)
	}
}
