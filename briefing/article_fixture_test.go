package briefing

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// featureText writes a long news feature of about words words, in the
// plain-text article format: headline, date line, body, URL. Its paragraphs
// are built from the shapes of real diplomatic reporting (statements with
// titles and attributions, quotations split by "he said", dates ahead and
// behind, figures, section headings) with names, places and topics drawn
// from fixed lists by a seeded generator, so every paragraph differs and the
// same seed always gives the same text. All of it is made up.
func featureText(words int, seed uint64) string {
	g := &featureGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	var b strings.Builder
	b.WriteString("Coastal states edge towards a shared harbour deal as deadline nears\n\nMarch 14, 2024\n\n")
	b.WriteString("VALMERA, March 14 (Briefbot Wire) -- Ministers from the coastal states met again on Thursday to try to settle how the port of Valmera should be run, shared and paid for, a year after the last agreement expired.\n\n")
	n := 40
	for n < words {
		var p string
		switch k := g.r.IntN(20); {
		case k == 0:
			p = g.pick(featureHeadings)
		case k < 6:
			p = g.statement() + " " + g.quote()
		case k < 10:
			p = g.quote() + " " + g.followUp()
		case k < 14:
			p = g.background() + " " + g.figures()
		case k < 17:
			p = g.schedule() + " " + g.statement()
		default:
			p = g.reaction()
		}
		b.WriteString(p)
		b.WriteString("\n\n")
		n += len(strings.Fields(p))
	}
	b.WriteString("Original url:\n\nhttps://example.com/news/2024/03/14/coastal-harbour-feature\n")
	return b.String()
}

type featureGen struct{ r *rand.Rand }

func (g *featureGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

type featurePerson struct{ title, first, last, country string }

var featurePeople = []featurePerson{
	{"Foreign Minister", "Marta", "Ilves", "Estonia"},
	{"Foreign Minister", "Tomas", "Berg", "Latvia"},
	{"Deputy Foreign Minister", "Ruta", "Vaitkus", "Lithuania"},
	{"Trade Minister", "Ville", "Korhonen", "Finland"},
	{"Prime Minister", "Kaja", "Tamm", "Estonia"},
	{"Transport Minister", "Ingrid", "Holm", "Sweden"},
	{"Ambassador", "Piotr", "Nowak", "Poland"},
	{"Economy Minister", "Jonas", "Petraitis", "Lithuania"},
	{"European Commissioner", "Anna", "Lindqvist", "the European Union"},
	{"Harbour Master", "Erik", "Saar", "Estonia"},
}

var featureCities = []string{"Valmera", "Tallinn", "Riga", "Vilnius", "Helsinki", "Stockholm", "Gdansk", "Brussels", "Klaipeda", "Turku"}

var featureTopics = []string{
	"port fees", "dredging the outer channel", "winter ice-breaking", "fishing quotas", "container inspections",
	"the maintenance fund", "cable protection", "rail links to the quay", "fuel storage", "customs checks",
	"pilotage rules", "berth allocation", "the grain corridor", "emissions limits for ships", "night-time shipping",
}

var featureOrgs = []string{
	"the port authority", "the European Commission", "the Baltic Shipowners' Association", "the dockworkers' union",
	"the regional development bank", "the coast guard", "the transport ministry", "the chamber of commerce",
}

var featureActions = []string{
	"present new proposals", "sign the fee schedule", "publish an audit of port costs", "send a technical team",
	"release its share of the maintenance fund", "lift its objection to the draft", "name a new negotiator",
	"hold a referendum on the plan", "review the inspection rules", "table a compromise on quotas",
}

var featureQuotes = []string{
	"Nobody got everything they wanted, and that is why it worked",
	"We came to listen, not to lecture",
	"The numbers are on the table; what we need now is the will to sign",
	"We will not sign something that prices our fishing fleet out of the harbour",
	"This is the kind of cooperation that keeps goods moving and prices down",
	"They have agreed on the order of the conversation, not on its ending",
	"Every week of delay costs the operators money they do not have",
	"The harbour belongs to everyone who works in it",
	"We expect a clear answer before the summer",
	"Trust is built one meeting at a time, and this was a good meeting",
	"Our patience is not unlimited",
	"If the audit is honest, the rest will follow",
	"The ice does not wait for diplomats",
	"We are closer than we have been in a year",
}

var featureHeadings = []string{"Background", "What comes next", "The money question", "Reaction", "A fragile calm", "Winter traffic"}

var featureWeekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}

var featureMonths = []string{"April", "May", "June", "July", "September", "October", "November"}

func (g *featureGen) person() featurePerson { return featurePeople[g.r.IntN(len(featurePeople))] }

func (g *featureGen) dateAhead() string {
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s %d", g.pick(featureMonths), 1+g.r.IntN(28))
	case 1:
		return "next " + g.pick(featureWeekdays)
	case 2:
		return "the end of " + g.pick(featureMonths)
	default:
		return "the end of the year"
	}
}

func (g *featureGen) statement() string {
	p := g.person()
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s %s %s said on %s that %s would %s by %s.", p.title, p.first, p.last, g.pick(featureWeekdays), p.country, g.pick(featureActions), g.dateAhead())
	case 1:
		return fmt.Sprintf("Speaking in %s, %s %s %s said talks on %s had made progress but that %s still had concerns about %s.", g.pick(featureCities), p.title, p.first, p.last, g.pick(featureTopics), p.country, g.pick(featureTopics))
	default:
		return fmt.Sprintf("%s %s, who led the %s delegation, told reporters that %s was ready to %s if others did the same.", p.first, p.last, p.country, p.country, g.pick(featureActions))
	}
}

func (g *featureGen) quote() string {
	p := g.person()
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("\"%s,\" %s said.", g.pick(featureQuotes), p.last)
	case 1:
		return fmt.Sprintf("“%s,” %s told reporters in %s. “%s.”", g.pick(featureQuotes), p.last, g.pick(featureCities), g.pick(featureQuotes))
	default:
		q := g.pick(featureQuotes)
		return fmt.Sprintf("%s %s said the outcome showed that \"%s.\"", p.title, p.last, strings.ToLower(q[:1])+q[1:])
	}
}

func (g *featureGen) followUp() string {
	p := g.person()
	return fmt.Sprintf("%s added that %s had asked for talks on %s before the %s meeting in %s.", p.last, p.country, g.pick(featureTopics), g.pick(featureMonths), g.pick(featureCities))
}

func (g *featureGen) background() string {
	year := 2015 + g.r.IntN(9)
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("Officials from %s and %s have held %d rounds of talks on %s since %d.", featurePeople[g.r.IntN(4)].country, featurePeople[4+g.r.IntN(4)].country, 2+g.r.IntN(9), g.pick(featureTopics), year)
	case 1:
		return fmt.Sprintf("The dispute over %s began in %d, when %s refused to approve the budget for %s.", g.pick(featureTopics), year, g.pick(featureOrgs), g.pick(featureTopics))
	default:
		return fmt.Sprintf("The port of %s, which handles grain, timber and fuel, was expanded in %d with money from %s.", g.pick(featureCities), year, g.pick(featureOrgs))
	}
}

func (g *featureGen) figures() string {
	return fmt.Sprintf("Traffic through %s fell by about %d percent last year, according to figures published by %s in %s.", g.pick(featureCities), 3+g.r.IntN(20), g.pick(featureOrgs), g.pick(featureMonths))
}

func (g *featureGen) schedule() string {
	switch g.r.IntN(2) {
	case 0:
		return fmt.Sprintf("A technical committee on %s is due to meet on %s %d in %s.", g.pick(featureTopics), g.pick(featureMonths), 1+g.r.IntN(28), g.pick(featureCities))
	default:
		return fmt.Sprintf("Ministers are expected to return to %s %s to discuss %s, officials said.", g.pick(featureCities), "next "+g.pick(featureWeekdays), g.pick(featureTopics))
	}
}

func (g *featureGen) reaction() string {
	org := g.pick(featureOrgs)
	return fmt.Sprintf("%s%s welcomed the talks but warned that decisions on %s were being taken without consulting the companies that use the port every day. A spokesperson said members would vote on the plan on %s.",
		strings.ToUpper(org[:1]), org[1:], g.pick(featureTopics), g.pick(featureWeekdays))
}
