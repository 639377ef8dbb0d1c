package rules

// Problem is one broken rule.
type Problem struct {
	// Path is the JSON path as LINE writes it in details[].property:
	// "messages", "messages[0].text", "to".
	Path string
	// Summary is a short sentence-case title for lineup's diagnostics:
	// "Text too long".
	Summary string
	// Message is LINE's detail message: "Length must be between 0 and 5000".
	Message string
}
