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
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		object  bool
		keys    map[string]bool
		wantKey bool
		path    string
		key     string
	}
	var stack []*frame
	child := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := stack[len(stack)-1]
		if !top.object {
			return top.path + "[]"
		}
		if top.path == "" {
			return top.key
		}
		return top.path + "." + top.key
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.wantKey {
			if key, ok := tok.(string); ok {
				if top.keys[key] {
					where := "the top level"
					if top.path != "" {
						where = top.path
					}
					return fmt.Errorf("state file has the key %q twice in %s; a state must name each key once (was it merged by hand?)", key, where)
				}
				top.keys[key] = true
				top.key = key
				top.wantKey = false
				continue
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, keys: map[string]bool{}, wantKey: true, path: child()})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{path: child()})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].wantKey = true
		}
		if len(stack) == 0 {
			return nil
		}
	}
}
