package applier_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/lineupdev/lineup/applier"
	"github.com/lineupdev/lineup/applier/line"
	"github.com/lineupdev/lineup/applier/sandbox"
	"github.com/lineupdev/lineup/lang"
	"github.com/lineupdev/lineup/planner"
	"github.com/lineupdev/lineup/planner/state"
	"github.com/lineupdev/lineup/planner/state/pgstate"
	"github.com/lineupdev/lineup/planner/state/pgstate/pgtest"
	"github.com/stretchr/testify/require"
)

// BenchmarkApply applies 10,000 pushes to a sandbox. "limited": the
// sandbox enforces LINE's 2,000 pushes a second and lineup paces itself
// at LINE's limits; fraction-of-limit is the achieved rate over 2,000/s.
// "unlimited": no limits on either side. Both with the state's journal
// durable before every request leaves: in files, and with "-postgres" in
// PostgreSQL (skipped without it).
//
//	go test ./applier -run '^$' -bench BenchmarkApply -benchtime 1x
func BenchmarkApply(b *testing.B) {
	const n = 10000
	dir := b.TempDir()
	writePushes(b, dir, n)
	cfg, diags := lang.Load(dir, lang.Options{})
	require.False(b, diags.HasErrors(), diags.Error())
	for _, c := range []struct {
		name              string
		limited, postgres bool
	}{{"limited", true, false}, {"unlimited", false, false}, {"limited-postgres", true, true}, {"unlimited-postgres", false, true}} {
		b.Run(c.name, func(b *testing.B) {
			var elapsed time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				sb, err := sandbox.New(sandbox.Options{RateLimits: c.limited})
				require.NoError(b, err)
				srv := httptest.NewServer(sb)
				client, err := line.New(line.Config{Endpoint: srv.URL, Token: "t"})
				require.NoError(b, err)
				st := state.New()
				p, diags := planner.Make(cfg, st, planner.Options{Now: time.Now, NewKey: uuid.NewString})
				require.False(b, diags.HasErrors(), diags.Error())
				opts := applier.Options{Client: client, Backend: state.Files{Path: filepath.Join(b.TempDir(), "state.json")}, Parallelism: 32}
				if c.postgres {
					pg, err := pgstate.Open(context.Background(), pgtest.URL(b), lang.DefaultURLEnv, lang.DefaultSchema, pgtest.Workspace())
					require.NoError(b, err)
					defer pg.Close()
					_, err = pg.Load(context.Background())
					require.NoError(b, err)
					opts.Backend = pg
				}
				if !c.limited {
					opts.Limits = applier.Limits{}
				}
				b.StartTimer()
				start := time.Now()
				require.NoError(b, applier.Apply(context.Background(), cfg, p, st, opts))
				elapsed += time.Since(start)
				b.StopTimer()
				srv.Close()
				require.Len(b, sb.AcceptedByKey(), n)
			}
			rate := float64(n*b.N) / elapsed.Seconds()
			b.ReportMetric(rate, "sends/s")
			if c.limited {
				b.ReportMetric(rate/2000, "fraction-of-limit")
			}
		})
	}
}

// BenchmarkJournal measures what durability costs per send: a durable
// journal append (written and fsynced, in groups) from 32 concurrent
// senders, against a state already holding 10,000 records.
//
//	go test ./planner/state ./applier -run '^$' -bench BenchmarkJournal
func BenchmarkJournal(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state.json")
	st := state.New()
	for i := range 10000 {
		addr := fmt.Sprintf("push.p%05d", i)
		st.Sends[addr] = &state.Record{Address: addr, Status: state.Sent, RetryKey: uuid.NewString()}
	}
	j, err := state.OpenJournal(path, st)
	require.NoError(b, err)
	defer j.Close()
	var seq atomic.Int64
	b.SetParallelism(16) // 32 goroutines on 2 cores
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := seq.Add(1)
			rec := &state.Record{Address: fmt.Sprintf("push.new%d", i), Status: state.Pending,
				RetryKey: uuid.NewString(), FirstAttempt: time.Now(), Digest: "d", To: "U1"}
			if err := j.Put(rec, true); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRewriteState is what recording one send would cost if every
// send rewrote the whole state (10,000 records) atomically, for
// comparison with BenchmarkJournal.
func BenchmarkRewriteState(b *testing.B) {
	path := filepath.Join(b.TempDir(), "state.json")
	st := state.New()
	for i := range 10000 {
		addr := fmt.Sprintf("push.p%05d", i)
		st.Sends[addr] = &state.Record{Address: addr, Status: state.Sent, RetryKey: uuid.NewString(),
			RequestID: uuid.NewString(), Sent: []state.SentMessage{{ID: "500000000000000001", QuoteToken: uuid.NewString()}}}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := state.Write(path, st); err != nil {
			b.Fatal(err)
		}
	}
}
