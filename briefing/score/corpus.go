package score

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// Bounds on a corpus folder. The corpora we score hold tens of articles of
// a few kilobytes each; these stop a wrong folder (a home directory, a
// dump) from running for hours or filling memory.
const (
	// MaxArticles is the most gold files LoadGold reads.
	MaxArticles = 10000
	// MaxFileBytes is the largest gold or prediction file read.
	MaxFileBytes = 16 << 20
)

// Entry is one gold article of a corpus folder.
type Entry struct {
	// Stem is the gold file's name without ".json".
	Stem string
	Gold Gold
}

// Problem is a file that could not be used, and why.
type Problem struct {
	Name string
	Err  error
}

// LoadGold reads every <stem>.json of a corpus folder that is a gold
// annotation, in file-name order, as score.py does. Files that do not parse
// come back as problems and are not scored; JSON files that carry no
// annotation (ErrNotGold) are skipped silently, as score.py skips them.
func LoadGold(fsys fs.FS) ([]Entry, []Problem, error) {
	des, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("list corpus folder: %w", err)
	}
	var names []string
	for _, de := range des {
		if strings.HasSuffix(de.Name(), ".json") {
			names = append(names, de.Name())
		}
	}
	if len(names) > MaxArticles {
		return nil, nil, fmt.Errorf("corpus folder holds %d .json files, more than %d: point --corpus at one corpus folder", len(names), MaxArticles)
	}
	var entries []Entry
	var problems []Problem
	for _, name := range names {
		data, err := readBounded(fsys, name)
		if err != nil {
			problems = append(problems, Problem{name, err})
			continue
		}
		g, err := ParseGold(data)
		if errors.Is(err, ErrNotGold) {
			continue
		}
		if err != nil {
			problems = append(problems, Problem{name, err})
			continue
		}
		entries = append(entries, Entry{Stem: strings.TrimSuffix(name, ".json"), Gold: g})
	}
	return entries, problems, nil
}

// PredictionStems are the stems under which score.py looks for an entry's
// prediction, in order: the gold file's stem, then the gold id.
func (e Entry) PredictionStems() []string {
	stems := []string{e.Stem}
	if e.Gold.ID != "" && e.Gold.ID != e.Stem {
		stems = append(stems, e.Gold.ID)
	}
	return stems
}

// LoadPrediction reads an entry's prediction from a folder of <stem>.json
// files. found is false when no candidate file exists; a file that exists
// but cannot be read scores as the empty prediction and err says why.
func LoadPrediction(fsys fs.FS, e Entry) (p Prediction, found bool, err error) {
	for _, stem := range e.PredictionStems() {
		name := stem + ".json"
		if _, statErr := fs.Stat(fsys, name); statErr != nil {
			continue
		}
		data, err := readBounded(fsys, name)
		if err != nil {
			return Prediction{}, true, err
		}
		p, err := ParsePrediction(data)
		if err != nil {
			return Prediction{}, true, fmt.Errorf("%s: %w", name, err)
		}
		return p, true, nil
	}
	return Prediction{}, false, nil
}

// Report is the score of a corpus folder against a folder of predictions.
type Report struct {
	Entries []Entry
	// Results are per entry, in the same order.
	Results []Result
	Totals  Totals
	// Missing are the stems with no prediction file.
	Missing []string
	// Problems are gold and prediction files that could not be read.
	Problems []Problem
}

// ScoreDirs scores a folder of predictions against a corpus folder, as
// `score.py GOLD_DIR PRED_DIR` does.
func ScoreDirs(gold, pred fs.FS) (Report, error) {
	entries, problems, err := LoadGold(gold)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Entries: entries, Problems: problems}
	for _, e := range entries {
		p, found, err := LoadPrediction(pred, e)
		if !found {
			rep.Missing = append(rep.Missing, e.Stem)
		}
		if err != nil {
			rep.Problems = append(rep.Problems, Problem{e.Stem + ".json (prediction)", err})
		}
		rep.Results = append(rep.Results, Score(e.Gold, p))
	}
	rep.Totals = Aggregate(rep.Results)
	return rep, nil
}

// readBounded reads a whole file, refusing one larger than MaxFileBytes.
func readBounded(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("read %s: larger than %d MB, not an annotation file", name, MaxFileBytes>>20)
	}
	return data, nil
}
