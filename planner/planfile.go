package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/lang"
)

// Saved is a plan saved for review by `lineup plan -out=FILE`, with what
// apply needs to check that it still holds. Its file format is package
// plandoc's.
//
// A Saved read from a file holds a Plan for display: sends hold their
// bodies as the file shows them (Redact: null for every sensitive value,
// Send.Sensitive says where) and no Ranges. Apply never sends from it: it
// loads the configuration again, checks it with CheckConfig and
// CheckState, makes the plan again with Options, and checks the new plan
// with Match, which compares every payload and retry key and gives the new
// plan the saved retry keys.
type Saved struct {
	// ID names the plan; it is fixed when the plan is saved.
	ID string
	// ConfigHash is ConfigHash of the configuration the plan was made
	// from, with the input values it was made with.
	ConfigHash string
	// Replace are the -replace addresses the plan was made with.
	Replace []string
	// Targets are the -target addresses the plan was made with.
	Targets []string
	// Plan is the plan, with Lineage and Serial of the state it was made
	// against (serial 0: there was no state file yet).
	Plan *Plan
}

// NewSaved returns p saved with id (a UUID), for cfg (the configuration p
// was made from) and the -replace addresses p was made with. It gives
// every change p sends with fresh keys the keys RetryKeyFor binds to id
// and its address, so that apply can tell that each key is the one made
// for its send (Match).
func NewSaved(id string, cfg *lang.Config, p *Plan, replace []string) *Saved {
	for _, ch := range p.Changes {
		if freshKeyed(ch) {
			ch.RetryKey, ch.RetryKeys = boundKeys(id, ch)
		}
	}
	return &Saved{ID: id, ConfigHash: ConfigHash(cfg), Replace: append([]string(nil), replace...), Plan: p}
}

// freshKeyed reports whether ch is sent with keys made for this plan (a
// Send); an Unresolved change keeps its pending record's keys.
func freshKeyed(ch *Change) bool {
	return ch.Action == Send && ch.Send != nil && !ch.IsAudience()
}

// boundKeys are the keys RetryKeyFor gives ch in the plan id: one
// RetryKey, or one per request of a multicast (as many as ch has).
func boundKeys(id string, ch *Change) (string, []string) {
	if len(ch.RetryKeys) == 0 {
		return RetryKeyFor(id, ch.Address, -1), nil
	}
	keys := make([]string, len(ch.RetryKeys))
	for i := range keys {
		keys[i] = RetryKeyFor(id, ch.Address, i)
	}
	return "", keys
}

// retryKeySpace is the UUID namespace of the retry keys of saved plans.
var retryKeySpace = uuid.MustParse("8d0b6c5e-3f1a-4c7e-9b2d-6a4f0e1c7b39")

// RetryKeyFor is the retry key of a send of a saved plan: a name-based
// UUID (RFC 9562, version 5) of the plan ID, the send's address and its
// request (part, -1 for a send of one request). Keys are as unique as
// plan IDs, and the key of each send can be made again from the plan: a
// key moved to another send, or edited, is told apart.
func RetryKeyFor(planID, address string, part int) string {
	return uuid.NewSHA1(retryKeySpace, []byte(fmt.Sprintf("%s\n%s\n%d", planID, address, part))).String()
}

// ConfigHash is "sha256:" and the hex SHA-256 of every *.lineup.hcl file
// of cfg (names and bytes, in name order), of the files its file
// functions read (lang.Config.FilesRead) and of the value of every
// variable (lang.Config.InputsDigest). The same files and input values
// give the same hash, wherever the values came from.
func ConfigHash(cfg *lang.Config) string {
	h := sha256.New()
	fmt.Fprintf(h, "lineup configuration hash 1\n")
	var names []string
	for name := range cfg.Files {
		if strings.HasSuffix(name, ".lineup.hcl") && filepath.Dir(name) == filepath.Clean(cfg.Dir) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		src := cfg.Files[name].Bytes
		fmt.Fprintf(h, "file %q %d\n", filepath.Base(name), len(src))
		h.Write(src)
	}
	read := cfg.FilesRead()
	for _, path := range slices.Sorted(maps.Keys(read)) {
		fmt.Fprintf(h, "read %q sha256:%s\n", path, read[path])
	}
	fmt.Fprintf(h, "inputs %s\n", cfg.InputsDigest())
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// ActionName is the name of an action in plan files and JSON output:
// "send", "no-op", "changed", "forget" or "unresolved"; for audiences
// also "update", "replace" and "delete" (creating one is "send").
func ActionName(a Action) string {
	for name, act := range actionNames {
		if act == a {
			return name
		}
	}
	return string(a)
}

// ActionByName is the Action of a name of ActionName.
func ActionByName(name string) (Action, bool) {
	a, ok := actionNames[name]
	return a, ok
}

var actionNames = map[string]Action{
	"send": Send, "no-op": NoOp, "changed": Changed, "forget": Forget, "unresolved": Unresolved,
	"update": Update, "replace": Replace, "delete": Delete,
}

// Redact is s's body as the public plan format shows it: null for the
// values at s.Sensitive's paths (and under them) and for values known only
// after apply, whose references it returns by path (nil when there are
// none).
func Redact(s *lang.Send) (map[string]any, map[string]string) {
	var unknown map[string]string
	out, _ := lang.Rewrite("", s.Body, func(p *lang.Path, v any) (any, bool) {
		if !p.IsRoot() && p.In(s.Sensitive) {
			return nil, true
		}
		if u, ok := lang.UnknownOf(v); ok {
			if unknown == nil {
				unknown = map[string]string{}
			}
			unknown[p.String()] = u.Ref
			return nil, true
		}
		return nil, false
	}).(map[string]any)
	return out, unknown
}
