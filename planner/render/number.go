package render

// Thousands writes n with comma separators, as lineup writes counts in
// every format and in its progress output: 1,207.
func Thousands(n int) string {
	return thousands(n)
}
