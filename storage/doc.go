// Package storage keeps briefings in one bbolt file: articles with their
// briefings, the quotes they attribute filed under a registry of people,
// their upcoming events by date, word and title indexes, and the bot's
// guild settings, digest log and feed state.
//
// Every query is a prefix or range scan over an index bucket whose keys
// sort the way the query reads them (0x00 between key parts, YYYY-MM-DD
// dates, fixed-width big-endian numbers); none scans all articles. Each
// method's comment says which scan it does. Lists are bounded: a limit of
// zero means DefaultLimit and limits stop at MaxLimit.
//
// Values are JSON of storage-private records with a version field, so the
// disk format evolves apart from the briefing types, except two that are
// most of the file: an article's body, summary and people are one
// compressed binary value (content.go), and the word index holds postings
// as differences (wordindex.go), a word's newest ones in a bucket of their
// own until they are worth merging. An article's records live under its
// sequence number, so new articles append to full pages. The meta bucket
// holds the schema version; Open migrates an older file in place, step by
// step, and refuses a newer, damaged or foreign file without changing it.
//
// One public method is one bbolt transaction. A write is synced to disk
// before the method returns. Another process that opens the same file
// fails with ErrLocked after the lock timeout instead of waiting forever.
//
// The people registry decides who a quote belongs to across articles; its
// rules are documented in registry.go. The package never logs: it returns
// errors that name the key, the file or the field at fault.
package storage
