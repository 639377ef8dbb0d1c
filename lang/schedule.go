package lang

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // time zone names work on every machine, with or without a zone database

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Schedule is when a send may go out: not_before and not_after. A zero
// time means the send has no such bound (or its value is not known yet,
// at validate).
type Schedule struct {
	NotBefore, NotAfter time.Time
	// NotBeforeRange and NotAfterRange are the ranges of the attributes'
	// expressions, for diagnostics; zero when not given.
	NotBeforeRange, NotAfterRange hcl.Range
}

// scheduleAttrs are the not_before and not_after attributes of a send
// block, nil when not given.
type scheduleAttrs struct {
	NotBefore, NotAfter *hcl.Attribute
}

// scheduleSchema are the attributes every send block takes for its
// schedule.
var scheduleSchema = []hcl.AttributeSchema{{Name: "not_before"}, {Name: "not_after"}}

func decodeSchedule(content *hcl.BodyContent) scheduleAttrs {
	return scheduleAttrs{NotBefore: content.Attributes["not_before"], NotAfter: content.Attributes["not_after"]}
}

func (a scheduleAttrs) expressions() []hcl.Expression {
	var out []hcl.Expression
	for _, attr := range []*hcl.Attribute{a.NotBefore, a.NotAfter} {
		if attr != nil {
			out = append(out, attr.Expr)
		}
	}
	return out
}

// evalSchedule evaluates the schedule of send s. A bound whose value is
// unknown (a variable without a value at validate) is left zero.
func (r *run) evalSchedule(s *Send, a scheduleAttrs, ctx *hcl.EvalContext) {
	if a.NotBefore != nil {
		s.Schedule.NotBefore = r.evalTime(a.NotBefore, ctx)
		s.Schedule.NotBeforeRange = a.NotBefore.Expr.Range()
	}
	if a.NotAfter != nil {
		s.Schedule.NotAfter = r.evalTime(a.NotAfter, ctx)
		s.Schedule.NotAfterRange = a.NotAfter.Expr.Range()
	}
	nb, na := s.Schedule.NotBefore, s.Schedule.NotAfter
	if !nb.IsZero() && !na.IsZero() && !na.After(nb) {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Send window is empty",
			Detail: fmt.Sprintf("not_after (%s) must be later than not_before (%s): the send could never go out.",
				na.Format(time.RFC3339), nb.Format(time.RFC3339)),
			Subject: a.NotAfter.Expr.Range().Ptr(),
		})
	}
}

// evalTime evaluates a time attribute (see ParseTime); zero when the value
// is unknown, null or wrong (reported).
func (r *run) evalTime(attr *hcl.Attribute, ctx *hcl.EvalContext) time.Time {
	v := r.convertField(fieldSpec{name: attr.Name, kind: stringField}, attr, r.evalExpr(attr.Expr, ctx))
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return time.Time{}
	}
	t, err := ParseTime(v.AsString())
	if err != nil {
		r.diags = append(r.diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid " + attr.Name,
			Detail:   fmt.Sprintf("%s. %s", err, timeForms),
			Subject:  attr.Expr.Range().Ptr(),
		})
		return time.Time{}
	}
	return t
}

// timeForms says which time forms ParseTime takes, for diagnostics.
const timeForms = `A time is RFC 3339 with an offset ("2026-12-24T09:00:00+09:00", "2026-12-24T00:00:00Z") ` +
	`or a local date and time followed by a time zone name ("2026-12-24T09:00:00 Asia/Tokyo").`

// ParseTime parses a time of not_before and not_after: RFC 3339 with an
// offset or Z ("2026-12-24T09:00:00+09:00"), or a local date and time
// without offset, a space, and an IANA time zone name
// ("2026-12-24T09:00:00 Asia/Tokyo"). Seconds may be left out in both.
func ParseTime(s string) (time.Time, error) {
	if local, zone, ok := strings.Cut(s, " "); ok {
		loc, err := LoadZone(zone)
		if err != nil {
			return time.Time{}, err
		}
		for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04"} {
			if t, err := time.ParseInLocation(layout, local, loc); err == nil {
				return t, nil
			}
		}
		return time.Time{}, fmt.Errorf("%q is not a date and time before the time zone name", local)
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time with an offset or a time zone name", s)
}

// LoadZone loads an IANA time zone by name ("Asia/Tokyo"), from the zone
// database embedded in lineup. "Local" is refused: a configuration means
// the same time on every machine.
func LoadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("%q is not a time zone name such as \"Asia/Tokyo\" or \"UTC\"", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q; use an IANA name such as \"Asia/Tokyo\" or \"UTC\"", name)
	}
	return loc, nil
}
