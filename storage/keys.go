package storage

import (
	"bytes"
	"encoding/binary"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Key encoding. Every key is built so that bytes.Compare orders it the way
// queries read it: text parts are separated by 0x00 (which no part
// contains, so "lavrov" never prefix-matches "lavrova"), dates are
// YYYY-MM-DD, counters and times are fixed-width big-endian.

const sep = 0x00

// join concatenates key parts with 0x00 separators.
func join(parts ...[]byte) []byte {
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	for i, p := range parts {
		if i > 0 {
			k = append(k, sep)
		}
		k = append(k, p...)
	}
	return k
}

// prefixOf returns s followed by the separator: the prefix of every key
// whose first part is exactly s.
func prefixOf(s string) []byte {
	return append([]byte(s), sep)
}

// dayKey formats t's UTC calendar day as YYYY-MM-DD.
func dayKey(t time.Time) []byte {
	return t.UTC().AppendFormat(make([]byte, 0, 10), "2006-01-02")
}

// ceilDay returns the first midnight UTC at or after t.
func ceilDay(t time.Time) time.Time {
	t = t.UTC()
	d := t.Truncate(24 * time.Hour)
	if d.Before(t) {
		d = d.Add(24 * time.Hour)
	}
	return d
}

// u16 encodes v big-endian in two bytes.
func u16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }

// u32 encodes v big-endian in four bytes.
func u32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }

// u64 encodes v big-endian in eight bytes.
func u64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

// timeKey encodes t as eight big-endian bytes that sort in time order
// (Unix nanoseconds with the sign bit flipped).
func timeKey(t time.Time) []byte {
	return u64(uint64(t.UnixNano()) ^ (1 << 63))
}

// epochDays is the number of days from 0001-01-01 to 1970-01-01.
const epochDays = 719162

// dayNumber returns the days since 0001-01-01 of t's UTC date: a four-byte
// sortable date for the word index, where keys are many and small.
func dayNumber(t time.Time) uint32 {
	d := t.UTC().Unix()/86400 + epochDays
	if t.UTC().Unix() < 0 && t.UTC().Unix()%86400 != 0 {
		d--
	}
	if d < 0 {
		return 0
	}
	return uint32(d)
}

// posting is the suffix of a word-index key: the article's publication day
// and sequence number, eight bytes that sort oldest first.
type posting uint64

func newPosting(day, seq uint32) posting { return posting(uint64(day)<<32 | uint64(seq)) }

func (p posting) seq() uint32   { return uint32(p) }
func (p posting) bytes() []byte { return u64(uint64(p)) }

// postingKey is word 0x00 posting.
func postingKey(word string, p posting) []byte {
	return append(prefixOf(word), p.bytes()...)
}

// lastWithPrefix positions c on the last key that starts with prefix.
func lastWithPrefix(c *bolt.Cursor, prefix []byte) (k, v []byte) {
	end := afterPrefix(prefix)
	if end == nil {
		k, v = c.Last()
	} else if k, _ = c.Seek(end); k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k != nil && !bytes.HasPrefix(k, prefix) {
		return nil, nil
	}
	return k, v
}

// afterPrefix returns the smallest key greater than every key that starts
// with prefix, or nil when there is none (prefix is all 0xff).
func afterPrefix(prefix []byte) []byte {
	end := append([]byte{}, prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < math.MaxUint8 {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// invIndex encodes a quote's position so that reading a person's quotes
// backwards (newest first) keeps reading order within one article.
func invIndex(i int) []byte { return u16(math.MaxUint16 - uint16(i)) }

// seqIndexKey is seq idx, six bytes: the key of a quote or event record.
func seqIndexKey(seq uint32, i int) []byte {
	return binary.BigEndian.AppendUint16(u32(seq), uint16(i))
}
