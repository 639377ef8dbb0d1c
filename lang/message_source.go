package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
)

// checkMessagesGiven reports a send or reply rule (what: "push", "reply
// rule", "narrowcast", ...) that has both messages = EXPR and message
// blocks, or neither. verb says what it does with them: "sends",
// "answers with".
func checkMessagesGiven(what, verb string, messages *hcl.Attribute, inline int, decl hcl.Range) hcl.Diagnostics {
	switch {
	case messages != nil && inline > 0:
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Both messages and message blocks",
			Detail:   fmt.Sprintf("A %s holds its messages either as messages = EXPR or as message blocks written inside it, not both.", what),
			Subject:  messages.Range.Ptr(),
		}}
	case messages == nil && inline == 0:
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "No message objects",
			Detail: fmt.Sprintf("A %s %s 1 to %d message objects: set messages = bundle.NAME, or write message blocks such as text { ... } inside it.",
				what, verb, maxMessages),
			Subject: decl.Ptr(),
		}}
	}
	return nil
}
