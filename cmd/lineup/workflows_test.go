package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// The example workflows that keep the state in git commit everything
// lineup leaves (the state, its .seen record and a journal), and push it
// even when another commit reached main first. Their "Commit the state"
// step runs here, as written, against a local remote that moved on.
func TestWorkflowsCommitTheState(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not found")
	}
	for _, name := range []string{"lineup.yml", "lineup-due.yml"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel() // each waits 2 s before its second push
			script := workflowStep(t, filepath.Join("..", "..", "examples", "ci", ".github", "workflows", name), "Commit the state")
			tmp := t.TempDir()
			origin, runner, other := filepath.Join(tmp, "origin.git"), filepath.Join(tmp, "runner"), filepath.Join(tmp, "other")
			git(t, tmp, "init", "-q", "--bare", "-b", "main", origin)
			git(t, tmp, "clone", "-q", origin, other)
			writeFile(t, filepath.Join(other, "messages", "main.lineup.hcl"), "# config\n")
			git(t, other, "add", ".")
			git(t, other, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "config")
			git(t, other, "push", "-q", "origin", "main")
			git(t, tmp, "clone", "-q", origin, runner)

			// What an apply left, then a merge that reached main meanwhile.
			for _, f := range []string{"lineup.state.json", "lineup.state.json.seen", "lineup.state.json.journal"} {
				writeFile(t, filepath.Join(runner, "messages", f), f+"\n")
			}
			writeFile(t, filepath.Join(other, "messages", "more.lineup.hcl"), "# merged meanwhile\n")
			git(t, other, "add", ".")
			git(t, other, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "merged")
			git(t, other, "push", "-q", "origin", "main")

			cmd := exec.Command("bash", "-e", "-c", script)
			cmd.Dir = runner
			cmd.Env = append(os.Environ(), "LINEUP_DIR=messages")
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			files := git(t, tmp, "--git-dir", origin, "ls-tree", "-r", "--name-only", "main")
			for _, f := range []string{"main.lineup.hcl", "more.lineup.hcl", "lineup.state.json", "lineup.state.json.seen", "lineup.state.json.journal"} {
				require.Contains(t, files, "messages/"+f+"\n", "on main after the step")
			}
		})
	}
}

// workflowStep is the run script of the step named name, with GitHub's
// ${{ }} expressions replaced by 1.
func workflowStep(t *testing.T, path, name string) string {
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string `yaml:"name"`
				Run  string `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal(data, &wf))
	for _, job := range wf.Jobs {
		for _, step := range job.Steps {
			if step.Name == name {
				return regexp.MustCompile(`\$\{\{[^}]*\}\}`).ReplaceAllString(step.Run, "1")
			}
		}
	}
	t.Fatalf("%s has no step %q", path, name)
	return ""
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %s: %s", strings.Join(args, " "), out)
	return string(out)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}
