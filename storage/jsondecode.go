package storage

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// A hand-written decoder for the records every query reads (articles,
// refs, quotes, events). encoding/json spends most of a query's time
// validating and then reflecting over a 6 KB article record; this reads
// the same JSON in one pass into the known fields. The file format is
// unchanged: anything this decoder does not expect (an unknown shape, a
// malformed value) falls back to encoding/json, which decides.

var errFast = errors.New("not in the shape the fast decoder reads")

// jsonReader reads JSON values from data.
type jsonReader struct {
	data []byte
	i    int
}

func (r *jsonReader) ws() {
	for r.i < len(r.data) {
		switch r.data[r.i] {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return
		}
	}
}

func (r *jsonReader) peek() byte {
	r.ws()
	if r.i < len(r.data) {
		return r.data[r.i]
	}
	return 0
}

func (r *jsonReader) expect(c byte) error {
	if r.peek() != c {
		return errFast
	}
	r.i++
	return nil
}

// null consumes a null and reports whether there was one.
func (r *jsonReader) null() bool {
	if r.peek() == 'n' && r.i+4 <= len(r.data) && string(r.data[r.i:r.i+4]) == "null" {
		r.i += 4
		return true
	}
	return false
}

func (r *jsonReader) str() (string, error) {
	if r.peek() != '"' {
		return "", errFast
	}
	r.i++
	start := r.i
	for r.i < len(r.data) {
		c := r.data[r.i]
		switch {
		case c == '"':
			s := string(r.data[start:r.i])
			r.i++
			return s, nil
		case c == '\\' || c < 0x20:
			return r.slowStr(start)
		case c >= utf8.RuneSelf:
			// Valid UTF-8 passes as is; encoding/json would replace an
			// invalid byte, so leave that to it.
			rn, size := utf8.DecodeRune(r.data[r.i:])
			if rn == utf8.RuneError && size == 1 {
				return "", errFast
			}
			r.i += size
		default:
			r.i++
		}
	}
	return "", errFast
}

// slowStr finishes a string with escapes, from start (after the quote).
func (r *jsonReader) slowStr(start int) (string, error) {
	b := append([]byte{}, r.data[start:r.i]...)
	for r.i < len(r.data) {
		c := r.data[r.i]
		switch {
		case c == '"':
			r.i++
			return string(b), nil
		case c < 0x20:
			return "", errFast
		case c == '\\':
			if r.i+1 >= len(r.data) {
				return "", errFast
			}
			e := r.data[r.i+1]
			r.i += 2
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				rn, ok := r.hex4()
				if !ok {
					return "", errFast
				}
				if utf16.IsSurrogate(rn) {
					// A pair, or encoding/json's replacement rules decide.
					if r.i+6 > len(r.data) || r.data[r.i] != '\\' || r.data[r.i+1] != 'u' {
						return "", errFast
					}
					r.i += 2
					lo, ok := r.hex4()
					if !ok {
						return "", errFast
					}
					if rn = utf16.DecodeRune(rn, lo); rn == utf8.RuneError {
						return "", errFast
					}
				}
				b = utf8.AppendRune(b, rn)
			default:
				return "", errFast
			}
		case c >= utf8.RuneSelf:
			rn, size := utf8.DecodeRune(r.data[r.i:])
			if rn == utf8.RuneError && size == 1 {
				return "", errFast
			}
			b = append(b, r.data[r.i:r.i+size]...)
			r.i += size
		default:
			b = append(b, c)
			r.i++
		}
	}
	return "", errFast
}

func (r *jsonReader) hex4() (rune, bool) {
	if r.i+4 > len(r.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(r.data[r.i:r.i+4]), 16, 16)
	if err != nil {
		return 0, false
	}
	r.i += 4
	return rune(v), true
}

// int reads an integer that fits an int64.
func (r *jsonReader) int() (int64, error) {
	r.ws()
	start := r.i
	if r.i < len(r.data) && r.data[r.i] == '-' {
		r.i++
	}
	digits := r.i
	for r.i < len(r.data) && r.data[r.i] >= '0' && r.data[r.i] <= '9' {
		r.i++
	}
	if r.i-digits > 1 && r.data[digits] == '0' {
		return 0, errFast // JSON has no leading zeros
	}
	if r.i < len(r.data) && (r.data[r.i] == '.' || r.data[r.i] == 'e' || r.data[r.i] == 'E') {
		return 0, errFast
	}
	v, err := strconv.ParseInt(string(r.data[start:r.i]), 10, 64)
	if err != nil {
		return 0, errFast
	}
	return v, nil
}

func (r *jsonReader) bool() (bool, error) {
	r.ws()
	switch {
	case r.i+4 <= len(r.data) && string(r.data[r.i:r.i+4]) == "true":
		r.i += 4
		return true, nil
	case r.i+5 <= len(r.data) && string(r.data[r.i:r.i+5]) == "false":
		r.i += 5
		return false, nil
	}
	return false, errFast
}

func (r *jsonReader) time() (time.Time, error) {
	s, err := r.str()
	if err != nil {
		return time.Time{}, err
	}
	var t time.Time
	if err := t.UnmarshalText([]byte(s)); err != nil {
		return time.Time{}, errFast
	}
	return t, nil
}

// object reads an object, calling field for each key; field reads the
// value.
func (r *jsonReader) object(field func(key string) error) error {
	if err := r.expect('{'); err != nil {
		return err
	}
	if r.peek() == '}' {
		r.i++
		return nil
	}
	for {
		key, err := r.str()
		if err != nil {
			return err
		}
		if err := r.expect(':'); err != nil {
			return err
		}
		if err := field(key); err != nil {
			return err
		}
		switch r.peek() {
		case ',':
			r.i++
		case '}':
			r.i++
			return nil
		default:
			return errFast
		}
	}
}

// array reads an array, calling elem for each element; null is allowed
// and reported as false.
func (r *jsonReader) array(elem func() error) (bool, error) {
	if r.null() {
		return false, nil
	}
	if err := r.expect('['); err != nil {
		return false, err
	}
	if r.peek() == ']' {
		r.i++
		return true, nil
	}
	for {
		if err := elem(); err != nil {
			return false, err
		}
		switch r.peek() {
		case ',':
			r.i++
		case ']':
			r.i++
			return true, nil
		default:
			return false, errFast
		}
	}
}

func (r *jsonReader) strings() ([]string, error) {
	out := []string{}
	present, err := r.array(func() error {
		s, err := r.str()
		out = append(out, s)
		return err
	})
	if !present {
		out = nil
	}
	return out, err
}

// end checks that only white space follows.
func (r *jsonReader) end() error {
	r.ws()
	if r.i != len(r.data) {
		return errFast
	}
	return nil
}

// fastThenJSON decodes data into v with fast, and with encoding/json
// (into a zeroed v) when fast meets something it does not read.
func fastThenJSON(data []byte, v any, fast func(r *jsonReader) error) error {
	r := &jsonReader{data: data}
	if err := fast(r); err == nil {
		if err := r.end(); err == nil {
			return nil
		}
	}
	reflect.ValueOf(v).Elem().SetZero()
	return json.Unmarshal(data, v)
}

func (rec *articleRecord) decodeFast(r *jsonReader) error {
	*rec = articleRecord{}
	return r.object(func(key string) error {
		var err error
		switch key {
		case "v":
			var n int64
			n, err = r.int()
			rec.V = int(n)
		case "id":
			rec.ID, err = r.str()
		case "seq":
			var n int64
			if n, err = r.int(); err == nil && (n < 0 || n > 1<<32-1) {
				err = errFast
			}
			rec.Seq = uint32(n)
		case "title":
			rec.Title, err = r.str()
		case "published":
			rec.Published, err = r.time()
		case "source":
			rec.Source, err = r.str()
		case "url":
			rec.URL, err = r.str()
		case "paragraphs":
			rec.Paragraphs, err = r.strings()
		case "summary":
			rec.Summary, err = r.strings()
		case "people":
			people := []personJSON{}
			var present bool
			present, err = r.array(func() error {
				var p personJSON
				err := r.object(func(key string) error {
					var err error
					switch key {
					case "key":
						p.Key, err = r.str()
					case "name":
						p.Name, err = r.str()
					case "aliases":
						p.Aliases, err = r.strings()
					case "org":
						p.Org, err = r.bool()
					default:
						err = errFast
					}
					return err
				})
				people = append(people, p)
				return err
			})
			if present {
				rec.People = people
			}
		case "quotes":
			quotes := []quoteJSON{}
			var present bool
			present, err = r.array(func() error {
				var q quoteJSON
				err := r.object(func(key string) error {
					var err error
					switch key {
					case "speaker":
						q.Speaker, err = r.str()
					case "speaker_key":
						q.SpeakerKey, err = r.str()
					case "text":
						q.Text, err = r.str()
					case "partial":
						q.Partial, err = r.bool()
					case "paragraph":
						var n int64
						n, err = r.int()
						q.Paragraph = int(n)
					default:
						err = errFast
					}
					return err
				})
				quotes = append(quotes, q)
				return err
			})
			if present {
				rec.Quotes = quotes
			}
		case "upcoming":
			events := []eventJSON{}
			var present bool
			present, err = r.array(func() error {
				var e eventJSON
				err := r.object(func(key string) error {
					var err error
					switch key {
					case "date":
						e.Date, err = r.str()
					case "precision":
						e.Precision, err = r.str()
					case "evidence":
						e.Evidence, err = r.str()
					case "what":
						e.What, err = r.str()
					default:
						err = errFast
					}
					return err
				})
				events = append(events, e)
				return err
			})
			if present {
				rec.Upcoming = events
			}
		case "hash":
			rec.Hash, err = r.str()
		case "stored_at":
			rec.StoredAt, err = r.time()
		case "updated_at":
			rec.UpdatedAt, err = r.time()
		default:
			err = errFast
		}
		return err
	})
}

func (rec *refRecord) decodeFast(r *jsonReader) error {
	*rec = refRecord{}
	return r.object(func(key string) error {
		var err error
		switch key {
		case "v":
			var n int64
			n, err = r.int()
			rec.V = int(n)
		case "id":
			rec.ID, err = r.str()
		case "title":
			rec.Title, err = r.str()
		case "source":
			rec.Source, err = r.str()
		case "url":
			rec.URL, err = r.str()
		case "published":
			rec.Published, err = r.time()
		case "hash":
			rec.Hash, err = r.str()
		case "digest":
			rec.Digest, err = r.str()
		case "stored_at":
			rec.StoredAt, err = r.time()
		case "updated_at":
			rec.UpdatedAt, err = r.time()
		default:
			err = errFast
		}
		return err
	})
}

func (rec *quoteRecord) decodeFast(r *jsonReader) error {
	*rec = quoteRecord{}
	return r.object(func(key string) error {
		var err error
		var n int64
		switch key {
		case "v":
			n, err = r.int()
			rec.V = int(n)
		case "seq":
			if n, err = r.int(); err == nil && (n < 0 || n > 1<<32-1) {
				err = errFast
			}
			rec.Seq = uint32(n)
		case "day":
			rec.Day, err = r.str()
		case "speaker":
			rec.Speaker, err = r.str()
		case "speaker_key":
			rec.SpeakerKey, err = r.str()
		case "text":
			rec.Text, err = r.str()
		case "partial":
			rec.Partial, err = r.bool()
		case "paragraph":
			n, err = r.int()
			rec.Paragraph = int(n)
		case "person":
			rec.Person, err = r.str()
		case "via":
			rec.Via, err = r.str()
		default:
			err = errFast
		}
		return err
	})
}

func (rec *eventRecord) decodeFast(r *jsonReader) error {
	*rec = eventRecord{}
	return r.object(func(key string) error {
		var err error
		switch key {
		case "v":
			var n int64
			n, err = r.int()
			rec.V = int(n)
		case "seq":
			var n int64
			if n, err = r.int(); err == nil && (n < 0 || n > 1<<32-1) {
				err = errFast
			}
			rec.Seq = uint32(n)
		case "date":
			rec.Date, err = r.str()
		case "precision":
			rec.Precision, err = r.str()
		case "evidence":
			rec.Evidence, err = r.str()
		case "what":
			rec.What, err = r.str()
		default:
			err = errFast
		}
		return err
	})
}
