package bot

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"time"
	// The zone database is compiled in, so time zones load on machines
	// without /usr/share/zoneinfo (scratch containers, Windows).
	_ "time/tzdata"

	"github.com/bwmarrin/discordgo"
)

//go:generate go run gen_timezones.go

//go:embed timezones.txt
var timezoneList string

// zoneIndex answers time zone autocomplete over the IANA names.
type zoneIndex struct {
	names  []string
	folded []string // lower case, '_' as ' '
}

var (
	zonesOnce sync.Once
	zones     *zoneIndex
)

// loadZones builds the index once per process; it is read-only after.
func loadZones() *zoneIndex {
	zonesOnce.Do(func() {
		z := &zoneIndex{}
		for _, n := range strings.Fields(timezoneList) {
			z.names = append(z.names, n)
			z.folded = append(z.folded, foldZone(n))
		}
		zones = z
	})
	return zones
}

func foldZone(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", " "))
}

// resolve returns the IANA name for what a user typed ("europe/paris",
// "Europe/Paris", "Paris" when one zone's city is Paris) and its location.
func (z *zoneIndex) resolve(typed string) (string, *time.Location, bool) {
	typed = strings.TrimSpace(typed)
	if typed == "" || strings.EqualFold(typed, "local") {
		return "", nil, false
	}
	f := foldZone(typed)
	name := ""
	for i, n := range z.folded {
		if n == f {
			name = z.names[i]
			break
		}
	}
	if name == "" {
		var cities []string
		for i, n := range z.folded {
			if _, city, ok := strings.Cut(n, "/"); ok && (city == f || strings.HasSuffix(city, "/"+f)) {
				cities = append(cities, z.names[i])
			}
		}
		if len(cities) == 1 {
			name = cities[0]
		}
	}
	if name == "" {
		name = typed // a name outside the list that Go still knows ("US/Eastern")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return "", nil, false
	}
	return name, loc, true
}

// complete returns up to 25 zones matching typed: names that start with
// it first, then names whose city starts with it, then names containing
// it; each group in alphabetical order.
func (z *zoneIndex) complete(typed string) []*discordgo.ApplicationCommandOptionChoice {
	f := foldZone(typed)
	type hit struct {
		rank int
		name string
	}
	var hits []hit
	for i, n := range z.folded {
		rank := -1
		switch {
		case f == "":
			rank = 0
		case strings.HasPrefix(n, f):
			rank = 0
		case cityPrefix(n, f):
			rank = 1
		case strings.Contains(n, f):
			rank = 2
		}
		if rank >= 0 {
			hits = append(hits, hit{rank, z.names[i]})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank < hits[b].rank })
	out := []*discordgo.ApplicationCommandOptionChoice{}
	for _, h := range hits {
		if len(out) == maxChoices {
			break
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: h.name, Value: h.name})
	}
	return out
}

func cityPrefix(folded, typed string) bool {
	for {
		_, rest, ok := strings.Cut(folded, "/")
		if !ok {
			return false
		}
		if strings.HasPrefix(rest, typed) {
			return true
		}
		folded = rest
	}
}
