// Package state owns the state file: the record of every send lineup has
// made or attempted, with its retry key, request ID, sent message IDs and
// quote tokens, and the digest of the payload that was sent.
//
// The file is versioned JSON (version, lineage, serial), written
// atomically (temp file "<state>.<random>.tmp" in the same directory,
// fsync, rename, fsync of the directory) with mode 0600, sorted and
// pretty-printed so the same state gives the same bytes. The on-disk
// types are private; State and Record are the in-memory form.
//
// A state that cannot be read, or of an unknown version, is refused with
// a precise error. Callers must stop on any Load error: Write is only ever
// given a State that was read (or created by New), so an unreadable file
// is never overwritten. Secrets never enter the state.
//
// Backend is the state as the planner and the applier see it, about
// records rather than files: read it (Load), record changes as an apply
// makes them (OpenJournal: the retry key before the request, results as
// they come), commit it (Commit) and lock it. Files is the state file
// described here; package pgstate keeps the same records in PostgreSQL.
//
// Acquire guards a state file with "<state>.lock": an OS lock (flock on
// unix) that dies with the process holding it, plus a note of who holds
// it, so a second apply fails at once with a *LockedError naming the
// holder. The CLI's apply takes the lock before reading the state; the
// applier writes it before and after every send.
package state
