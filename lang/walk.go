package lang

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
)

// The one walk over a message body (Send.Body, Reply.Messages: JSON-like
// values of map[string]any, []any, string, float64, bool, nil, Unknown and
// whatever a caller puts in a copy it rewrites). Every walk of a body in
// lineup goes through Walk or Rewrite, so that all of them visit values
// in the same order (depth first, an object's members in sorted key
// order, an array's elements in index order) and name them with the same
// JSON paths: "to", "messages[0].contents.body.contents[2].url", as in
// Send.Ranges, Send.Sensitive, rules.Problem.Path and the plan formats.
// The body itself has the path "".

// Path is the JSON path of the value a walk is at. It is valid only
// during the call it is given to; String copies it.
type Path struct {
	buf []byte
}

// String returns the path: "messages[0].text", "" for the body itself.
func (p *Path) String() string { return string(p.buf) }

// In reports whether the path is in set (without copying it).
func (p *Path) In(set map[string]bool) bool { return set[string(p.buf)] }

// IsRoot reports whether the path is that of the body itself.
func (p *Path) IsRoot() bool { return len(p.buf) == 0 }

// Is reports whether the path is s (without copying it).
func (p *Path) Is(s string) bool { return string(p.buf) == s }

// paths keeps the buffers of walks done, so that a walk of a body
// (every send is walked on every plan) allocates nothing.
var paths = sync.Pool{New: func() any { return &Path{buf: make([]byte, 0, 256)} }}

func newPath(base string) *Path {
	p := paths.Get().(*Path)
	p.buf = append(p.buf[:0], base...)
	return p
}

// key appends ".k" (or "k" at the root) and returns the length to cut
// back to.
func (p *Path) key(k string) int {
	n := len(p.buf)
	if n > 0 {
		p.buf = append(p.buf, '.')
	}
	p.buf = append(p.buf, k...)
	return n
}

// index appends "[i]" and returns the length to cut back to.
func (p *Path) index(i int) int {
	n := len(p.buf)
	p.buf = append(p.buf, '[')
	p.buf = strconv.AppendInt(p.buf, int64(i), 10)
	p.buf = append(p.buf, ']')
	return n
}

// JoinKey is the path of member key of the object at path.
func JoinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// JoinIndex is the path of element i of the array at path.
func JoinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// ParentPath strips the last ".key" or "[i]" from a path:
// "messages[0].text" gives "messages[0]", which gives "messages", which
// gives "".
func ParentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// RangeAt is the range ranges holds for path, or for its nearest
// enclosing path that has one, else fallback: how Send.RangeOf and a
// reply rule's messages place a problem found at a path.
func RangeAt(ranges map[string]hcl.Range, path string, fallback hcl.Range) hcl.Range {
	for p := path; p != ""; p = ParentPath(p) {
		if r, ok := ranges[p]; ok {
			return r
		}
	}
	return fallback
}

// Walk calls fn for v, whose path is base, and for every value under it,
// in the order above, each container before its contents, until fn
// returns false. It reports whether it went through all of v.
func Walk(base string, v any, fn func(p *Path, v any) bool) bool {
	p := newPath(base)
	defer paths.Put(p)
	return walkValue(p, v, fn)
}

func walkValue(p *Path, v any, fn func(*Path, any) bool) bool {
	if !fn(p, v) {
		return false
	}
	switch v := v.(type) {
	case map[string]any:
		var arr [16]string
		for _, k := range keysInto(v, arr[:0]) {
			n := p.key(k)
			ok := walkValue(p, v[k], fn)
			p.buf = p.buf[:n]
			if !ok {
				return false
			}
		}
	case []any:
		for i, e := range v {
			n := p.index(i)
			ok := walkValue(p, e, fn)
			p.buf = p.buf[:n]
			if !ok {
				return false
			}
		}
	}
	return true
}

// Rewrite returns a copy of v, whose path is base, walked in the order
// above: where fn returns (w, true), w stands in the copy and what is
// under the value is not walked; elsewhere objects and arrays are copied
// and other values kept. v itself is never changed.
func Rewrite(base string, v any, fn func(p *Path, v any) (any, bool)) any {
	p := newPath(base)
	defer paths.Put(p)
	return rewriteValue(p, v, fn)
}

func rewriteValue(p *Path, v any, fn func(*Path, any) (any, bool)) any {
	if w, ok := fn(p, v); ok {
		return w
	}
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		var arr [16]string
		for _, k := range keysInto(v, arr[:0]) {
			n := p.key(k)
			out[k] = rewriteValue(p, v[k], fn)
			p.buf = p.buf[:n]
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			n := p.index(i)
			out[i] = rewriteValue(p, e, fn)
			p.buf = p.buf[:n]
		}
		return out
	}
	return v
}

// keysInto appends m's keys to buf, sorted.
func keysInto(m map[string]any, buf []string) []string {
	for k := range m {
		buf = append(buf, k)
	}
	slices.Sort(buf)
	return buf
}

// UnknownOf returns v as an Unknown when it is one (an Unknown, or a
// non-nil *Unknown).
func UnknownOf(v any) (Unknown, bool) {
	switch u := v.(type) {
	case Unknown:
		return u, true
	case *Unknown:
		if u != nil {
			return *u, true
		}
	}
	return Unknown{}, false
}

// FirstUnknown returns the path and the Unknown of the first value known
// only after apply in v (whose path is base), in the walk's order: the
// same one on every run.
func FirstUnknown(base string, v any) (path string, u Unknown, found bool) {
	Walk(base, v, func(p *Path, v any) bool {
		u, found = UnknownOf(v)
		if found {
			path = p.String()
		}
		return !found
	})
	return path, u, found
}

// HasUnknown reports whether v holds a value known only after apply.
func HasUnknown(v any) bool {
	_, _, found := FirstUnknown("", v)
	return found
}
