package state

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/lineupdev/lineup/lang/parallel"
)

// Encode returns the bytes Write writes for s: pretty-printed JSON with
// sorted keys and a trailing newline, the same bytes for the same state.
func Encode(s *State) ([]byte, error) {
	var buf bytes.Buffer
	if err := EncodeTo(&buf, s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// EncodeTo writes what Encode returns to w.
//
// The bytes are those encoding/json's indenting encoder writes for the
// on-disk form (TestEncodeIsEncodingJSON), written faster: every apply
// ends by writing the whole state, thousands of records after a large
// one, so records are encoded each on its own, a chunk at a time on
// every core, and written as they are ready rather than gathered in one
// buffer as large as the file. The fields written are fileV1's, in its
// order and with its omissions; TestEncodeIsEncodingJSON fails when the
// two part.
func EncodeTo(w io.Writer, s *State) error {
	f := fromState(s)
	e := encoder{w: bufio.NewWriterSize(w, 256<<10)}
	e.w.WriteString("{")
	e.field("version", f.Version)
	e.field("lineage", f.Lineage)
	e.field("serial", f.Serial)
	encodeObject(&e, "sends", f.Sends)
	encodeArray(&e, "history", f.History)
	if len(f.Audiences) > 0 {
		encodeObject(&e, "audiences", f.Audiences)
	}
	if len(f.Replies) > 0 {
		encodeObject(&e, "replies", f.Replies)
	}
	if f.LineupVersion != "" {
		e.field("lineup_version", f.LineupVersion)
	}
	e.w.WriteString("\n}\n")
	if e.err != nil {
		return fmt.Errorf("encoding state: %w", e.err)
	}
	return e.w.Flush()
}

// encoder writes the fields of the state file's top-level object. Write
// errors stay in its bufio.Writer, which Flush returns.
type encoder struct {
	w      *bufio.Writer
	fields int
	err    error // the first encoding error
}

const (
	fieldIndent = "  "   // a top-level field
	entryIndent = "    " // an entry of a top-level object or array
	chunk       = 1024   // entries encoded at once
)

// name starts the next top-level field.
func (e *encoder) name(name string) {
	if e.fields > 0 {
		e.w.WriteByte(',')
	}
	e.fields++
	e.w.WriteString("\n" + fieldIndent)
	e.value(name, "")
	e.w.WriteString(": ")
}

func (e *encoder) field(name string, v any) {
	e.name(name)
	e.value(v, fieldIndent)
}

// value writes v as encoding/json's indenting encoder would at the depth
// of prefix.
func (e *encoder) value(v any, prefix string) {
	data, err := encodeValue(v, prefix)
	e.err = cmp.Or(e.err, err)
	e.w.Write(data)
}

// entries writes one top-level object or array of n entries, their
// values encoded a chunk at a time on every core. key(i) is the i-th
// entry's key; key is nil in an array.
func (e *encoder) entries(open, close string, n int, key func(int) string, val func(int) any) {
	if n == 0 {
		e.w.WriteString(open + close)
		return
	}
	e.w.WriteString(open)
	values := make([][]byte, min(n, chunk))
	errs := make([]error, len(values))
	for from := 0; from < n; from += chunk {
		size := min(chunk, n-from)
		parallel.For(size, func(i int) { values[i], errs[i] = encodeValue(val(from+i), entryIndent) })
		for i, v := range values[:size] {
			e.err = cmp.Or(e.err, errs[i])
			if from+i > 0 {
				e.w.WriteByte(',')
			}
			e.w.WriteString("\n" + entryIndent)
			if key != nil {
				e.value(key(from+i), "")
				e.w.WriteString(": ")
			}
			e.w.Write(v)
		}
	}
	e.w.WriteString("\n" + fieldIndent + close)
}

// encodeObject writes the field name holding m, its keys sorted as
// encoding/json sorts them.
func encodeObject[V any](e *encoder, name string, m map[string]V) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.name(name)
	e.entries("{", "}", len(keys), func(i int) string { return keys[i] }, func(i int) any { return m[keys[i]] })
}

// encodeArray writes the field name holding list.
func encodeArray[V any](e *encoder, name string, list []V) {
	e.name(name)
	e.entries("[", "]", len(list), nil, func(i int) any { return list[i] })
}

// encodeValue encodes v indented by two spaces a level below prefix,
// without escaping HTML, as the state file has always been written.
func encodeValue(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return indent(make([]byte, 0, 2*len(compact)), compact, prefix), nil
}

// indent appends to dst the compact JSON src as json.Indent indents it
// with prefix and two spaces. src is what encoding/json wrote: valid, with
// no space outside strings, so indent does without json.Indent's
// validating scanner, which cost most of the time of writing a large
// state (FuzzIndent compares the two).
func indent(dst, src []byte, prefix string) []byte {
	depth := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			j := i + 1
			for src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:j+1]...)
			i = j
			continue
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, c, src[i+1])
				i++
				continue
			}
			depth++
			dst = append(dst, c)
		case '}', ']':
			depth--
		case ',':
			dst = append(dst, c)
		case ':':
			dst = append(dst, ':', ' ')
			continue
		default:
			dst = append(dst, c)
			continue
		}
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, "  "...)
		}
		if c == '}' || c == ']' {
			dst = append(dst, c)
		}
	}
	return dst
}
