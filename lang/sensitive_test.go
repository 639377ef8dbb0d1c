package lang

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestSensitivePaths(t *testing.T) {
	dir := t.TempDir()
	src := `variable "coupon" {
  type      = string
  sensitive = true
}
variable "who" {
  type      = string
  default   = "U0123456789abcdef0123456789abcdef"
  sensitive = true
}
variable "shop" {
  default = "Lineup Cafe"
}
bundle "b" {
  text {
    text = "From ${var.shop}: ${upper(var.coupon)}"
  }
  text {
    text = "Plain ${var.shop}"
  }
}
push "a" {
  to       = var.who
  messages = bundle.b
}
push "plain" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = var.shop
  }
}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o644))
	cfg, diags := Load(dir, Options{Vars: []string{"coupon=save10"}})
	require.False(t, diags.HasErrors(), diags.Error())
	got := map[string]map[string]bool{}
	for _, s := range cfg.Sends {
		got[s.Address()] = s.Sensitive
	}
	want := map[string]map[string]bool{
		"push.a":     {"to": true, "messages[0].text": true},
		"push.plain": nil,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Sensitive (-want +got):\n%s", diff)
	}
	text := cfg.Sends[0].Body["messages"].([]any)[0].(map[string]any)["text"]
	if text != "From Lineup Cafe: SAVE10" {
		t.Errorf("the body holds %q; it must hold the real value", text)
	}
}
