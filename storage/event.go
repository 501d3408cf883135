package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"sort"
	"time"

	"github.com/briefbot/briefbot/briefing"
	bolt "go.etcd.io/bbolt"
)

// Events are stored under article sequence number and position (events)
// and indexed by precision and the first day of their period
// (events_by_date): precision byte 0x00 YYYY-MM-DD 0x00 id 0x00 idx → seq. One range per precision
// makes "overlaps a window" a bounded scan: a period of precision p
// overlaps [from, to) exactly when it starts in [start of the p-period
// holding from, to).

// precisions lists the precisions finest first, with their key byte.
var precisions = []struct {
	p   briefing.Precision
	key byte
}{
	{briefing.Day, 'd'}, {briefing.Week, 'w'}, {briefing.Month, 'm'}, {briefing.Year, 'y'},
}

func precisionKey(p briefing.Precision) byte {
	for _, q := range precisions {
		if q.p == p {
			return q.key
		}
	}
	return 'd'
}

func eventDateKey(p briefing.Precision, day []byte, id string, i int) []byte {
	return join([]byte{precisionKey(p)}, day, []byte(id), u16(uint16(i)))
}

// addEvents stores rec's events under its sequence number and indexes
// them by date.
func (w *writer) addEvents(rec articleRecord) error {
	events := w.tx.Bucket(bucketEvents)
	events.FillPercent = appendFill
	byDate := w.tx.Bucket(bucketEventsByDate)
	seq := u32(rec.Seq)
	for i, e := range rec.Upcoming {
		data, err := encode(eventRecord{V: recordVersion, Seq: rec.Seq, Date: e.Date, Precision: e.Precision, Evidence: e.Evidence, What: e.What})
		if err != nil {
			return err
		}
		if err := events.Put(seqIndexKey(rec.Seq, i), data); err != nil {
			return err
		}
		if err := byDate.Put(eventDateKey(briefing.Precision(e.Precision), []byte(e.Date), rec.ID, i), seq); err != nil {
			return err
		}
	}
	return nil
}

// removeEvents deletes the events of article id (sequence number seq) and
// their index entries.
func (w *writer) removeEvents(seq uint32, id string) error {
	events := w.tx.Bucket(bucketEvents)
	byDate := w.tx.Bucket(bucketEventsByDate)
	prefix := u32(seq)
	var keys [][]byte
	c := events.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, append([]byte{}, k...))
	}
	for _, k := range keys {
		if len(k) != len(prefix)+2 {
			return fmt.Errorf("event key %x is malformed: %w", k, ErrCorrupt)
		}
		i := int(binary.BigEndian.Uint16(k[len(prefix):]))
		e, err := decodeEvent(events.Get(k))
		if err != nil {
			return fmt.Errorf("event %d of %s: %w", i, id, err)
		}
		if err := byDate.Delete(eventDateKey(briefing.Precision(e.Precision), []byte(e.Date), id, i)); err != nil {
			return err
		}
		if err := events.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// clampDate keeps t inside the years keys can hold.
func clampDate(t time.Time) time.Time {
	lo := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	if t.Before(lo) {
		return lo
	}
	if t.After(hi) {
		return hi
	}
	return t.UTC()
}

// EventsBetween returns up to limit events whose period overlaps
// [from, to): a month event counts in any window that overlaps its month.
// They are sorted by the first day of their period, finer precision first,
// then by article ID and position. Four range scans of events_by_date, one
// per precision, each stopping at limit entries.
func (db *DB) EventsBetween(ctx context.Context, from, to time.Time, limit int) ([]briefing.ScheduledEvent, error) {
	limit = clampLimit(limit)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	from, to = clampDate(from), clampDate(to)
	out := []briefing.ScheduledEvent{}
	if !from.Before(to) {
		return out, nil
	}
	hi := dayKey(ceilDay(to))
	type hit struct {
		day  string
		prec int
		id   string
		i    int
		seq  uint32
	}
	var hits []hit
	err := db.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketEventsByDate).Cursor()
		for pi, q := range precisions {
			lo := join([]byte{q.key}, dayKey(briefing.NewDate(from, q.p).Start))
			end := join([]byte{q.key}, hi)
			n := 0
			for k, v := c.Seek(lo); k != nil && bytes.Compare(k, end) < 0 && n < limit; k, v = c.Next() {
				if len(k) < 2+10+1+1+2 || k[len(k)-3] != sep || len(v) != 4 {
					return fmt.Errorf("events_by_date entry %q is malformed: %w", k, ErrCorrupt)
				}
				hits = append(hits, hit{
					day: string(k[2:12]), prec: pi, id: string(k[13 : len(k)-3]),
					i: int(binary.BigEndian.Uint16(k[len(k)-2:])), seq: binary.BigEndian.Uint32(v),
				})
				n++
			}
		}
		sort.Slice(hits, func(a, b int) bool {
			x, y := hits[a], hits[b]
			if x.day != y.day {
				return x.day < y.day
			}
			if x.prec != y.prec {
				return x.prec < y.prec
			}
			if x.id != y.id {
				return x.id < y.id
			}
			return x.i < y.i
		})
		if len(hits) > limit {
			hits = hits[:limit]
		}
		events := tx.Bucket(bucketEvents)
		refs := make(map[uint32]refRecord)
		for _, h := range hits {
			data := events.Get(seqIndexKey(h.seq, h.i))
			if data == nil {
				return fmt.Errorf("events_by_date points to missing event %d of %s: %w", h.i, h.id, ErrCorrupt)
			}
			er, err := decodeEvent(data)
			if err != nil {
				return fmt.Errorf("event %d of %s: %w", h.i, h.id, err)
			}
			e, err := er.event()
			if err != nil {
				return fmt.Errorf("event %d of %s: %w", h.i, h.id, err)
			}
			ref, err := loadRef(tx, er.Seq, refs)
			if err != nil {
				return err
			}
			out = append(out, briefing.ScheduledEvent{Event: e, Article: ref.articleRef()})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("events between %s and %s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	return out, nil
}
