package storage

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// An article's content (body paragraphs, summary and people) is stored
// apart from its small header record (refs), compressed, in bodies under
// the article's sequence number: the header is what quote, event and title
// lists read, and the content is most of an article's bytes. Body text
// compresses two to three times, and the summary and the people's names
// repeat the body, so they cost little more inside the same stream.
// Reading an article back decompresses it: tens of microseconds, the
// largest part of Briefing and of each result of Search and Latest.
//
// A content value is one version byte, the uncompressed length (uvarint)
// and a raw DEFLATE stream of:
//
//	paragraphs  list of strings
//	summary     list of strings
//	people      count, then per person: key, name, aliases (list), org (byte)
//	quotes      count of the article's quote records (list header only)
//	upcoming    count of the article's event records (list header only)
//
// A string is its length (uvarint) and its bytes. A list or count is
// uvarint n+1, or 0 for a nil list, so that a briefing comes back with nil
// where it had nil and an empty list where it had one.

const contentVersion = 1

// maxContentBytes bounds the uncompressed content a value may claim: more
// than validation lets in (MaxBodyBytes plus the rest) means corruption.
const maxContentBytes = 64 << 20

// contentFlateLevel trades ingest time for file size; on generated
// articles (4.3 KB of content) BestSpeed compresses 2.7 times, the default
// level 2.9 times in twice the time, and reading back costs the same.
const contentFlateLevel = flate.BestSpeed

var flateWriters = sync.Pool{New: func() any {
	w, err := flate.NewWriter(io.Discard, contentFlateLevel)
	if err != nil {
		panic(err) // only for an invalid level
	}
	return w
}}

var flateReaders = sync.Pool{New: func() any { return flate.NewReader(bytes.NewReader(nil)) }}

// binWriter appends the binary encoding of content and digests.
type binWriter struct{ b []byte }

func (e *binWriter) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (e *binWriter) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// count writes a list header: n+1, or 0 for nil.
func (e *binWriter) count(isNil bool, n int) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

func (e *binWriter) strs(ss []string) {
	e.count(ss == nil, len(ss))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *binWriter) flag(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

var errShort = errors.New("value ends early")

// binReader reads what binWriter wrote.
type binReader struct {
	b   []byte
	err error
}

func (d *binReader) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errShort
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *binReader) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errShort
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// count reads a list header: nil is true for a nil list.
func (d *binReader) count() (n int, isNil bool) {
	v := d.uvarint()
	if d.err != nil || v == 0 {
		return 0, true
	}
	// Each element takes at least a byte, so more than remain is damage.
	if v-1 > uint64(len(d.b)) {
		d.err = errShort
		return 0, true
	}
	return int(v - 1), false
}

// size reads a list header of a list stored elsewhere.
func (d *binReader) size() (n int, isNil bool) {
	v := d.uvarint()
	if d.err != nil || v == 0 {
		return 0, true
	}
	if v-1 > maxListLen {
		d.err = errShort
		return 0, true
	}
	return int(v - 1), false
}

// maxListLen bounds a list stored elsewhere: no briefing has more quotes or
// events than validation lets in.
const maxListLen = max(MaxQuotes, MaxEvents)

func (d *binReader) strs() []string {
	n, isNil := d.count()
	if isNil {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *binReader) flag() bool {
	if d.err != nil {
		return false
	}
	if len(d.b) == 0 {
		d.err = errShort
		return false
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v != 0
}

// appendContent appends the uncompressed content of rec.
func appendContent(e *binWriter, rec *articleRecord) {
	e.strs(rec.Paragraphs)
	e.strs(rec.Summary)
	e.count(rec.People == nil, len(rec.People))
	for _, p := range rec.People {
		e.str(p.Key)
		e.str(p.Name)
		e.strs(p.Aliases)
		e.flag(p.Org)
	}
	e.count(rec.Quotes == nil, len(rec.Quotes))
	e.count(rec.Upcoming == nil, len(rec.Upcoming))
}

// encodeContent returns the bodies value of rec, using buf (which it may
// grow) for the uncompressed bytes.
func encodeContent(rec *articleRecord, buf []byte) ([]byte, []byte, error) {
	e := binWriter{b: buf[:0]}
	appendContent(&e, rec)
	raw := e.b
	out := bytes.NewBuffer(make([]byte, 0, len(raw)/2+16))
	out.WriteByte(contentVersion)
	out.Write(binary.AppendUvarint(nil, uint64(len(raw))))
	zw := flateWriters.Get().(*flate.Writer)
	defer flateWriters.Put(zw)
	zw.Reset(out)
	if _, err := zw.Write(raw); err != nil {
		return nil, raw, err
	}
	if err := zw.Close(); err != nil {
		return nil, raw, err
	}
	return out.Bytes(), raw, nil
}

// articleContent is what a bodies value holds.
type articleContent struct {
	Paragraphs, Summary []string
	People              []personJSON
	// Quotes and Upcoming are the number of quote and event records the
	// article has; nil* when its briefing had a nil list.
	Quotes, Upcoming       int
	nilQuotes, nilUpcoming bool
}

// decodeContent reads a bodies value.
func decodeContent(v []byte) (articleContent, error) {
	var c articleContent
	if len(v) < 2 {
		return c, fmt.Errorf("content of %d bytes: %w", len(v), ErrCorrupt)
	}
	if v[0] != contentVersion {
		return c, fmt.Errorf("content version %d, want %d: %w", v[0], contentVersion, ErrCorrupt)
	}
	size, n := binary.Uvarint(v[1:])
	if n <= 0 || size > maxContentBytes {
		return c, fmt.Errorf("content length is malformed: %w", ErrCorrupt)
	}
	zr := flateReaders.Get().(io.ReadCloser)
	defer flateReaders.Put(zr)
	if err := zr.(flate.Resetter).Reset(bytes.NewReader(v[1+n:]), nil); err != nil {
		return c, fmt.Errorf("content: %v: %w", err, ErrCorrupt)
	}
	raw := make([]byte, size)
	if _, err := io.ReadFull(zr, raw); err != nil {
		return c, fmt.Errorf("content: %v: %w", err, ErrCorrupt)
	}
	d := binReader{b: raw}
	c.Paragraphs = d.strs()
	c.Summary = d.strs()
	if np, isNil := d.count(); !isNil {
		c.People = make([]personJSON, np)
		for i := range c.People {
			c.People[i] = personJSON{Key: d.str(), Name: d.str(), Aliases: d.strs(), Org: d.flag()}
		}
	}
	c.Quotes, c.nilQuotes = d.size()
	c.Upcoming, c.nilUpcoming = d.size()
	if d.err != nil || len(d.b) != 0 {
		return c, fmt.Errorf("content is malformed: %w", ErrCorrupt)
	}
	return c, nil
}

// digestOf identifies everything of rec that a briefing holds (not the
// times the store sets), so that an unchanged re-ingest is found without
// reading the stored article. raw is rec's uncompressed content.
func digestOf(rec *articleRecord, raw []byte) string {
	e := binWriter{b: make([]byte, 0, 256)}
	e.str(rec.ID)
	e.str(rec.Title)
	e.str(rec.Published.UTC().Format(time.RFC3339Nano))
	e.str(rec.Source)
	e.str(rec.URL)
	for _, q := range rec.Quotes {
		e.str(q.Speaker)
		e.str(q.SpeakerKey)
		e.str(q.Text)
		e.flag(q.Partial)
		e.uvarint(uint64(q.Paragraph))
	}
	for _, ev := range rec.Upcoming {
		e.str(ev.Date)
		e.str(ev.Precision)
		e.str(ev.Evidence)
		e.str(ev.What)
	}
	h := sha256.New()
	h.Write(e.b)
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil)[:16])
}
