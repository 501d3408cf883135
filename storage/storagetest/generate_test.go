package storagetest_test

import (
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
	"github.com/briefbot/briefbot/storage/storagetest"
	"github.com/google/go-cmp/cmp"
)

func TestGenerate_deterministic(t *testing.T) {
	a := storagetest.Generate(200, 7)
	if diff := cmp.Diff(a, storagetest.Generate(200, 7)); diff != "" {
		t.Errorf("Generate(200, 7) differs between calls (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(a[:50], storagetest.Generate(50, 7)); diff != "" {
		t.Errorf("Generate(50, 7) is not the start of Generate(200, 7) (-long +short):\n%s", diff)
	}
	b := storagetest.Generate(200, 8)
	if a[0].Article.ID == b[0].Article.ID || a[0].Article.Title == b[0].Article.Title && a[1].Article.Title == b[1].Article.Title {
		t.Errorf("seeds 7 and 8 generate the same articles")
	}
	g := storagetest.NewGenerator(7)
	for i := range 200 {
		if diff := cmp.Diff(a[i], g.Next()); diff != "" {
			t.Fatalf("Generator.Next %d differs from Generate (-Generate +Next):\n%s", i, diff)
		}
	}
}

// TestGenerate_varied checks the generated data has what store benchmarks
// need to be realistic.
func TestGenerate_varied(t *testing.T) {
	bs := storagetest.Generate(2000, 1)
	ids, urls := map[string]bool{}, map[string]bool{}
	outlets, years := map[string]bool{}, map[int]bool{}
	precisions := map[briefing.Precision]int{}
	surnames := map[string]map[string]bool{} // surname → full names
	var orgs, surnameOnly, roleNames, accented, partial int
	for _, b := range bs {
		a := b.Article
		if ids[a.ID] || urls[a.URL] {
			t.Fatalf("duplicate ID or URL: %s %s", a.ID, a.URL)
		}
		ids[a.ID], urls[a.URL] = true, true
		outlets[a.Source] = true
		years[a.Published.Year()] = true
		if len(a.Paragraphs) < 3 || a.Title == "" || len(b.Summary) == 0 {
			t.Fatalf("article %s is thin: %d paragraphs, title %q", a.ID, len(a.Paragraphs), a.Title)
		}
		for _, p := range b.People {
			switch ws := strings.Fields(p.Name); {
			case p.Org:
				orgs++
			case len(ws) == 2 && (ws[0] == "Mr." || ws[0] == "Ms."):
				surnameOnly++
			case len(ws) > 2 && strings.ToLower(ws[0]) == ws[0] || len(ws) > 3:
				roleNames++
			default:
				last := ws[len(ws)-1]
				if surnames[last] == nil {
					surnames[last] = map[string]bool{}
				}
				surnames[last][p.Name] = true
			}
			if p.Key != briefing.PersonKey(p.Name) {
				t.Fatalf("person %q has key %q", p.Name, p.Key)
			}
			if briefing.FoldName(p.Name) != strings.ToLower(p.Name) {
				accented++
			}
		}
		for _, q := range b.Quotes {
			if q.Partial {
				partial++
			}
		}
		for _, e := range b.Upcoming {
			precisions[e.Date.Precision]++
			if !e.Date.End().After(a.Published) {
				t.Fatalf("event %v ends before publication %v", e.Date, a.Published)
			}
		}
	}
	// A news report's size: about 5 KB of body, about 200 distinct words.
	var body, distinct int
	for _, b := range bs {
		seen := map[string]bool{}
		for _, p := range b.Article.Paragraphs {
			body += len(p)
			for _, w := range strings.Fields(strings.ToLower(p)) {
				seen[strings.Trim(w, `.,"'`)] = true
			}
		}
		distinct += len(seen)
	}
	if avg := body / len(bs); avg < 4500 || avg > 5500 {
		t.Errorf("bodies average %d bytes, want about 5,000", avg)
	}
	if avg := distinct / len(bs); avg < 150 || avg > 300 {
		t.Errorf("bodies average %d distinct words, want about 200", avg)
	}
	shared := 0
	for _, names := range surnames {
		if len(names) > 1 {
			shared++
		}
	}
	checks := []struct {
		what string
		got  int
		min  int
	}{
		{"outlets", len(outlets), 10},
		{"publication years", len(years), 10},
		{"organisations", orgs, 100},
		{"surname-only mentions", surnameOnly, 50},
		{"role-and-name mentions", roleNames, 50},
		{"accented names", accented, 100},
		{"surnames shared by different people", shared, 20},
		{"partial quotes", partial, 100},
		{"day events", precisions[briefing.Day], 100},
		{"week events", precisions[briefing.Week], 50},
		{"month events", precisions[briefing.Month], 50},
		{"year events", precisions[briefing.Year], 20},
	}
	for _, c := range checks {
		if c.got < c.min {
			t.Errorf("%d %s in 2,000 articles, want at least %d", c.got, c.what, c.min)
		}
	}
}

func TestOpen(t *testing.T) {
	db := storagetest.Open(t)
	res, err := db.PutBatch(t.Context(), storagetest.Generate(300, 3))
	if err != nil {
		t.Fatalf("PutBatch of generated briefings: %v", err)
	}
	if len(res) != 300 || !res[0].Created {
		t.Errorf("PutBatch results = %d, first %+v; want 300 created", len(res), res[0])
	}
}
