package lang

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"
)

// TestOnceGivesTheSameConfig loads every example with and without
// Options.Once: the sends, audiences and replies are the same, and only
// the Config loaded without Once evaluates again.
func TestOnceGivesTheSameConfig(t *testing.T) {
	dirs, _ := filepath.Glob("../examples/*")
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			again, diags := Load(dir, Options{})
			require.False(t, diags.HasErrors(), diags.Error())
			once, diags := Load(dir, Options{Once: true})
			require.False(t, diags.HasErrors(), diags.Error())
			if diff := cmp.Diff(again.Sends, once.Sends); diff != "" {
				t.Errorf("sends (-again +once):\n%s", diff)
			}
			if diff := cmp.Diff(again.Audiences, once.Audiences, cmpopts.IgnoreUnexported(IDSet{})); diff != "" {
				t.Errorf("audiences (-again +once):\n%s", diff)
			}
			if diff := cmp.Diff(again.Replies(), once.Replies(), cmp.Comparer(func(a, b *regexp.Regexp) bool { return a.String() == b.String() })); diff != "" {
				t.Errorf("replies (-again +once):\n%s", diff)
			}
			require.Equal(t, again.InputsDigest(), once.InputsDigest())
			_, diags = again.Evaluate(nil)
			require.False(t, diags.HasErrors(), diags.Error())
			_, diags = once.Evaluate(nil)
			require.True(t, diags.HasErrors())
			require.Equal(t, "Configuration evaluated once", diags[0].Summary)
		})
	}
}
