package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadSrc loads src as the one file of a directory.
func loadSrc(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := Load(dir, Options{})
	return diags.Error()
}

const pushOf = `push "a" {
  to = "U0123456789abcdef0123456789abcdef"
  text {
    text = %s
  }
}
`

func TestNestingTooDeep(t *testing.T) {
	src := strings.Replace(pushOf, "%s", strings.Repeat("(", 100000)+"1"+strings.Repeat(")", 100000), 1)
	got := loadSrc(t, src)
	if !strings.Contains(got, "Nesting too deep") || !strings.Contains(got, "main.lineup.hcl:4,") {
		t.Errorf("100,000 brackets deep: %s", got)
	}
}

func TestInvalidUTF8IsOneError(t *testing.T) {
	src := strings.Replace(pushOf, "%s", "\"\xff"+strings.Repeat("a", 70000)+"\"", 1)
	got := loadSrc(t, src)
	if strings.Count(got, "Invalid character encoding") != 1 || !strings.Contains(got, "main.lineup.hcl:4,13") {
		t.Errorf("an invalid byte: %s", got)
	}
}

func TestValueTooLarge(t *testing.T) {
	// Nine locals joining each other, each ten times the last: 10 GB.
	var b strings.Builder
	b.WriteString("locals {\n  l0 = \"" + strings.Repeat("x", 100) + "\"\n")
	for i := 1; i <= 9; i++ {
		prev := "local.l" + string(rune('0'+i-1))
		b.WriteString("  l" + string(rune('0'+i)) + " = join(\"\", [" + strings.Repeat(prev+", ", 10) + "])\n")
	}
	b.WriteString("}\n")
	b.WriteString(strings.Replace(pushOf, "%s", "local.l9", 1))
	got := loadSrc(t, b.String())
	if !strings.Contains(got, "larger than 64 MiB") {
		t.Errorf("nine locals joining each other: %s", got)
	}
	got = loadSrc(t, strings.Replace(pushOf, "%s", `"${length(setproduct(range(1000), range(1000), range(30)))}"`, 1))
	if !strings.Contains(got, "setproduct would make more than") {
		t.Errorf("setproduct of 30 million: %s", got)
	}
}

func TestConfigTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := "# " + strings.Repeat("x", MaxConfigBytes/2) + "\n"
	for _, name := range []string{"a.lineup.hcl", "b.lineup.hcl", "c.lineup.hcl"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(big), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, diags := Load(dir, Options{})
	if got := diags.Error(); !strings.Contains(got, "Configuration too large") || !strings.Contains(got, "b.lineup.hcl and the files after it") {
		t.Errorf("48 MiB of configuration: %s", got)
	}
}

func TestFileLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.lineup.hcl"), []byte(strings.Replace(pushOf, "%s", `file("big.txt")`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "big.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, diags := Load(dir, Options{})
	if got := diags.Error(); !strings.Contains(got, "more than the limit of 67108864") {
		t.Errorf("a file over the limit: %s", got)
	}
}

// Every limit is named in docs/security.md, with its value.
func TestLimitsDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "security.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for name, value := range map[string]string{
		"lang.MaxConfigBytes": "16 MiB", "lang.MaxFileBytes": "64 MiB", "lang.MaxNesting": "256",
		"lang.MaxValueBytes": "64 MiB", "lang.MaxProductElements": "1,048,576",
	} {
		line := ""
		for _, l := range strings.Split(doc, "\n") {
			if strings.Contains(l, "`"+name+"`") {
				line = l
			}
		}
		if !strings.Contains(line, value) {
			t.Errorf("docs/security.md does not name %s with its value %s", name, value)
		}
	}
	for _, v := range []int{MaxConfigBytes >> 20, MaxFileBytes >> 20, MaxValueBytes >> 20} {
		if !strings.Contains(doc, fmt.Sprintf("%d MiB", v)) {
			t.Errorf("docs/security.md does not say %d MiB", v)
		}
	}
	if !strings.Contains(doc, fmt.Sprintf("| %d |", MaxNesting)) {
		t.Errorf("docs/security.md does not say the nesting limit %d", MaxNesting)
	}
}
