package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// SpecEnv names an environment variable that, when set, is the path of
// Discord's openapi.json. Without it the spec is looked for as
// shared/discord/openapi.json beside the repository checkout (../shared from
// the module root), which is where CI puts it.
const SpecEnv = "BRIEFBOT_DISCORD_SPEC"

// Spec is Discord's OpenAPI document, loaded to check request bodies. It
// understands the subset of JSON Schema the document uses for requests:
// type, required, properties, additionalProperties, items, enum, const,
// minLength, maxLength, pattern, minimum, maximum, minItems, maxItems,
// uniqueItems, maxProperties, oneOf, anyOf, allOf and $ref.
type Spec struct {
	Path    string
	schemas map[string]any
	ops     []operation
	mu      sync.Mutex
	regexps map[string]*regexp.Regexp
}

type operation struct {
	method   string
	segments []string // path template split on "/", e.g. {"interactions", "{interaction_id}", ...}
	id       string
	body     any // the application/json request schema, nil if none
}

var (
	specOnce sync.Once
	specVal  *Spec
	specErr  error
)

// LoadSpec finds and parses Discord's openapi.json once per process. It
// returns an error saying where it looked when the file is missing, so a test
// can fail with it rather than silently skip validation.
func LoadSpec() (*Spec, error) {
	specOnce.Do(func() {
		path, err := findSpec()
		if err != nil {
			specErr = err
			return
		}
		specVal, specErr = ParseSpecFile(path)
	})
	return specVal, specErr
}

func findSpec() (string, error) {
	if p := os.Getenv(SpecEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("discord spec: %s=%s: %w", SpecEnv, p, err)
		}
		return p, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("discord spec: %w", err)
	}
	var tried []string
	for dir := wd; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "discord", "openapi.json")
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
			tried = append(tried, p)
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if len(tried) == 0 {
		return "", fmt.Errorf("discord spec: no go.mod above %s, so no ../shared/discord/openapi.json to load; set %s to the spec's path", wd, SpecEnv)
	}
	return "", fmt.Errorf("discord spec: openapi.json not found (looked at %s); put Discord's spec at ../shared/discord/openapi.json beside the checkout or set %s", strings.Join(tried, ", "), SpecEnv)
}

// ParseSpecFile reads an OpenAPI document from path.
func ParseSpecFile(path string) (*Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("discord spec: %w", err)
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("discord spec %s: %w", path, err)
	}
	if len(doc.Paths) == 0 || len(doc.Components.Schemas) == 0 {
		return nil, fmt.Errorf("discord spec %s: no paths or schemas: not an OpenAPI document", path)
	}
	s := &Spec{Path: path, schemas: doc.Components.Schemas, regexps: map[string]*regexp.Regexp{}}
	for p, methods := range doc.Paths {
		for m, raw := range methods {
			if m == "parameters" {
				continue
			}
			var op struct {
				OperationID string `json:"operationId"`
				RequestBody struct {
					Content map[string]struct {
						Schema any `json:"schema"`
					} `json:"content"`
				} `json:"requestBody"`
			}
			d := json.NewDecoder(bytes.NewReader(raw))
			d.UseNumber()
			if err := d.Decode(&op); err != nil {
				return nil, fmt.Errorf("discord spec %s: %s %s: %w", path, m, p, err)
			}
			var body any
			if c, ok := op.RequestBody.Content["application/json"]; ok {
				body = c.Schema
			}
			s.ops = append(s.ops, operation{
				method:   strings.ToUpper(m),
				segments: strings.Split(strings.Trim(p, "/"), "/"),
				id:       op.OperationID,
				body:     body,
			})
		}
	}
	return s, nil
}

// Operation finds the operation for a request path without the /api/vN
// prefix ("/interactions/1/tok/callback"). Literal segments win over
// parameters, so "@original" is not taken for a {message_id}.
func (s *Spec) Operation(method, path string) (id string, body any, ok bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best, bestLiterals := -1, -1
	for i, op := range s.ops {
		if op.method != method || len(op.segments) != len(segs) {
			continue
		}
		literals, match := 0, true
		for j, t := range op.segments {
			if strings.HasPrefix(t, "{") {
				continue
			}
			if t != segs[j] {
				match = false
				break
			}
			literals++
		}
		if match && literals > bestLiterals {
			best, bestLiterals = i, literals
		}
	}
	if best < 0 {
		return "", nil, false
	}
	return s.ops[best].id, s.ops[best].body, true
}

// Schema returns the named component schema.
func (s *Spec) Schema(name string) (any, bool) {
	v, ok := s.schemas[name]
	return v, ok
}

// Validate checks v (decoded with json.Decoder.UseNumber) against schema and
// returns every violation, each prefixed with its JSON path.
func (s *Spec) Validate(schema, v any) []string {
	var errs []verr
	s.validate(schema, v, "$", &errs, 0)
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.path + ": " + e.msg
	}
	return out
}

// verr is one violation. mismatch marks a wrong type, enum or const at the
// value itself or at its "type" property: the signs that a union's
// alternative was not the one the sender meant.
type verr struct {
	path, msg string
	mismatch  bool
}

// DecodeJSON decodes a request body the way Validate expects: numbers kept
// as json.Number so that integers can be told from other numbers.
func DecodeJSON(body []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data after JSON value")
	}
	return v, nil
}

func (s *Spec) validate(schema, v any, path string, errs *[]verr, depth int) {
	add := func(mismatch bool, format string, args ...any) {
		*errs = append(*errs, verr{path: path, msg: fmt.Sprintf(format, args...), mismatch: mismatch})
	}
	if depth > 64 {
		add(false, "schema nesting too deep")
		return
	}
	sc, ok := schema.(map[string]any)
	if !ok {
		return // true/absent schema: anything goes
	}
	if ref, ok := sc["$ref"].(string); ok {
		name, found := strings.CutPrefix(ref, "#/components/schemas/")
		target, exists := s.schemas[name]
		if !found || !exists {
			add(false, "unresolvable $ref %s", ref)
			return
		}
		s.validate(target, v, path, errs, depth+1)
	}
	if t, ok := sc["type"]; ok && !typeMatches(t, v) {
		add(true, "is %s, want type %v", jsonType(v), t)
		return
	}
	if e, ok := sc["enum"].([]any); ok && !containsValue(e, v) {
		add(true, "%s is not one of %s", show(v), show(e))
	}
	if c, ok := sc["const"]; ok && !equalValues(c, v) {
		add(true, "%s is not %s", show(v), show(c))
	}
	for _, sub := range list(sc["allOf"]) {
		s.validate(sub, v, path, errs, depth+1)
	}
	if alts := list(sc["oneOf"]); len(alts) > 0 {
		s.validateUnion(alts, v, path, errs, depth, true)
	}
	if alts := list(sc["anyOf"]); len(alts) > 0 {
		// Discord marks its anyOf unions "x-discord-union": "oneOf", but
		// some alternatives overlap (an autocomplete reply with no choices
		// fits the integer, number and string forms), so at least one must
		// match, as anyOf says.
		s.validateUnion(alts, v, path, errs, depth, false)
	}
	switch x := v.(type) {
	case string:
		n := utf8.RuneCountInString(x)
		if m, ok := intOf(sc["maxLength"]); ok && n > m {
			add(false, "%d characters, more than maxLength %d", n, m)
		}
		if m, ok := intOf(sc["minLength"]); ok && n < m {
			add(false, "%d characters, fewer than minLength %d", n, m)
		}
		if p, ok := sc["pattern"].(string); ok {
			if re := s.regexp(p); re != nil && !re.MatchString(x) {
				add(false, "%q does not match pattern %s", x, p)
			}
		}
		switch sc["format"] {
		case "uri":
			if u, err := url.Parse(x); err != nil || u.Scheme == "" || u.Host == "" {
				add(false, "%q is not an absolute URI", x)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, x); err != nil {
				add(false, "%q is not an RFC 3339 date-time", x)
			}
		}
	case json.Number:
		f, _ := x.Float64()
		if m, ok := floatOf(sc["maximum"]); ok && f > m {
			add(false, "%s is more than maximum %v", x, sc["maximum"])
		}
		if m, ok := floatOf(sc["minimum"]); ok && f < m {
			add(false, "%s is less than minimum %v", x, sc["minimum"])
		}
	case []any:
		if m, ok := intOf(sc["maxItems"]); ok && len(x) > m {
			add(false, "%d items, more than maxItems %d", len(x), m)
		}
		if m, ok := intOf(sc["minItems"]); ok && len(x) < m {
			add(false, "%d items, fewer than minItems %d", len(x), m)
		}
		if sc["uniqueItems"] == true {
			seen := map[string]bool{}
			for _, it := range x {
				k := canonical(it)
				if seen[k] {
					add(false, "item %s repeated, items must be unique", show(it))
				}
				seen[k] = true
			}
		}
		if items, ok := sc["items"]; ok {
			for i, it := range x {
				s.validate(items, it, fmt.Sprintf("%s[%d]", path, i), errs, depth+1)
			}
		}
	case map[string]any:
		for _, r := range list(sc["required"]) {
			name, _ := r.(string)
			if _, ok := x[name]; !ok {
				add(false, "required property %q missing", name)
			}
		}
		if m, ok := intOf(sc["maxProperties"]); ok && len(x) > m {
			add(false, "%d properties, more than maxProperties %d", len(x), m)
		}
		props, _ := sc["properties"].(map[string]any)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p, ok := props[k]; ok {
				s.validate(p, x[k], path+"."+k, errs, depth+1)
			} else if ap, ok := sc["additionalProperties"]; ok {
				if ap == false {
					add(false, "unknown property %q", k)
				} else {
					s.validate(ap, x[k], path+"."+k, errs, depth+1)
				}
			}
		}
	}
}

// validateUnion checks v against the alternatives. When none matches it
// reports the errors of the alternative the sender most likely meant: one
// whose type and discriminating "type" property fit, with the fewest errors.
func (s *Spec) validateUnion(alts []any, v any, path string, errs *[]verr, depth int, exclusive bool) {
	var best []verr
	bestMismatch := true
	matched := 0
	for _, a := range alts {
		var sub []verr
		if e, ok := s.otherKind(a, v, path); ok {
			sub = []verr{e} // not this alternative: skip validating the rest
		} else {
			s.validate(a, v, path, &sub, depth+1)
		}
		if len(sub) == 0 {
			matched++
			continue
		}
		mismatch := false
		for _, e := range sub {
			if e.mismatch && (e.path == path || e.path == path+".type") {
				mismatch = true
			}
		}
		if best == nil || (bestMismatch && !mismatch) || (mismatch == bestMismatch && len(sub) < len(best)) {
			best, bestMismatch = sub, mismatch
		}
	}
	switch {
	case matched == 0:
		*errs = append(*errs, best...)
	case matched > 1 && exclusive:
		*errs = append(*errs, verr{path: path, msg: fmt.Sprintf("matches %d alternatives of a oneOf, want exactly one", matched)})
	}
}

// otherKind reports, cheaply, that v cannot be alternative a of a union:
// a is an object schema whose "type" property is fixed by enum or const
// (how Discord tells components, options and callbacks apart) and v's
// "type" is another value. Validating the whole alternative would find the
// same mismatch after checking everything else first.
func (s *Spec) otherKind(a, v any, path string) (verr, bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		return verr{}, false
	}
	sc, ok := a.(map[string]any)
	if !ok {
		return verr{}, false
	}
	if ref, ok := sc["$ref"].(string); ok {
		name, _ := strings.CutPrefix(ref, "#/components/schemas/")
		if sc, ok = s.schemas[name].(map[string]any); !ok {
			return verr{}, false
		}
	}
	props, _ := sc["properties"].(map[string]any)
	tp, _ := props["type"].(map[string]any)
	got, present := obj["type"]
	if tp == nil || !present {
		return verr{}, false
	}
	if e, ok := tp["enum"].([]any); ok && !containsValue(e, got) {
		return verr{path: path + ".type", msg: fmt.Sprintf("%s is not one of %s", show(got), show(e)), mismatch: true}, true
	}
	if c, ok := tp["const"]; ok && !equalValues(c, got) {
		return verr{path: path + ".type", msg: fmt.Sprintf("%s is not %s", show(got), show(c)), mismatch: true}, true
	}
	return verr{}, false
}

func (s *Spec) regexp(p string) *regexp.Regexp {
	s.mu.Lock()
	defer s.mu.Unlock()
	if re, ok := s.regexps[p]; ok {
		return re
	}
	re, err := regexp.Compile(p)
	if err != nil {
		re = nil // a pattern Go cannot compile is not checked
	}
	s.regexps[p] = re
	return re
}

func typeMatches(t, v any) bool {
	switch tt := t.(type) {
	case string:
		return isType(tt, v)
	case []any:
		for _, x := range tt {
			if name, ok := x.(string); ok && isType(name, v) {
				return true
			}
		}
		return false
	}
	return true
}

func isType(name string, v any) bool {
	switch name {
	case "null":
		return v == nil
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "number":
		_, ok := v.(json.Number)
		return ok
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		if _, err := strconv.ParseInt(string(n), 10, 64); err == nil {
			return true
		}
		f, err := n.Float64()
		return err == nil && f == float64(int64(f))
	}
	return false
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case json.Number:
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func intOf(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return 0, false
	}
	return int(i), true
}

func floatOf(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	f, err := n.Float64()
	return f, err == nil
}

func containsValue(list []any, v any) bool {
	for _, x := range list {
		if equalValues(x, v) {
			return true
		}
	}
	return false
}

func equalValues(a, b any) bool {
	an, aok := a.(json.Number)
	bn, bok := b.(json.Number)
	if aok && bok {
		af, _ := an.Float64()
		bf, _ := bn.Float64()
		return af == bf
	}
	return canonical(a) == canonical(b)
}

// canonical is the JSON text of v; encoding/json sorts map keys, so equal
// values give equal text.
func canonical(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// show is canonical shortened for error messages.
func show(v any) string {
	s := canonical(v)
	if len(s) > 120 {
		return s[:117] + "..."
	}
	return s
}
