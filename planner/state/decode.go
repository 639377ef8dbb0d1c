package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// decodeV1 decodes a version 1 file strictly (unknown fields are
// refused), one record at a time: decoding the whole object at once would
// hold a second copy of a large state in the decoder's buffer.
func decodeV1(data []byte) (*fileV1, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f fileV1
	err := eachKey(dec, func(key string) error {
		switch key {
		case "version":
			return decodeAt(dec, key, &f.Version)
		case "lineage":
			return decodeAt(dec, key, &f.Lineage)
		case "serial":
			return decodeAt(dec, key, &f.Serial)
		case "lineup_version":
			return decodeAt(dec, key, &f.LineupVersion)
		case "sends":
			f.Sends = map[string]*recordV1{}
			return named(key, eachKey(dec, func(addr string) error {
				var r *recordV1
				err := decodeAt(dec, key+"."+addr, &r)
				f.Sends[addr] = r
				return err
			}))
		case "history":
			return named(key, eachElem(dec, func(i int) error {
				var r *recordV1
				err := decodeAt(dec, fmt.Sprintf("%s[%d]", key, i), &r)
				f.History = append(f.History, r)
				return err
			}))
		case "audiences":
			f.Audiences = map[string]*audienceV1{}
			return named(key, eachKey(dec, func(addr string) error {
				var a *audienceV1
				err := decodeAt(dec, key+"."+addr, &a)
				f.Audiences[addr] = a
				return err
			}))
		case "replies":
			return decodeAt(dec, key, &f.Replies)
		}
		return fmt.Errorf("json: unknown field %q", key)
	})
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("state file is not valid JSON: unexpected data after the top-level object")
	}
	return &f, nil
}

// decodeAt decodes the next value into v, naming path in a type error.
func decodeAt(dec *json.Decoder, path string, v any) error {
	return at(path, dec.Decode(v))
}

// at puts path in front of the field a type error names.
func at(path string, err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			typeErr.Field = path
		} else {
			typeErr.Field = path + "." + typeErr.Field
		}
	}
	return err
}

// named names path as the field of a type error that names none (a
// collection of the wrong type).
func named(path string, err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field == "" {
		typeErr.Field = path
	}
	return err
}

// eachKey reads an object (or null), calling fn with each key before its
// value, which fn decodes.
func eachKey(dec *json.Decoder, fn func(key string) error) error {
	if null, err := open(dec, '{'); null || err != nil {
		return err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if err := fn(t.(string)); err != nil {
			return err
		}
	}
	_, err := dec.Token() // '}'
	return err
}

// eachElem reads an array (or null), calling fn for each element, which
// fn decodes.
func eachElem(dec *json.Decoder, fn func(i int) error) error {
	if null, err := open(dec, '['); null || err != nil {
		return err
	}
	for i := 0; dec.More(); i++ {
		if err := fn(i); err != nil {
			return err
		}
	}
	_, err := dec.Token() // ']'
	return err
}

// open reads the opening delimiter of an object or array, or a null.
func open(dec *json.Decoder, want json.Delim) (null bool, err error) {
	t, err := dec.Token()
	switch {
	case err != nil:
		return false, err
	case t == nil:
		return true, nil
	case t != want:
		found := "a JSON value"
		switch t := t.(type) {
		case string:
			found = "string"
		case float64:
			found = "number"
		case bool:
			found = "bool"
		case json.Delim:
			found = map[json.Delim]string{'{': "object", '[': "array"}[t]
		}
		return false, &json.UnmarshalTypeError{Value: found}
	}
	return false, nil
}

// duplicateKey returns an error naming the first key that appears twice
// in one object of data, or nil (also when data is not valid JSON; decode
// reports that). encoding/json keeps the last of two equal keys silently:
// a state holding one address twice, as a bad merge makes, would lose a
// record, or keep a stale pending copy and send it again.
func duplicateKey(data []byte) error {
	// One pass over the bytes: strings are the only tokens whose insides
	// matter (a key, or brackets that are text); encoding/json's Token
	// made this pass cost as much as decoding the state. Keys are slices
	// of data, and frames are reused: the pass allocates next to nothing.
	var stack []keyFrame
	for i := 0; i < len(data); {
		switch data[i] {
		case '{', '[':
			if len(stack) < cap(stack) {
				stack = stack[:len(stack)+1]
			} else {
				stack = append(stack, keyFrame{})
			}
			stack[len(stack)-1].reset(data[i] == '{')
		case '}', ']':
			if len(stack) == 0 {
				return nil // not valid JSON: decode says so
			}
			stack = stack[:len(stack)-1]
		case ',':
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].wantKey = true
			}
		case '"':
			end, text, ok := jsonString(data, i)
			if !ok {
				return nil
			}
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
				if !stack[n-1].add(text) {
					where := keyPath(stack[:n-1])
					if where == "" {
						where = "the top level"
					}
					return fmt.Errorf("state file has the key %q twice in %s; a state must name each key once (was it merged by hand?)", text, where)
				}
			}
			i = end
			continue
		}
		i++
	}
	return nil
}

// keyFrame is an object or array duplicateKey is in.
type keyFrame struct {
	object, wantKey bool
	key             []byte          // the key whose value is being read
	keys            [][]byte        // the keys seen, while they are few
	many            map[string]bool // all keys seen, once they are many
}

func (f *keyFrame) reset(object bool) {
	f.object, f.wantKey, f.key, f.keys, f.many = object, object, nil, f.keys[:0], nil
}

// add records key as the frame's current key, and reports false when it
// was seen before.
func (f *keyFrame) add(key []byte) bool {
	f.key, f.wantKey = key, false
	if f.many != nil {
		if f.many[string(key)] {
			return false
		}
		f.many[string(key)] = true
		return true
	}
	for _, k := range f.keys {
		if bytes.Equal(k, key) {
			return false
		}
	}
	f.keys = append(f.keys, key)
	if len(f.keys) > 32 {
		f.many = map[string]bool{}
		for _, k := range f.keys {
			f.many[string(k)] = true
		}
	}
	return true
}

// keyPath names the value the innermost of stack holds: "sends",
// "a2[]".
func keyPath(stack []keyFrame) string {
	path := ""
	for _, f := range stack {
		switch {
		case !f.object:
			path += "[]"
		case path == "":
			path = string(f.key)
		default:
			path += "." + string(f.key)
		}
	}
	return path
}

// jsonString reads the JSON string that starts at data[i] (a quote): the
// index after it and its text, a slice of data when it has no escapes;
// ok is false when it does not end.
func jsonString(data []byte, i int) (end int, text []byte, ok bool) {
	j := bytes.IndexByte(data[i+1:], '"')
	if j < 0 {
		return 0, nil, false
	}
	j += i + 1
	if bytes.IndexByte(data[i+1:j], '\\') < 0 {
		return j + 1, data[i+1 : j], true
	}
	for j = i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++ // the escaped character cannot end the string
		case '"':
			var s string
			if err := json.Unmarshal(data[i:j+1], &s); err != nil {
				return 0, nil, false
			}
			return j + 1, []byte(s), true
		}
	}
	return 0, nil, false
}
