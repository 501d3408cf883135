package briefing

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoDate is returned by Read when the article has no publication date the
// reader can find and ReadOptions.Published is not set.
var ErrNoDate = errors.New("no publication date found")

// ReadOptions adjust how Read treats an input.
type ReadOptions struct {
	// ID becomes Article.ID.
	ID string
	// Published, when not zero, is the publication date to use instead of
	// (or in the absence of) one found in the input.
	Published time.Time
}

// Read parses an article from data. name is used in error messages only.
func Read(name string, data []byte, opts ReadOptions) (Article, error) {
	a, err := readText(string(data))
	if err != nil {
		return Article{}, fmt.Errorf("read %s: %w", name, err)
	}
	a.ID = opts.ID
	if !opts.Published.IsZero() {
		a.Published = opts.Published.UTC().Truncate(24 * time.Hour)
	}
	if a.Published.IsZero() {
		return Article{}, fmt.Errorf("read %s: %w (add a date line under the headline, or pass --published YYYY-MM-DD)", name, ErrNoDate)
	}
	return a, nil
}

// readText reads the plain-text form of SCHEMA.md: headline, date line, body
// paragraphs, and an optional "Original url:" line followed by the URL.
func readText(s string) (Article, error) {
	var a Article
	blocks := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	for i := 0; i < len(blocks); i++ {
		b := strings.TrimSpace(blocks[i])
		if b == "" {
			continue
		}
		switch {
		case a.Title == "":
			a.Title = b
		case a.Published.IsZero() && len(a.Paragraphs) == 0:
			if t, ok := parsePublished(b); ok {
				a.Published = t
				continue
			}
			a.Paragraphs = append(a.Paragraphs, b)
		case strings.HasPrefix(b, "Original url:"):
			rest := strings.TrimSpace(strings.TrimPrefix(b, "Original url:"))
			if rest == "" && i+1 < len(blocks) {
				i++
				rest = strings.TrimSpace(blocks[i])
			}
			a.URL = strings.Trim(rest, "<>")
		default:
			a.Paragraphs = append(a.Paragraphs, b)
		}
	}
	if a.Title == "" {
		return Article{}, errors.New("empty article: no headline line")
	}
	return a, nil
}

func parsePublished(s string) (time.Time, bool) {
	for _, layout := range []string{"January 02, 2006", "January 2, 2006", "2 January 2006", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
