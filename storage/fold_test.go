package storage

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/briefbot/briefbot/briefing"
)

// The fast folds must agree with briefing.FoldName, which defines person
// keys for the whole program.

var foldSamples = []string{
	"Josep Borrell", "JOSEP BORRELL's", "Borrell’s", "Šefčovič", "Erdoğan", "Müller-Lüdenscheidt",
	"Ursula von der Leyen", "O'Brien", "o's", "'S", "Ærø", "Straße", "Łódź", "Ĳssel", "e\u0301te\u0301",
	"Zelensky (Зеленський)", "Xi Jinping 习近平", "U.N. Secretary-General", "×÷", "naïve café", "",
	"  spaced   out  ", "Kyiv's allies'", "l'Élysée", "ǅemal", "Œuvre", "O'Shea", "O'Sullivan's", "'s", "a's",
	"Müller's", "Müller'sé", "2021's", "it''s", "x'S.", "é's",
}

func randomText(r *rand.Rand) string {
	alphabet := []rune("aAzZ09 -.'’sSéÉöÖßæÆłŁğĳǅœŒ\u0301\u0308×ЗжΩ习中\t,")
	n := r.IntN(20)
	var b strings.Builder
	for range n {
		b.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

func TestFoldName_agreesWithBriefing(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	samples := append([]string{}, foldSamples...)
	for range 20000 {
		samples = append(samples, randomText(r))
	}
	for _, s := range samples {
		if got, want := foldName(s), briefing.FoldName(s); got != want {
			t.Fatalf("foldName(%q) = %q, briefing.FoldName = %q", s, got, want)
		}
		if got, want := personKey(s), briefing.PersonKey(s); got != want {
			t.Fatalf("personKey(%q) = %q, briefing.PersonKey = %q", s, got, want)
		}
		// words folds each run of letters as FoldName folds the text. (With
		// apostrophes they differ on purpose: FoldName drops "'s" even
		// inside "O'Sullivan"; words splits there and keeps "sullivan".)
		if strings.ContainsAny(s, "'’") {
			continue
		}
		var want []string
		seen := map[string]bool{}
		for _, f := range strings.Fields(briefing.FoldName(s)) {
			if len([]rune(f)) >= 2 && len(f) <= maxWordBytes && !stopWords[f] && !seen[f] {
				seen[f] = true
				want = append(want, f)
			}
		}
		if got := words(s, map[string]bool{}); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Fatalf("words(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestCanonicalName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Josep Borrell", "Josep Borrell"},
		{"EU foreign policy chief Josep Borrell", "Josep Borrell"},
		{"Foreign Minister Sergei Lavrov", "Sergei Lavrov"},
		{"U.S. Secretary of State Antony Blinken", "Antony Blinken"},
		{"Secretary-General António Guterres", "António Guterres"},
		{"Ursula von der Leyen", "Ursula von der Leyen"},
		{"Crown Prince Mohammed bin Salman", "Mohammed bin Salman"},
		{"President Abdel Fattah el-Sisi", "Abdel Fattah el-Sisi"},
		{"Mr. Kim", "Kim"},
		{"Ms. von der Leyen", "von der Leyen"},
		{"Martin Luther King", "Martin Luther King"},
		{"josep borrell", "josep borrell"},
		{"Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"},
		{"Minister", "Minister"},
	}
	for _, tt := range tests {
		if got := canonicalName(tt.in); got != tt.want {
			t.Errorf("canonicalName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for in, want := range map[string]bool{"Kim": true, "von der Leyen": true, "Josep Borrell": false, "Kim Jong Un": false} {
		if got := surnameOnly(in); got != want {
			t.Errorf("surnameOnly(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestSchemaVersion(t *testing.T) {
	if len(migrations) != SchemaVersion {
		t.Errorf("%d migrations but SchemaVersion %d: bump one with the other", len(migrations), SchemaVersion)
	}
}

// TestIsStopWord checks the shape filter against the stop word list.
func TestIsStopWord(t *testing.T) {
	for w := range stopWords {
		if len(w) > maxStopLen {
			t.Errorf("stop word %q is longer than maxStopLen %d", w, maxStopLen)
		}
		if !isStopWord([]byte(w)) {
			t.Errorf("isStopWord(%q) = false", w)
		}
	}
	for _, w := range []string{"sanctions", "moscow", "yourselve", "thems", "9th", "a1", "zz", ""} {
		if isStopWord([]byte(w)) {
			t.Errorf("isStopWord(%q) = true", w)
		}
	}
}
