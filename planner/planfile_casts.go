package planner

// sameAudience reports whether two changes of one address (read from a
// saved plan, and made again) do the same to an audience: same
// description and kind, and the same audience replaced or deleted
// (matchChange compares their digests: members or source). Changes of
// sends are the same here.
func sameAudience(was, now *Change) bool {
	if was.IsAudience() != now.IsAudience() {
		return false
	}
	if !was.IsAudience() {
		return true
	}
	if (was.Audience == nil) != (now.Audience == nil) || (was.PriorAudience == nil) != (now.PriorAudience == nil) {
		return false
	}
	if was.PriorAudience != nil && was.PriorAudience.ID != now.PriorAudience.ID {
		return false
	}
	if was.Audience == nil {
		return true
	}
	return was.Audience.Description == now.Audience.Description &&
		AudienceKind(was.Audience) == AudienceKind(now.Audience)
}
