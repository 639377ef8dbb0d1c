package state

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/internal/atomicfile"
)

// ErrEmpty is returned by Read for empty input (nothing but white space).
var ErrEmpty = errors.New("state file is empty")

// New returns an empty state with a fresh lineage and serial 0.
func New() *State {
	return &State{Lineage: uuid.NewString(), Sends: map[string]*Record{}, Audiences: map[string]*Audience{}}
}

// Read decodes a state file. An unknown version, or input that is not a
// state file, is an error that says precisely what is wrong: "version" is
// looked at before any other error is reported. Empty input gives ErrEmpty. The State that
// comes back always has a non-nil Sends map.
func Read(r io.Reader) (*State, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading state: %w", err)
	}
	return decode(data)
}

// decode is Read of data read already.
func decode(data []byte) (*State, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if err := duplicateKey(data); err != nil {
		return nil, err
	}
	f, err := decodeV1(data)
	if err == nil && f.Version != Version {
		err = errors.New("not version 1") // sniffVersion says what is wrong
	}
	if err != nil {
		// The version says more than a decode error: a newer lineup's
		// file may not decode as version 1 at all.
		if serr := sniffVersion(data); serr != nil {
			return nil, serr
		}
		return nil, decodeError(err)
	}
	return f.state()
}

// sniffVersion checks that data is a JSON object with a version this
// package reads; decode asks when data does not decode as version 1.
func sniffVersion(data []byte) error {
	var sniff struct {
		Version *json.RawMessage `json:"version"`
	}
	if err := json.Unmarshal(data, &sniff); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return fmt.Errorf("state file is not a JSON object (found %s)", typeErr.Value)
		}
		return fmt.Errorf("state file is not valid JSON: %s", jsonMessage(err))
	}
	if sniff.Version == nil {
		return errors.New(`state file has no "version"; it is not a lineup state file`)
	}
	var v int
	if err := json.Unmarshal(*sniff.Version, &v); err != nil {
		return fmt.Errorf(`state file "version" must be a whole number, not %s`, *sniff.Version)
	}
	switch {
	case v > Version:
		return fmt.Errorf("state file version %d is newer than this lineup supports (%d); upgrade lineup", v, Version)
	case v < 1:
		return fmt.Errorf("state file version %d is not a valid version (this lineup supports %d)", v, Version)
	}
	return nil
}

// decodeError rewords an error of the strict decode of a version 1 file.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		return fmt.Errorf("state file field %q must not be a JSON %s", typeErr.Field, typeErr.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return fmt.Errorf("state file has an unknown field %s; it was not written by this version of lineup",
			strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return fmt.Errorf("state file is not valid JSON: %s", jsonMessage(err))
}

// jsonMessage strips the "json: " prefix encoding/json puts on errors.
func jsonMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

// Load reads the state file at path with its journal replayed over it
// (see JournalPath); a missing file and journal give New(), nil. Every
// other failure is an error naming path, and the caller must stop: a
// state that cannot be read must never be replaced by a new one, or sends
// it records would be made again. An empty file is such a failure.
func Load(path string) (*State, error) {
	s, exists, err := loadSnapshot(path)
	if err != nil {
		return nil, err
	}
	if err := replay(path, s, exists); err != nil {
		return nil, err
	}
	return s, nil
}

func loadSnapshot(path string) (*State, bool, error) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		target, _ := os.Readlink(path)
		return nil, false, fmt.Errorf("state file %s is a symbolic link (to %s); lineup reads and writes a state only as a regular file, "+
			"and would replace the link by one: put the state file itself there, or name its real place in lineup.state_file", path, target)
	} else if err == nil && !info.Mode().IsRegular() {
		return nil, false, fmt.Errorf("state file %s is not a regular file", path)
	}
	data, err := os.ReadFile(path) // sized to the file, unlike io.ReadAll
	if errors.Is(err, fs.ErrNotExist) {
		return New(), false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("reading state file %s: %w", path, err)
	}
	s, err := decode(data)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkSerial(path, s); err != nil {
		return nil, false, err
	}
	return s, true, nil
}

// Write bumps s.Serial and writes s to path atomically (temp file named
// "<path>.<random>.tmp" in the same directory, fsync, mode 0600, rename,
// fsync of the directory): the file at path is always either the old
// state or the new one. On failure s.Serial is restored and no temp file
// is left behind.
func Write(path string, s *State) (err error) {
	s.Serial++
	defer func() {
		if err != nil {
			s.Serial--
		}
	}()
	err = atomicfile.WriteFunc(path, 0o600, func(w io.Writer) error { return EncodeTo(w, s) })
	if err != nil {
		return fmt.Errorf("writing state file %s: %w", path, err)
	}
	recordSerial(path, s)
	return nil
}
