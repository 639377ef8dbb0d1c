package rules

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNarrowcast(t *testing.T) {
	audience := `{"type":"audience","audienceGroupId":5614991017776}`
	redelivery := `{"type":"redelivery","requestId":"5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4"}`
	many := `[` + audience
	for range 10 {
		many += `,` + redelivery
	}
	many += `]`
	gender := `{"type":"gender","oneOf":["male"]}`
	genders := `[` + gender
	for range 10 {
		genders += `,` + gender
	}
	genders += `]`
	cases := []struct {
		name string
		rest string // after "messages":[...]
		want []string
	}{
		{name: "no targeting"},
		{name: "seed example", rest: `"recipient":{"type":"operator","and":[` + audience +
			`,{"type":"operator","not":` + redelivery + `}]},
			"filter":{"demographic":{"type":"operator","or":[
				{"type":"operator","and":[{"type":"gender","oneOf":["male","female"]},
					{"type":"age","gte":"age_20","lt":"age_25"},{"type":"appType","oneOf":["android","ios"]},
					{"type":"area","oneOf":["jp_23","jp_05"]},{"type":"subscriptionPeriod","gte":"day_7","lt":"day_30"}]},
				{"type":"operator","and":[{"type":"age","gte":"age_35","lt":"age_40"},
					{"type":"operator","not":{"type":"gender","oneOf":["male"]}}]}]}},
			"limit":{"max":100,"upToRemainingQuota":true}`},
		{name: "operator with two", rest: `"recipient":{"type":"operator","and":[` + audience + `],"not":` + audience + `}`,
			want: []string{"recipient"}},
		{name: "operator with none", rest: `"recipient":{"type":"operator"}`, want: []string{"recipient"}},
		{name: "empty and", rest: `"recipient":{"type":"operator","or":[]}`, want: []string{"recipient.or"}},
		{name: "eleven audiences", rest: `"recipient":{"type":"operator","or":` + many + `}`, want: []string{"recipient"}},
		{name: "bad audience id", rest: `"recipient":{"type":"audience","audienceGroupId":"12"}`,
			want: []string{"recipient.audienceGroupId"}},
		{name: "unknown recipient type", rest: `"recipient":{"type":"friends"}`, want: []string{"recipient.type"}},
		{name: "eleven filters", rest: `"filter":{"demographic":{"type":"operator","and":` + genders + `}}`,
			want: []string{"filter.demographic"}},
		{name: "bad enum values", rest: `"filter":{"demographic":{"type":"operator","and":[
			{"type":"gender","oneOf":["other"]},{"type":"area","oneOf":["id_05"]},{"type":"age","gte":"age_18"}]}}`,
			want: []string{"filter.demographic.and[0].oneOf[0]", "filter.demographic.and[1].oneOf[0]",
				"filter.demographic.and[2].gte"}},
		{name: "gte not below lt", rest: `"filter":{"demographic":{"type":"age","gte":"age_40","lt":"age_40"}}`,
			want: []string{"filter.demographic.lt"}},
		{name: "open range", rest: `"filter":{"demographic":{"type":"subscriptionPeriod"}}`,
			want: []string{"filter.demographic"}},
		{name: "empty oneOf", rest: `"filter":{"demographic":{"type":"appType","oneOf":[]}}`,
			want: []string{"filter.demographic.oneOf"}},
		{name: "filter without demographic", rest: `"filter":{}`, want: []string{"filter.demographic"}},
		{name: "forbid without upTo", rest: `"limit":{"forbidPartialDelivery":true}`,
			want: []string{"limit.forbidPartialDelivery"}},
		{name: "max zero", rest: `"limit":{"max":0,"upToRemainingQuota":true,"forbidPartialDelivery":true}`,
			want: []string{"limit.max"}},
		{name: "quote token", rest: `"messages":[{"type":"text","text":"a","quoteToken":"q"}]`,
			want: []string{"messages[0].quoteToken"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := `{"messages":[{"type":"text","text":"hi"}]`
			if c.rest != "" {
				src += "," + c.rest
			}
			var body map[string]any
			if err := json.Unmarshal([]byte(src+"}"), &body); err != nil {
				// a later "messages" key replaces the first one.
				t.Fatalf("bad test JSON: %v", err)
			}
			var got []string
			for _, p := range Narrowcast(body) {
				got = append(got, p.Path)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("problem paths (-want +got):\n%s", diff)
			}
		})
	}
}

func TestForbidPartialDeliveryMessage(t *testing.T) {
	ps := Narrowcast(map[string]any{"messages": []any{map[string]any{"type": "text", "text": "x"}},
		"limit": map[string]any{"forbidPartialDelivery": true, "upToRemainingQuota": false}})
	if len(ps) != 1 || ps[0].Message != ForbidPartialDeliveryMessage {
		t.Fatalf("problems %+v", ps)
	}
}
