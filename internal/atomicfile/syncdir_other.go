//go:build !unix

package atomicfile

// SyncDir is a no-op where directories cannot be opened for syncing.
func SyncDir(string) error { return nil }
