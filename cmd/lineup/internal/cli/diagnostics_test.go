package cli

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// validateDir runs lineup validate in a directory holding files.
func validateDir(t *testing.T, files map[string][]byte, env ...string) (stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	t.Chdir(".") // Run moves into dir (-chdir); back at the end
	Run(context.Background(), []string{"-chdir", dir, "validate"}, Streams{Out: &out, Err: &errs, Now: time.Now, Env: env})
	return out.String(), errs.String()
}

const textPush = "push \"a\" {\n  to = \"U0123456789abcdef0123456789abcdef\"\n  text {\n    text = %s\n  }\n}\n"

func TestLongLineAfterInvalidByte(t *testing.T) {
	// hcl's writer spun forever on this line; its whole is never printed.
	src := strings.Replace(textPush, "%s", "\"\xff"+strings.Repeat("a", 70000)+"\"", 1)
	_, errs := validateDir(t, map[string][]byte{"main.lineup.hcl": []byte(src)})
	if !strings.Contains(errs, `   4:     text = "\xffaaaa`) || len(errs) > 4000 {
		t.Errorf("a 70,000-character line after an invalid byte printed %d bytes:\n%.2000s", len(errs), errs)
	}
}

func TestDiagnosticsCapped(t *testing.T) {
	// One line of each of many bad blocks, valid UTF-8: every one an error.
	var b strings.Builder
	for i := range 500 {
		b.WriteString("push \"p")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString("\" { nope = 1 }\n")
	}
	_, errs := validateDir(t, map[string][]byte{"main.lineup.hcl": []byte(b.String())})
	if n := strings.Count(errs, "Error: "); n != maxDiagnostics {
		t.Errorf("%d errors printed, want %d", n, maxDiagnostics)
	}
	if !strings.Contains(errs, "more diagnostics (") || !strings.Contains(errs, "not shown") {
		t.Errorf("no count of the diagnostics not shown:\n%s", errs[len(errs)-300:])
	}
}

func TestRandomBytes(t *testing.T) {
	src := make([]byte, 1<<20)
	rand.New(rand.NewSource(1)).Read(src)
	_, errs := validateDir(t, map[string][]byte{"main.lineup.hcl": src})
	if !strings.Contains(errs, "Invalid character encoding") || len(errs) > 10000 {
		t.Errorf("a megabyte of random bytes printed %d bytes:\n%.2000s", len(errs), errs)
	}
}

func TestEscapesMadeVisible(t *testing.T) {
	src := strings.Replace(textPush, "%s", "\"\x1b[2J\x1b]0;owned\x07\u202e\" + nope", 1)
	_, errs := validateDir(t, map[string][]byte{"main.lineup.hcl": []byte(src)})
	if strings.ContainsAny(errs, "\x1b\x07\u202e") {
		t.Errorf("escapes of the source printed raw: %q", errs)
	}
	if !strings.Contains(errs, `"\x1b[2J\x1b]0;owned\a\u202e"`) {
		t.Errorf("escapes not shown: %q", errs)
	}
}

func TestRedactedDiagnostics(t *testing.T) {
	token := "tok-" + strings.Repeat("Z9", 40)
	src := strings.Replace(textPush, "%s", `"`+token+`" + nope`, 1)
	_, errs := validateDir(t, map[string][]byte{"main.lineup.hcl": []byte(src)}, "LINE_CHANNEL_ACCESS_TOKEN="+token)
	if strings.Contains(errs, token) || strings.Contains(errs, token[:20]) || !strings.Contains(errs, redactedText) {
		t.Errorf("the token in a source line:\n%s", errs)
	}
}

func TestLineErrorEchoingToken(t *testing.T) {
	token := "tok-" + strings.Repeat("Q7", 40)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"message":"bad header %s"}`, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	dir := t.TempDir()
	src := strings.Replace(textPush, "%s", `"Hello"`, 1)
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	t.Chdir(".") // Run moves into dir (-chdir); back at the end
	Run(context.Background(), []string{"-chdir", dir, "apply", "-auto-approve"}, Streams{Out: &out, Err: &errs, Now: time.Now,
		Env: []string{"LINE_CHANNEL_ACCESS_TOKEN=" + token, "LINEUP_ENDPOINT=" + srv.URL}})
	if !strings.Contains(errs.String()+out.String(), "bad header Bearer "+redactedText) {
		t.Errorf("LINE's error not printed, redacted:\n%s\n%s", out.String(), errs.String())
	}
	if strings.Contains(errs.String()+out.String(), token) {
		t.Errorf("the token printed:\n%s\n%s", out.String(), errs.String())
	}
}

func TestFmtHostileFiles(t *testing.T) {
	dir := t.TempDir()
	deep := strings.Replace(textPush, "%s", strings.Repeat("[", 100000)+strings.Repeat("]", 100000), 1)
	if err := os.WriteFile(filepath.Join(dir, "deep.lineup.hcl"), []byte(deep), 0o644); err != nil {
		t.Fatal(err)
	}
	long := strings.Replace(textPush, "%s", "\"\xff"+strings.Repeat("a", 70000)+"\"", 1)
	if err := os.WriteFile(filepath.Join(dir, "long.lineup.hcl"), []byte(long), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := Run(context.Background(), []string{"fmt", "-check", dir}, Streams{Out: &out, Err: &errs, Now: time.Now}); code == 0 {
		t.Errorf("fmt -check passed hostile files")
	}
	for _, want := range []string{"Error: Nesting too deep", "Error: Invalid character encoding"} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("fmt did not say %q:\n%.3000s", want, errs.String())
		}
	}
}

func TestSensitiveValueRedacted(t *testing.T) {
	src := `variable "pw" {
  type      = string
  sensitive = true
  validation {
    condition     = var.pw == "x"
    error_message = "The password ${var.pw} is too short."
  }
}
` + strings.Replace(textPush, "%s", `"Hello"`, 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	t.Chdir(".") // Run moves into dir (-chdir); back at the end
	Run(context.Background(), []string{"-chdir", dir, "validate", "-var", "pw=SuperSecretValue1"}, Streams{Out: &out, Err: &errs, Now: time.Now})
	if strings.Contains(errs.String()+out.String(), "SuperSecretValue1") || !strings.Contains(errs.String(), "The password "+redactedText) {
		t.Errorf("a sensitive value in an error message:\n%s", errs.String())
	}
}
