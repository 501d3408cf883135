package briefing

// Record is the JSON form of a briefing: the analysis output contract of
// DESIGN.md, as printed by `briefbot analyze --json`.
type Record struct {
	ID        string           `json:"id"`
	Title     string           `json:"title"`
	Published string           `json:"published"`
	Source    string           `json:"source"`
	URL       string           `json:"url"`
	Summary   []string         `json:"summary"`
	People    []PersonRecord   `json:"people"`
	Quotes    []QuoteRecord    `json:"quotes"`
	Upcoming  []UpcomingRecord `json:"upcoming"`
}

// PersonRecord is a person in a Record.
type PersonRecord struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// QuoteRecord is a quotation in a Record.
type QuoteRecord struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Partial bool   `json:"partial"`
}

// UpcomingRecord is an upcoming event in a Record.
type UpcomingRecord struct {
	Date      string    `json:"date"`
	Precision Precision `json:"precision"`
	Evidence  string    `json:"evidence"`
	What      string    `json:"what"`
}

// Record returns the briefing in the form of the analysis output contract.
// Lists are never nil, so they encode as [] rather than null.
func (b Briefing) Record() Record {
	r := Record{
		ID:       b.Article.ID,
		Title:    b.Article.Title,
		Source:   b.Article.Source,
		URL:      b.Article.URL,
		Summary:  append([]string{}, b.Summary...),
		People:   []PersonRecord{},
		Quotes:   []QuoteRecord{},
		Upcoming: []UpcomingRecord{},
	}
	if !b.Article.Published.IsZero() {
		r.Published = b.Article.Published.Format("2006-01-02")
	}
	for _, p := range b.People {
		r.People = append(r.People, PersonRecord{Name: p.Name, Aliases: append([]string{}, p.Aliases...)})
	}
	for _, q := range b.Quotes {
		r.Quotes = append(r.Quotes, QuoteRecord{Speaker: q.Speaker, Text: q.Text, Partial: q.Partial})
	}
	for _, e := range b.Upcoming {
		r.Upcoming = append(r.Upcoming, UpcomingRecord{Date: e.Date.String(), Precision: e.Date.Precision, Evidence: e.Evidence, What: e.What})
	}
	return r
}
