package briefing

func findQuotes(doc *document, people *registry) []Quote {
	return nil
}
