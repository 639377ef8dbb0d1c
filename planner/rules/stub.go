package rules

// STUB: replaced by the real rules.

// Push checks a push request body: to, messages and the message objects.
func Push(body map[string]any) []Problem { panic("not built") }

// Messages checks a messages array as the validate endpoints do; paths
// start with "messages".
func Messages(messages any) []Problem { panic("not built") }
