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

// DefaultLimits are LINE's rate limits per channel
// (https://developers.line.biz/en/reference/messaging-api/#rate-limits).
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
		out[name] = &limiter{rate.NewLimiter(rate.Limit(float64(r.Count)/r.Per.Seconds()), burst(r))}
	}
	return out
}

// burst is how many requests a limiter lets leave at once. LINE's bucket
// holds one window's worth of requests and starts full
// (https://developers.line.biz/en/reference/messaging-api/#rate-limits).
// For a limit per minute or hour that is the whole window: pacing 60 narrowcasts
// an hour one a minute would make an apply with two narrowcasts wait a
// minute for nothing. For limits per second a small burst absorbs timer
// jitter without running ahead of LINE's bucket. A bucket another client
// emptied answers 429, which apply retries after backing off.
func burst(r Rate) int {
	if r.Per >= time.Minute {
		return r.Count
	}
	return max(1, r.Count/100)
}

// wait blocks until a request to endpoint may leave, or ctx ends.
func (a *run) wait(ctx context.Context, endpoint string) error {
	if l := a.limiters[endpoint]; l != nil {
		return l.l.Wait(ctx)
	}
	return ctx.Err()
}
