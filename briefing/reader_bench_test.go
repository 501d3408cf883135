package briefing

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRead measures Read on the fixtures in each format, and on a text
// article of about 5 KB and one of 50 KB (the same paragraphs repeated), to
// show that the cost is linear in length.
//
//	go test ./briefing -run '^$' -bench BenchmarkRead -benchmem
func BenchmarkRead(b *testing.B) {
	load := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", "reader", name))
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	text := load("harbour-talks.txt")
	cases := []struct {
		name string
		data []byte
	}{
		{"text", text},
		{"text-5KB", grow(text, 5<<10)},
		{"text-50KB", grow(text, 50<<10)},
		{"markdown", load("summit-notes.md")},
		{"markdown-5KB", grow(load("summit-notes.md"), 5<<10)},
		{"html", load("border-deal.html")},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			for b.Loop() {
				if _, err := Read(c.name, c.data, ReadOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSplitSentences measures the splitter on every paragraph of the
// 5 KB text article.
func BenchmarkSplitSentences(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "reader", "harbour-talks.txt"))
	if err != nil {
		b.Fatal(err)
	}
	a, err := Read("harbour-talks.txt", grow(data, 5<<10), ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range a.Paragraphs {
			splitSentences(p)
		}
	}
}

// grow repeats the body of a fixture (everything after its header, before
// its "Original url:" line) until the article is about size bytes.
func grow(article []byte, size int) []byte {
	head, body, ok := bytes.Cut(article, []byte("\n\n\n\n"))
	if !ok {
		head, body, _ = bytes.Cut(article, []byte("\n\n"))
	}
	body, tail, _ := bytes.Cut(body, []byte("Original url:"))
	out := append([]byte{}, head...)
	out = append(out, "\n\n"...)
	for len(out)+len(tail) < size {
		out = append(out, body...)
	}
	return append(out, tail...)
}
