package cli

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"strings"

	"github.com/lineupdev/lineup/planner/render"
)

// markdownOptions says what a pull-request comment was planned from: the
// configuration directory relative to its git repository and the commit
// checked out. Outside a git repository, or without git, it is the
// directory as given and no commit.
func markdownOptions(ctx context.Context, g global, s Streams) render.MarkdownOptions {
	opts := render.MarkdownOptions{Dir: g.chdir}
	if opts.Dir == "" {
		opts.Dir = "."
	}
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--show-prefix", "--short=12", "HEAD")
	cmd.Env = s.Env
	out, err := cmd.Output()
	if err != nil {
		return opts
	}
	prefix, commit, ok := strings.Cut(string(out), "\n")
	if !ok {
		return opts
	}
	opts.Dir = strings.TrimSuffix(prefix, "/")
	if opts.Dir == "" {
		opts.Dir = "."
	}
	opts.Commit = strings.TrimSpace(commit)
	return opts
}

// failedComment is where a markdown plan keeps what it printed to
// stderr, to write the comment of a failed plan from it.
type failedComment struct {
	errs bytes.Buffer
	opts render.MarkdownOptions
}

// capture returns s with its errors also written to c.
func (c *failedComment) capture(s Streams) Streams {
	s.Err = io.MultiWriter(s.Err, &c.errs)
	return s
}

// failed writes the comment of the failed plan, when there is one to
// write, and returns the exit code of a failure.
func (c *failedComment) failed(s Streams) int {
	if c == nil {
		return exitError
	}
	if err := render.MarkdownFailed(s.Out, c.errs.String(), c.opts); err != nil {
		return fail(s, err)
	}
	return exitError
}

// options are the markdown options, or none when the plan is not
// markdown.
func (c *failedComment) options() render.MarkdownOptions {
	if c == nil {
		return render.MarkdownOptions{}
	}
	return c.opts
}
