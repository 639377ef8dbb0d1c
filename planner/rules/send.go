package rules

import (
	"fmt"
	"maps"

	"github.com/lineupdev/lineup/lang"
)

// Check decides whether LINE accepts the final JSON of a send of kind: the
// body of its request as lineup sends it. It is the one place that
// decides it: the planner calls it at validate and plan (with
// placeholders for the values known only after apply), the applier before
// every request, and serve for its reply rules. The sandbox, which answers
// as each endpoint does, calls Push, Multicast, Broadcast, Narrowcast and
// Messages directly.
//
// A multicast is split first into the requests the applier sends
// (SplitMulticast): a bad user ID is reported at its index in the whole
// "to", and the other problems once. The body of a reply is its messages
// (and notificationDisabled): the reply token comes with each webhook
// event, so it is not part of what is checked; a reply may quote, and its
// mentions are not checked against a chat not known yet.
func Check(kind lang.Kind, body map[string]any) []Problem {
	switch kind {
	case lang.KindPush:
		return Push(body)
	case lang.KindMulticast:
		return multicast(body)
	case lang.KindBroadcast:
		return Broadcast(body)
	case lang.KindNarrowcast:
		return Narrowcast(body)
	case lang.KindReply:
		return Messages(body["messages"])
	}
	return []Problem{{Summary: "Unknown kind of send",
		Message: fmt.Sprintf("%q is not push, multicast, broadcast, narrowcast or reply", kind)}}
}

// SplitMulticast splits a multicast body into the bodies of the requests
// LINE takes: request i holds to[i*500:(i+1)*500] (MaxMulticastRecipients
// users) and the other properties of body, shared, not copied. A body
// whose "to" is not a list, or a list of at most 500, is one request:
// body itself.
func SplitMulticast(body map[string]any) []map[string]any {
	to, ok := body["to"].([]any)
	if !ok || len(to) <= MaxMulticastRecipients {
		return []map[string]any{body}
	}
	out := make([]map[string]any, 0, MulticastRequests(len(to)))
	for lo := 0; lo < len(to); lo += MaxMulticastRecipients {
		part := maps.Clone(body)
		part["to"] = to[lo:min(len(to), lo+MaxMulticastRecipients)]
		out = append(out, part)
	}
	return out
}

// MulticastRequests is how many requests a multicast to n distinct users
// takes: at least one.
func MulticastRequests(n int) int {
	return max(1, (n+MaxMulticastRecipients-1)/MaxMulticastRecipients)
}

// multicast checks each request of a multicast body: a problem of to[i]
// of request r is at to[r*500+i]; the others, the same in every request,
// are reported for the first.
func multicast(body map[string]any) []Problem {
	var out []Problem
	for r, part := range SplitMulticast(body) {
		for _, p := range Multicast(part) {
			var i int
			if n, _ := fmt.Sscanf(p.Path, "to[%d]", &i); n == 1 {
				p.Path = fmt.Sprintf("to[%d]", r*MaxMulticastRecipients+i)
			} else if r > 0 {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}
