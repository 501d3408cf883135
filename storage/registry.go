package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The people registry.
//
// A person's key is briefing.PersonKey of their canonical name: the name an
// article gives without the honorifics and role words in front of it
// (canonicalName). The aliases bucket maps every folded form of a person
// (name, alias seen in an article, ending of the name) to their key, with
// a kind:
//
//   - kindName: the canonical name ("josep borrell").
//   - kindTail: a proper ending of a full name ("borrell"), so that a bare
//     surname or title and surname resolves to whoever carries it.
//   - kindAlias: a form an article gave for the person.
//   - kindOrg: any form of an organisation, office or unnamed source. They
//     are keyed by their folded name and never take part in surname rules.
//   - kindPlaceholder: a form of a surname-only person (below).
//   - kindVia + surname: a form brought in by a surname-only mention that
//     was attributed to this person through that surname.
//
// The first three make a full-named person a carrier of the form.
//
// Identity rules, applied to each person an incoming article names:
//
//  1. An organisation is the organisation with its key.
//  2. A full name (two words or more once titles are stripped, not starting
//     with a particle) is that person: the same key, whatever else is known.
//  3. A surname-only name ("Mr. Kim", "Borrell", "von der Leyen") is the
//     person the same article names in full with that surname, if it names
//     exactly one. Otherwise it is the full-named person who carries that
//     surname when exactly one does in the whole store. Otherwise (none, or
//     several) it is a placeholder person keyed by the surname, which never
//     merges two known people.
//
// The rules are kept true whatever order articles arrive in. When a
// full-named person becomes the only carrier of a surname, the placeholder
// with that surname (if any) is merged into them: its quotes and aliases
// move over, filed as inferred through the surname. When a second
// full-named person starts carrying a surname, the quotes and aliases that
// were inferred through it for the first are moved back to the placeholder.
// So a quote from an article that names only "Mr. Kim" is filed under Sung
// Kim only while Sung Kim is the only Kim known; once Andy Kim is known it
// sits under the placeholder "Kim", and ResolvePerson("Mr. Kim") returns
// all three. A quote is never filed under a full-named person other than
// the one the article named, or the only one its surname can mean.
//
// Aliases and people are never deleted by a re-ingest (an alias seen once
// stays seen); quote counts are.

const (
	kindName        = "name"
	kindTail        = "tail"
	kindAlias       = "alias"
	kindOrg         = "org"
	kindPlaceholder = "ph"
	kindVia         = "via:"
)

// maxKindsPerPerson bounds the folded forms one person collects. Forms past
// it are not indexed (the name and its endings always are).
const maxKindsPerPerson = 300

// maxCarriers bounds the people read for one folded form.
const maxCarriers = 1000

func isCarrierKind(k string) bool { return k == kindName || k == kindTail || k == kindAlias }

// isShownKind reports whether a form of this kind is listed among a
// person's aliases.
func isShownKind(k string) bool {
	return k == kindAlias || k == kindOrg || k == kindPlaceholder || strings.HasPrefix(k, kindVia)
}

// kindStrength orders kinds: a form seen directly outranks one inferred.
func kindStrength(k string) int {
	switch k {
	case kindName:
		return 5
	case kindAlias, kindOrg:
		return 4
	case kindTail:
		return 3
	case kindPlaceholder:
		return 2
	}
	return 1 // kindVia
}

// rank orders people by quote count, most quoted first.
func rank(quotes int) uint32 {
	return math.MaxUint32 - uint32(min(max(quotes, 0), math.MaxUint32))
}

func rankKey(r uint32, key string) []byte { return append(u32(r), key...) }

func personWordKey(word string, r uint32, key string) []byte {
	return append(append(prefixOf(word), u32(r)...), key...)
}

// writer holds one write transaction's state: the people it has loaded and
// changed, written back by flush.
type writer struct {
	tx     *bolt.Tx
	now    time.Time
	people map[string]*cachedPerson
	order  []string
	// text and words hold the title and word index changes, applied by
	// flush.
	text  []titleOp
	words wordChanges
}

type cachedPerson struct {
	rec     personRecord
	exists  bool // on disk, with origWords and origQuotes indexed
	deleted bool
	// origWords and origQuotes describe the people_words and people_rank
	// entries on disk.
	origWords  []string
	origQuotes int
}

func newWriter(tx *bolt.Tx, now time.Time) *writer {
	return &writer{tx: tx, now: now, people: make(map[string]*cachedPerson)}
}

// person returns the person with key, or nil.
func (w *writer) person(key string) (*cachedPerson, error) {
	if cp, ok := w.people[key]; ok {
		if cp.deleted {
			return nil, nil
		}
		return cp, nil
	}
	data := w.tx.Bucket(bucketPeople).Get([]byte(key))
	if data == nil {
		return nil, nil
	}
	rec, err := decodePerson(data)
	if err != nil {
		return nil, fmt.Errorf("person %s: %w", key, err)
	}
	if rec.Kinds == nil {
		rec.Kinds = make(map[string]string)
	}
	cp := &cachedPerson{rec: rec, exists: true, origWords: rec.Words, origQuotes: rec.Quotes}
	w.people[key] = cp
	w.order = append(w.order, key)
	return cp, nil
}

// create adds a new person to the cache; flush writes it.
func (w *writer) create(rec personRecord) *cachedPerson {
	rec.V = recordVersion
	rec.Kinds = make(map[string]string)
	cp := &cachedPerson{rec: rec}
	if old, ok := w.people[rec.Key]; ok && old.deleted {
		// Re-created in the same transaction: the disk state is old's.
		cp.exists, cp.origWords, cp.origQuotes = old.exists, old.origWords, old.origQuotes
	} else {
		w.order = append(w.order, rec.Key)
	}
	w.people[rec.Key] = cp
	return cp
}

// flush applies the deferred index changes and writes every changed
// person with their rank and word entries.
func (w *writer) flush() error {
	if err := applyTitleOps(w.tx.Bucket(bucketTitles), w.text); err != nil {
		return err
	}
	if err := w.words.apply(w.tx.Bucket(bucketWords), w.tx.Bucket(bucketWordsRecent)); err != nil {
		return err
	}
	w.text, w.words = nil, wordChanges{}
	people := w.tx.Bucket(bucketPeople)
	ranks := w.tx.Bucket(bucketPeopleRank)
	wordsB := w.tx.Bucket(bucketPeopleWords)
	for _, key := range w.order {
		cp := w.people[key]
		newWords := personWords(cp.rec.Name, cp.rec.Aliases)
		changed := !cp.exists || cp.deleted || cp.origQuotes != cp.rec.Quotes || !slices.Equal(cp.origWords, newWords)
		if cp.exists && changed {
			r := rank(cp.origQuotes)
			if err := ranks.Delete(rankKey(r, key)); err != nil {
				return err
			}
			for _, word := range cp.origWords {
				if err := wordsB.Delete(personWordKey(word, r, key)); err != nil {
					return err
				}
			}
		}
		if cp.deleted {
			if err := people.Delete([]byte(key)); err != nil {
				return err
			}
			cp.exists = false
			continue
		}
		if changed {
			r := rank(cp.rec.Quotes)
			if err := ranks.Put(rankKey(r, key), nil); err != nil {
				return err
			}
			for _, word := range newWords {
				if err := wordsB.Put(personWordKey(word, r, key), nil); err != nil {
					return err
				}
			}
		}
		cp.rec.Words = newWords
		data, err := encode(cp.rec)
		if err != nil {
			return err
		}
		if err := people.Put([]byte(key), data); err != nil {
			return err
		}
		cp.exists, cp.origWords, cp.origQuotes = true, newWords, cp.rec.Quotes
	}
	return nil
}

// addAlias files the display form under cp with kind, keeping the stronger
// of an existing kind. It reports whether cp newly carries the folded form.
func (w *writer) addAlias(cp *cachedPerson, display, kind string) (string, bool, error) {
	f := foldPhrase(display)
	if f == "" {
		return "", false, nil
	}
	old, had := cp.rec.Kinds[f]
	if !had || kindStrength(kind) > kindStrength(old) {
		if !had && len(cp.rec.Kinds) >= maxKindsPerPerson && kind != kindName && kind != kindTail {
			return f, false, nil
		}
		cp.rec.Kinds[f] = kind
		if err := w.tx.Bucket(bucketAliases).Put(join([]byte(f), []byte(cp.rec.Key)), []byte(kind)); err != nil {
			return f, false, err
		}
	}
	// Show the form among the aliases when it just became an alias of its
	// own: the name and its endings are shown by the name already.
	final := cp.rec.Kinds[f]
	if isShownKind(final) && !(had && isShownKind(old)) && f != foldPhrase(cp.rec.Name) && len(cp.rec.Aliases) < maxKindsPerPerson {
		cp.rec.Aliases = append(cp.rec.Aliases, display)
	}
	newly := isCarrierKind(final) && (!had || !isCarrierKind(old))
	return f, newly, nil
}

// carriers returns the keys of the full-named people who carry folded form f.
func (w *writer) carriers(f string) ([]string, error) {
	prefix := prefixOf(f)
	var out []string
	c := w.tx.Bucket(bucketAliases).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if isCarrierKind(string(v)) {
			out = append(out, string(k[len(prefix):]))
			if len(out) >= maxCarriers {
				break
			}
		}
	}
	return out, nil
}

// mention is one person as an article names them.
type mention struct {
	display string
	org     bool
	aliases []string
	// key is the registry person the mention resolved to; via is the
	// surname it was attributed through, if any.
	key, via string
}

// assignment is the person a quote is filed under.
type assignment struct{ person, via string }

// resolvePeople registers the people rec names and returns, for each of
// its quotes, the person it is filed under.
func (w *writer) resolvePeople(rec articleRecord) ([]assignment, error) {
	var ms []*mention
	byForm := make(map[string]*mention)
	addForm := func(form string, m *mention) {
		if k := personKey(form); k != "" && byForm[k] == nil {
			byForm[k] = m
		}
	}
	for _, p := range rec.People {
		m := &mention{display: p.Name, org: p.Org, aliases: p.Aliases}
		ms = append(ms, m)
		addForm(p.Key, m)
		addForm(p.Name, m)
		for _, a := range p.Aliases {
			addForm(a, m)
		}
	}
	speakers := make([]*mention, len(rec.Quotes))
	for i, q := range rec.Quotes {
		m := byForm[personKey(q.SpeakerKey)]
		if m == nil {
			m = byForm[personKey(q.Speaker)]
		}
		if m == nil && personKey(q.Speaker) != "" {
			m = &mention{display: q.Speaker}
			ms = append(ms, m)
			addForm(q.Speaker, m)
		}
		speakers[i] = m
	}
	// Full names first, so that a surname-only mention sees every full
	// name the same article gives.
	for _, m := range ms {
		if m.org || !surnameOnly(canonicalName(m.display)) {
			if err := w.resolveFull(m); err != nil {
				return nil, err
			}
		}
	}
	var full []string
	for _, m := range ms {
		if !m.org && !surnameOnly(canonicalName(m.display)) {
			full = append(full, m.key)
		}
	}
	for _, m := range ms {
		if !m.org && surnameOnly(canonicalName(m.display)) {
			if err := w.resolveSurname(m, full); err != nil {
				return nil, err
			}
		}
	}
	out := make([]assignment, len(rec.Quotes))
	for i, m := range speakers {
		if m != nil {
			out[i] = assignment{person: m.key, via: m.via}
		}
	}
	return out, nil
}

// resolveFull files a full-named person or an organisation (rules 1, 2).
func (w *writer) resolveFull(m *mention) error {
	name := m.display
	if !m.org {
		name = canonicalName(m.display)
	}
	key := personKey(name)
	cp, err := w.person(key)
	if err != nil {
		return err
	}
	if cp == nil {
		cp = w.create(personRecord{Key: key, Name: name, Org: m.org})
	} else if cp.rec.Placeholder {
		// The surname-only person turns out to be this full name (or
		// organisation) with the same key.
		cp.rec.Placeholder, cp.rec.Org, cp.rec.Name = false, m.org, name
	}
	m.key = key
	nameKind, aliasKind := kindName, kindAlias
	if cp.rec.Org {
		nameKind, aliasKind = kindOrg, kindOrg
	}
	var carried []string
	add := func(display, kind string) error {
		f, newly, err := w.addAlias(cp, display, kind)
		if newly {
			carried = append(carried, f)
		}
		return err
	}
	if err := add(name, nameKind); err != nil {
		return err
	}
	if !cp.rec.Org {
		for _, t := range nameTails(name) {
			if err := add(t, kindTail); err != nil {
				return err
			}
		}
	}
	if err := add(m.display, aliasKind); err != nil {
		return err
	}
	for _, a := range m.aliases {
		if err := add(a, aliasKind); err != nil {
			return err
		}
	}
	for _, f := range carried {
		if err := w.surnameCheck(f, key); err != nil {
			return err
		}
	}
	return nil
}

// resolveSurname files a surname-only mention (rule 3). When the same
// article names exactly one person in full who carries the surname, the
// mention is that person, whoever else carries it elsewhere: within one
// article "Kim" after "Sung Kim" is Sung Kim.
func (w *writer) resolveSurname(m *mention, full []string) error {
	canon := canonicalName(m.display)
	s := foldPhrase(canon)
	var local *cachedPerson
	n := 0
	for _, key := range full {
		cp, err := w.person(key)
		if err != nil {
			return err
		}
		if cp != nil && isCarrierKind(cp.rec.Kinds[s]) && (local == nil || local.rec.Key != key) {
			local = cp
			n++
		}
	}
	if n == 1 {
		m.key = local.rec.Key
		for _, d := range append([]string{m.display}, m.aliases...) {
			if _, _, err := w.addAlias(local, d, kindAlias); err != nil {
				return err
			}
		}
		return nil
	}
	cs, err := w.carriers(s)
	if err != nil {
		return err
	}
	if len(cs) == 1 {
		cp, err := w.person(cs[0])
		if err != nil {
			return err
		}
		if cp == nil {
			return fmt.Errorf("alias %q names person %s, who is not stored: %w", s, cs[0], ErrCorrupt)
		}
		m.key, m.via = cs[0], s
		for _, d := range append([]string{m.display}, m.aliases...) {
			if _, _, err := w.addAlias(cp, d, kindVia+s); err != nil {
				return err
			}
		}
		return nil
	}
	key := personKey(canon)
	cp, err := w.person(key)
	if err != nil {
		return err
	}
	if cp == nil {
		cp = w.create(personRecord{Key: key, Name: canon, Placeholder: true})
	}
	kind := kindPlaceholder
	switch {
	case cp.rec.Org:
		kind = kindOrg
	case !cp.rec.Placeholder:
		kind = kindAlias
	}
	m.key = key
	for _, d := range append([]string{canon, m.display}, m.aliases...) {
		if _, _, err := w.addAlias(cp, d, kind); err != nil {
			return err
		}
	}
	return nil
}

// surnameCheck restores the rules after person key newly carries folded
// form f: a placeholder for f merges into key when key is the only
// carrier; inferences through f for the other carrier are undone when key
// is the second.
func (w *writer) surnameCheck(f, key string) error {
	cs, err := w.carriers(f)
	if err != nil {
		return err
	}
	switch len(cs) {
	case 1:
		if cs[0] != key {
			return nil
		}
		ph, err := w.person(personKey(f))
		if err != nil || ph == nil || !ph.rec.Placeholder || ph.rec.Key == key {
			return err
		}
		to, err := w.person(key)
		if err != nil {
			return err
		}
		return w.mergePlaceholder(ph, to, f)
	case 2:
		other := cs[0]
		if other == key {
			other = cs[1]
		}
		g, err := w.person(other)
		if err != nil || g == nil {
			return err
		}
		return w.revertInferred(g, f)
	}
	return nil
}

// parseQuotePersonKey splits the part of a quotes_by_person key after the
// person prefix: YYYY-MM-DD 0x00 id 0x00 inverted idx.
func parseQuotePersonKey(rest []byte) (day, id []byte, idx int, ok bool) {
	if len(rest) < 10+1+1+2 || rest[10] != sep || rest[len(rest)-3] != sep {
		return nil, nil, 0, false
	}
	inv := binary.BigEndian.Uint16(rest[len(rest)-2:])
	return rest[:10], rest[11 : len(rest)-3], int(math.MaxUint16 - inv), true
}

func quotePersonKey(person string, day []byte, id string, i int) []byte {
	return join([]byte(person), day, []byte(id), invIndex(i))
}

func inferredKey(surname, person, id string, i int) []byte {
	return join([]byte(surname), []byte(person), []byte(id), u16(uint16(i)))
}

// quoteRef names one quote: its article's sequence number and ID and its
// position.
type quoteRef struct {
	seq uint32
	id  string
	i   int
}

// moveQuote files quote r under person to (through surname via, or
// directly when via is empty), taking it from its current person.
func (w *writer) moveQuote(r quoteRef, to *cachedPerson, via string) error {
	id, i, seq := r.id, r.i, u32(r.seq)
	quotes := w.tx.Bucket(bucketQuotes)
	qk := seqIndexKey(r.seq, i)
	q, err := decodeQuote(quotes.Get(qk))
	if err != nil {
		return fmt.Errorf("quote %d of %s: %w", i, id, err)
	}
	byPerson := w.tx.Bucket(bucketQuotesByPerson)
	inferred := w.tx.Bucket(bucketInferred)
	if q.Person != "" {
		from, err := w.person(q.Person)
		if err != nil {
			return err
		}
		if err := byPerson.Delete(quotePersonKey(q.Person, []byte(q.Day), id, i)); err != nil {
			return err
		}
		if from != nil {
			from.rec.Quotes--
		}
	}
	if q.Via != "" {
		if err := inferred.Delete(inferredKey(q.Via, q.Person, id, i)); err != nil {
			return err
		}
	}
	q.Person, q.Via = to.rec.Key, via
	if err := byPerson.Put(quotePersonKey(q.Person, []byte(q.Day), id, i), seq); err != nil {
		return err
	}
	to.rec.Quotes++
	if via != "" {
		if err := inferred.Put(inferredKey(via, q.Person, id, i), seq); err != nil {
			return err
		}
	}
	data, err := encode(q)
	if err != nil {
		return err
	}
	return quotes.Put(qk, data)
}

// mergePlaceholder moves placeholder ph's quotes and aliases to person to,
// as inferred through surname s, and deletes ph.
func (w *writer) mergePlaceholder(ph, to *cachedPerson, s string) error {
	prefix := prefixOf(ph.rec.Key)
	var moves []quoteRef
	c := w.tx.Bucket(bucketQuotesByPerson).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		_, id, i, ok := parseQuotePersonKey(k[len(prefix):])
		if !ok || len(v) != 4 {
			return fmt.Errorf("quotes_by_person entry %q is malformed: %w", k, ErrCorrupt)
		}
		moves = append(moves, quoteRef{binary.BigEndian.Uint32(v), string(id), i})
	}
	for _, m := range moves {
		if err := w.moveQuote(m, to, s); err != nil {
			return err
		}
	}
	aliases := w.tx.Bucket(bucketAliases)
	for f := range ph.rec.Kinds {
		if err := aliases.Delete(join([]byte(f), []byte(ph.rec.Key))); err != nil {
			return err
		}
	}
	for _, d := range append([]string{ph.rec.Name}, ph.rec.Aliases...) {
		if _, _, err := w.addAlias(to, d, kindVia+s); err != nil {
			return err
		}
	}
	ph.deleted = true
	return nil
}

// revertInferred moves the quotes and aliases g holds through surname s
// to the placeholder for s, because s no longer means g alone.
func (w *writer) revertInferred(g *cachedPerson, s string) error {
	var viaForms []string
	for f, k := range g.rec.Kinds {
		if k == kindVia+s {
			viaForms = append(viaForms, f)
		}
	}
	sort.Strings(viaForms)
	prefix := join([]byte(s), []byte(g.rec.Key), nil)
	var moves []quoteRef
	c := w.tx.Bucket(bucketInferred).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		rest := k[len(prefix):]
		if len(rest) < 3 || rest[len(rest)-3] != sep || len(v) != 4 {
			return fmt.Errorf("inferred entry %q is malformed: %w", k, ErrCorrupt)
		}
		moves = append(moves, quoteRef{binary.BigEndian.Uint32(v), string(rest[:len(rest)-3]), int(binary.BigEndian.Uint16(rest[len(rest)-2:]))})
	}
	if len(moves) == 0 && len(viaForms) == 0 {
		return nil
	}
	name := surnameDisplay(g.rec, s)
	key := personKey(name)
	ph, err := w.person(key)
	if err != nil {
		return err
	}
	if ph == nil {
		ph = w.create(personRecord{Key: key, Name: name, Placeholder: true})
		if _, _, err := w.addAlias(ph, name, kindPlaceholder); err != nil {
			return err
		}
	}
	for _, m := range moves {
		if err := w.moveQuote(m, ph, ""); err != nil {
			return err
		}
	}
	aliases := w.tx.Bucket(bucketAliases)
	for _, f := range viaForms {
		if err := aliases.Delete(join([]byte(f), []byte(g.rec.Key))); err != nil {
			return err
		}
		delete(g.rec.Kinds, f)
		display := f
		kept := g.rec.Aliases[:0]
		for _, a := range g.rec.Aliases {
			if foldPhrase(a) == f {
				display = a
				continue
			}
			kept = append(kept, a)
		}
		g.rec.Aliases = kept
		if _, _, err := w.addAlias(ph, display, kindPlaceholder); err != nil {
			return err
		}
	}
	return nil
}

// surnameDisplay returns surname s as person p writes it: the ending of
// their name that folds to s ("Müller" rather than "muller").
func surnameDisplay(p personRecord, s string) string {
	ws := strings.Fields(p.Name)
	for k := 1; k <= len(ws); k++ {
		tail := strings.Join(ws[len(ws)-k:], " ")
		if foldPhrase(tail) == s {
			return tail
		}
	}
	for _, a := range p.Aliases {
		if c := canonicalName(a); foldPhrase(c) == s {
			return c
		}
	}
	return s
}

// addQuotes files rec's quotes under the people the registry resolves.
func (w *writer) addQuotes(rec articleRecord) error {
	if len(rec.Quotes) == 0 && len(rec.People) == 0 {
		return nil
	}
	assign, err := w.resolvePeople(rec)
	if err != nil {
		return err
	}
	day := dayKey(rec.Published)
	seq := u32(rec.Seq)
	quotes := w.tx.Bucket(bucketQuotes)
	quotes.FillPercent = appendFill
	byPerson := w.tx.Bucket(bucketQuotesByPerson)
	inferred := w.tx.Bucket(bucketInferred)
	for i, q := range rec.Quotes {
		a := assign[i]
		qr := quoteRecord{
			V: recordVersion, Seq: rec.Seq, Day: string(day), Speaker: q.Speaker,
			SpeakerKey: q.SpeakerKey, Text: q.Text, Partial: q.Partial,
			Paragraph: q.Paragraph, Person: a.person, Via: a.via,
		}
		data, err := encode(qr)
		if err != nil {
			return err
		}
		if err := quotes.Put(seqIndexKey(rec.Seq, i), data); err != nil {
			return err
		}
		if a.person == "" {
			continue
		}
		cp, err := w.person(a.person)
		if err != nil {
			return err
		}
		if cp == nil {
			return fmt.Errorf("quote %d resolved to person %s, who is not stored", i, a.person)
		}
		cp.rec.Quotes++
		if err := byPerson.Put(quotePersonKey(a.person, day, rec.ID, i), seq); err != nil {
			return err
		}
		if a.via != "" {
			if err := inferred.Put(inferredKey(a.via, a.person, rec.ID, i), seq); err != nil {
				return err
			}
		}
	}
	return nil
}

// removeQuotes deletes the quotes of article id (sequence number seq) and
// their index entries.
func (w *writer) removeQuotes(seq uint32, id string) error {
	quotes := w.tx.Bucket(bucketQuotes)
	byPerson := w.tx.Bucket(bucketQuotesByPerson)
	inferred := w.tx.Bucket(bucketInferred)
	prefix := u32(seq)
	var keys [][]byte
	c := quotes.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, append([]byte{}, k...))
	}
	for _, k := range keys {
		if len(k) != len(prefix)+2 {
			return fmt.Errorf("quote key %x is malformed: %w", k, ErrCorrupt)
		}
		i := int(binary.BigEndian.Uint16(k[len(prefix):]))
		q, err := decodeQuote(quotes.Get(k))
		if err != nil {
			return fmt.Errorf("quote %d of %s: %w", i, id, err)
		}
		if q.Person != "" {
			if err := byPerson.Delete(quotePersonKey(q.Person, []byte(q.Day), id, i)); err != nil {
				return err
			}
			cp, err := w.person(q.Person)
			if err != nil {
				return err
			}
			if cp != nil {
				cp.rec.Quotes--
			}
		}
		if q.Via != "" {
			if err := inferred.Delete(inferredKey(q.Via, q.Person, id, i)); err != nil {
				return err
			}
		}
		if err := quotes.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
