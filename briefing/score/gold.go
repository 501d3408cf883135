package score

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotGold is returned by ParseGold for a JSON object that has none of the
// annotation layers (quotes, upcoming, key_points); score.py skips such files.
var ErrNotGold = errors.New("not a gold annotation: no quotes, upcoming or key_points")

// Gold is one article's gold annotation, reduced to what scoring reads.
type Gold struct {
	// ID is the "id" field; it may differ from the file's stem.
	ID string
	// People are the gold people, for speaker aliases and surnames.
	People []Person
	// Quotes are every gold quotation, optional ones included.
	Quotes []Quote
	// Upcoming are the gold dates that canonicalise; unusable ones are
	// dropped, as score.py drops them.
	Upcoming []Date
	// KeyPoints is the reference summary joined with spaces.
	KeyPoints string

	scope scope
}

// Person is a gold person: canonical name and aliases.
type Person struct {
	Name    string
	Aliases []string
}

// Quote is a gold or predicted quotation.
type Quote struct {
	Speaker  string
	Text     string
	Partial  bool
	Optional bool
}

// Date is an upcoming date in canonical form: Value is YYYY-MM-DD (day, and
// week as its Monday), YYYY-MM (month) or YYYY (year). A predicted date that
// does not canonicalise has OK false and Raw holds what was written.
type Date struct {
	Value     string
	Precision string
	OK        bool
	Raw       string
}

// Prediction is one article's analysis in the output contract of DESIGN.md,
// reduced to what scoring reads. The zero value is the empty prediction.
type Prediction struct {
	Quotes   []Quote
	Upcoming []Date
	// Summary is the predicted summary joined with spaces.
	Summary string
}

// ParseGold reads a gold annotation file. It returns ErrNotGold for a JSON
// value that carries no annotation layer.
func ParseGold(data []byte) (Gold, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return Gold{}, fmt.Errorf("parse gold: %w", err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return Gold{}, ErrNotGold
	}
	_, hasQ := obj["quotes"]
	_, hasU := obj["upcoming"]
	_, hasK := obj["key_points"]
	if !hasQ && !hasU && !hasK {
		return Gold{}, ErrNotGold
	}
	g := Gold{KeyPoints: joinedText(obj["key_points"]), scope: newScope(obj["scope"])}
	if id, ok := obj["id"]; ok && truthy(id) {
		g.ID = textOf(id)
	}
	for _, pe := range objects(orEmpty(getOr(obj, "people", []any{}))) {
		p := Person{Name: textOf(getOr(pe, "name", ""))}
		for _, a := range orEmpty(getOr(pe, "aliases", []any{})) {
			p.Aliases = append(p.Aliases, textOf(a))
		}
		g.People = append(g.People, p)
	}
	g.Quotes = readQuotes(obj["quotes"])
	for _, e := range objects(orEmpty(obj["upcoming"])) {
		if d := readDate(e); d.OK {
			g.Upcoming = append(g.Upcoming, d)
		}
	}
	return g, nil
}

// ParsePrediction reads a prediction file. A file that is not a JSON
// object scores as the empty prediction, as in score.py; the error says why.
func ParsePrediction(data []byte) (Prediction, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return Prediction{}, fmt.Errorf("parse prediction: %w", err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return Prediction{}, errors.New("parse prediction: not a JSON object")
	}
	p := Prediction{Quotes: readQuotes(obj["quotes"]), Summary: joinedText(obj["summary"])}
	for _, e := range objects(orEmpty(obj["upcoming"])) {
		p.Upcoming = append(p.Upcoming, readDate(e))
	}
	return p, nil
}

func readQuotes(v any) []Quote {
	var out []Quote
	for _, q := range objects(orEmpty(v)) {
		out = append(out, Quote{
			Speaker:  textOf(getOr(q, "speaker", "")),
			Text:     textOf(getOr(q, "text", "")),
			Partial:  truthy(q["partial"]),
			Optional: truthy(q["optional"]),
		})
	}
	return out
}

func readDate(e map[string]any) Date {
	raw := e["date"]
	prec := ""
	if p := e["precision"]; truthy(p) {
		prec = textOf(p)
	}
	d, ok := canonDate(textOf(raw), prec)
	d.OK = ok
	d.Raw = pyRepr(raw)
	return d
}

// pyRepr writes a value roughly as Python's repr does, for listing a
// predicted date that could not be read.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case string:
		return "'" + strings.ReplaceAll(x, "'", `\'`) + "'"
	}
	return textOf(v)
}

// joinedText is score.py's _as_text: a list's non-null items joined by
// spaces, anything else as its string.
func joinedText(v any) string {
	list, ok := v.([]any)
	if !ok {
		return textOf(v)
	}
	parts := make([]string, 0, len(list))
	for _, s := range list {
		if s != nil {
			parts = append(parts, textOf(s))
		}
	}
	return strings.Join(parts, " ")
}

func getOr(obj map[string]any, key string, def any) any {
	if v, ok := obj[key]; ok {
		return v
	}
	return def
}

// scope is the gold "scope" field: the tasks whose gold is complete.
// score.py tests membership with Python's `in`, so a string scope matches
// by substring and an object scope by key.
// The zero value scores every task.
type scope struct {
	limited bool
	list    []string
	str     string
	isText  bool
}

func newScope(v any) scope {
	if !truthy(v) {
		return scope{}
	}
	switch x := v.(type) {
	case string:
		return scope{limited: true, str: x, isText: true}
	case []any:
		s := scope{limited: true}
		for _, e := range x {
			if t, ok := e.(string); ok {
				s.list = append(s.list, t)
			}
		}
		return s
	case map[string]any:
		s := scope{limited: true}
		for k := range x {
			s.list = append(s.list, k)
		}
		return s
	}
	return scope{}
}

// InScope reports whether the gold of task ("quotes", "upcoming",
// "summary") is complete for this article and should be scored.
func (g Gold) InScope(task string) bool {
	s := g.scope
	switch {
	case !s.limited:
		return true
	case s.isText:
		return strings.Contains(s.str, task)
	}
	for _, t := range s.list {
		if t == task {
			return true
		}
	}
	return false
}
