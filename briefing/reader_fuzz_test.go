package briefing

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// FuzzRead feeds Read arbitrary input under each of the three formats' file
// names. Read must not panic, and what it returns must be usable: a title,
// a date at midnight UTC, and paragraphs that are non-empty, trimmed, valid
// UTF-8, free of markup and within the bounds.
//
//	go test ./briefing -run '^$' -fuzz '^FuzzRead$' -fuzztime 3m
func FuzzRead(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "reader", "*"))
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(path), data)
	}
	f.Add("-", []byte("Headline\n\nMay 1, 2022\n\n\"Unbalanced, he said.\n\n[x](\n\n**\n"))
	f.Add("a.md", []byte("# T\n\n*June 3, 2021*\n\n> quoted \"text,\" he said.\n\n- [x](y)\n"))
	f.Add("a.html", []byte("<html><head><script type=\"application/ld+json\">{\"@graph\":[[[{}]]]}</script></head><body><p>x</p>"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := Read(name, data, ReadOptions{})
		// Only the plain-text reader promises that no Markdown survives:
		// in Markdown an escaped "\[x](y)" is literal text, and in HTML
		// so is "&lt;p&gt;".
		textForm := detectFormat(name, prepareInput(data)) == formatText
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q does not name the input %q", err, name)
			}
			return
		}
		if a.Title == "" {
			t.Fatal("no title and no error")
		}
		if a.Published.IsZero() || a.Published.Location() != time.UTC || a.Published.Hour() != 0 {
			t.Fatalf("Published = %v, want midnight UTC", a.Published)
		}
		if len(a.Paragraphs) == 0 || len(a.Paragraphs) > maxParagraphs {
			t.Fatalf("%d paragraphs", len(a.Paragraphs))
		}
		for _, p := range a.Paragraphs {
			if p == "" || len(p) > maxParagraphBytes || strings.TrimFunc(p, unicode.IsSpace) != p || !utf8.ValidString(p) {
				t.Fatalf("bad paragraph %q", p)
			}
			if isBoilerplate(p) {
				t.Fatalf("boilerplate paragraph kept: %q", p)
			}
			if textForm && hasTextMarkup(p) {
				t.Fatalf("markup in paragraph %q", p)
			}
			checkSpans(t, p, splitSentences(p))
		}
	})
}

// FuzzSentences checks the splitter's contract on arbitrary text: no
// panic, and spans in order, non-overlapping, within bounds, non-empty and
// trimmed, covering all of the text but white space.
//
//	go test ./briefing -run '^$' -fuzz '^FuzzSentences$' -fuzztime 3m
func FuzzSentences(f *testing.F) {
	for _, tc := range sentenceCases {
		f.Add(tc.text)
	}
	f.Add("“a. B,” “c. D” e. F")
	f.Add("``A. B,'' he said. ``C.''")
	f.Add("\xff. \xfe.\" A")
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, splitSentences(text))
	})
}

// hasTextMarkup reports whether p holds the Markdown that the plain-text
// reader removes: bold marks or a complete inline link.
func hasTextMarkup(p string) bool {
	if strings.Contains(p, "**") {
		return true
	}
	for i := 0; i < len(p); i++ {
		if p[i] == '[' {
			if _, _, ok := inlineLink(p, i); ok {
				return true
			}
		}
	}
	return false
}
