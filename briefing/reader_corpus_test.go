package briefing

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir points TestReadCorpus at a folder of gold-annotated articles
// (SCHEMA.md), or at a folder of such folders. The corpora are evaluation
// data that stays outside the repository, so the test runs only when asked:
//
//	go test ./briefing/ -run TestReadCorpus -corpus /work/shared/corpus -v
var corpusDir = flag.String("corpus", "", "check Read against the gold corpus in `DIR` (SCHEMA.md format)")

// goldArticle is the part of a gold annotation that Read must reproduce.
type goldArticle struct {
	Title     string `json:"title"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Quotes    []struct {
		Text     string `json:"text"`
		Optional bool   `json:"optional"`
	} `json:"quotes"`
	Upcoming []struct {
		Evidence string `json:"evidence"`
	} `json:"upcoming"`
	KeyPoints []string `json:"key_points"`
}

// TestReadCorpus reads every article of the corpus and checks the title,
// the date and the URL against the gold, that no gold quote, date evidence
// or extractive key point was lost from the paragraphs (so no body text was
// dropped as boilerplate), and that no paragraph is a heading or credit.
func TestReadCorpus(t *testing.T) {
	if *corpusDir == "" {
		t.Skip("no -corpus DIR given; the gold corpus is not part of the repository")
	}
	files, err := filepath.Glob(filepath.Join(*corpusDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(*corpusDir, "*", "*.txt"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatalf("no .txt articles in %s or its subfolders", *corpusDir)
	}
	var articles, quotes, evidences, keyPoints, lostQuotes, lostEvidence, lostKeyPoints int
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		goldData, err := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".json")
		if err != nil {
			t.Errorf("%s: no gold: %v", path, err)
			continue
		}
		var gold goldArticle
		if err := json.Unmarshal(goldData, &gold); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		articles++
		a, err := Read(path, data, ReadOptions{})
		if err != nil {
			t.Errorf("Read(%s): %v", path, err)
			continue
		}
		if a.Title != gold.Title {
			t.Errorf("%s: title %q, gold %q", path, a.Title, gold.Title)
		}
		if got := a.Published.Format("2006-01-02"); got != gold.Published {
			t.Errorf("%s: published %s, gold %s", path, got, gold.Published)
		}
		if a.URL != gold.URL {
			t.Errorf("%s: url %q, gold %q", path, a.URL, gold.URL)
		}
		// The scorer compares texts with white space collapsed, and a
		// quotation may run over paragraphs.
		body := normalizeSpace(strings.Join(a.Paragraphs, "\n\n"))
		for _, q := range gold.Quotes {
			if q.Optional {
				continue // headline and link-title quotes are not body text
			}
			quotes++
			if !strings.Contains(body, normalizeSpace(q.Text)) {
				lostQuotes++
				t.Errorf("%s: quote lost: %q", path, q.Text)
			}
		}
		for _, u := range gold.Upcoming {
			evidences++
			if !strings.Contains(body, normalizeSpace(u.Evidence)) {
				lostEvidence++
				t.Errorf("%s: date evidence lost: %q", path, u.Evidence)
			}
		}
		if strings.Contains(path, "bbc") {
			// Only the BBC set's key points are sentences of the article.
			for _, k := range gold.KeyPoints {
				keyPoints++
				if !strings.Contains(body, normalizeSpace(k)) {
					lostKeyPoints++
					t.Errorf("%s: key point lost: %q", path, k)
				}
			}
		}
		for _, p := range a.Paragraphs {
			if isBoilerplate(p) || strings.Contains(p, "**") || strings.Contains(p, "](") {
				t.Errorf("%s: boilerplate or markup kept: %q", path, p)
			}
		}
	}
	t.Logf("%d articles; non-optional quotes lost %d of %d; date evidence lost %d of %d; BBC key points lost %d of %d",
		articles, lostQuotes, quotes, lostEvidence, evidences, lostKeyPoints, keyPoints)
}
