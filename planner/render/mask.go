package render

import "github.com/lineupdev/lineup/lang"

// sensitiveText is how the human and markdown renderers show a sensitive
// value; the JSON document (package plandoc) has null there.
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
	out, _ := lang.Rewrite("", s.Body, func(p *lang.Path, _ any) (any, bool) {
		if !p.IsRoot() && p.In(s.Sensitive) {
			return sensitiveValue{}, true
		}
		return nil, false
	}).(map[string]any)
	return out
}
