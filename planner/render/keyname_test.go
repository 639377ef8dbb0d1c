package render

import "testing"

func TestKeyName(t *testing.T) {
	for key, want := range map[string]string{
		"text":       "text",
		"quoteToken": "quoteToken",
		"_a-b1":      "_a-b1",
		"1a":         `"1a"`,
		"-a":         `"-a"`,
		"a b":        `"a b"`,
		"":           `""`,
		"日本":         `"日本"`,
	} {
		if got := keyName(key); got != want {
			t.Errorf("keyName(%q) = %s, want %s", key, got, want)
		}
	}
}
