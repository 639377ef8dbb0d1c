package state

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const twoRecords = `{
  "version": 1,
  "lineage": "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11",
  "serial": 3,
  "sends": {
    "push.a": {"kind": "push", "status": "sent", "retry_key": "7f1d2c3b-1111-4a5b-8c9d-0e1f2a3b4c5d"},
    "push.a": {"kind": "push", "status": "pending", "retry_key": "7f1d2c3b-2222-4a5b-8c9d-0e1f2a3b4c5d"}
  }
}
`

// refusedUntouched loads the state file at path holding data and checks
// that it is refused with an error containing want, the file untouched.
func refusedUntouched(t *testing.T, path string, data []byte, want string) {
	t.Helper()
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Load = %v, want an error with %q", err, want)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, data) {
		t.Errorf("the state file changed")
	}
}

func TestDuplicateKeyRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	if err := os.WriteFile(path, []byte(twoRecords), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedUntouched(t, path, []byte(twoRecords), `the key "push.a" twice in sends`)
	top := strings.Replace(twoRecords, `"serial": 3,`, `"serial": 3, "serial": 4,`, 1)
	if err := os.WriteFile(path, []byte(top), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedUntouched(t, path, []byte(top), `the key "serial" twice in the top level`)
}

func TestSerialBackwardsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineup.state.json")
	s := New()
	if err := Write(path, s); err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(path)
	if err := Write(path, s); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, old, 0o600); err != nil { // an old copy put back
		t.Fatal(err)
	}
	refusedUntouched(t, path, old, "has serial 1, but this machine has written serial 2 of the same state")
}

func TestSymlinkRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lineup.state.json")
	if err := os.WriteFile(filepath.Join(dir, "real.json"), []byte(`{"version":1,"lineage":"x","serial":1,"sends":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.json", path); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "is a symbolic link (to real.json)") {
		t.Errorf("a link: Load = %v", err)
	}
	dangling := filepath.Join(dir, "dangling.json")
	if err := os.Symlink("nowhere.json", dangling); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dangling); err == nil || !strings.Contains(err.Error(), "is a symbolic link (to nowhere.json)") {
		t.Errorf("a dangling link: Load = %v", err)
	}
}

// TestDuplicateKeyScan: a key is compared as JSON reads it (escapes
// undone), in its own object only; brackets and commas inside strings are
// text.
func TestDuplicateKeyScan(t *testing.T) {
	for _, tc := range []struct {
		data, want string
	}{
		{`{"sends":{"push.a":{"to":"x"},"push\u002ea":{}}}`, `state file has the key "push.a" twice in sends;`},
		{`{"a":{"b":1},"c":{"b":2},"d":[{"b":1},{"b":2}]}`, ""},
		{`{"a":"{\"b\":1,\"b\":2}","e":"],}","a2":[1,{"x":1,"x":2}]}`, `state file has the key "x" twice in a2[];`},
		{`{"k":1,"k":2}`, `state file has the key "k" twice in the top level;`},
		{`{"unterminated`, ""},
		{manyKeys(40, "k5"), `state file has the key "k5" twice in sends;`},
		{manyKeys(40, ""), ""},
	} {
		err := duplicateKey([]byte(tc.data))
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.data, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %s...", tc.data, err, tc.want)
		}
	}
}

// manyKeys is a state whose sends hold n keys, then again, unless empty.
func manyKeys(n int, again string) string {
	var b strings.Builder
	b.WriteString(`{"sends":{`)
	for i := range n {
		fmt.Fprintf(&b, `"k%d":{"a":1},`, i)
	}
	if again != "" {
		fmt.Fprintf(&b, `%q:{},`, again)
	}
	b.WriteString(`"last":{}}}`)
	return b.String()
}
