package briefing

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/reader")

// readResult is what a golden file records of one Read.
type readResult struct {
	Title      string   `json:"title,omitempty"`
	Published  string   `json:"published,omitempty"`
	Source     string   `json:"source,omitempty"`
	URL        string   `json:"url,omitempty"`
	Paragraphs []string `json:"paragraphs,omitempty"`
	Error      string   `json:"error,omitempty"`
}

// TestReadGolden reads every fixture in testdata/reader (our own invented
// articles in text, Markdown and HTML, and broken inputs) and compares the
// result with <name>.golden.json. Refresh with: go test ./briefing -run
// TestReadGolden -update, then read the diff.
func TestReadGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "reader", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, path := range paths {
		if strings.HasSuffix(path, ".golden.json") {
			continue
		}
		n++
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got := readResultOf(Read(name, data, ReadOptions{ID: name}))
			golden := path + ".golden.json"
			if *update {
				out, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, append(out, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantData, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no golden file (run with -update to create it): %v", err)
			}
			var want readResult
			if err := json.Unmarshal(wantData, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read(%s) mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
	if n < 8 {
		t.Fatalf("only %d fixtures in testdata/reader", n)
	}
}

func readResultOf(a Article, err error) readResult {
	if err != nil {
		return readResult{Error: err.Error()}
	}
	return readResult{
		Title:      a.Title,
		Published:  a.Published.Format("2006-01-02"),
		Source:     a.Source,
		URL:        a.URL,
		Paragraphs: a.Paragraphs,
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		wantErr error
		// wantText must appear in the message, so the user knows what
		// to do.
		wantText string
	}{
		{"empty.txt", "", ErrNoArticle, "empty"},
		{"blank.txt", " \n\t\r\n ", ErrNoArticle, "empty"},
		{"-", "\x00\x01\x02binary\x00", ErrNoArticle, "binary"},
		{"headline-only.txt", "Just a Headline\n\nMay 1, 2022\n", ErrNoArticle, "no body"},
		{"undated.txt", "Headline\n\nThe talks went on and on, the minister said.\n", ErrNoDate, "--published YYYY-MM-DD"},
		{"page.html", "<!doctype html><html><head><title>Home</title></head><body><nav><a href=/>Home</a></nav></body></html>", ErrNoArticle, "no article text found in page.html"},
		{"quotes.txt", "Headline\nJune 1, 2020\n\n\"\"\"\"\"\"“““““”\n", ErrNoArticle, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.name, []byte(tc.data), ReadOptions{})
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Read(%s) error = %v, want %v", tc.name, err, tc.wantErr)
			}
			if !strings.Contains(err.Error(), tc.name) {
				t.Errorf("error %q does not name the input %q", err, tc.name)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q does not say %q", err, tc.wantText)
			}
		})
	}
}

func TestReadPublishedOption(t *testing.T) {
	text := "Headline\n\nThe talks went on, the minister said on Tuesday.\n"
	a, err := Read("x.txt", []byte(text), ReadOptions{ID: "x", Published: time.Date(2021, 2, 8, 23, 30, 0, 0, time.FixedZone("X", 5*3600))})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2021, 2, 8, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) || a.ID != "x" {
		t.Errorf("Published = %v, ID = %q; want %v, %q", a.Published, a.ID, want, "x")
	}
	// The option also wins over a date found in the input.
	dated := "Headline\nMay 1, 2022\n\nThe talks went on, the minister said.\n"
	a, err = Read("y.txt", []byte(dated), ReadOptions{Published: time.Date(2022, 5, 3, 0, 0, 0, 0, time.UTC)})
	if err != nil || a.Published.Day() != 3 {
		t.Errorf("Read with Published option = %v, %v; want 3 May 2022", a.Published, err)
	}
}

// TestReadVariants checks forms of the same short article that people
// paste: Windows line ends, a byte order mark, a Latin-1 page, a page with
// its date only in the body, text whose date comes first.
func TestReadVariants(t *testing.T) {
	const body = "The ministers met on Tuesday and agreed to talk again in May."
	tests := []struct {
		name      string
		data      []byte
		title     string
		published string
		para      string
	}{
		{"crlf.txt", []byte("Talks Resume\r\n\r\nJune 3, 2021\r\n\r\n" + body + "\r\n"), "Talks Resume", "2021-06-03", body},
		{"bom.txt", []byte("\xef\xbb\xbfTalks Resume\n3 June 2021\n\n" + body + "\n"), "Talks Resume", "2021-06-03", body},
		{"byline-before-date.txt", []byte("Talks Resume\nBy Ana Lind\nJune 3, 2021\n" + body + "\nThey will meet in Oslo, officials said.\n"),
			"Talks Resume", "2021-06-03", body + "|They will meet in Oslo, officials said."},
		{"date-first.txt", []byte("2021-06-03\nTalks Resume\n\n" + body + "\n"), "Talks Resume", "2021-06-03", body},
		{"latin1.html", []byte("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9 Talks</title>" +
			"<meta property=\"article:published_time\" content=\"2021-06-03\"></head><body><article><p>" +
			"The caf\xe9 owners met on Tuesday and agreed to talk again in May.</p></article></body></html>"),
			"Café Talks", "2021-06-03", "The café owners met on Tuesday and agreed to talk again in May."},
		{"body-date.html", []byte("<html><head><title>Talks Resume</title></head><body><article>" +
			"<p>June 3, 2021</p><p>" + body + "</p></article></body></html>"), "Talks Resume", "2021-06-03", body},
		{"-", []byte("# Talks Resume\n\nJune 3, 2021\n\n" + body + "\n"), "Talks Resume", "2021-06-03", body},
		{"entities.md", []byte("# AT&amp;T Talks\n\nJune 3, 2021\n\nThe AT&amp;T deal \\*was\\* signed `as is` &mdash; it said.\nA <b>new</b> line.\n"),
			"AT&T Talks", "2021-06-03", "The AT&T deal *was* signed as is — it said. A new line."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Read(tc.name, tc.data, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got := []string{a.Title, a.Published.Format("2006-01-02"), strings.Join(a.Paragraphs, "|")}
			want := []string{tc.title, tc.published, tc.para}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read(%s) mismatch (-want +got):\n%s", tc.name, diff)
			}
		})
	}
}

// TestReadBounds feeds Read inputs far over its bounds: it must return
// quickly with at most maxParagraphs paragraphs of at most
// maxParagraphBytes each.
func TestReadBounds(t *testing.T) {
	para := "The delegates talked for hours and agreed on nothing at all, officials said.\n\n"
	huge := "Endless Talks\nMay 1, 2022\n\n" + strings.Repeat(para, 20<<20/len(para))
	oneLine := "Endless Talks\nMay 1, 2022\n\n" + strings.Repeat("word ", 20<<20/5)
	page := "<html><head><title>Endless Talks</title><meta property=\"article:published_time\" content=\"2022-05-01\"></head><body><article>" +
		strings.Repeat("<p>"+strings.TrimSpace(para)+"</p>", 20<<20/90) + "</article></body></html>"
	markdown := "# Endless Talks\n\nMay 1, 2022\n\n" + strings.Repeat(para, 20<<20/len(para))
	for _, tc := range []struct {
		name string
		data string
	}{{"huge.txt", huge}, {"one-line.txt", oneLine}, {"huge.md", markdown}, {"huge.html", page}} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Read(tc.name, []byte(tc.data), ReadOptions{})
			if err != nil {
				// A page over the element bound is refused with a
				// clear error rather than parsed.
				if tc.name == "huge.html" && strings.Contains(err.Error(), "elements") {
					return
				}
				t.Fatal(err)
			}
			if len(a.Paragraphs) == 0 || len(a.Paragraphs) > maxParagraphs {
				t.Errorf("%d paragraphs, want 1 to %d", len(a.Paragraphs), maxParagraphs)
			}
			for _, p := range a.Paragraphs {
				if len(p) > maxParagraphBytes {
					t.Fatalf("paragraph of %d bytes, bound is %d", len(p), maxParagraphBytes)
				}
			}
		})
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, data string
		want       format
	}{
		{"a.txt", "Headline\nMay 1, 2022\n\nBody [link](#) and **bold**.\n\nOriginal url:\n\n<https://x.example/a>", formatText},
		{"-", "<!DOCTYPE html><html><body><p>x</p></body></html>", formatHTML},
		{"page", "\n  <html lang=en><head></head><body></body></html>", formatHTML},
		{"a.txt", "<meta charset=utf-8><title>x</title><p>body", formatHTML},
		{"a.html", "Some words <p>and a paragraph", formatHTML},
		{"-", "# Headline\n\nBody.", formatMarkdown},
		{"-", "---\ntitle: x\n---\nBody.", formatMarkdown},
		{"-", "Headline\n========\n\nBody.", formatMarkdown},
		{"notes.md", "Headline\n\nBody.", formatMarkdown},
		{"-", "<https://x.example/a> is where it was published.", formatText},
	}
	for _, tc := range tests {
		if got := detectFormat(tc.name, []byte(tc.data)); got != tc.want {
			t.Errorf("detectFormat(%q, %q) = %v, want %v", tc.name, tc.data, got, tc.want)
		}
	}
}

func TestParsePubDate(t *testing.T) {
	tests := []struct {
		line string
		want string // "" when the line is not a date line
	}{
		{"February 08, 2021", "2021-02-08"},
		{"8 February 2021", "2021-02-08"},
		{"Feb. 8, 2021 10:13 AM GMT", "2021-02-08"},
		{"2021-02-08", "2021-02-08"},
		{"2021-02-08T10:13:00+03:00", "2021-02-08"},
		{"2021-02-08T01:13:00+03:00", "2021-02-08"}, // the date as printed, not as UTC
		{"2021-02-08T10:13:00.000Z", "2021-02-08"},
		{"Published Monday, April 23, 2018 11:57AM EDT", "2018-04-23"},
		{"Published Monday, April 23, 2018 11:57AM EDT | Updated Monday, April 24, 2018 1:02PM EDT", "2018-04-23"},
		{"Mon 27th January 2020", "2020-01-27"},
		{"Fri 05th November 2021", "2021-11-05"},
		{"20th October, 2020", "2020-10-20"},
		{"10:32, September 08, 2023", "2023-09-08"},
		{"Mon, 08 Feb 2021 10:13:00 GMT", "2021-02-08"},
		{"Sept. 7, 2023", "2023-09-07"},
		{"Published: 3 May 2022", "2022-05-03"},
		{"Published 8 May 2023, updated 9 May 2023", "2023-05-08"},
		{"May 4, 2023 at 9:30 a.m.", "2023-05-04"},
		{"2022/11/03", "2022-11-03"},
		{"21.10.2025", "2025-10-21"},
		{"03.04.2025", "2025-04-03"},
		{"21/10/2025", "2025-10-21"},
		{"10/21/2025 09:15 AM", "2025-10-21"},
		{"03/04/2025", ""}, // day or month first: not guessed
		{"31.02.2025", ""},
		{"Source: Xinhua| 2019-02-26 21:14:05|Editor: yan", "2019-02-26"},
		{"By Jane Doe | March 3, 2024", "2024-03-03"},
		{"Updated March 4, 2024 | March 3, 2024", ""},
		{"Xinhua | 2019-02-26", ""},
		{"Dec 15 (Reuters)", ""},
		{"BRUSSELS, Dec 15 (Reuters) -", ""},
		{"TOKYO, Feb. 7, Kyodo", ""},
		{"MOSCOW (Sputnik - 27th January, 2020) Libya's crisis", ""},
		{"The talks began on February 8, 2021 in Moscow.", ""},
		{"February 30, 2021", ""},
		{"February 2021", ""},
		{"8 February", ""},
		{"2021", ""},
		{"Updated February 9, 2021", ""},
		{"8 9 2021 February", ""},
		{"February 8, 2021 2022", ""},
		{"EDT February 8, 2021", ""},
		{"2021-13-01", ""},
		{"", ""},
		{strings.Repeat("February 8, 2021 ", 20), ""},
	}
	for _, tc := range tests {
		got, ok := parsePubDate(tc.line)
		gotS := ""
		if ok {
			gotS = got.Format("2006-01-02")
			if got.Location() != time.UTC || got.Hour() != 0 {
				t.Errorf("parsePubDate(%q) = %v, want midnight UTC", tc.line, got)
			}
		}
		if gotS != tc.want {
			t.Errorf("parsePubDate(%q) = %q, want %q", tc.line, gotS, tc.want)
		}
	}
}

func TestIsBoilerplate(t *testing.T) {
	// kind names the rule that must catch the line ("" for prose that
	// must stay): summary.go calls the rules one by one.
	tests := []struct {
		p    string
		kind string
	}{
		// Headings, datelines and bylines: short, no sentence punctuation.
		{"On Navalny", "heading"},
		{"Aftermath", "heading"},
		{"Why it matters", "heading"},
		{"TOKYO, Feb. 7, Kyodo", "heading"},
		{"WARSAW, Poland (AP) _", "heading"},
		{"Reuters", "heading"},
		{"By Jane Doe, World Desk", "credit"},
		// Credits.
		{"Written by Jane Doe; edited by John Roe", "credit"},
		{"(Reporting by Jane Doe; Editing by John Roe)", "credit"},
		{"(Reporting: Jane Doe; editing: John Roe)", "credit"},
		{"Includes reporting from AFP.", "credit"},
		{"Additional reporting by Jan Ode.", "credit"},
		{"© Kyodo News", "credit"},
		{"Copyright 2023 The Valley Courier. All rights reserved.", "credit"},
		// Related links and captions.
		{"Related article: Grain Exporters Warn of 'Lost Season'", "related"},
		{"Read more: Tuna stocks recover in the south.", "related"},
		{"Photo: Summit Press Office", "caption"},
		{"The prime ministers sign the accord in Drava. REUTERS/Mia Holt", "caption"},
		{"Leaders meet in Orin City. AFP via Getty Images", "caption"},
		// Prose that must stay.
		{"He said:", ""},
		{"Caddell continued:", ""},
		{"That comment is a lie.", ""},
		{"'All Bets Are Off.'", ""},
		{"By Friday, the talks had collapsed.", ""},
		{"Written by hand, the letter reached Moscow on Monday.", ""},
		{"Copyright law was at the heart of the dispute between the two neighbours on Monday.", ""},
		{"A Reuters/Ipsos poll showed 40% support for the deal.", ""},
		{"Here's a look at what took place — and what may come next:", ""},
		{"The talks, which began in 2019 and ran through three rounds without agreement on fees or access rights", ""},
	}
	rules := map[string]func(string) bool{
		"heading": isHeadingLine, "credit": isCreditLine, "related": isRelatedLine, "caption": isCaptionLine,
	}
	for _, tc := range tests {
		if got, want := isBoilerplate(tc.p), tc.kind != ""; got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", tc.p, got, want)
		}
		if tc.kind == "" {
			for name, rule := range rules {
				if rule(tc.p) {
					t.Errorf("%s rule catches prose %q", name, tc.p)
				}
			}
			continue
		}
		if !rules[tc.kind](tc.p) {
			t.Errorf("%s rule misses %q", tc.kind, tc.p)
		}
	}
}

func TestStripTextMarkup(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Borrell [called](#) for his release.", "Borrell called for his release."},
		{"A **bold** claim.", "A bold claim."},
		{"See [the **full** text](https://x.example/a) here.", "See the full text here."},
		{"An image ![alt text](pic.jpg) goes.", "An image  goes."},
		{"<https://x.example/a>", "https://x.example/a"},
		{"Unmatched [bracket and (paren.", "Unmatched [bracket and (paren."},
		{"A [link] without target.", "A [link] without target."},
		{"Less than < more than > stays.", "Less than < more than > stays."},
		{"[[[[x](y)", "[[[x"},
	}
	for _, tc := range tests {
		if got := stripTextMarkup(tc.in); got != tc.want {
			t.Errorf("stripTextMarkup(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Unmatched brackets must not make the scan quadratic.
	long := strings.Repeat("[a ", 1<<20) + strings.Repeat("<b ", 1<<20)
	if got := stripTextMarkup(long); got != long {
		t.Errorf("stripTextMarkup changed text without markup")
	}
}

func TestSourceFromURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.themoscowtimes.com/2021/02/08/x", "themoscowtimes.com"},
		{"https://en.yna.co.kr/view/A", "en.yna.co.kr"},
		{"http://WWW.Example.org", "example.org"},
		{"", ""},
		{"not a url", ""},
	}
	for _, tc := range tests {
		if got := sourceFromURL(tc.in); got != tc.want {
			t.Errorf("sourceFromURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWithoutSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Talks Stall | The Valley Courier", "The Valley Courier", "Talks Stall"},
		{"Talks Stall - Ocean Ledger", "Ocean Ledger", "Talks Stall"},
		{"Ocean Ledger — Talks Stall", "Ocean Ledger", "Talks Stall"},
		{"EU-Russia Talks - What Next", "Ocean Ledger", "EU-Russia Talks - What Next"},
		{"Talks Stall", "", "Talks Stall"},
	}
	for _, tc := range tests {
		if got := withoutSiteName(tc.title, tc.site); got != tc.want {
			t.Errorf("withoutSiteName(%q, %q) = %q, want %q", tc.title, tc.site, got, tc.want)
		}
	}
}

// TestReadParagraphsHaveNoMarkup is the invariant FuzzRead checks, run on
// the fixtures: no Markdown or HTML markup survives in a paragraph.
func TestReadParagraphsHaveNoMarkup(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "reader", "*"))
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := Read(path, data, ReadOptions{})
		if err != nil {
			continue
		}
		for _, p := range a.Paragraphs {
			if hasMarkup(p) {
				t.Errorf("%s: markup in paragraph %q", path, p)
			}
		}
	}
}

// hasMarkup reports whether a paragraph still carries Markdown emphasis or
// links, or HTML tags.
func hasMarkup(p string) bool {
	if strings.Contains(p, "**") || strings.Contains(p, "](") {
		return true
	}
	lower := strings.ToLower(p)
	for _, tag := range []string{"<p>", "<p ", "</p>", "<a ", "</a>", "<div", "<br", "<script", "<img"} {
		if strings.Contains(lower, tag) {
			return true
		}
	}
	return false
}
