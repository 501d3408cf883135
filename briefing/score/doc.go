// Package score measures analysis against gold annotations in the corpus
// format of /work/shared/corpus/SCHEMA.md. It is a port of the reference
// scorer score.py and must give the same numbers: quote spans and attributed
// quotes (token F1 >= 0.8, greedy one-to-one matching, optional gold
// ignored, speaker aliases, surnames and organisation labels), upcoming dates
// (strict and lenient) and ROUGE-1/2/L of the summary against key_points.
//
// Where score.py leans on Python semantics (str.lower, \w, \s, truthiness of
// JSON values, iteration over a string or an object), this package copies
// them, so that odd gold or prediction files score the same in both.
//
// The package is pure: it reads files only through an fs.FS it is given.
package score
