package lang

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The functions of a narrowcast's recipient and filter. Each returns a
// condition: an object in LINE's JSON form ({type = "audience",
// audienceGroupId = ...}), which the narrowcast writes into its body as it
// is. and, or and not combine conditions of either kind; the narrowcast
// checks that a recipient holds only recipient conditions and a filter
// only filter conditions.

// recipientFuncs are the functions audience, redelivery, and, or, not,
// gender, age, app_type, area and subscription_period.
func recipientFuncs() map[string]function.Function {
	return map[string]function.Function{
		"audience":            audienceFunc,
		"redelivery":          redeliveryFunc,
		"and":                 operatorFunc("and"),
		"or":                  operatorFunc("or"),
		"not":                 notFunc,
		"gender":              oneOfFunc("gender", "genders", genders),
		"app_type":            oneOfFunc("appType", "app types", appTypes),
		"area":                oneOfFunc("area", "area codes", areas),
		"age":                 rangeFunc("age", "age_", ages),
		"subscription_period": rangeFunc("subscriptionPeriod", "day_", periods),
	}
}

// recipientTypes and filterTypes are the LINE types of the conditions of
// each kind; "operator" is of both.
var (
	recipientTypes = map[string]string{"audience": "audience", "redelivery": "redelivery"}
	filterTypes    = map[string]string{
		"gender": "gender", "age": "age", "appType": "app_type",
		"area": "area", "subscriptionPeriod": "subscription_period",
	}
)

var (
	genders  = []string{"male", "female"}
	appTypes = []string{"ios", "android"}
	ages     = []int64{15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70}
	periods  = []int64{7, 30, 90, 180, 365}
	areas    = areaCodes()
)

// areaCodes are LINE's area codes: jp_01..jp_47, tw_01..tw_22 and
// th_01..th_08. Indonesia's id_01..id_12 are left out: they are in the
// OpenAPI file but no longer in LINE's documentation.
func areaCodes() []string {
	var out []string
	for _, c := range []struct {
		prefix string
		n      int
	}{{"jp", 47}, {"tw", 22}, {"th", 8}} {
		for i := 1; i <= c.n; i++ {
			out = append(out, fmt.Sprintf("%s_%02d", c.prefix, i))
		}
	}
	return out
}

func condition(typ string, attrs map[string]cty.Value) cty.Value {
	out := map[string]cty.Value{"type": cty.StringVal(typ)}
	for k, v := range attrs {
		out[k] = v
	}
	return cty.ObjectVal(out)
}

// audienceFunc is audience(X): X is audience.NAME or an audience group ID.
var audienceFunc = function.New(&function.Spec{
	Description: "A recipient condition: the members of an audience, audience.NAME or an audience group ID.",
	Params: []function.Parameter{{
		Name: "audience", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true,
	}},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		x, marks := args[0].Unmark()
		var id cty.Value
		switch ty := x.Type(); {
		case !x.IsKnown() && ty == cty.DynamicPseudoType:
			return cty.DynamicVal, nil
		case ty.IsObjectType() && ty.HasAttribute("id"):
			if !x.IsKnown() {
				return cty.DynamicVal, nil
			}
			id = x.GetAttr("id")
		case ty == cty.Number:
			id = x
		default:
			return cty.NilVal, function.NewArgErrorf(0, "audience takes audience.NAME or an audience group ID number, not a %s", ty.FriendlyName())
		}
		if plain, _ := id.Unmark(); plain.IsKnown() && (plain.IsNull() || !wholePositive(plain)) {
			return cty.NilVal, function.NewArgErrorf(0, "an audience group ID is a whole number greater than 0")
		}
		return condition("audience", map[string]cty.Value{"audienceGroupId": id}).WithMarks(marks), nil
	},
})

func wholePositive(v cty.Value) bool {
	f := v.AsBigFloat()
	return f.IsInt() && f.Sign() > 0
}

// redeliveryFunc is redelivery(X): X is narrowcast.NAME or a request ID.
var redeliveryFunc = function.New(&function.Spec{
	Description: "A recipient condition: the users a narrowcast was delivered to, narrowcast.NAME or its request ID.",
	Params: []function.Parameter{{
		Name: "narrowcast", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true,
	}},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		x, marks := args[0].Unmark()
		var id cty.Value
		switch ty := x.Type(); {
		case !x.IsKnown() && ty == cty.DynamicPseudoType:
			return cty.DynamicVal, nil
		case ty.IsObjectType() && ty.HasAttribute("request_id"):
			if !x.IsKnown() {
				return cty.DynamicVal, nil
			}
			id = x.GetAttr("request_id")
		case ty == cty.String:
			id = x
		default:
			return cty.NilVal, function.NewArgErrorf(0, "redelivery takes narrowcast.NAME or a narrowcast's request ID string, not a %s", ty.FriendlyName())
		}
		plain, idMarks := id.Unmark()
		for _, ref := range refsOf(idMarks) {
			if !strings.HasPrefix(ref, "narrowcast.") {
				return cty.NilVal, function.NewArgErrorf(0, "redelivery takes the request ID of a narrowcast; %s is not one", ref)
			}
		}
		if plain.IsKnown() && (plain.IsNull() || plain.AsString() == "") {
			return cty.NilVal, function.NewArgErrorf(0, "the request ID may not be empty")
		}
		return condition("redelivery", map[string]cty.Value{"requestId": id}).WithMarks(marks), nil
	},
})

// operatorFunc is and(...) or or(...): all or any of its conditions.
func operatorFunc(op string) function.Function {
	return function.New(&function.Spec{
		Description: fmt.Sprintf("An operator condition: %s of the given conditions.", op),
		VarParam: &function.Parameter{
			Name: "conditions", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true,
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) == 0 {
				return cty.NilVal, fmt.Errorf("%s takes one or more conditions", op)
			}
			for i, a := range args {
				if err := checkCondition(i, a); err != nil {
					return cty.NilVal, err
				}
			}
			return condition("operator", map[string]cty.Value{op: cty.TupleVal(args)}), nil
		},
	})
}

// notFunc is not(X): every user X does not hold for.
var notFunc = function.New(&function.Spec{
	Description: "An operator condition: the negation of a condition.",
	Params: []function.Parameter{{
		Name: "condition", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true,
	}},
	Type: function.StaticReturnType(cty.DynamicPseudoType),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if err := checkCondition(0, args[0]); err != nil {
			return cty.NilVal, err
		}
		return condition("operator", map[string]cty.Value{"not": args[0]}), nil
	},
})

// checkCondition reports argument i of an operator that is not a
// condition.
func checkCondition(i int, v cty.Value) error {
	plain, _ := v.Unmark()
	ty := plain.Type()
	if !plain.IsKnown() && ty == cty.DynamicPseudoType {
		return nil
	}
	if plain.IsNull() || !ty.IsObjectType() || !ty.HasAttribute("type") {
		return function.NewArgErrorf(i, "a condition comes from audience(...), redelivery(...), gender(...), age(...), "+
			"app_type(...), area(...), subscription_period(...), and(...), or(...) or not(...); this is a %s", ty.FriendlyName())
	}
	return nil
}

// oneOfFunc is a filter function taking one or more of allowed values
// (nouns names them): gender, app_type and area.
func oneOfFunc(typ, nouns string, allowed []string) function.Function {
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	return function.New(&function.Spec{
		Description: fmt.Sprintf("A filter condition: users whose %s is one of the given values.", filterTypes[typ]),
		VarParam:    &function.Parameter{Name: "values", Type: cty.String},
		Type:        function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if len(args) == 0 {
				return cty.NilVal, fmt.Errorf("%s takes one or more values: %s", filterTypes[typ], quoteList(allowed, 8))
			}
			for i, a := range args {
				if !ok[a.AsString()] {
					return cty.NilVal, function.NewArgErrorf(i, "%q is not one of LINE's %s: %s", a.AsString(), nouns, quoteList(allowed, 8))
				}
			}
			return condition(typ, map[string]cty.Value{"oneOf": cty.TupleVal(args)}), nil
		},
	})
}

// quoteList lists values quoted, at most n of them.
func quoteList(values []string, n int) string {
	var q []string
	for i, v := range values {
		if i == n {
			q = append(q, fmt.Sprintf("... (%d in all)", len(values)))
			break
		}
		q = append(q, fmt.Sprintf("%q", v))
	}
	return strings.Join(q, ", ")
}

// rangeFunc is a filter function taking FROM and TO out of steps, either
// of which may be null: age and subscription_period. LINE spells the
// values prefix + number, "age_20".
func rangeFunc(typ, prefix string, steps []int64) function.Function {
	return function.New(&function.Spec{
		Description: fmt.Sprintf("A filter condition: users whose %s is at least FROM and less than TO; either may be null.", filterTypes[typ]),
		Params: []function.Parameter{
			{Name: "from", Type: cty.Number, AllowNull: true},
			{Name: "to", Type: cty.Number, AllowNull: true},
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			attrs := map[string]cty.Value{}
			var bounds [2]int64
			for i, key := range []string{"gte", "lt"} {
				if args[i].IsNull() {
					continue
				}
				n, err := step(args[i].AsBigFloat(), steps)
				if err != nil {
					return cty.NilVal, function.NewArgErrorf(i, "%s", err)
				}
				bounds[i] = n
				attrs[key] = cty.StringVal(fmt.Sprintf("%s%d", prefix, n))
			}
			switch {
			case len(attrs) == 0:
				return cty.NilVal, fmt.Errorf("%s needs FROM, TO or both; only one may be null", filterTypes[typ])
			case len(attrs) == 2 && bounds[0] >= bounds[1]:
				return cty.NilVal, function.NewArgErrorf(1, "TO (%d) must be greater than FROM (%d)", bounds[1], bounds[0])
			}
			return condition(typ, attrs), nil
		},
	})
}

// step returns f when it is one of steps, or an error naming them.
func step(f *big.Float, steps []int64) (int64, error) {
	n, acc := f.Int64()
	i := sort.Search(len(steps), func(i int) bool { return steps[i] >= n })
	if acc == big.Exact && i < len(steps) && steps[i] == n {
		return n, nil
	}
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = fmt.Sprint(s)
	}
	return 0, errors.New(f.Text('f', -1) + " is not a value LINE offers; use one of " + strings.Join(names, ", ") + ", or null for no bound")
}

// withRecipientFuncs adds recipientFuncs to funcs and returns it.
func withRecipientFuncs(funcs map[string]function.Function) map[string]function.Function {
	for name, f := range recipientFuncs() {
		funcs[name] = f
	}
	return funcs
}
