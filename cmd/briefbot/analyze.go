package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// maxArticleBytes bounds what one input may hold. Real article pages are a
// few hundred kilobytes; anything past this is not an article.
const maxArticleBytes = 10 << 20

func runAnalyze(ctx context.Context, args []string, e env) error {
	fs := newFlagSet("analyze", "FILE...", e)
	asJSON := fs.Bool("json", false, "print the JSON analysis contract instead of readable text")
	outDir := fs.String("out", "", "write one `DIR/<stem>.json` per input instead of printing")
	published := fs.String("published", "", "publication date `YYYY-MM-DD` for inputs that carry none")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fs.Usage()
		return usageError{"analyze: name at least one FILE (or - for standard input)"}
	}
	opts, err := readOptions(*published)
	if err != nil {
		return err
	}
	if *outDir != "" {
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			return fmt.Errorf("create output folder: %w", err)
		}
	}
	var failed []string
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := analyzeFile(name, opts, e.stdin)
		if err != nil {
			fmt.Fprintln(e.stderr, "briefbot analyze:", err)
			failed = append(failed, name)
			continue
		}
		switch {
		case *outDir != "":
			err = writeJSONFile(filepath.Join(*outDir, b.Article.ID+".json"), b.Record())
		case *asJSON:
			err = writeJSON(e.stdout, b.Record())
		default:
			err = writeBriefingText(e.stdout, b)
		}
		if err != nil {
			return err
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("analyze: %d of %d inputs failed: %s", len(failed), len(files), strings.Join(failed, ", "))
	}
	return nil
}

// readOptions turns the --published flag into read options.
func readOptions(published string) (briefing.ReadOptions, error) {
	var opts briefing.ReadOptions
	if published == "" {
		return opts, nil
	}
	t, err := time.Parse("2006-01-02", published)
	if err != nil {
		return opts, usageError{fmt.Sprintf("--published %q is not a date: write it as YYYY-MM-DD", published)}
	}
	opts.Published = t
	return opts, nil
}

// analyzeFile reads one input (a path, or - for stdin) and analyses it. The
// article's ID is the file's stem.
func analyzeFile(name string, opts briefing.ReadOptions, stdin io.Reader) (briefing.Briefing, error) {
	data, err := readInput(name, stdin)
	if err != nil {
		return briefing.Briefing{}, err
	}
	opts.ID = stem(name)
	a, err := briefing.Read(name, data, opts)
	if err != nil {
		return briefing.Briefing{}, err
	}
	return briefing.Analyze(a), nil
}

// readInput reads a whole file, or standard input for "-", refusing anything
// larger than maxArticleBytes.
func readInput(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, fmt.Errorf("%s is a folder: name the article files in it", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxArticleBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxArticleBytes {
		return nil, fmt.Errorf("read %s: larger than %d MB: this is not an article; save the article's page or text alone", name, maxArticleBytes>>20)
	}
	return data, nil
}

func stem(name string) string {
	if name == "-" {
		return "stdin"
	}
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeJSONFile(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := writeJSON(f, v); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

// writeBriefingText prints a briefing for a person to read.
func writeBriefingText(w io.Writer, b briefing.Briefing) error {
	a := b.Article
	var s strings.Builder
	fmt.Fprintf(&s, "%s\n", a.Title)
	meta := []string{}
	if a.Source != "" {
		meta = append(meta, a.Source)
	}
	if !a.Published.IsZero() {
		meta = append(meta, a.Published.Format("2 January 2006"))
	}
	if a.URL != "" {
		meta = append(meta, a.URL)
	}
	if len(meta) > 0 {
		fmt.Fprintf(&s, "%s\n", strings.Join(meta, " · "))
	}
	s.WriteString("\nSummary\n")
	for _, line := range b.Summary {
		fmt.Fprintf(&s, "  • %s\n", line)
	}
	if len(b.Quotes) > 0 {
		s.WriteString("\nQuotes\n")
		for _, q := range b.Quotes {
			fmt.Fprintf(&s, "  %s: “%s”\n", q.Speaker, q.Text)
		}
	}
	if len(b.Upcoming) > 0 {
		s.WriteString("\nUpcoming\n")
		for _, ev := range b.Upcoming {
			fmt.Fprintf(&s, "  %s (%s) %s — %q\n", ev.Date, ev.Date.Precision, ev.What, ev.Evidence)
		}
	}
	s.WriteString("\n")
	_, err := io.WriteString(w, s.String())
	return err
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments, as people type them ("analyze a.txt --json").
func parseInterspersed(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, errHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}
