package storage

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// PersonInfo is a person, organisation or office in the registry.
type PersonInfo struct {
	// Key is briefing.PersonKey of the canonical name.
	Key  string
	Name string
	// Aliases are every other form seen in any article, first seen first.
	Aliases []string
	Org     bool
	// Placeholder is true for a surname-only person: quotes from articles
	// that gave only a surname no single known person carries.
	Placeholder bool
	// Quotes is the number of stored quotes filed under the person.
	Quotes int
}

// personView is the part of a person record that queries show: decoding
// it skips building the kinds map and word list, most of a popular
// person's record.
type personView struct {
	V           int      `json:"v"`
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases"`
	Org         bool     `json:"org,omitempty"`
	Placeholder bool     `json:"placeholder,omitempty"`
	Quotes      int      `json:"quotes"`
}

func (r personView) info() PersonInfo {
	return PersonInfo{Key: r.Key, Name: r.Name, Aliases: append([]string{}, r.Aliases...), Org: r.Org, Placeholder: r.Placeholder, Quotes: r.Quotes}
}

// loadPerson reads the shown part of a person record.
func loadPerson(tx *bolt.Tx, key string) (personView, bool, error) {
	data := tx.Bucket(bucketPeople).Get([]byte(key))
	if data == nil {
		return personView{}, false, nil
	}
	var rec personView
	if err := decodeRecord(data, &rec, &rec.V); err != nil {
		return personView{}, false, fmt.Errorf("person %s: %w", key, err)
	}
	return rec, true, nil
}

// maxResolved bounds the people one name resolves to.
const maxResolved = 50

// resolveKeys returns the keys of the people a name stands for, and the
// folded form that matched. A form an article used matches exactly; a
// title and surname ("Mr. Kim") also matches everyone carrying the surname,
// so that it never stands for one namesake alone; failing both, the
// longest ending of the name that is a form matches ("EU foreign policy
// chief Josep Borrell" → "josep borrell"). Prefix scans of aliases.
func resolveKeys(tx *bolt.Tx, name string) (keys []string, form string) {
	c := tx.Bucket(bucketAliases).Cursor()
	seen := make(map[string]bool)
	lookup := func(f string) {
		prefix := prefixOf(f)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(keys) < maxResolved; k, _ = c.Next() {
			if key := string(k[len(prefix):]); !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		}
	}
	form = foldPhrase(name)
	lookup(form)
	canon := canonicalName(name)
	if f := foldPhrase(canon); f != form && surnameOnly(canon) {
		form = f
		lookup(f)
	}
	if len(keys) > 0 {
		return keys, form
	}
	ws := strings.Fields(foldPhrase(name))
	for i := 1; i < len(ws); i++ {
		form = strings.Join(ws[i:], " ")
		if lookup(form); len(keys) > 0 {
			return keys, form
		}
	}
	return nil, ""
}

// ResolvePerson returns the people a name stands for, given in any form an
// article used or a title and surname, case and accents ignored ("borrell",
// "Josep Borrell", "EU foreign policy chief Josep Borrell"). It returns more
// than one person when the name is ambiguous (two people with that surname,
// and the placeholder holding quotes that could be either's): the person
// whose name is exactly the matched form first, then the most quoted. The error
// wraps briefing.ErrNotFound when nobody matches. Prefix scans of aliases.
func (db *DB) ResolvePerson(ctx context.Context, name string) ([]PersonInfo, error) {
	if foldPhrase(name) == "" {
		return nil, fmt.Errorf("resolve person %q: no letters in the name: %w", name, ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []PersonInfo
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		out, err = resolvePeople(tx, name)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("resolve person %q: %w", name, err)
	}
	return out, nil
}

func resolvePeople(tx *bolt.Tx, name string) ([]PersonInfo, error) {
	keys, form := resolveKeys(tx, name)
	if len(keys) == 0 {
		return nil, briefing.ErrNotFound
	}
	out := make([]PersonInfo, 0, len(keys))
	for _, k := range keys {
		rec, ok, err := loadPerson(tx, k)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("alias points to missing person %s: %w", k, ErrCorrupt)
		}
		out = append(out, rec.info())
	}
	f := form
	sort.SliceStable(out, func(i, j int) bool {
		ei, ej := foldPhrase(out[i].Name) == f, foldPhrase(out[j].Name) == f
		if ei != ej {
			return ei
		}
		if out[i].Quotes != out[j].Quotes {
			return out[i].Quotes > out[j].Quotes
		}
		return out[i].Key < out[j].Key
	})
	return out, nil
}

// maxPrefixWords bounds the distinct words a prefix query visits; with the
// per-word limit it bounds People and Titles.
const maxPrefixWords = 2000

// People returns up to limit people whose name or any alias has a word
// starting with prefix (folded), most quoted first. With several words,
// the earlier ones must be whole words of the person's names ("josep b").
// An empty prefix lists the most quoted people. Each distinct word under
// the prefix is a prefix scan of people_words read most quoted first,
// stopped at the first person less quoted than the limit-th found so far;
// an empty prefix is a scan of people_rank stopped at limit.
func (db *DB) People(ctx context.Context, prefix string, limit int) ([]PersonInfo, error) {
	limit = clampLimit(limit)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ws := prefixWords(prefix)
	out := []PersonInfo{}
	err := db.view(func(tx *bolt.Tx) error {
		var keys []string
		if len(ws) == 0 {
			c := tx.Bucket(bucketPeopleRank).Cursor()
			for k, _ := c.First(); k != nil && len(keys) < limit; k, _ = c.Next() {
				if len(k) < 5 {
					return fmt.Errorf("people_rank key %q is malformed: %w", k, ErrCorrupt)
				}
				keys = append(keys, string(k[4:]))
			}
		} else {
			var err error
			if keys, err = peopleByPrefix(tx, ws, limit); err != nil {
				return err
			}
		}
		for _, k := range keys {
			rec, ok, err := loadPerson(tx, k)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("index points to missing person %s: %w", k, ErrCorrupt)
			}
			out = append(out, rec.info())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("people %q: %w", prefix, err)
	}
	return out, nil
}

type rankedKey struct {
	rank uint32
	key  string
}

// peopleByPrefix returns up to limit person keys, most quoted first, whose
// words include ws[:len-1] and a word starting with the last of ws.
func peopleByPrefix(tx *bolt.Tx, ws []string, limit int) ([]string, error) {
	b := tx.Bucket(bucketPeopleWords)
	last := []byte(ws[len(ws)-1])
	// top holds the most quoted people found so far; once it is full, a
	// word's less quoted people are not read.
	var top []rankedKey
	seen := make(map[string]bool)
	c := b.Cursor()
	k, _ := c.Seek(last)
	for words := 0; k != nil && bytes.HasPrefix(k, last) && words < maxPrefixWords; words++ {
		i := bytes.IndexByte(k, sep)
		if i < 0 {
			return nil, fmt.Errorf("people_words key %q is malformed: %w", k, ErrCorrupt)
		}
		word := append([]byte{}, k[:i+1]...)
		for ; k != nil && bytes.HasPrefix(k, word); k, _ = c.Next() {
			if len(k) < len(word)+5 {
				return nil, fmt.Errorf("people_words key %q is malformed: %w", k, ErrCorrupt)
			}
			r := binary.BigEndian.Uint32(k[len(word):])
			if len(top) == limit && r > top[limit-1].rank {
				break
			}
			key := string(k[len(word)+4:])
			if seen[key] || !hasPersonWords(b, ws[:len(ws)-1], r, key) {
				continue
			}
			seen[key] = true
			rk := rankedKey{r, key}
			at, _ := slices.BinarySearchFunc(top, rk, compareRanked)
			top = slices.Insert(top, at, rk)
			if len(top) > limit {
				top = top[:limit]
			}
		}
		// Skip the rest of this word's entries.
		k, _ = c.Seek(afterPrefix(word))
	}
	keys := make([]string, 0, len(top))
	for _, f := range top {
		keys = append(keys, f.key)
	}
	return keys, nil
}

// compareRanked orders people most quoted first, then by key.
func compareRanked(a, b rankedKey) int {
	if a.rank != b.rank {
		return cmp.Compare(a.rank, b.rank)
	}
	return strings.Compare(a.key, b.key)
}

func hasPersonWords(b *bolt.Bucket, ws []string, r uint32, key string) bool {
	for _, w := range ws {
		if b.Get(personWordKey(w, r, key)) == nil {
			return false
		}
	}
	return true
}

// maxSuggestWords bounds the distinct words SuggestPeople compares.
const maxSuggestWords = 20_000

// SuggestPeople returns up to limit known people whose name or alias words
// are closest to a possibly misspelt name ("Borel" → Josep Borrell), by
// edit distance (insertions, deletions, substitutions and transpositions)
// over words: people matching more of the query's words come first, then
// the smaller total distance, then the most quoted. A word matches within
// one edit for up to four letters, two up to eight, three beyond. Only
// words that start with the query word's first or second letter are
// compared: prefix scans of people_words, at most maxSuggestWords words.
func (db *DB) SuggestPeople(ctx context.Context, name string, limit int) ([]PersonInfo, error) {
	limit = clampLimit(limit)
	qs := words(name, map[string]bool{})
	if len(qs) == 0 {
		return nil, fmt.Errorf("suggest people for %q: no words to compare: %w", name, ErrInvalid)
	}
	if len(qs) > 8 {
		qs = qs[:8]
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	type score struct {
		matched, dist int
		rank          uint32
	}
	scores := make(map[string]*score)
	out := []PersonInfo{}
	err := db.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketPeopleWords).Cursor()
		visited := 0
		for _, q := range qs {
			best := make(map[string]int) // person → best distance for q
			maxD := maxEdits(q)
			starts := []string{firstRune(q)}
			if r := firstRune(q[len(starts[0]):]); r != "" && r != starts[0] {
				starts = append(starts, r)
			}
			for _, start := range starts {
				p := []byte(start)
				for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p) && visited < maxSuggestWords; visited++ {
					i := bytes.IndexByte(k, sep)
					if i < 0 {
						return fmt.Errorf("people_words key %q is malformed: %w", k, ErrCorrupt)
					}
					word := k[:i+1]
					w := string(k[:i])
					d := -1
					if abs(utf8.RuneCountInString(w)-utf8.RuneCountInString(q)) <= maxD {
						if e := editDistance(q, w); e <= maxD {
							d = e
						}
					}
					if d < 0 {
						k, _ = c.Seek(afterPrefix(word))
						continue
					}
					for ; k != nil && bytes.HasPrefix(k, word); k, _ = c.Next() {
						if len(k) < len(word)+5 {
							return fmt.Errorf("people_words key %q is malformed: %w", k, ErrCorrupt)
						}
						key := string(k[len(word)+4:])
						if old, ok := best[key]; !ok || d < old {
							best[key] = d
						}
						if s := scores[key]; s == nil {
							scores[key] = &score{rank: binary.BigEndian.Uint32(k[len(word):])}
						}
					}
				}
			}
			for key, d := range best {
				scores[key].matched++
				scores[key].dist += d
			}
		}
		keys := make([]string, 0, len(scores))
		for k, s := range scores {
			if s.matched > 0 {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := scores[keys[i]], scores[keys[j]]
			if a.matched != b.matched {
				return a.matched > b.matched
			}
			if a.dist != b.dist {
				return a.dist < b.dist
			}
			if a.rank != b.rank {
				return a.rank < b.rank
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys[:min(limit, len(keys))] {
			rec, ok, err := loadPerson(tx, k)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("people_words points to missing person %s: %w", k, ErrCorrupt)
			}
			out = append(out, rec.info())
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("suggest people for %q: %w", name, err)
	}
	return out, nil
}

func maxEdits(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n <= 4:
		return 1
	case n <= 8:
		return 2
	}
	return 3
}

func firstRune(s string) string {
	_, n := utf8.DecodeRuneInString(s)
	return s[:n]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent
// letters each count one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
