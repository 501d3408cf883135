package source

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const rssFixture = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Foreign Desk</title>
  <link>https://news.example/</link>
  <item>
    <title>Older item</title>
    <link>/world/older</link>
    <guid isPermaLink="false">desk-1</guid>
    <pubDate>Mon, 01 Feb 2021 09:00:00 GMT</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>The full text of the older item, longer than its teaser.</p>]]></content:encoded>
  </item>
  <item>
    <title>Newer item</title>
    <link>https://news.example/world/newer?utm_source=rss</link>
    <guid>desk-2</guid>
    <pubDate>Fri, 05 Feb 2021 17:30:00 +0100</pubDate>
    <description>&lt;p&gt;A longer description than the content.&lt;/p&gt;</description>
    <content:encoded>Short.</content:encoded>
  </item>
  <item>
    <title>No link</title>
    <description>Text only.</description>
  </item>
  <item>
    <title>Mail link</title>
    <link>mailto:desk@news.example</link>
    <pubDate>Sun, 31 Jan 2021 09:00:00 GMT</pubDate>
  </item>
</channel>
</rss>`

func TestParseFeed_RSS(t *testing.T) {
	f, err := parseFeed([]byte(rssFixture), "https://news.example/feed.xml", "application/rss+xml")
	if err != nil {
		t.Fatal(err)
	}
	want := parsedFeed{
		Title: "Foreign Desk",
		Items: []feedItem{
			{Title: "No link", Text: "Text only."},
			{
				GUID: "desk-2", Link: "https://news.example/world/newer?utm_source=rss", Title: "Newer item",
				Text:      "<p>A longer description than the content.</p>",
				Published: time.Date(2021, 2, 5, 16, 30, 0, 0, time.UTC),
			},
			{
				GUID: "desk-1", Link: "https://news.example/world/older", Title: "Older item",
				Text:      "<p>The full text of the older item, longer than its teaser.</p>",
				Published: time.Date(2021, 2, 1, 9, 0, 0, 0, time.UTC),
			},
			{Title: "Mail link", Published: time.Date(2021, 1, 31, 9, 0, 0, 0, time.UTC)},
		},
	}
	if diff := cmp.Diff(want, f, cmpopts.IgnoreFields(feedItem{}, "Keys")); diff != "" {
		t.Errorf("parseFeed mismatch (-want +got):\n%s", diff)
	}
	for _, it := range f.Items {
		if diff := cmp.Diff(ItemKeys(it.GUID, it.Link, it.Title, it.Text), it.Keys); diff != "" {
			t.Errorf("%s: keys are not ItemKeys of the item (-want +got):\n%s", it.Title, diff)
		}
	}
}

func TestParseFeed_AtomAndJSON(t *testing.T) {
	atom := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <entry>
    <title>Entry</title>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <link rel="alternate" href="https://atom.example/a/1"/>
    <updated>2021-02-06T10:00:00Z</updated>
    <summary>Summary text.</summary>
  </entry>
</feed>`
	f, err := parseFeed([]byte(atom), "https://atom.example/feed", "application/atom+xml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Atom Desk" || len(f.Items) != 1 || f.Items[0].Link != "https://atom.example/a/1" ||
		f.Items[0].GUID != "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a" || !f.Items[0].Published.Equal(time.Date(2021, 2, 6, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("Atom: %+v", f)
	}

	jsonFeed := `{"version":"https://jsonfeed.org/version/1.1","title":"JSON Desk","items":[
	  {"id":"j1","url":"https://json.example/j1","title":"J one","content_text":"Plain text body.","date_published":"2021-02-07T08:00:00Z"}]}`
	f, err = parseFeed([]byte(jsonFeed), "https://json.example/feed.json", "application/feed+json")
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "JSON Desk" || len(f.Items) != 1 || f.Items[0].Text != "Plain text body." || f.Items[0].GUID != "j1" {
		t.Errorf("JSON Feed: %+v", f)
	}
}

func TestParseFeed_Errors(t *testing.T) {
	tests := []struct {
		name, body, contentType string
		want                    []string
	}{
		{"web page", "<!doctype html><html><head><title>Home</title></head><body>News</body></html>", "text/html",
			[]string{"https://news.example/", "not an RSS, Atom or JSON feed", "it is a web page"}},
		{"garbage", "this is not a feed at all", "text/plain",
			[]string{"not an RSS, Atom or JSON feed"}},
		{"truncated XML", `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><item><title>a</ti`, "application/rss+xml",
			[]string{"https://news.example/", "malformed", "unexpected EOF"}},
		{"truncated JSON", `{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[`, "application/feed+json",
			[]string{"https://news.example/", "malformed"}},
		{"empty", "", "application/rss+xml", []string{"not an RSS, Atom or JSON feed"}},
	}
	for _, tt := range tests {
		_, err := parseFeed([]byte(tt.body), "https://news.example/", tt.contentType)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", tt.name, err, w)
			}
		}
	}
}

func TestItemDocument(t *testing.T) {
	got := string(itemDocument("Talks & <more>", "First paragraph.\n\nIs 1 < 2 & 3 > 2?"))
	for _, want := range []string{"<title>Talks &amp; &lt;more&gt;</title>", "<p>First paragraph.</p>", "<p>Is 1 &lt; 2 &amp; 3 &gt; 2?</p>"} {
		if !strings.Contains(got, want) {
			t.Errorf("itemDocument(plain) = %s\nwant it to contain %s", got, want)
		}
	}
	got = string(itemDocument("T", "<p>Already <b>HTML</b>.</p>"))
	if !strings.Contains(got, "<p>Already <b>HTML</b>.</p>") {
		t.Errorf("itemDocument(HTML) = %s, want the HTML kept", got)
	}
}
