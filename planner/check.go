package planner

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/hcl/v2"
	"github.com/lineupdev/lineup/lang"
)

// checked is what Make works out for each send before deciding its
// change: the problems LINE would refuse it for, and its digest ("" when
// its body holds values known only after apply).
type checked struct {
	diags  hcl.Diagnostics
	digest string
}

// checkSends checks every send on every core: each send's checks depend
// on nothing but the send.
func checkSends(sends []*lang.Send) map[*lang.Send]checked {
	out := make([]checked, len(sends))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(sends)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(sends); i = int(next.Add(1)) - 1 {
				out[i] = check(sends[i])
			}
		})
	}
	wg.Wait()
	bySend := make(map[*lang.Send]checked, len(sends))
	for i, s := range sends {
		bySend[s] = out[i]
	}
	return bySend
}

func check(send *lang.Send) checked {
	c := checked{diags: validate(send)}
	if !containsUnknown(send.Body) {
		c.digest = Digest(send.Body)
	}
	return c
}
