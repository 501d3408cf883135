package bot

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// limitProblems lists every way data breaks Discord's message limits. The
// renderers are built to stay inside them; tests check their output with
// this, and clampData uses it as a last line of defence.
func limitProblems(data *discordgo.InteractionResponseData) []string {
	var p []string
	if n := length(data.Content); n > maxContent {
		p = append(p, fmt.Sprintf("content %d > %d", n, maxContent))
	}
	if len(data.Embeds) > 10 {
		p = append(p, fmt.Sprintf("%d embeds > 10", len(data.Embeds)))
	}
	total := 0
	for i, e := range data.Embeds {
		total += embedLength(e)
		if n := length(e.Title); n > maxTitle {
			p = append(p, fmt.Sprintf("embed %d title %d > %d", i, n, maxTitle))
		}
		if n := length(e.Description); n > maxDescription {
			p = append(p, fmt.Sprintf("embed %d description %d > %d", i, n, maxDescription))
		}
		if len(e.Fields) > maxFields {
			p = append(p, fmt.Sprintf("embed %d has %d fields > %d", i, len(e.Fields), maxFields))
		}
		for j, f := range e.Fields {
			if n := length(f.Name); n > maxFieldName || strings.TrimSpace(f.Name) == "" {
				p = append(p, fmt.Sprintf("embed %d field %d name length %d", i, j, n))
			}
			if n := length(f.Value); n > maxFieldValue || strings.TrimSpace(f.Value) == "" {
				p = append(p, fmt.Sprintf("embed %d field %d value length %d", i, j, n))
			}
		}
		if e.Footer != nil && length(e.Footer.Text) > maxFooter {
			p = append(p, fmt.Sprintf("embed %d footer %d > %d", i, length(e.Footer.Text), maxFooter))
		}
		if e.Author != nil && length(e.Author.Name) > maxAuthor {
			p = append(p, fmt.Sprintf("embed %d author %d > %d", i, length(e.Author.Name), maxAuthor))
		}
		if e.URL != "" && !linkable(e.URL) {
			p = append(p, fmt.Sprintf("embed %d url not usable", i))
		}
	}
	if total > maxEmbedTotal {
		p = append(p, fmt.Sprintf("embeds total %d > %d", total, maxEmbedTotal))
	}
	for _, c := range data.Choices {
		if n := length(c.Name); n < 1 || n > maxChoiceName {
			p = append(p, fmt.Sprintf("choice name length %d", n))
		}
		if s, ok := c.Value.(string); ok && length(s) > maxChoiceValue {
			p = append(p, fmt.Sprintf("choice value length %d", length(s)))
		}
	}
	if len(data.Choices) > maxChoices {
		p = append(p, fmt.Sprintf("%d choices > %d", len(data.Choices), maxChoices))
	}
	return p
}

// embedLength counts an embed's characters the way Discord's 6000 limit
// does: title, description, field names and values, footer and author,
// each trimmed.
func embedLength(e *discordgo.MessageEmbed) int {
	n := length(strings.TrimSpace(e.Title)) + length(strings.TrimSpace(e.Description))
	for _, f := range e.Fields {
		n += length(strings.TrimSpace(f.Name)) + length(strings.TrimSpace(f.Value))
	}
	if e.Footer != nil {
		n += length(strings.TrimSpace(e.Footer.Text))
	}
	if e.Author != nil {
		n += length(strings.TrimSpace(e.Author.Name))
	}
	return n
}

// clampData brings data inside Discord's limits if a renderer got it
// wrong, so the user still gets an answer instead of a 400; it logs that it
// had to, because that is a bug to fix.
func clampData(data *discordgo.InteractionResponseData, log *slog.Logger, id string) {
	problems := limitProblems(data)
	if len(problems) == 0 {
		return
	}
	log.Error("reply broke Discord's limits; shortened it", "interaction", id, "problems", strings.Join(problems, "; "))
	data.Content = truncate(data.Content, maxContent)
	if len(data.Embeds) > 10 {
		data.Embeds = data.Embeds[:10]
	}
	for _, e := range data.Embeds {
		e.Title = truncate(e.Title, maxTitle)
		e.Description = truncate(e.Description, maxDescription)
		if len(e.Fields) > maxFields {
			e.Fields = e.Fields[:maxFields]
		}
		for _, f := range e.Fields {
			f.Name = truncate(f.Name, maxFieldName)
			f.Value = truncate(f.Value, maxFieldValue)
			if strings.TrimSpace(f.Name) == "" {
				f.Name = "—"
			}
			if strings.TrimSpace(f.Value) == "" {
				f.Value = "—"
			}
		}
		if e.Footer != nil {
			e.Footer.Text = truncate(e.Footer.Text, maxFooter)
		}
		if e.Author != nil {
			e.Author.Name = truncate(e.Author.Name, maxAuthor)
		}
		if e.URL != "" && !linkable(e.URL) {
			e.URL = ""
		}
	}
	// Over 6000 in total: drop trailing embeds, then shorten descriptions.
	for total(data.Embeds) > maxEmbedTotal && len(data.Embeds) > 1 {
		data.Embeds = data.Embeds[:len(data.Embeds)-1]
	}
	if len(data.Embeds) == 1 {
		e := data.Embeds[0]
		for total(data.Embeds) > maxEmbedTotal && len(e.Fields) > 0 {
			e.Fields = e.Fields[:len(e.Fields)-1]
		}
		if over := total(data.Embeds) - maxEmbedTotal; over > 0 {
			e.Description = truncate(e.Description, max(1, length(e.Description)-over))
		}
	}
	if len(data.Choices) > maxChoices {
		data.Choices = data.Choices[:maxChoices]
	}
	for _, c := range data.Choices {
		c.Name = truncate(c.Name, maxChoiceName)
	}
}

func total(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += embedLength(e)
	}
	return n
}
