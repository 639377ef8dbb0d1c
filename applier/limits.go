package applier

import (
	"context"
	"time"

	"golang.org/x/time/rate"
)

// Rate is a request rate: Count requests per Per.
type Rate struct {
	Count int
	Per   time.Duration
}

// Limits are request rates by endpoint: "push", "multicast", "broadcast",
// "narrowcast", "audience".
type Limits map[string]Rate

// DefaultLimits are LINE's rate limits per channel (line-api-facts §6).
// One apply shares them across everything it sends.
var DefaultLimits = Limits{
	"push":       {2000, time.Second},
	"multicast":  {200, time.Second},
	"broadcast":  {60, time.Hour},
	"narrowcast": {60, time.Hour},
	"audience":   {60, time.Minute},
}

// limiter paces requests to one endpoint.
type limiter struct{ l *rate.Limiter }

func (ls Limits) limiters() map[string]*limiter {
	out := map[string]*limiter{}
	for name, r := range ls {
		if r.Count <= 0 || r.Per <= 0 {
			continue
		}
		per := rate.Limit(float64(r.Count) / r.Per.Seconds())
		// A small burst absorbs timer jitter without ever running ahead of
		// LINE's bucket, which starts full.
		burst := max(1, r.Count/100)
		out[name] = &limiter{rate.NewLimiter(per, burst)}
	}
	return out
}

// wait blocks until a request to endpoint may leave, or ctx ends.
func (a *run) wait(ctx context.Context, endpoint string) error {
	if l := a.limiters[endpoint]; l != nil {
		return l.l.Wait(ctx)
	}
	return ctx.Err()
}
