package planner

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSourcesDescribe(t *testing.T) {
	was := Sources{
		Files:  map[string]string{"a.lineup.hcl": "sha256:1", "b.lineup.hcl": "sha256:2", "old.lineup.hcl": "sha256:3"},
		Reads:  map[string]string{"ids.txt": "sha256:4"},
		Inputs: map[string]string{"who": "5", "when": "6"},
	}
	now := Sources{
		Files:  map[string]string{"a.lineup.hcl": "sha256:1", "b.lineup.hcl": "sha256:9", "new.lineup.hcl": "sha256:7"},
		Reads:  map[string]string{"ids.txt": "sha256:4"},
		Inputs: map[string]string{"who": "5", "when": "8"},
	}
	require.Equal(t, "configuration files changed: b.lineup.hcl; configuration files added: new.lineup.hcl; "+
		"configuration files removed: old.lineup.hcl; input values changed: var.when", was.describe(now))
	require.Empty(t, was.describe(was))

	many := Sources{Inputs: map[string]string{}}
	for i := range 8 {
		many.Inputs[fmt.Sprintf("v%d", i)] = "x"
	}
	require.Equal(t, "input values removed: var.v0, var.v1, var.v2, var.v3, var.v4 and 3 more", many.describe(Sources{}))
}
