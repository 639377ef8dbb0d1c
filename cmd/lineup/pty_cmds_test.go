package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/creack/pty"
	"github.com/rogpeppe/go-internal/testscript"
)

// The pseudo-terminal commands run lineup with its standard streams on a
// terminal, as a user at a shell runs it. testscript's own ttyin attaches
// a terminal to standard input and as the controlling terminal only, not
// to standard output, which is where lineup looks to decide on its live
// status line; creack/pty opens one for all three, as script(1) does.

// gen-pushes N writes a configuration of N pushes, 100 a file, each to
// its own user with its own text.
func cmdGenPushes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: gen-pushes N")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	ts.Check(writePushes(ts.MkAbs("."), n))
}

// writePushes writes n pushes to dir, 100 a file, each to its own user
// with its own text ("message 7"), so deliveries can be told apart.
func writePushes(dir string, n int) error {
	for f := 0; f*100 < n; f++ {
		var b strings.Builder
		for i := f * 100; i < min(n, (f+1)*100); i++ {
			fmt.Fprintf(&b, "push \"p%05d\" {\n  to = \"U%032x\"\n  text {\n    text = \"message %d\"\n  }\n}\n\n", i, i, i)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%03d.lineup.hcl", f)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// pty [-ctrl-c-after=N] FILE ARGS... runs lineup ARGS with its standard
// streams on a pseudo-terminal of 50x200 and records what the terminal
// shows, raw, to FILE. With -ctrl-c-after, it types Ctrl-C once the
// status line counts N sent. It fails when lineup exits non-zero (passes,
// with !, when it does).
func cmdPty(ts *testscript.TestScript, neg bool, args []string) {
	fs := flag.NewFlagSet("pty", flag.ContinueOnError)
	ctrlC := fs.Int("ctrl-c-after", 0, "type Ctrl-C after `N` sent")
	if err := fs.Parse(args); err != nil || fs.NArg() < 2 {
		ts.Fatalf("usage: pty [-ctrl-c-after=N] FILE ARGS...")
	}
	bin, err := lookLineup(ts)
	ts.Check(err)
	cmd := exec.Command(bin, fs.Args()[1:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = []string{"TERM=xterm"}
	for _, k := range []string{"PATH", "HOME", "LINEUP_ENDPOINT", "LINE_CHANNEL_ACCESS_TOKEN", fakeNowEnv} {
		cmd.Env = append(cmd.Env, k+"="+ts.Getenv(k))
	}
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 50, Cols: 200})
	ts.Check(err)
	var rec recording
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		buf := make([]byte, 32<<10)
		typed := *ctrlC == 0
		for {
			n, err := term.Read(buf)
			rec.write(buf[:n])
			if !typed && rec.sentAtLeast(*ctrlC) {
				_, _ = term.Write([]byte{3}) // Ctrl-C: the terminal signals SIGINT
				typed = true
			}
			if err != nil { // EIO once lineup exits and the terminal closes
				return
			}
		}
	}()
	werr := cmd.Wait()
	term.Close()
	<-copied
	ts.Check(os.WriteFile(ts.MkAbs(fs.Arg(0)), rec.bytes(), 0o644))
	var exit *exec.ExitError
	if werr != nil && !errors.As(werr, &exit) {
		ts.Fatalf("running lineup: %v", werr)
	}
	if (werr != nil) != neg {
		ts.Fatalf("lineup exited with %v; recorded in %s", werr, fs.Arg(0))
	}
	if exit != nil {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			ts.Fatalf("lineup was killed by %v, not ended by it", ws.Signal())
		}
	}
}

// recording is what a terminal showed, written by one goroutine and read
// by another.
type recording struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (r *recording) write(p []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf.Write(p)
}

func (r *recording) bytes() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return bytes.Clone(r.buf.Bytes())
}

// sentAtLeast reports whether the last status line drawn counts n sent.
func (r *recording) sentAtLeast(n int) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	fs := statusFrame.FindAllSubmatch(r.buf.Bytes(), -1)
	return len(fs) > 0 && number(string(fs[len(fs)-1][1])) >= n
}

// statusFrame is one drawing of apply's status line: at the start of the
// terminal's line, erased, then the counts.
var statusFrame = regexp.MustCompile(`\r\x1b\[K([\d,]+) sent, ([\d,]+) retried, ([\d,]+) failed, ([\d,]+) left, ([\d,]+)/s`)

func number(s string) int {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		panic(err)
	}
	return n
}

// frames [-interrupted] FILE TOTAL checks the status line of an apply of
// TOTAL sends recorded by pty in FILE: it was drawn again and again over
// the run (as sends were in progress, not only at the end), every drawing
// counts TOTAL sends in all (sent, failed and left), the sent count never
// goes back, at most a few lines scrolled past it, and the last drawing
// stays on the screen with the final counts: none left, or with
// -interrupted some left. It prints what the terminal shows from the last
// drawing on, without the control characters, for stdout to check.
func cmdFrames(ts *testscript.TestScript, neg bool, args []string) {
	fs := flag.NewFlagSet("frames", flag.ContinueOnError)
	interrupted := fs.Bool("interrupted", false, "the apply was interrupted")
	if neg || fs.Parse(args) != nil || fs.NArg() != 2 {
		ts.Fatalf("usage: frames [-interrupted] FILE TOTAL")
	}
	rec := ts.ReadFile(fs.Arg(0))
	total := number(fs.Arg(1))
	frames := statusFrame.FindAllStringSubmatchIndex(rec, -1)
	if len(frames) < 3 {
		ts.Fatalf("the status line was drawn %d times; want it redrawn throughout the run", len(frames))
	}
	sentBefore, midRun := 0, 0
	for _, f := range frames {
		sent, failed, left := number(rec[f[2]:f[3]]), number(rec[f[6]:f[7]]), number(rec[f[8]:f[9]])
		if sent+failed+left != total {
			ts.Fatalf("frame %q counts %d sends, not %d", rec[f[0]:f[1]], sent+failed+left, total)
		}
		if sent < sentBefore {
			ts.Fatalf("frame %q: sent went back from %d", rec[f[0]:f[1]], sentBefore)
		}
		if sent > 0 && left > 0 {
			midRun++
		}
		sentBefore = sent
	}
	if midRun == 0 {
		ts.Fatalf("no frame was drawn while sends were in progress")
	}
	first, last := frames[0], frames[len(frames)-1]
	if scrolled := strings.Count(rec[first[0]:last[0]], "\n"); scrolled > 20 {
		ts.Fatalf("%d lines scrolled past the status line during the run; want a few at most", scrolled)
	}
	left := number(rec[last[8]:last[9]])
	if (left > 0) != *interrupted {
		ts.Fatalf("the last frame %q has %d left", rec[last[0]:last[1]], left)
	}
	after := rec[last[1]:]
	if !strings.HasPrefix(after, "\r\n") && !regexp.MustCompile(`^, about \S+ left\r\n`).MatchString(after) {
		ts.Fatalf("the last frame does not stay on the screen: followed by %q", after[:min(len(after), 40)])
	}
	shown := strings.NewReplacer("\r", "", "\x1b[K", "").Replace(rec[last[0]:])
	fmt.Fprint(ts.Stdout(), shown)
}

// max-lines FILE N asserts that FILE has at most N lines.
func cmdMaxLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: max-lines FILE N")
	}
	got := strings.Count(ts.ReadFile(args[0]), "\n")
	if got > number(args[1]) {
		ts.Fatalf("%s has %d lines; want at most %s", args[0], got, args[1])
	}
}
