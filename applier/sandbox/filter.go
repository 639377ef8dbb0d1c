package sandbox

import (
	"slices"
	"strconv"
	"strings"

	"github.com/lineupdev/lineup/planner/rules"
)

// A narrowcast's recipient and filter.demographic are boolean trees over
// users; rules.Narrowcast has checked their shape. An operator's and, or
// and not are intersection, union and complement over all friends, so
// "not male" includes users whose gender LINE does not know; a filter on
// an attribute excludes users whose value is unknown.

// matchDemographic reports whether f passes the demographic filter v.
func matchDemographic(v any, f Friend) bool {
	obj, _ := v.(map[string]any)
	switch obj["type"] {
	case "gender":
		return oneOf(obj, f.Gender)
	case "appType":
		return oneOf(obj, f.AppType)
	case "area":
		return oneOf(obj, f.Area)
	case "age":
		return f.Age > 0 && inRange(obj, rules.Ages, f.Age)
	case "subscriptionPeriod":
		return inRange(obj, rules.SubscriptionPeriods, f.FriendDays)
	case "operator":
		return operate(obj, func(v any) bool { return matchDemographic(v, f) })
	}
	return false
}

// oneOf reports whether value, when known, is in the filter's oneOf.
func oneOf(obj map[string]any, value string) bool {
	list, _ := obj["oneOf"].([]any)
	return value != "" && slices.Contains(list, any(value))
}

// inRange reports whether n is in [gte, lt) of a range filter whose
// values ("age_20", "day_7") end in a number.
func inRange(obj map[string]any, values []string, n int) bool {
	bound := func(key string) (int, bool) {
		s, _ := obj[key].(string)
		if !slices.Contains(values, s) {
			return 0, false
		}
		v, err := strconv.Atoi(s[strings.LastIndexByte(s, '_')+1:])
		return v, err == nil
	}
	if lo, ok := bound("gte"); ok && n < lo {
		return false
	}
	if hi, ok := bound("lt"); ok && n >= hi {
		return false
	}
	return true
}

// operate evaluates an operator object with match for its operands.
func operate(obj map[string]any, match func(any) bool) bool {
	if not, ok := obj["not"]; ok && not != nil {
		return !match(not)
	}
	if and, ok := obj["and"].([]any); ok {
		for _, v := range and {
			if !match(v) {
				return false
			}
		}
		return true
	}
	or, _ := obj["or"].([]any)
	for _, v := range or {
		if match(v) {
			return true
		}
	}
	return false
}

// userSets are the members of the audiences and redeliveries a recipient
// names, by audience ID and by request ID.
type userSets struct {
	audiences   map[int64]map[string]bool
	redelivered map[string]map[string]bool
}

// matchRecipient reports whether user is in the recipient tree v.
func (us userSets) matchRecipient(v any, user string) bool {
	obj, _ := v.(map[string]any)
	switch obj["type"] {
	case "audience":
		return us.audiences[audienceIDOf(obj)][user]
	case "redelivery":
		id, _ := obj["requestId"].(string)
		return us.redelivered[id][user]
	case "operator":
		return operate(obj, func(v any) bool { return us.matchRecipient(v, user) })
	}
	return false
}

func audienceIDOf(obj map[string]any) int64 {
	f, _ := obj["audienceGroupId"].(float64)
	return int64(f)
}

// targets lists the audience IDs and redelivery request IDs of a
// recipient tree, each once, in order of appearance.
func targets(v any) (audiences []int64, requests []string) {
	var walk func(v any)
	walk = func(v any) {
		obj, _ := v.(map[string]any)
		switch obj["type"] {
		case "audience":
			if id := audienceIDOf(obj); !slices.Contains(audiences, id) {
				audiences = append(audiences, id)
			}
		case "redelivery":
			if id, _ := obj["requestId"].(string); !slices.Contains(requests, id) {
				requests = append(requests, id)
			}
		case "operator":
			if obj["not"] != nil {
				walk(obj["not"])
			}
			for _, k := range []string{"and", "or"} {
				list, _ := obj[k].([]any)
				for _, e := range list {
					walk(e)
				}
			}
		}
	}
	if v != nil {
		walk(v)
	}
	return audiences, requests
}
