package sandbox

import (
	"math"
	"net/http"
	"strings"
	"time"
)

// Rate is a rate limit: Count requests per Per.
type Rate struct {
	Count int
	Per   time.Duration
}

// lineRates are LINE's limits by endpoint name
// (https://developers.line.biz/en/reference/messaging-api/#rate-limits);
// endpoints not listed get defaultRate. Audience endpoints, named
// "audience/...", get audienceRate.
var lineRates = map[string]Rate{
	"push":       {Count: 2000, Per: time.Second},
	"multicast":  {Count: 200, Per: time.Second},
	"broadcast":  {Count: 60, Per: time.Hour},
	"narrowcast": {Count: 60, Per: time.Hour},
	// insight/followers is one of the insight endpoints limited alike.
	"insight/followers":     {Count: 60, Per: time.Hour},
	"insight/message/event": {Count: 60, Per: time.Hour},
	"chat/loading":          {Count: 100, Per: time.Second},
}

var (
	defaultRate  = Rate{Count: 2000, Per: time.Second}
	audienceRate = Rate{Count: 60, Per: time.Minute}
)

// rateFor is the limit of the endpoint called name under opts.
func rateFor(opts Options, name string) Rate {
	r, ok := opts.Rates[name]
	if !ok {
		r, ok = lineRates[name]
	}
	if !ok {
		r = defaultRate
		if strings.HasPrefix(name, "audience") {
			r = audienceRate
		}
	}
	if r.Per <= 0 {
		r.Per = time.Second
	}
	if opts.RateScale > 0 {
		r.Count = max(1, int(math.Round(float64(r.Count)*opts.RateScale)))
	}
	return r
}

// bucket is a token bucket. It holds at most one window's worth of
// tokens (Rate.Count: a second's worth for per-second limits, an hour's
// worth for 60/hour), starts full, and refills continuously at
// Count/Per.
type bucket struct {
	rate   Rate
	tokens float64
	last   time.Time
}

// take reports whether a request at now may pass, and uses a token if so.
func (b *bucket) take(now time.Time) bool {
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens += float64(b.rate.Count) * elapsed.Seconds() / b.rate.Per.Seconds()
		b.tokens = min(b.tokens, float64(b.rate.Count))
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// rateLimited reports whether ex's endpoint is over its limit at ex.now;
// every attempt that passes counts. Buckets are per endpoint (method and
// path), as LINE's are per channel and endpoint.
func (s *Server) rateLimited(ex *exchange) bool {
	if !s.opts.RateLimits {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	name := ex.endpoint.name
	b, ok := s.buckets[name]
	if !ok {
		r := rateFor(s.opts, name)
		b = &bucket{rate: r, tokens: float64(r.Count), last: ex.now}
		s.buckets[name] = b
	}
	return !b.take(ex.now)
}

func rateLimitReply() reply {
	return errorReply(http.StatusTooManyRequests, "The API rate limit has been exceeded. Try again later.")
}
