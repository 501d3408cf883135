package bot

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
	"github.com/bwmarrin/discordgo"
)

// hugeBriefing is an article at every bound at once: a long headline and
// outlet, five long key points, forty speakers with long names, many
// events.
func hugeBriefing() briefing.Briefing {
	long := func(what string, n int) string {
		return strings.TrimSpace(strings.Repeat(what+" ", n/(len(what)+1)+1))[:n]
	}
	b := briefing.Briefing{Article: briefing.Article{
		ID: "huge", Title: long("Ministers of the many member states meet", 600), Source: long("The Very Long Name of a Gazette", 1500),
		URL: "https://news.example.org/huge", Published: day(2021, 2, 5),
	}}
	for range 5 {
		b.Summary = append(b.Summary, long("The delegations spent the whole night on the text of the declaration", 2500))
	}
	for i := range 40 {
		name := fmt.Sprintf("%s %d", long("Directorate-General for Neighbourhood and Enlargement Negotiations", 150), i)
		b.Quotes = append(b.Quotes, quote(name, "We will keep talking until there is an agreement on every point.", false))
	}
	for i := range 12 {
		b.Upcoming = append(b.Upcoming, briefing.Event{Date: briefing.NewDate(day(2021, 3, 1+i), briefing.Day), What: long("The ministers meet again to sign the declaration", 400)})
	}
	return b
}

// TestSummaryEmbed_WholeEmbedWithinLimits renders the largest article and
// checks the embed as a whole, not only its parts, stays inside Discord's
// limits, with the key points still there.
func TestSummaryEmbed_WholeEmbedWithinLimits(t *testing.T) {
	e := summaryEmbed(hugeBriefing())
	if p := limitProblems(&discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}}); len(p) > 0 {
		t.Errorf("the summary of a huge article breaks Discord's limits: %v (total %d)", p, embedLength(e))
	}
	if n := strings.Count(e.Description, "• "); n != 5 {
		t.Errorf("%d key points shown, want 5", n)
	}
	if strings.Contains(e.Footer.Text, "person:") {
		t.Errorf("the footer suggests typing a 150-character name: %q", e.Footer.Text)
	}
	short := summaryEmbed(fixtures()[0])
	if !strings.HasSuffix(short.Footer.Text, "/quotes person:Josep Borrell") {
		t.Errorf("footer for a short name = %q", short.Footer.Text)
	}
}
