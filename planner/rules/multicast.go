package rules

import (
	"fmt"
	"regexp"
)

// MaxMulticastRecipients is how many user IDs one multicast may name.
const MaxMulticastRecipients = 500

var userID = regexp.MustCompile(`^U[0-9a-f]{32}$`)

// UserID reports whether s is a well-formed user ID (U + 32 hex digits);
// group and room IDs are not user IDs.
func UserID(s string) bool { return userID.MatchString(s) }

// Multicast checks a multicast request body: to (1..500 user IDs, no
// group or room IDs), messages and the message objects, which may not
// carry quote tokens or mentions. A bad element of to is reported at "to[i]".
func Multicast(body map[string]any) []Problem {
	var ps []Problem
	to, ok := body["to"].([]any)
	switch {
	case !ok || len(to) == 0 || len(to) > MaxMulticastRecipients:
		ps = append(ps, Problem{Path: "to", Summary: "Wrong number of recipients",
			Message: fmt.Sprintf("Size must be between 1 and %d", MaxMulticastRecipients)})
	default:
		for i, v := range to {
			if s, ok := v.(string); !ok || !UserID(s) {
				ps = append(ps, Problem{Path: fmt.Sprintf("to[%d]", i), Summary: "Invalid recipient",
					Message: "Must be a user ID (U + 32 hex digits); multicast cannot send to groups or rooms"})
			}
		}
	}
	ps = append(ps, Messages(body["messages"])...)
	ps = append(ps, AggregationUnits(body)...)
	ps = append(ps, NoMentions(body["messages"])...)
	return append(ps, NoQuotes(body["messages"])...)
}

// Broadcast checks a broadcast request body: messages and the message
// objects, which may carry neither quote tokens nor mentions.
func Broadcast(body map[string]any) []Problem {
	ps := append(Messages(body["messages"]), NoMentions(body["messages"])...)
	return append(ps, NoQuotes(body["messages"])...)
}

// NoQuotes reports quote tokens on quotable message objects of a send
// that is neither a reply nor a push: only those two may
// quote (https://developers.line.biz/en/docs/messaging-api/get-quote-tokens/). Messages already reports quote tokens
// on other types.
func NoQuotes(messages any) []Problem {
	list, _ := messages.([]any)
	var ps []Problem
	for i, m := range list {
		obj, _ := m.(map[string]any)
		typ, _ := obj["type"].(string)
		if q, ok := obj["quoteToken"]; ok && q != nil && Quotable[typ] {
			ps = append(ps, Problem{Path: fmt.Sprintf("messages[%d].quoteToken", i), Summary: "Quote token not allowed",
				Message: "Only reply and push messages can quote"})
		}
	}
	return ps
}
