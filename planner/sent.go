package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"reflect"
	"slices"

	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner/state"
)

// SentBody is what the state keeps of body, the request body a send
// sends: the body with null at every sensitive path of s, and the digest
// of each sensitive value by path, salted with salt (the send's first
// retry key), so that a later plan can tell which attributes changed
// without the state holding a secret.
func SentBody(s *lang.Send, body map[string]any, salt string) (map[string]any, map[string]string) {
	var digests map[string]string
	out, _ := lang.Rewrite("", body, func(p *lang.Path, v any) (any, bool) {
		if p.IsRoot() || !p.In(s.Sensitive) {
			return nil, false
		}
		if digests == nil {
			digests = map[string]string{}
		}
		digests[p.String()] = sensitiveDigest(salt, v)
		return nil, true
	}).(map[string]any)
	return out, digests
}

// sensitiveDigest is "sha256:" and the hex SHA-256 of salt and v's JSON.
func sensitiveDigest(salt string, v any) string {
	data, _ := json.Marshal(v)
	h := sha256.New()
	h.Write([]byte(salt + "\n"))
	h.Write(data)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// salt is the salt of a record's sensitive digests: its first retry key.
func salt(r *state.Record) string {
	if r.RetryKey == "" && len(r.Parts) > 0 {
		return r.Parts[0].RetryKey
	}
	return r.RetryKey
}

// AttrChange is one difference between the body a send sent and the one
// the configuration gives now, at a leaf of the body: a value that is not
// an object or an array, or an empty one.
type AttrChange struct {
	// Path is the JSON path of the value: "messages[0].text".
	Path string
	// Op is Update, Create (not in the body that was sent) or Delete (not
	// in the configuration now).
	Op AttrOp
	// Before and After are the values; nil where Op says there is none,
	// and where Sensitive.
	Before, After any
	// Sensitive is true when either value is sensitive: it changed, and
	// neither value may be shown.
	Sensitive bool
}

// AttrOp is what happened to an attribute, as its plan symbol.
type AttrOp string

const (
	AttrUpdate AttrOp = "~"
	AttrCreate AttrOp = "+"
	AttrDelete AttrOp = "-"
)

// SentDiff lists what changed between the body rec records as sent and
// s's body now, in path order; nil when rec keeps no body (it was
// recorded by a lineup that did not keep them) or s's body holds values
// known only after apply.
func SentDiff(rec *state.Record, s *lang.Send) []AttrChange {
	if rec == nil || len(rec.Body) == 0 {
		return nil
	}
	var body map[string]any
	if err := json.Unmarshal(rec.Body, &body); err != nil {
		return nil // not a body lineup wrote: nothing to compare
	}
	return diffBodies(body, rec.SensitiveDigests, salt(rec), s)
}

// diffBodies is SentDiff of a body sent (with the digests of its
// sensitive values, salted with salt) and s.
func diffBodies(sent map[string]any, digests map[string]string, salt string, s *lang.Send) []AttrChange {
	if sent == nil {
		return nil
	}
	if _, _, unknown := lang.FirstUnknown("", s.Body); unknown {
		return nil
	}
	before := leaves(sent)
	nowBody, nowDigests := SentBody(s, s.Body, salt)
	after := leaves(nowBody)
	paths := map[string]bool{}
	for _, f := range []flat{before, after} {
		for path := range f.values {
			if !f.holders[path] { // what is in a container is compared, not the container
				paths[path] = true
			}
		}
	}
	var out []AttrChange
	for _, path := range slices.Sorted(maps.Keys(paths)) {
		b, inBefore := before.values[path]
		a, inAfter := after.values[path]
		if before.holders[path] || after.holders[path] {
			// An object or list on one side, a leaf on the other: the
			// leaf's side alone says it.
			inBefore, inAfter = inBefore && !before.holders[path], inAfter && !after.holders[path]
		}
		bd, ad := digests[path], nowDigests[path]
		sensitive := bd != "" || ad != ""
		switch {
		case sensitive && inBefore && inAfter && bd == ad:
		case !sensitive && inBefore && inAfter && reflect.DeepEqual(b, a):
		case !inBefore && !inAfter:
		case !inBefore:
			out = append(out, AttrChange{Path: path, Op: AttrCreate, After: shown(a, sensitive), Sensitive: sensitive})
		case !inAfter:
			out = append(out, AttrChange{Path: path, Op: AttrDelete, Before: shown(b, sensitive), Sensitive: sensitive})
		default:
			out = append(out, AttrChange{Path: path, Op: AttrUpdate, Before: shown(b, sensitive), After: shown(a, sensitive),
				Sensitive: sensitive})
		}
	}
	return out
}

// shown is v, or nil when it is sensitive.
func shown(v any, sensitive bool) any {
	if sensitive {
		return nil
	}
	return v
}
