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
