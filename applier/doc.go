// Package applier executes a plan against LINE, exactly once: for every
// send it writes the pending record with its retry key to the state file
// before the request leaves, and the request ID and sent messages after.
// It takes its LINE client and its clock as values.
package applier
