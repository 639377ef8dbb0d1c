// Package pgstate keeps lineup's state in PostgreSQL (13 or later, plain
// SQL, no extensions), for state that outlives the machine an apply runs
// on: one row per address, a journal of changes committed in groups, and
// a lock per workspace that dies with its connection.
//
// Many configurations share one database: every row belongs to a
// workspace. lineup creates and migrates its tables itself (versioned
// migrations, in a transaction, under an advisory lock so that two
// processes starting at once do not race).
//
// A Backend uses one connection for everything it does. The workspace's
// lock is a session advisory lock on that connection, with a row naming
// the holder (host, pid, command, since) for the error a second writer
// gets. When the connection is lost, the lock is gone with it, so the
// Backend never reconnects: every later write fails, which stops an
// apply from starting new sends (no request leaves without its retry key
// committed); the next apply continues with the keys that were.
//
// The database URL comes from an environment variable; it is never
// written into the state or printed.
package pgstate
