package storage

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The fast decoder must read exactly what encoding/json reads.

// trickyText returns text with what JSON escapes or must carry through:
// quotes, backslashes, control characters, HTML, line separators, accents,
// characters outside the BMP.
func trickyText(r *rand.Rand) string {
	parts := []string{"plain words", `"quoted"`, `back\slash`, "tab\there", "new\nline", "nul\x00", "<b>&amp;</b>",
		"\u2028\u2029", "Šefčovič", "日本語", "emoji 🎉", "/slash/", "", " "}
	var b strings.Builder
	for range r.IntN(4) {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

func randomArticleRecord(r *rand.Rand) articleRecord {
	strs := func() []string {
		if r.IntN(5) == 0 {
			return nil
		}
		out := make([]string, r.IntN(4))
		for i := range out {
			out[i] = trickyText(r)
		}
		return out
	}
	rec := articleRecord{
		V: recordVersion, ID: trickyText(r), Seq: r.Uint32(), Title: trickyText(r),
		Published: time.Date(1+r.IntN(9999), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
		Source:    trickyText(r), URL: trickyText(r), Paragraphs: strs(), Summary: strs(),
		Hash: fmt.Sprintf("%x", r.Uint64()), StoredAt: time.Unix(r.Int64N(1<<35), r.Int64N(1e9)).UTC(),
		UpdatedAt: time.Unix(r.Int64N(1<<35), 0).In(time.FixedZone("x", 3600)),
	}
	if r.IntN(5) > 0 {
		rec.People = []personJSON{}
		for range r.IntN(3) {
			rec.People = append(rec.People, personJSON{Key: trickyText(r), Name: trickyText(r), Aliases: strs(), Org: r.IntN(2) == 0})
		}
	}
	if r.IntN(5) > 0 {
		rec.Quotes = []quoteJSON{}
		for range r.IntN(3) {
			rec.Quotes = append(rec.Quotes, quoteJSON{Speaker: trickyText(r), SpeakerKey: trickyText(r), Text: trickyText(r), Partial: r.IntN(2) == 0, Paragraph: r.IntN(100)})
		}
	}
	if r.IntN(5) > 0 {
		rec.Upcoming = []eventJSON{}
		for range r.IntN(3) {
			rec.Upcoming = append(rec.Upcoming, eventJSON{Date: "2021-03-01", Precision: "month", Evidence: trickyText(r), What: trickyText(r)})
		}
	}
	return rec
}

// Summary0 is the first summary sentence or "", as some string to encode.
func (r articleRecord) Summary0() string {
	if len(r.Summary) == 0 {
		return ""
	}
	return r.Summary[0]
}

func TestDecodeFast_matchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		rec := randomArticleRecord(r)
		data, err := encode(rec)
		if err != nil {
			t.Fatal(err)
		}
		// Our own output is always read by the fast path.
		var fast articleRecord
		jr := &jsonReader{data: data}
		if err := fast.decodeFast(jr); err != nil || jr.end() != nil {
			t.Fatalf("record %d: fast decoder refused our own encoding %s: %v", i, data, err)
		}
		var want articleRecord
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, fast); diff != "" {
			t.Fatalf("record %d: fast decode mismatch (-encoding/json +fast):\n%s", i, diff)
		}
		for _, small := range []any{
			&quoteRecord{V: 1, Seq: rec.Seq, Day: "2021-01-02", Speaker: rec.Title, SpeakerKey: rec.ID, Text: rec.Source, Partial: i%2 == 0, Paragraph: i, Person: rec.URL, Via: rec.Hash},
			&eventRecord{V: 1, Seq: rec.Seq, Date: "2021-01-02", Precision: "day", Evidence: rec.Title, What: rec.Source},
			&refRecord{V: 2, ID: rec.ID, Title: rec.Title, Source: rec.Source, URL: rec.URL, Published: rec.Published,
				Hash: rec.Hash, Digest: rec.Summary0(), StoredAt: rec.StoredAt, UpdatedAt: rec.UpdatedAt},
		} {
			data, _ := encode(small)
			var got, want any
			switch small.(type) {
			case *quoteRecord:
				var g, w quoteRecord
				_ = decodeFastRecord(data, &g, &g.V, g.decodeFast)
				_ = json.Unmarshal(data, &w)
				got, want = g, w
			case *eventRecord:
				var g, w eventRecord
				_ = decodeFastRecord(data, &g, &g.V, g.decodeFast)
				_ = json.Unmarshal(data, &w)
				got, want = g, w
			case *refRecord:
				var g, w refRecord
				_ = decodeFastRecord(data, &g, &g.V, g.decodeFast)
				_ = json.Unmarshal(data, &w)
				got, want = g, w
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("record %d: %T mismatch (-encoding/json +fast):\n%s", i, small, diff)
			}
		}
	}
}

// Inputs the fast path does not read fall back to encoding/json, and give
// what it gives.
var oddArticles = []string{
	`{"v":1,"ID":"upper-case key"}`,
	`{"v":1,"id":null,"paragraphs":null,"people":[]}`,
	`{"v":1,"id":"bad \xff utf8"}`,
	`{"v":1,"id":"lone \ud800 surrogate"}`,
	`{"v":1,"id":"\u00e9\ud83c\udf89"}`,
	`{"v":1,"seq":01}`,
	`{"v":1.0}`,
	`{"v":1,"extra":{"nested":[1,2,{"a":null}]}}`,
	`{"v":1,"people":[{"key":"a","org":true,"unknown":1}]}`,
	`{"v":1} trailing`,
	`{"v":1,"id":"dup","id":"last wins"}`,
	` {"v" : 1 , "title" : "spaced" } `,
	`{"v":1,"published":"2021-02-30T00:00:00Z"}`,
	`{"v":1,"quotes":[{"text":"x","partial":tru}]}`,
	`[]`, ``, `{`, `{"v":1,}`,
}

func TestDecodeFast_fallsBack(t *testing.T) {
	for _, in := range oddArticles {
		checkDecodeAgrees(t, []byte(in))
	}
}

func checkDecodeAgrees(t *testing.T, data []byte) {
	t.Helper()
	var want articleRecord
	wantErr := json.Unmarshal(data, &want)
	var got articleRecord
	gotErr := fastThenJSON(data, &got, got.decodeFast)
	if (gotErr != nil) != (wantErr != nil) {
		t.Fatalf("%q: fast error %v, encoding/json error %v", data, gotErr, wantErr)
	}
	if wantErr == nil {
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%q: mismatch (-encoding/json +fast):\n%s", data, diff)
		}
	}
}

func FuzzDecodeArticle(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 1))
	for range 5 {
		data, _ := encode(randomArticleRecord(r))
		f.Add(data)
	}
	for _, in := range oddArticles {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDecodeAgrees(t, data)
	})
}
