package lang

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFileFunctions checks file, file_lines and templatefile, which read
// files of the configuration directory and of no other.
func TestFileFunctions(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "greeting.txt"), "Hello from a file")
	if err := os.MkdirAll(filepath.Join(dir, "lines"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "lines", "ids.txt"), "# members\n  U1  \n\nU2\n# U3 left\n")
	writeFile(t, filepath.Join(dir, "hi.tmpl"), "Hi ${name}, ${upper(shop)}!%{ if vip } Welcome back.%{ endif }")
	writeFile(t, filepath.Join(dir, "main.lineup.hcl"), `
locals {
  ids = file_lines("lines/ids.txt")
}

push "p" {
  to = local.ids[1]
  text {
    text = file("greeting.txt")
  }
  text {
    text = templatefile("hi.tmpl", { name = "Ann", shop = "cafe", vip = true })
  }
  text {
    text = join(",", local.ids)
  }
}
`)
	cfg, diags := Load(dir, Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	body := cfg.Sends[0].Body
	var texts []string
	for _, m := range body["messages"].([]any) {
		texts = append(texts, m.(map[string]any)["text"].(string))
	}
	want := []string{"Hello from a file", "Hi Ann, CAFE! Welcome back.", "U1,U2"}
	if diff := cmp.Diff(want, texts); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	if body["to"] != "U2" {
		t.Errorf("to = %v, want U2", body["to"])
	}
	digest := func(text string) string {
		sum := sha256.Sum256([]byte(text))
		return hex.EncodeToString(sum[:])
	}
	wantRead := map[string]string{
		"greeting.txt":  digest("Hello from a file"),
		"lines/ids.txt": digest("# members\n  U1  \n\nU2\n# U3 left\n"),
		"hi.tmpl":       digest("Hi ${name}, ${upper(shop)}!%{ if vip } Welcome back.%{ endif }"),
	}
	if diff := cmp.Diff(wantRead, cfg.FilesRead()); diff != "" {
		t.Errorf("files read (-want +got):\n%s", diff)
	}
}

// TestFilePathsStayInside checks that a path out of the configuration
// directory is an error on the argument.
func TestFilePathsStayInside(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "config")
	writeFile(t, filepath.Join(root, "secret.txt"), "outside")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(filepath.Join(root, "secret.txt"), link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	for _, path := range []string{"../secret.txt", filepath.Join(root, "secret.txt"), "link.txt", "sub/../../secret.txt"} {
		t.Run(path, func(t *testing.T) {
			writeFile(t, filepath.Join(dir, "main.lineup.hcl"), `
push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = file("`+filepath.ToSlash(path)+`")
  }
}
`)
			_, diags := Load(dir, Options{})
			if len(diags) != 1 || diags[0].Summary != "Invalid function argument" || diags[0].Subject.Start.Line != 5 || diags[0].Subject.Start.Column < 17 {
				t.Errorf("want one Invalid function argument on the argument (line 5, column 17 on), got %d:\n%s", len(diags), diags.Error())
			}
		})
	}
}

// TestFlexObjectRanges checks that a problem deep inside flex contents
// written in HCL can point at its own line.
func TestFlexObjectRanges(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.lineup.hcl"), `
push "p" {
  to = "U0123456789abcdef0123456789abcdef"
  flex {
    alt_text = "x"
    contents = {
      type = "bubble"
      body = {
        type   = "box"
        layout = "vertical"
        contents = [
          { type = "text", text = "a" },
          { type = "image", url = "http://x" },
        ]
      }
    }
  }
}
`)
	cfg, diags := Load(dir, Options{})
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	r := cfg.Sends[0].Ranges
	for path, line := range map[string]int{
		"messages[0].contents":                      6,
		"messages[0].contents.body.layout":          10,
		"messages[0].contents.body.contents[1]":     13,
		"messages[0].contents.body.contents[1].url": 13,
	} {
		if got := r[path].Start.Line; got != line {
			t.Errorf("%s on line %d, want %d", path, got, line)
		}
	}
}
