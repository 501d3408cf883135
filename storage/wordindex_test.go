package storage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBlock_roundTrip encodes postings as differences and reads them back:
// same day and later days, sequence numbers up and down, the extremes.
func TestBlock_roundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := map[string][]posting{
		"one":           {newPosting(738000, 7)},
		"same day":      {newPosting(738000, 7), newPosting(738000, 8), newPosting(738000, 90000)},
		"seq goes down": {newPosting(738000, 90000), newPosting(738001, 3), newPosting(738400, 2)},
		"extremes":      {newPosting(0, 0), newPosting(0, math.MaxUint32), newPosting(math.MaxUint32, 0), newPosting(math.MaxUint32, math.MaxUint32)},
	}
	var random []posting
	for range 2000 {
		random = append(random, newPosting(730000+r.Uint32N(4000), r.Uint32N(1_000_000)))
	}
	slices.Sort(random)
	cases["random"] = slices.Compact(random)
	for name, ps := range cases {
		t.Run(name, func(t *testing.T) {
			v := encodeBlock(nil, ps)
			got, err := decodeBlock(nil, ps[0], v)
			if err != nil {
				t.Fatalf("decodeBlock: %v", err)
			}
			if diff := cmp.Diff(ps, got); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
	if n := len(encodeBlock(nil, cases["random"])); n > 4*len(cases["random"]) {
		t.Errorf("%d postings take %d bytes, want at most 4 each", len(cases["random"]), n)
	}
}

// TestBlock_refusesDamage: a truncated value or one whose postings go
// backwards is an error wrapping ErrCorrupt, not a wrong answer.
func TestBlock_refusesDamage(t *testing.T) {
	first := newPosting(738000, 7)
	for name, v := range map[string][]byte{
		"truncated varint": {0x80},
		"missing days":     {0x03},
		"zero days":        {0x03, 0x00},
		"same posting":     {0x00},
		"seq below zero":   {0x3f, 0x01},
	} {
		if _, err := decodeBlock(nil, first, v); err == nil {
			t.Errorf("%s: decodeBlock(%x) = nil error", name, v)
		}
	}
}

// TestWordLister lists each word once, in first-seen order, across a
// table that has to grow, and starts afresh for the next article.
func TestWordLister(t *testing.T) {
	var body []string
	var want []string
	for i := range 3000 {
		w := fmt.Sprintf("word%d", i)
		want = append(want, w)
		body = append(body, w+" "+strings.ToUpper(w)+" the "+w+".")
	}
	var wl wordLister
	rec := articleRecord{Title: "Word0 and word1", Paragraphs: body}
	for range 2 {
		got := strings.Split(strings.TrimSuffix(string(wl.list(rec, nil)), "\x00"), "\x00")
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("list mismatch (-want +got):\n%s", diff)
		}
	}
	if got := string(wl.list(articleRecord{Title: "Word7 word7"}, []byte("x\x00"))); got != "x\x00word7\x00" {
		t.Errorf("list of a second article = %q, want %q", got, "x\x00word7\x00")
	}
}
