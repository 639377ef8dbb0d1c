package planner

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lineupdev/lineup/lang"
)

// Sources are the digests of what a configuration hash covers, each on
// its own: a saved plan keeps them to say which of them changed.
type Sources struct {
	// Files are the *.lineup.hcl files by name: "sha256:" and hex.
	Files map[string]string
	// Reads are the files read by file functions, by path as written
	// (lang.Config.FilesRead).
	Reads map[string]string
	// Inputs are the variables by name, salted with the plan ID
	// (lang.Config.InputDigests).
	Inputs map[string]string
}

// Empty reports whether s records nothing.
func (s Sources) Empty() bool { return len(s.Files)+len(s.Reads)+len(s.Inputs) == 0 }

// ConfigSources are the Sources of cfg, its inputs salted with planID.
func ConfigSources(cfg *lang.Config, planID string) Sources {
	s := Sources{Files: map[string]string{}, Reads: map[string]string{}, Inputs: cfg.InputDigests(planID)}
	for _, name := range configFiles(cfg) {
		sum := sha256.Sum256(cfg.Files[name].Bytes)
		s.Files[filepath.Base(name)] = "sha256:" + hex.EncodeToString(sum[:])
	}
	for path, digest := range cfg.FilesRead() {
		s.Reads[path] = "sha256:" + strings.TrimPrefix(digest, "sha256:")
	}
	return s
}

// maxNamed is how many names of each kind a difference lists.
const maxNamed = 5

// describe says how now differs from s, the sources a plan was saved
// with ("configuration files changed: welcome.lineup.hcl; input values
// changed: var.customer"), or "" when they are the same.
func (s Sources) describe(now Sources) string {
	var parts []string
	parts = append(parts, differences("configuration files", "", s.Files, now.Files)...)
	parts = append(parts, differences("files read by file functions", "", s.Reads, now.Reads)...)
	parts = append(parts, differences("input values", "var.", s.Inputs, now.Inputs)...)
	return strings.Join(parts, "; ")
}

// differences lists the names changed, added and removed between was and
// now, each list cut at maxNamed with a count of the rest.
func differences(what, prefix string, was, now map[string]string) []string {
	var changed, added, removed []string
	for _, name := range slices.Sorted(maps.Keys(now)) {
		old, ok := was[name]
		switch {
		case !ok:
			added = append(added, prefix+name)
		case old != now[name]:
			changed = append(changed, prefix+name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(was)) {
		if _, ok := now[name]; !ok {
			removed = append(removed, prefix+name)
		}
	}
	var out []string
	for _, d := range []struct {
		verb  string
		names []string
	}{{"changed", changed}, {"added", added}, {"removed", removed}} {
		if len(d.names) > 0 {
			out = append(out, fmt.Sprintf("%s %s: %s", what, d.verb, named(d.names)))
		}
	}
	return out
}

// named joins names, at most maxNamed of them, with a count of the rest.
func named(names []string) string {
	if len(names) <= maxNamed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:maxNamed], ", "), len(names)-maxNamed)
}
