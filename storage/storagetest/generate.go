// Package storagetest generates realistic briefings for benchmarks and load
// tests of the store, and opens throwaway stores for tests.
//
// The generated articles are made up from word lists and templates written
// for this package, not taken from any article: diplomats with first
// names, surnames (some shared by different people, some with accents),
// roles and the aliases news prose uses for them (surname, title and
// surname, role and full name); organisations; quotes; upcoming events of
// every precision spread over years; outlets with their URLs; and body
// text with a long-tailed vocabulary, so that word indexes see both very
// common and rare words. Bodies are about 5 KB with about 200 distinct
// indexable words, like a news report.
package storagetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/briefbot/briefbot/briefing"
)

// Generate returns n briefings made from seed: the same n and seed give the
// same briefings, and a longer run starts with the shorter one's briefings.
// IDs and URLs are unique within a seed and differ between seeds.
func Generate(n int, seed int64) []briefing.Briefing {
	g := NewGenerator(seed)
	out := make([]briefing.Briefing, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

// Generator makes briefings one at a time, for runs too big to hold in
// memory at once. Its sequence is Generate's.
type Generator struct {
	seed    int64
	r       *rand.Rand
	people  []person
	orgs    []org
	vocab   []string
	popular *rand.Zipf // index into people, most popular first
	common  *rand.Zipf // index into vocab
	n       int
}

type person struct {
	first, last, role string
	female            bool
}

func (p person) name() string { return p.first + " " + p.last }

type org struct{ name, short string }

// NewGenerator returns a generator for seed.
func NewGenerator(seed int64) *Generator {
	// The cast of people and the vocabulary depend on the seed too, so
	// that stores built from different seeds hold different people.
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	g := &Generator{seed: seed, r: r}
	g.people = makePeople(r, 1500)
	g.orgs = makeOrgs()
	g.vocab = vocabulary()
	g.popular = rand.NewZipf(r, 1.1, 4, uint64(len(g.people)-1))
	g.common = rand.NewZipf(r, 1.05, 2, uint64(len(g.vocab)-1))
	return g
}

// Next returns the next briefing.
func (g *Generator) Next() briefing.Briefing {
	r := g.r
	i := g.n
	g.n++
	published := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(11*365))
	outlet := outlets[r.IntN(len(outlets))]
	token := fmt.Sprintf("%x", uint32(g.seed)*2654435761^uint32(i)*40503)

	// The cast: a few people, most of them the popular ones.
	var cast []person
	seen := map[int]bool{}
	for len(cast) < 2+r.IntN(4) {
		k := int(g.popular.Uint64())
		if !seen[k] {
			seen[k] = true
			cast = append(cast, g.people[k])
		}
	}
	var orgs []org
	for range r.IntN(3) {
		orgs = append(orgs, g.orgs[r.IntN(len(g.orgs))])
	}
	place := places[r.IntN(len(places))]
	topic := topics[r.IntN(len(topics))]
	title := g.title(cast, place, topic)
	slug := slugify(title)

	b := briefing.Briefing{Article: briefing.Article{
		ID:        fmt.Sprintf("%s-%s-%s", outlet.short, published.Format("20060102"), token),
		Title:     title,
		Published: published,
		Source:    outlet.name,
		URL:       fmt.Sprintf("https://%s/%s/%s-%s", outlet.domain, published.Format("2006/01/02"), slug, token),
	}}

	// People as the article names them: usually the full name, sometimes
	// only title and surname, sometimes role and full name.
	for _, p := range cast {
		bp := briefing.Person{Name: p.name(), Aliases: []string{p.last, honorific(p) + " " + p.last}}
		switch x := r.IntN(20); {
		case x == 0:
			bp = briefing.Person{Name: honorific(p) + " " + p.last, Aliases: []string{p.last}}
		case x == 1:
			bp.Name = p.role + " " + p.name()
		case x < 8:
			bp.Aliases = append(bp.Aliases, p.role+" "+p.name())
		}
		bp.Key = briefing.PersonKey(bp.Name)
		b.People = append(b.People, bp)
	}
	for _, o := range orgs {
		b.People = append(b.People, briefing.Person{Key: briefing.PersonKey(o.name), Name: o.name, Aliases: []string{o.short}, Org: true})
	}

	// Body: paragraphs of reporting, with the quotes in them.
	nPara := 5 + r.IntN(8)
	for range nPara {
		b.Article.Paragraphs = append(b.Article.Paragraphs, g.paragraph(cast, place, topic))
	}
	for range 1 + r.IntN(7) {
		sp := b.People[r.IntN(len(b.People))]
		text := g.quoteText(place, topic)
		para := r.IntN(nPara)
		partial := r.IntN(5) == 0
		if partial {
			text = strings.Join(strings.Fields(text)[:3], " ")
		}
		b.Quotes = append(b.Quotes, briefing.Quote{Speaker: sp.Name, SpeakerKey: sp.Key, Text: text, Partial: partial, Paragraph: para})
		b.Article.Paragraphs[para] += fmt.Sprintf(" %q, %s said.", text, speakerForm(sp))
	}

	// Upcoming events of every precision, from days to a year ahead.
	for range r.IntN(4) {
		b.Upcoming = append(b.Upcoming, g.event(published, cast, place, topic))
	}
	for j := 0; j < 3 && j < len(b.Article.Paragraphs); j++ {
		first, _, _ := strings.Cut(b.Article.Paragraphs[j], ". ")
		b.Summary = append(b.Summary, strings.TrimSuffix(first, ".")+".")
	}
	return b
}

func speakerForm(p briefing.Person) string {
	if len(p.Aliases) > 1 {
		return p.Aliases[1]
	}
	return p.Name
}

func honorific(p person) string {
	if p.female {
		return "Ms."
	}
	return "Mr."
}

func (g *Generator) title(cast []person, place, topic string) string {
	r := g.r
	p := cast[0]
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("%s visits %s for talks on %s", p.last, place, topic)
	case 1:
		return fmt.Sprintf("%s and %s clash over %s", p.last, cast[len(cast)-1].last, topic)
	case 2:
		return fmt.Sprintf("%s summit on %s ends without %s", place, topic, g.word())
	case 3:
		return fmt.Sprintf("%s warns of %s as %s %s", p.role, topic, place, verbs[r.IntN(len(verbs))])
	}
	return fmt.Sprintf("Envoys in %s agree %s %s deal", place, g.word(), topic)
}

// word returns a vocabulary word, common words far more often than rare.
func (g *Generator) word() string { return g.vocab[g.common.Uint64()] }

func (g *Generator) sentence(cast []person, place, topic string) string {
	r := g.r
	p := cast[r.IntN(len(cast))]
	var b strings.Builder
	switch r.IntN(4) {
	case 0:
		fmt.Fprintf(&b, "%s %s the %s of %s in %s", p.name(), verbs[r.IntN(len(verbs))], g.word(), topic, place)
	case 1:
		fmt.Fprintf(&b, "The %s %s %s after %s", p.role, verbs[r.IntN(len(verbs))], topic, g.word())
	case 2:
		fmt.Fprintf(&b, "Officials in %s said the %s would %s", place, topic, g.word())
	default:
		fmt.Fprintf(&b, "%s %s", honorific(p), p.last)
		b.WriteString(" " + verbs[r.IntN(len(verbs))])
	}
	for range 4 + r.IntN(10) {
		if r.IntN(10) < 9 {
			b.WriteString(" " + functionWords[r.IntN(len(functionWords))])
		}
		b.WriteString(" " + g.word())
	}
	b.WriteString(".")
	return b.String()
}

func (g *Generator) paragraph(cast []person, place, topic string) string {
	var ss []string
	for range 2 + g.r.IntN(3) {
		ss = append(ss, g.sentence(cast, place, topic))
	}
	return strings.Join(ss, " ")
}

func (g *Generator) quoteText(place, topic string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "We %s %s with %s", verbs[g.r.IntN(len(verbs))], topic, place)
	for range 3 + g.r.IntN(8) {
		b.WriteString(" " + g.word())
	}
	return b.String()
}

func (g *Generator) event(published time.Time, cast []person, place, topic string) briefing.Event {
	r := g.r
	at := published.AddDate(0, 0, 1+r.IntN(400))
	p := cast[r.IntN(len(cast))]
	what := fmt.Sprintf("%s to %s %s in %s", p.last, verbs[r.IntN(len(verbs))], topic, place)
	switch x := r.IntN(20); {
	case x < 10:
		return briefing.Event{Date: briefing.NewDate(at, briefing.Day), Evidence: "on " + at.Format("Jan. 2"), What: what}
	case x < 13:
		return briefing.Event{Date: briefing.NewDate(at, briefing.Week), Evidence: "the week of " + at.Format("Jan. 2"), What: what}
	case x < 18:
		return briefing.Event{Date: briefing.NewDate(at, briefing.Month), Evidence: "in " + at.Format("January"), What: what}
	}
	return briefing.Event{Date: briefing.NewDate(at, briefing.Year), Evidence: "in " + at.Format("2006"), What: what}
}

func slugify(s string) string {
	f := strings.Fields(briefing.FoldName(s))
	if len(f) > 8 {
		f = f[:8]
	}
	return strings.Join(f, "-")
}

// makePeople builds a cast where most surnames are unique and some are
// shared by several people, as in real news.
func makePeople(r *rand.Rand, n int) []person {
	surnames := append([]string{}, baseSurnames...)
	for len(surnames) < n*9/10 {
		surnames = append(surnames, capitalise(syllables(r, 2+r.IntN(2), nameNuclei)))
	}
	seen := map[string]bool{}
	var out []person
	for len(out) < n {
		last := surnames[len(out)%len(surnames)]
		female := r.IntN(3) == 0
		firsts := maleFirst
		if female {
			firsts = femaleFirst
		}
		first := firsts[r.IntN(len(firsts))]
		if seen[first+" "+last] {
			continue
		}
		seen[first+" "+last] = true
		out = append(out, person{first: first, last: last, role: roles[r.IntN(len(roles))], female: female})
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func makeOrgs() []org {
	var out []org
	for _, c := range countries {
		for _, body := range []string{"Foreign Ministry", "Defence Ministry", "Embassy"} {
			out = append(out, org{name: c + " " + body, short: "the " + strings.ToLower(body)})
		}
	}
	for _, o := range bodies {
		out = append(out, org{name: o, short: "the " + strings.ToLower(strings.Fields(o)[len(strings.Fields(o))-1])})
	}
	return out
}

// vocabulary returns the word list every generator shares, made once.
var vocabulary = sync.OnceValue(func() []string {
	return makeVocab(rand.New(rand.NewPCG(7, 11)), 20000)
})

// makeVocab returns n distinct made-up words of two to four syllables,
// after a list of real words that lead the frequency ranking.
func makeVocab(r *rand.Rand, n int) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range commonWords {
		seen[w] = true
		out = append(out, w)
	}
	for len(out) < n {
		w := syllables(r, 2+r.IntN(3), nuclei)
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func syllables(r *rand.Rand, k int, nuclei []string) string {
	var b strings.Builder
	for range k {
		b.WriteString(onsets[r.IntN(len(onsets))])
		b.WriteString(nuclei[r.IntN(len(nuclei))])
	}
	if r.IntN(3) == 0 {
		b.WriteString(codas[r.IntN(len(codas))])
	}
	return b.String()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

type outlet struct{ name, short, domain string }

var outlets = []outlet{
	{"The Northern Courier", "courier", "northern-courier.example"},
	{"Harbour Times", "harbour", "www.harbourtimes.example"},
	{"Eastern Ledger", "ledger", "easternledger.example"},
	{"Diplomatic Wire", "wire", "dipwire.example"},
	{"The Capital Observer", "observer", "capital-observer.example"},
	{"Continental Post", "post", "www.continentalpost.example"},
	{"Gazette of the Isles", "gazette", "islesgazette.example"},
	{"Meridian News", "meridian", "meridian-news.example"},
	{"The Morning Dispatch", "dispatch", "morningdispatch.example"},
	{"Baltic Bulletin", "bulletin", "balticbulletin.example"},
	{"Le Quotidien Fictif", "quotidien", "quotidien-fictif.example"},
	{"Südliche Rundschau", "rundschau", "suedliche-rundschau.example"},
}

var baseSurnames = []string{
	"Borrell", "Lavrov", "Lavrova", "Kim", "Kim", "Lee", "Park", "Müller", "Muller", "García",
	"Šefčovič", "Erdoğan", "Nowak", "Kowalski", "Dubois", "Rossi", "Silva", "Santos", "Ivanov",
	"Petrov", "Chen", "Wang", "Tanaka", "Sato", "Nguyen", "Haddad", "Okafor", "Mensah", "Singh",
	"Khan", "Johansson", "Andersen", "Novák", "Horváth", "Popescu", "Georgiou", "Yilmaz",
	"Da Silva", "Fernández", "O'Brien", "Murphy", "Schmidt", "Schneider", "Leclerc", "Moreau",
}

var maleFirst = []string{
	"Josep", "Sergei", "Andrei", "Olaf", "Emmanuel", "Pedro", "Jean-Yves", "Luis", "Marek",
	"Tomasz", "Hiroshi", "Jun", "Sung", "Andy", "Ahmed", "Kwame", "Rahul", "Lars", "Mehmet",
	"Giorgos", "Ion", "Pál", "João", "Dmitry", "Antony", "Wei", "Minh", "Chidi", "Jakub", "Ciarán",
}

var femaleFirst = []string{
	"Ursula", "Annalena", "Kaja", "Maria", "Sofia", "Ana", "Elena", "Yuki", "Ji-won", "Amina",
	"Priya", "Ingrid", "Zsófia", "Ioana", "Eleni", "Ayşe", "Catherine", "Marta", "Lin", "Ngozi",
}

var roles = []string{
	"Foreign Minister", "Defence Minister", "Prime Minister", "President", "EU foreign policy chief",
	"Kremlin spokesman", "ambassador", "chief negotiator", "Secretary of State", "deputy foreign minister",
	"UN envoy", "trade commissioner", "national security adviser", "Chancellor", "opposition leader",
}

var countries = []string{
	"Russian", "German", "French", "Chinese", "Turkish", "Polish", "Italian", "Japanese", "Korean",
	"Brazilian", "Indian", "Nigerian", "Egyptian", "Swedish", "Greek", "Hungarian", "Spanish", "Irish",
}

var bodies = []string{
	"European Commission", "NATO", "United Nations Security Council", "African Union",
	"International Atomic Energy Agency", "World Trade Organization", "Council of Europe",
	"Organization for Security and Co-operation in Europe", "Arab League", "ASEAN Secretariat",
}

var places = []string{
	"Moscow", "Brussels", "Beijing", "Ankara", "Warsaw", "Paris", "Berlin", "Tokyo", "Seoul",
	"Brasília", "New Delhi", "Abuja", "Cairo", "Stockholm", "Athens", "Budapest", "Madrid",
	"Dublin", "Geneva", "Vienna", "Nairobi", "Jakarta", "Ottawa", "Canberra", "Kyiv", "Tbilisi",
	"Yerevan", "Baku", "Minsk", "Chișinău", "Reykjavík", "Helsinki", "Oslo", "Lisbon", "Rome",
}

var topics = []string{
	"sanctions", "a ceasefire", "grain exports", "gas supplies", "climate finance", "vaccine deliveries",
	"prisoner exchanges", "nuclear inspections", "visa rules", "border crossings", "fishing rights",
	"arms control", "debt relief", "election monitoring", "refugee returns", "a trade agreement",
	"maritime security", "cyber attacks", "embassy staffing", "humanitarian corridors",
}

var verbs = []string{
	"discussed", "rejected", "welcomed", "criticised", "postponed", "proposed", "demanded",
	"defended", "questioned", "praised", "condemned", "endorsed", "delayed", "negotiated", "reviewed",
}

// functionWords are a third of news prose: not indexed (they are stop
// words), but part of the body's size and of what compression sees.
var functionWords = []string{
	"the", "of", "and", "to", "in", "a", "on", "for", "that", "with", "as", "by", "at", "from", "is",
	"was", "has", "had", "it", "its", "their", "which", "would", "after", "but", "not", "be", "this",
	"over", "into", "than", "been", "were", "about", "there", "they", "when", "while", "before",
}

var commonWords = []string{
	"government", "minister", "talks", "officials", "country", "week", "meeting", "agreement",
	"security", "foreign", "europe", "relations", "summit", "diplomats", "president", "union",
	"conflict", "statement", "policy", "support", "economic", "military", "leaders", "allies",
	"negotiations", "pressure", "dialogue", "crisis", "region", "border", "treaty", "delegation",
	"sanctions", "cooperation", "parliament", "election", "ministry", "embassy", "council", "peace",
}

var (
	onsets = []string{"b", "br", "d", "dr", "f", "g", "gr", "h", "k", "kr", "l", "m", "n", "p", "pr", "r", "s", "st", "t", "tr", "v", "z", "ch", "sh"}
	// Names carry accents; English prose around them mostly does not.
	nuclei     = []string{"a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "ee", "oo"}
	nameNuclei = []string{"a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "é", "ö"}
	codas      = []string{"n", "r", "s", "l", "m", "t", "nd", "rk", "st"}
)
