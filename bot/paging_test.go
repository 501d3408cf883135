package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
)

// TestQuotesPaging_LongName pages through the quotes of an organisation
// whose name is 200 characters long: its key does not fit a button's 100
// characters, so the buttons carry a reference that finds it again.
func TestQuotesPaging_LongName(t *testing.T) {
	db := fixtureStore(t)
	name := "Joint Permanent Secretariat of the Intergovernmental Conference on the Negotiation of Accession Instruments for the Eastern Partnership Countries and the Associated Regional Frameworks of the Union EU"
	if len(name) != 200 {
		t.Fatalf("the name is %d characters, want 200", len(name))
	}
	org := person(name, true)
	var bs []briefing.Briefing
	for i := range 8 {
		bs = append(bs, briefing.Briefing{
			Article: briefing.Article{ID: fmt.Sprintf("secretariat-%d", i), Title: fmt.Sprintf("Secretariat statement %d", i+1),
				URL: fmt.Sprintf("https://news.example.org/secretariat/%d", i), Published: day(2021, 1, 10+i), Paragraphs: []string{"A statement."}},
			Summary: []string{"The secretariat issued a statement."},
			People:  []briefing.Person{org},
			Quotes:  []briefing.Quote{quote(name, fmt.Sprintf("Statement %d: the talks continue on schedule", i+1), false)},
		})
	}
	if _, err := db.PutBatch(context.Background(), bs); err != nil {
		t.Fatal(err)
	}
	h := testHandlers(t, db)
	ctx := context.Background()
	data, err := h.quotes(ctx, memberRequest("quotes", opts("person", name)))
	if err != nil {
		t.Fatal(err)
	}
	checkReply(t, data)
	seen := map[string]bool{}
	collect := func(d string) {
		for _, line := range strings.Split(d, "\n") {
			if strings.HasPrefix(line, "> ") {
				seen[line] = true
			}
		}
	}
	collect(data.Embeds[0].Description)
	for page := 2; ; page++ {
		next := button(data, 1)
		if next == nil {
			t.Fatalf("page %d: no buttons for a %d-character name", page-1, len(name))
		}
		if len(next.CustomID) > maxCustomID || len(button(data, 0).CustomID) > maxCustomID {
			t.Fatalf("custom IDs %q and %q are longer than %d", next.CustomID, button(data, 0).CustomID, maxCustomID)
		}
		if next.Disabled {
			break
		}
		_, args := parseCustomID(next.CustomID)
		if data, err = h.quotesButton(ctx, memberRequest("", nil), args); err != nil {
			t.Fatalf("page %d: %v", page, err)
		}
		checkReply(t, data)
		collect(data.Embeds[0].Description)
		if prev := button(data, 0); prev == nil || prev.Disabled {
			t.Fatalf("page %d has no Newer button", page)
		}
	}
	if len(seen) != 8 {
		t.Errorf("the pages showed %d of the 8 quotes", len(seen))
	}
	// A reference whose person is gone says so.
	_, err = h.quotesButton(ctx, memberRequest("", nil), []string{"5:5:" + refMark + "00000000" + refMark + "joint-permanent-secretariat"})
	var ue userError
	if !errorAs(err, &ue) || !strings.Contains(ue.msg, "Run /quotes again") {
		t.Errorf("a stale reference: %v", err)
	}
}
