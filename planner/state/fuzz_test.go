package state

import (
	"bytes"
	"testing"
)

func FuzzRead(f *testing.F) {
	valid, err := Encode(sample())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte(""))
	f.Add([]byte(`{"version": 99}`))
	f.Add([]byte(`{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "sends": {"a": null}}`))
	f.Add([]byte(`{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "history": [null]}`))
	f.Add([]byte(`[]`))
	// A key twice, at the top and in sends (a bad merge), and deep nesting.
	f.Add([]byte(`{"version": 1, "version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "sends": {}}`))
	f.Add([]byte(`{"version": 1, "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11", "sends": {"push.a": {"kind": "push"}, "push.a": {"kind": "push"}}}`))
	f.Add(append(append([]byte(`{"version": 1, "sends": `), bytes.Repeat([]byte("["), 10000)...), bytes.Repeat([]byte("]"), 10000)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		if duplicateKey(data) != nil {
			t.Fatalf("Read accepted a state with a key twice")
		}
		// Whatever reads must write and read back the same.
		out, err := Encode(s)
		if err != nil {
			t.Fatalf("Encode of a state Read accepted: %v", err)
		}
		if _, err := Read(bytes.NewReader(out)); err != nil {
			t.Fatalf("Read of Encode output: %v\n%s", err, out)
		}
	})
}
