package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// cli runs briefbot in-process with the given environment and returns its
// standard output, standard error and error.
func cli(t *testing.T, vars map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := env{
		getenv: func(k string) string { return vars[k] },
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
	}
	err := run(context.Background(), args, e)
	return stdout.String(), stderr.String(), err
}

// mustCLI is cli that fails the test on an error.
func mustCLI(t *testing.T, vars map[string]string, args ...string) string {
	t.Helper()
	out, errOut, err := cli(t, vars, args...)
	if err != nil {
		t.Fatalf("briefbot %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut)
	}
	return out
}

func TestIngestAndQuery(t *testing.T) {
	vars := map[string]string{"BRIEFBOT_DB": filepath.Join(t.TempDir(), "test.db")}
	talks := filepath.Join("testdata", "articles", "harbour-talks.txt")
	deal := filepath.Join("testdata", "articles", "harbour-deal.txt")

	out := mustCLI(t, vars, "ingest", talks, deal)
	if got := strings.Count(out, "saved: "); got != 2 {
		t.Fatalf("ingest printed %d 'saved' lines, want 2:\n%s", got, out)
	}

	t.Run("QuotesByAnyNameForm", func(t *testing.T) {
		var first []quoteJSON
		for i, name := range []string{"Kovacs", "Anna Kovacs", "anna kovács", "KOVACS"} {
			var got []quoteJSON
			if err := json.Unmarshal([]byte(mustCLI(t, vars, "quotes", "--json", name)), &got); err != nil {
				t.Fatalf("quotes %q: bad JSON: %v", name, err)
			}
			if len(got) == 0 {
				t.Fatalf("quotes %q: no quotes", name)
			}
			if i == 0 {
				first = got
				continue
			}
			if diff := cmp.Diff(first, got); diff != "" {
				t.Errorf("quotes %q differ from quotes %q (-first +got):\n%s", name, "Kovacs", diff)
			}
		}
		if first[0].Published != "2025-06-20" {
			t.Errorf("newest quote is from %s, want the June article first", first[0].Published)
		}
		for _, q := range first {
			if q.Speaker != "Anna Kovacs" || q.Title == "" || q.URL == "" {
				t.Errorf("quote %+v lacks its speaker's full name or its article", q)
			}
		}
	})

	t.Run("UnknownNameSuggests", func(t *testing.T) {
		_, _, err := cli(t, vars, "quotes", "Kovaks")
		if err == nil || !strings.Contains(err.Error(), "Did you mean Anna Kovacs?") {
			t.Errorf("quotes Kovaks: error %v, want a suggestion of Anna Kovacs", err)
		}
	})

	t.Run("ReingestChangesNothing", func(t *testing.T) {
		before := mustCLI(t, vars, "quotes", "--json", "--limit", "100", "Lind")
		out := mustCLI(t, vars, "ingest", talks)
		if !strings.HasPrefix(out, "unchanged: ") {
			t.Errorf("re-ingest printed %q, want unchanged", firstLine(out))
		}
		if after := mustCLI(t, vars, "quotes", "--json", "--limit", "100", "Lind"); after != before {
			t.Errorf("re-ingest changed Lind's quotes:\nbefore %s\nafter %s", before, after)
		}
	})

	t.Run("Upcoming", func(t *testing.T) {
		var got []eventJSON
		out := mustCLI(t, vars, "upcoming", "--json", "--from", "2025-03-10", "--days", "14")
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("upcoming: bad JSON: %v", err)
		}
		if len(got) != 1 || got[0].Date != "2025-03-18" || got[0].Precision != "day" {
			t.Fatalf("upcoming 2025-03-10 +14 days = %+v, want the 18 March meeting alone", got)
		}
		if !strings.Contains(got[0].URL, "harbour-talks") {
			t.Errorf("event links to %q, want its article", got[0].URL)
		}
	})

	t.Run("SummaryQuery", func(t *testing.T) {
		out := mustCLI(t, vars, "summary", "accord")
		if !strings.HasPrefix(out, "Estria and Nordland sign harbour accord\n") {
			t.Errorf("summary accord starts %q, want the accord article", firstLine(out))
		}
		if _, _, err := cli(t, vars, "summary", "zeppelin"); err == nil {
			t.Error("summary zeppelin: no error for a query that matches nothing")
		}
	})

	t.Run("People", func(t *testing.T) {
		out := mustCLI(t, vars, "people", "kov")
		if !strings.HasPrefix(out, "Anna Kovacs (") {
			t.Errorf("people kov = %q, want Anna Kovacs first", out)
		}
	})

	t.Run("BackupAndCheck", func(t *testing.T) {
		copyPath := filepath.Join(t.TempDir(), "copy.db")
		mustCLI(t, vars, "backup", copyPath)
		mustCLI(t, vars, "check", copyPath)
		out := mustCLI(t, map[string]string{"BRIEFBOT_DB": copyPath}, "quotes", "Kovacs")
		if !strings.Contains(out, "fishing families") {
			t.Errorf("the backup lacks Kovacs's quote:\n%s", out)
		}
	})
}

func TestQueryErrors(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"BRIEFBOT_DB": filepath.Join(dir, "none.db")}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"NoDatabase", []string{"quotes", "Kovacs"}, "no database at"},
		{"NoPerson", []string{"quotes"}, "name a PERSON"},
		{"BadLimit", []string{"quotes", "--limit", "0", "x"}, "out of range"},
		{"BadFrom", []string{"upcoming", "--from", "18/03/2025"}, "write it as YYYY-MM-DD"},
		{"BadDays", []string{"upcoming", "--days", "0"}, "out of range"},
		{"NoSource", []string{"ingest"}, "name at least one SOURCE"},
		{"MissingFile", []string{"ingest", filepath.Join(dir, "nope.txt")}, "not stored"},
		{"FeedsVerb", []string{"feeds", "juggle"}, "unknown action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, err := cli(t, vars, tt.args...)
			if err == nil {
				t.Fatalf("briefbot %s: no error", strings.Join(tt.args, " "))
			}
			if msg := err.Error() + errOut; !strings.Contains(msg, tt.want) {
				t.Errorf("briefbot %s: %q, want it to say %q", strings.Join(tt.args, " "), msg, tt.want)
			}
		})
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
