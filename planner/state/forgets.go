package state

import "slices"

// Forgets lists, sorted, the sends that s records as sent or pending (a
// request may have left) and that next would lose track of if it took
// s's place: next holds them neither in its sends nor in its history with
// the same retry keys, or holds as pending what s holds as sent. The next
// apply would send them again. An older copy of a state forgets what was
// sent since it was taken.
func Forgets(s, next *State) []string {
	var out []string
	for addr, r := range s.Sends {
		if r.Status != Sent && r.Status != Pending {
			continue
		}
		if !keeps(next.Sends[addr], r) && !slices.ContainsFunc(next.History, func(h *Record) bool { return keeps(h, r) }) {
			out = append(out, addr)
		}
	}
	slices.Sort(out)
	return out
}

// keeps reports whether n is a record of r's send, with its retry keys,
// and sent when r is.
func keeps(n, r *Record) bool {
	if n == nil || n.Address != r.Address || (r.Status == Sent && n.Status != Sent) {
		return false
	}
	for _, key := range retryKeys(r) {
		if !slices.Contains(retryKeys(n), key) {
			return false
		}
	}
	return true
}

// retryKeys are the retry keys of r: its own, or its parts'.
func retryKeys(r *Record) []string {
	var keys []string
	if r.RetryKey != "" {
		keys = append(keys, r.RetryKey)
	}
	for _, p := range r.Parts {
		keys = append(keys, p.RetryKey)
	}
	return keys
}
