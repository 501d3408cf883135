package briefing

func findEvents(doc *document) []Event {
	return nil
}
