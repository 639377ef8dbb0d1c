// Package state owns the state file: the record of every send lineup has
// made or attempted, with its retry key, request ID, sent message IDs and
// quote tokens, and the digest of the payload that was sent.
//
// The file is versioned JSON (version, lineage, serial), written
// atomically (temp file in the same directory, fsync, rename) with mode
// 0600, and guarded by a lock file so that two applies cannot write it at
// once. A state that cannot be read, or of an unknown version, is refused
// with a precise error and never overwritten. Secrets never enter it.
package state
