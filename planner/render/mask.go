package render

import (
	"fmt"

	"github.com/lineupdev/lineup/lang"
)

// sensitiveText is how every renderer shows a sensitive value.
const sensitiveText = "(sensitive)"

// sensitiveValue stands in a masked body for a value at a path of
// Send.Sensitive (and everything under it).
type sensitiveValue struct{}

// masked returns s's body with sensitiveValue{} at every sensitive path;
// the body itself when nothing is sensitive.
func masked(s *lang.Send) map[string]any {
	if len(s.Sensitive) == 0 {
		return s.Body
	}
	out, _ := mask(s.Body, "", s.Sensitive).(map[string]any)
	return out
}

func mask(v any, path string, sensitive map[string]bool) any {
	if path != "" && sensitive[path] {
		return sensitiveValue{}
	}
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			out[k] = mask(e, p, sensitive)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = mask(e, fmt.Sprintf("%s[%d]", path, i), sensitive)
		}
		return out
	}
	return v
}
