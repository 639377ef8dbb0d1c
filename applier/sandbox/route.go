package sandbox

import (
	"fmt"
	"net/http"
	"strings"
)

// endpoint is one LINE API operation the sandbox emulates.
type endpoint struct {
	method string
	// pattern is the path, with {name} for a path parameter.
	pattern string
	// name identifies the endpoint in the world ("push", "validate/push").
	name string
	// retryable endpoints accept X-Line-Retry-Key.
	retryable bool
	// json endpoints take a JSON object body.
	json bool
	// status is the success status (200, or 202 for asynchronous ones).
	status int
	// sentMessages endpoints answer {"sentMessages":[...]} (reply, push).
	sentMessages bool
	// maxBody, when set, replaces the 2 MB body limit (byFile uploads).
	maxBody int64
	handle  func(s *Server, ex *exchange) reply
}

// lineRoutes lists the LINE endpoints the sandbox answers; one file per
// endpoint family holds the handlers.
func lineRoutes() *router {
	rt := &router{}
	rt.add(&endpoint{method: http.MethodPost, pattern: "/v2/bot/message/reply", name: "reply",
		json: true, status: http.StatusOK, sentMessages: true, handle: (*Server).reply})
	rt.add(&endpoint{method: http.MethodPost, pattern: "/v2/bot/message/push", name: "push",
		retryable: true, json: true, status: http.StatusOK, sentMessages: true,
		handle: (*Server).push})
	rt.add(&endpoint{method: http.MethodPost, pattern: "/v2/bot/message/multicast", name: "multicast",
		retryable: true, json: true, status: http.StatusOK, handle: (*Server).multicast})
	rt.add(&endpoint{method: http.MethodPost, pattern: "/v2/bot/message/broadcast", name: "broadcast",
		retryable: true, json: true, status: http.StatusOK, handle: (*Server).broadcast})
	rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/message/quota", name: "quota",
		status: http.StatusOK, handle: (*Server).quota})
	rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/message/quota/consumption",
		name: "quota/consumption", status: http.StatusOK, handle: (*Server).consumption})
	for _, kind := range []string{"reply", "push", "multicast", "narrowcast", "broadcast"} {
		rt.add(&endpoint{method: http.MethodPost, pattern: "/v2/bot/message/validate/" + kind,
			name: "validate/" + kind, json: true, status: http.StatusOK,
			handle: (*Server).validate})
	}
	addCastRoutes(rt)
	addAccountRoutes(rt)
	return rt
}

// notEmulatedReply is the answer to a request no endpoint matches: 501,
// so that a client can tell an endpoint the sandbox does not emulate from
// LINE's own "Not found" for a missing resource.
func notEmulatedReply(method, path string) reply {
	return errorReply(http.StatusNotImplemented, fmt.Sprintf(
		"The sandbox does not emulate %s %s; GET /_sandbox/endpoints lists the endpoints it does", method, path))
}

// EmulatedEndpoint is one LINE endpoint the sandbox answers, as listed by
// GET /_sandbox/endpoints.
type EmulatedEndpoint struct {
	Method string `json:"method"`
	// Path is the path, with {name} for a path parameter.
	Path string `json:"path"`
	// RetryKey is true for the endpoints that take X-Line-Retry-Key.
	RetryKey bool `json:"retry_key,omitempty"`
}

// Endpoints lists the LINE endpoints the sandbox emulates.
func (s *Server) Endpoints() []EmulatedEndpoint {
	out := make([]EmulatedEndpoint, len(s.routes.endpoints))
	for i, ep := range s.routes.endpoints {
		out[i] = EmulatedEndpoint{Method: ep.method, Path: ep.pattern, RetryKey: ep.retryable}
	}
	return out
}

// router matches a method and path against endpoint patterns, segment by
// segment; a {name} segment matches any one non-empty segment.
type router struct {
	endpoints []*endpoint
}

func (rt *router) add(ep *endpoint) { rt.endpoints = append(rt.endpoints, ep) }

// match returns the endpoint for method and path with its path
// parameters, or nil.
func (rt *router) match(method, path string) (*endpoint, map[string]string) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, ep := range rt.endpoints {
		if ep.method != method {
			continue
		}
		if params, ok := matchPattern(ep.pattern, segs); ok {
			return ep, params
		}
	}
	return nil, nil
}

func matchPattern(pattern string, segs []string) (map[string]string, bool) {
	want := strings.Split(strings.Trim(pattern, "/"), "/")
	if len(want) != len(segs) {
		return nil, false
	}
	var params map[string]string
	for i, w := range want {
		if strings.HasPrefix(w, "{") && strings.HasSuffix(w, "}") {
			if segs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[w[1:len(w)-1]] = segs[i]
			continue
		}
		if w != segs[i] {
			return nil, false
		}
	}
	return params, true
}
