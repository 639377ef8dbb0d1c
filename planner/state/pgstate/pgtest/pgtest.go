// Package pgtest gives tests a real PostgreSQL: LINEUP_TEST_DATABASE_URL
// when it is set, otherwise a throwaway cluster started from the
// machine's PostgreSQL binaries (initdb and postgres under
// /usr/lib/postgresql/*/bin, as Debian installs them, or on PATH) in a
// temporary folder, listening on a free loopback port, removed
// afterwards. Without either, tests that need it skip with one line
// saying how to install PostgreSQL.
//
// One cluster serves a whole test binary: call Main from TestMain.
// Tests share it and keep apart by workspace (Workspace gives a fresh
// name each call).
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the variable with the URL of a database tests may use.
const EnvURL = "LINEUP_TEST_DATABASE_URL"

// Install is the line tests skip with when there is no PostgreSQL.
const Install = "PostgreSQL not found: install it (apt-get install postgresql) or set " + EnvURL + " to run these tests"

var (
	once     sync.Once
	shared   *Cluster
	sharedEr error
	counter  atomic.Int64
)

// Main runs the tests and then stops the shared cluster, if one was
// started. Use it in TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	return Wrap(m).Run()
}

// Wrap is m, stopping the shared cluster after its tests ran: for a
// TestMain that hands m to another runner (testscript.Main).
func Wrap(m interface{ Run() int }) interface{ Run() int } { return wrapped{m} }

type wrapped struct{ m interface{ Run() int } }

func (w wrapped) Run() int {
	code := w.m.Run()
	if shared != nil {
		shared.Stop()
	}
	return code
}

// Shared is the URL of the shared database, started on first use: the
// one in LINEUP_TEST_DATABASE_URL, or the shared throwaway cluster's. The
// error is ErrNotInstalled when there is neither.
func Shared() (string, error) {
	if url := os.Getenv(EnvURL); url != "" {
		return url, nil
	}
	once.Do(func() { shared, sharedEr = Start() })
	if sharedEr != nil {
		return "", sharedEr
	}
	return shared.URL, nil
}

// URL is Shared's URL; the test is skipped when there is no PostgreSQL,
// and fails when one could not be started.
func URL(t testing.TB) string {
	t.Helper()
	url, err := Shared()
	if errors.Is(err, ErrNotInstalled) {
		t.Skip(Install)
	}
	if err != nil {
		t.Fatalf("starting PostgreSQL: %v", err)
	}
	return url
}

// Cluster is the shared throwaway cluster, for a test that restarts it;
// the test is skipped when the database is LINEUP_TEST_DATABASE_URL's or
// there is none. Tests that run at the same time must not use it then.
func SharedCluster(t testing.TB) *Cluster {
	t.Helper()
	if os.Getenv(EnvURL) != "" {
		t.Skip("the database is " + EnvURL + "'s, which this test cannot restart")
	}
	URL(t)
	return shared
}

// Workspace is a workspace name no other test of this run uses.
func Workspace() string {
	return fmt.Sprintf("test-%d-%d-%d", os.Getpid(), time.Now().UnixNano()%1e9, counter.Add(1))
}

// ErrNotInstalled is Start's error when there are no PostgreSQL binaries.
var ErrNotInstalled = errors.New(Install)

// Cluster is a running throwaway PostgreSQL.
type Cluster struct {
	// URL connects to its database "postgres" as the superuser.
	URL  string
	dir  string
	bin  string
	port int
	cmd  *exec.Cmd
	exit chan error
}

// Bin is the folder of the newest PostgreSQL binaries on the machine.
func Bin() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNotInstalled
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// Start initialises a cluster in a temporary folder and starts it on a
// free loopback port. When the process runs as root, PostgreSQL (which
// refuses root) runs as the user nobody.
func Start() (*Cluster, error) {
	bin, err := Bin()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "lineup-pg-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir, bin: bin}
	if err := ownDir(dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	initdb := c.command("initdb", "-D", c.data(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions")
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	if c.port, err = freePort(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	c.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
	if err := c.Restart(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return c, nil
}

func (c *Cluster) data() string { return filepath.Join(c.dir, "data") }

// Restart starts the cluster's server (again, after Kill or Stop) and
// waits until it takes connections.
func (c *Cluster) Restart() error {
	c.cmd = c.command("postgres", "-D", c.data(), "-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
		"-c", "max_connections=200", "-c", "fsync=off")
	log, err := os.Create(filepath.Join(c.dir, "postgres.log"))
	if err != nil {
		return err
	}
	c.cmd.Stdout, c.cmd.Stderr = log, log
	if err := c.cmd.Start(); err != nil {
		log.Close()
		return err
	}
	c.exit = make(chan error, 1)
	go func() { c.exit <- c.cmd.Wait(); log.Close() }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, c.URL)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
		select {
		case werr := <-c.exit:
			out, _ := os.ReadFile(filepath.Join(c.dir, "postgres.log"))
			return fmt.Errorf("postgres exited: %v\n%s", werr, out)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			c.Kill()
			return fmt.Errorf("postgres did not take connections within 30s: %v", err)
		}
	}
}

// Kill stops the server at once (SIGQUIT: immediate shutdown, as a
// crash), leaving its files for Restart.
func (c *Cluster) Kill() {
	c.signal(sigQuit)
}

// Stop shuts the server down and removes its folder.
func (c *Cluster) Stop() {
	c.signal(sigInt)
	os.RemoveAll(c.dir)
}

func (c *Cluster) signal(sig os.Signal) {
	if c.cmd == nil || c.cmd.Process == nil {
		return
	}
	c.cmd.Process.Signal(sig)
	select {
	case <-c.exit:
	case <-time.After(20 * time.Second):
		c.cmd.Process.Kill()
		<-c.exit
	}
	c.cmd = nil
}

func (c *Cluster) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(c.bin, name), args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	cmd.Dir = c.dir
	asUnprivileged(cmd)
	return cmd
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
