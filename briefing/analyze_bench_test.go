package briefing

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkAnalyze measures the whole analysis of one article, reading
// included, on two made-up articles: testdata/bench/harbour-summit.txt, a
// 5 KB wire report with quotes, titles and dates, and a 50 KB feature in the
// same style whose paragraphs vary (featureText). Targets: at least 2,000
// five-kilobyte articles a second on one core (500 µs each), and the 50 KB
// article under 15 times the 5 KB one, i.e. no worse than linear growth
// with some slack.
//
//	go test -run '^$' -bench Analyze -benchmem -cpu 1 ./briefing/
func BenchmarkAnalyze(b *testing.B) {
	small, err := os.ReadFile("testdata/bench/harbour-summit.txt")
	if err != nil {
		b.Fatal(err)
	}
	large := []byte(featureText(8000, 42))
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"5KB", small},
		{"50KB", large},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				a, err := Read("bench", bc.data, ReadOptions{ID: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				if br := Analyze(a); len(br.Summary) == 0 {
					b.Fatal("no summary")
				}
			}
		})
	}
}

// TestBenchFixtures keeps the benchmark honest: the articles are the sizes
// the targets are stated for, and the large one is not the small one
// repeated.
func TestBenchFixtures(t *testing.T) {
	small, err := os.ReadFile("testdata/bench/harbour-summit.txt")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(small); n < 4500 || n > 5500 {
		t.Errorf("small benchmark article is %d bytes, want about 5 KB", n)
	}
	large := featureText(8000, 42)
	if n := len(large); n < 45000 || n > 56000 {
		t.Errorf("large benchmark article is %d bytes, want about 50 KB", n)
	}
	paras := strings.Split(large, "\n\n")
	seen := map[string]int{}
	for _, p := range paras {
		seen[p]++
	}
	// Headings repeat by design; body paragraphs should almost never.
	if repeats := len(paras) - len(seen); repeats > len(paras)/10 {
		t.Errorf("large benchmark article repeats %d of its %d paragraphs", repeats, len(paras))
	}
}

// BenchmarkSummarize measures the summary alone on the same articles, so
// that its share of BenchmarkAnalyze is known.
func BenchmarkSummarize(b *testing.B) {
	small, err := os.ReadFile("testdata/bench/harbour-summit.txt")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"5KB", small},
		{"50KB", []byte(featureText(8000, 42))},
	} {
		a, err := Read("bench", bc.data, ReadOptions{ID: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		doc := newDocument(a)
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				summarize(doc)
			}
		})
	}
}

// BenchmarkAnalyzeStages measures each stage of the analysis of the 5 KB
// article alone, so that a change to one stage can be measured without the
// noise of the others:
//
//	go test -run '^$' -bench AnalyzeStages -benchmem -cpu 1 ./briefing/
func BenchmarkAnalyzeStages(b *testing.B) {
	data, err := os.ReadFile("testdata/bench/harbour-summit.txt")
	if err != nil {
		b.Fatal(err)
	}
	a, err := Read("bench", data, ReadOptions{ID: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	doc := newDocument(a)
	b.Run("read", func(b *testing.B) {
		for b.Loop() {
			if _, err := Read("bench", data, ReadOptions{ID: "bench"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("document", func(b *testing.B) {
		for b.Loop() {
			newDocument(a)
		}
	})
	b.Run("people", func(b *testing.B) {
		for b.Loop() {
			people := findPeople(doc)
			findQuotes(doc, people)
			people.list()
		}
	})
	b.Run("events", func(b *testing.B) {
		for b.Loop() {
			findEvents(doc)
		}
	})
	b.Run("summary", func(b *testing.B) {
		for b.Loop() {
			summarize(doc)
		}
	})
}
