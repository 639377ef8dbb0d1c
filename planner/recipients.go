package planner

import "github.com/lineupdev/lineup/lang"

// ReachesAllFriends reports whether s goes to every friend of the
// channel: a broadcast, or a narrowcast with no "recipient" in its body.
// Renderers warn about such sends prominently.
func ReachesAllFriends(s *lang.Send) bool {
	if s == nil {
		return false
	}
	switch s.Kind {
	case lang.KindBroadcast:
		return true
	case lang.KindNarrowcast:
		_, filtered := s.Body["recipient"]
		return !filtered
	}
	return false
}
