package rules

import (
	"fmt"
	"slices"
)

// MaxNarrowcastAudiences is how many audience and redelivery objects one
// narrowcast's recipient may hold in total (operators are not counted).
const MaxNarrowcastAudiences = 10

// MaxDemographicFilters is how many demographic filter objects one
// narrowcast's filter may hold (operators are not counted).
const MaxDemographicFilters = 10

// ForbidPartialDeliveryMessage is LINE's 400 message for a limit with
// forbidPartialDelivery but without upToRemainingQuota; the problem at
// "limit.forbidPartialDelivery" carries it.
const ForbidPartialDeliveryMessage = "The option forbidPartialDelivery must be used with upToRemainingQuota."

// Ages are the values of an age filter's gte and lt, in order: "age_20"
// means 20 years or older as gte, younger than 20 as lt.
var Ages = []string{"age_15", "age_20", "age_25", "age_30", "age_35", "age_40",
	"age_45", "age_50", "age_55", "age_60", "age_65", "age_70"}

// SubscriptionPeriods are the values of a subscriptionPeriod filter's gte
// and lt, in order: "day_7" is a friendship of 7 days.
var SubscriptionPeriods = []string{"day_7", "day_30", "day_90", "day_180", "day_365"}

// Areas lists the area codes a filter may name
// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-message): Japan's
// prefectures jp_01..jp_47, Taiwan's tw_01..tw_22, Thailand's th_01..th_08.
var Areas = areaCodes(map[string]int{"jp": 47, "tw": 22, "th": 8})

func areaCodes(counts map[string]int) []string {
	var out []string
	for _, country := range []string{"jp", "tw", "th"} {
		for i := 1; i <= counts[country]; i++ {
			out = append(out, fmt.Sprintf("%s_%02d", country, i))
		}
	}
	return out
}

// Narrowcast checks a narrowcast request body
// (https://developers.line.biz/en/reference/messaging-api/#send-narrowcast-message): the messages as
// Broadcast does, and the shape of recipient, filter and limit. Whether
// an audience is READY or a redelivery request ID succeeded is for LINE
// (or the sandbox) to say. A limit with forbidPartialDelivery but without
// upToRemainingQuota is reported at "limit.forbidPartialDelivery" with
// ForbidPartialDeliveryMessage.
func Narrowcast(body map[string]any) []Problem {
	ps := Broadcast(body)
	r := &report{}
	if present(body, "recipient") {
		n := r.recipient("recipient", body["recipient"])
		if n > MaxNarrowcastAudiences {
			r.ps = append(r.ps, Problem{Path: "recipient", Summary: "Too many audiences",
				Message: fmt.Sprintf("Up to %d audience and redelivery objects can be used", MaxNarrowcastAudiences),
				Note:    fmt.Sprintf("There are %d.", n)})
		}
	}
	if filter := r.mustObject(body, "filter", "filter", "filter", false); filter != nil {
		if present(filter, "demographic") {
			n := r.demographic("filter.demographic", filter["demographic"])
			if n > MaxDemographicFilters {
				r.ps = append(r.ps, Problem{Path: "filter.demographic", Summary: "Too many demographic filters",
					Message: fmt.Sprintf("Up to %d demographic filter objects can be used", MaxDemographicFilters),
					Note:    fmt.Sprintf("There are %d.", n)})
			}
		} else {
			r.add("filter.demographic", "Missing demographic filter", "May not be empty")
		}
	}
	r.limit(body)
	return append(ps, r.ps...)
}

// operator checks an operator object's and/or/not at path, checking each
// operand with check, and returns the sum of what check returned.
func (r *report) operator(path string, obj map[string]any, check func(path string, v any) int) int {
	var keys []string
	for _, k := range []string{"and", "or", "not"} {
		if present(obj, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) != 1 {
		r.add(path, "Invalid operator", "Must have exactly one of and, or, not")
		return 0
	}
	k := keys[0]
	if k == "not" {
		return check(path+".not", obj["not"])
	}
	operands, ok := list(obj[k])
	if !ok || len(operands) == 0 {
		r.add(path+"."+k, "Empty operator", "Must be a non-empty array")
		return 0
	}
	n := 0
	for i, v := range operands {
		n += check(fmt.Sprintf("%s.%s[%d]", path, k, i), v)
	}
	return n
}

// recipient checks a recipient object and returns how many audience and
// redelivery objects it holds.
func (r *report) recipient(path string, v any) int {
	obj, ok := object(v)
	if !ok {
		r.add(path, "Invalid recipient", "Must be an object")
		return 0
	}
	typ, ok := r.enum(obj, "type", path+".type", "recipient type", true, "audience", "redelivery", "operator")
	if !ok {
		return 0
	}
	switch typ {
	case "audience":
		id, ok := Number(obj["audienceGroupId"])
		if !ok || id < 1 || id != float64(int64(id)) {
			r.add(path+".audienceGroupId", "Invalid audience ID", "Must be a positive integer")
		}
		return 1
	case "redelivery":
		if s, ok := obj["requestId"].(string); !ok || s == "" {
			r.add(path+".requestId", "Missing request ID", "May not be empty")
		}
		return 1
	}
	return r.operator(path, obj, r.recipient)
}

// demographic checks a demographic filter object and returns how many
// non-operator filter objects it holds.
func (r *report) demographic(path string, v any) int {
	obj, ok := object(v)
	if !ok {
		r.add(path, "Invalid demographic filter", "Must be an object")
		return 0
	}
	typ, ok := r.enum(obj, "type", path+".type", "demographic filter type", true,
		"gender", "age", "appType", "area", "subscriptionPeriod", "operator")
	if !ok {
		return 0
	}
	switch typ {
	case "gender":
		r.oneOf(obj, path, "gender", []string{"male", "female"})
	case "appType":
		r.oneOf(obj, path, "app type", []string{"ios", "android"})
	case "area":
		r.oneOf(obj, path, "area", Areas)
	case "age":
		r.between(obj, path, "age", Ages)
	case "subscriptionPeriod":
		r.between(obj, path, "subscription period", SubscriptionPeriods)
	default:
		return r.operator(path, obj, r.demographic)
	}
	return 1
}

// oneOf checks the non-empty oneOf array of a filter, each value from values.
func (r *report) oneOf(obj map[string]any, path, what string, values []string) {
	l, ok := r.size(obj, "oneOf", path+".oneOf", what+" values", true, 1, len(values))
	if !ok {
		return
	}
	for i, v := range l {
		if s, _ := v.(string); !slices.Contains(values, s) {
			p := fmt.Sprintf("%s.oneOf[%d]", path, i)
			if len(values) > 10 {
				r.add(p, "Invalid "+what, "Must be a valid "+what+" code")
				continue
			}
			r.add(p, "Invalid "+what, fmt.Sprintf("Must be one of the following values: %v", values))
		}
	}
}

// between checks the gte and lt of a range filter: at least one, each one
// of values, gte before lt.
func (r *report) between(obj map[string]any, path, what string, values []string) {
	gte, hasGte := r.enum(obj, "gte", path+".gte", what, false, values...)
	lt, hasLt := r.enum(obj, "lt", path+".lt", what, false, values...)
	switch {
	case !present(obj, "gte") && !present(obj, "lt"):
		r.add(path, "Empty "+what+" range", "Must have gte, lt or both")
	case hasGte && hasLt && slices.Index(values, gte) >= slices.Index(values, lt):
		r.add(path+".lt", "Empty "+what+" range", "lt must be greater than gte")
	}
}

// limit checks the optional limit object.
func (r *report) limit(body map[string]any) {
	limit := r.mustObject(body, "limit", "limit", "limit", false)
	if limit == nil {
		return
	}
	r.integer(limit, "max", "limit.max", "maximum", false, 1, 2147483647)
	flags := map[string]bool{}
	for _, k := range []string{"upToRemainingQuota", "forbidPartialDelivery"} {
		if !present(limit, k) {
			continue
		}
		b, ok := limit[k].(bool)
		if !ok {
			r.add("limit."+k, "Invalid "+k, "Must be a boolean")
		}
		flags[k] = b
	}
	if flags["forbidPartialDelivery"] && !flags["upToRemainingQuota"] {
		r.add("limit.forbidPartialDelivery", "Partial delivery forbidden without a quota limit",
			ForbidPartialDeliveryMessage)
	}
}
