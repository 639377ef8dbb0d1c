package state

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/lineupdev/lineup/internal/atomicfile"
)

// A state's serial only grows: Write bumps it. A state file whose serial
// is lower than one this machine wrote for the same lineage is an old copy
// put back (a restored backup, a checkout of an old commit), and applying
// with it would send again what the newer state records as sent. Write
// keeps the highest serial it wrote for the state at path in the file
// SeenPath(path), beside it, and Load refuses a state below it. The record
// is beside the state, not in a user cache, so that it goes where the
// state goes (a CI cache, a shared disk) and names no other directory.

// seen is the record of SeenPath.
type seen struct {
	Lineage string `json:"lineage"`
	Serial  uint64 `json:"serial"`
}

// SeenPath is where Write records the highest serial written for the
// state file at path.
func SeenPath(path string) string { return path + ".seen" }

// checkSerial refuses s, read from path, when its serial is lower than
// the one recorded for its lineage.
func checkSerial(path string, s *State) error {
	data, err := os.ReadFile(SeenPath(path))
	if err != nil {
		return nil // nothing recorded (yet): nothing to compare with
	}
	var rec seen
	if json.Unmarshal(data, &rec) != nil || rec.Lineage != s.Lineage {
		return nil
	}
	if s.Serial < rec.Serial {
		return fmt.Errorf("state file %s has serial %d, but this machine has written serial %d of the same state (lineage %s, recorded in %s): "+
			"it is an older copy, and applying with it would send again what the newer one records as sent; put the newest state back",
			path, s.Serial, rec.Serial, s.Lineage, SeenPath(path))
	}
	return nil
}

// recordSerial records s's serial as the highest written for path. A
// failure to record is not an error of Write: the state is written.
func recordSerial(path string, s *State) {
	data, err := json.Marshal(seen{Lineage: s.Lineage, Serial: s.Serial})
	if err == nil {
		_ = atomicfile.Write(SeenPath(path), append(data, '\n'), 0o600)
	}
}
