package cli

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lineupdev/lineup/applier/webhook"
)

// TestServeMemoryUnderUnsignedClients: 400 clients sending almost 1 MiB
// each, slowly, with and without a forged signature, leave serve's heap
// under 100 MB.
func TestServeMemoryUnderUnsignedClients(t *testing.T) {
	inbox, err := webhook.OpenInbox(filepath.Join(t.TempDir(), "inbox.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer inbox.Close()
	h, err := webhook.NewHandler(webhook.Options{ChannelSecret: "s3cret-of-the-channel", Inbox: inbox})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := webhookServer(h)
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	const clients, size = 400, 1<<20 - 1024
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Go(func() {
			c, err := net.Dial("tcp", ln.Addr().String())
			if err != nil {
				return
			}
			defer c.Close()
			sig := ""
			if i%2 == 0 {
				sig = "X-Line-Signature: AAAAforged\r\n"
			}
			answered := make(chan struct{})
			go func() { _, _ = io.Copy(io.Discard, c); close(answered) }()
			fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\n%sContent-Length: %d\r\n\r\n", sig, size)
			_ = c.SetWriteDeadline(time.Now().Add(3 * time.Second))
			for sent := 0; sent < size; sent += len(chunk) {
				if _, err := c.Write(chunk[:min(len(chunk), size-sent)]); err != nil {
					break
				}
				select {
				case <-answered: // refused: a client stops here, or the server's timeouts stop it
					return
				case <-time.After(5 * time.Millisecond):
				}
			}
			c.Close()
			<-answered
		})
	}
	wg.Wait()
	close(stop)
	<-sampled
	if p := peak.Load(); p > 100<<20 {
		t.Errorf("heap in use reached %d MB with %d clients", p>>20, clients)
	} else {
		t.Logf("peak heap in use: %d MB", p>>20)
	}
}
