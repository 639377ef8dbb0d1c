package sandbox

import "net/http"

// addCastRoutes adds the narrowcast, audience and insight endpoints.
// Audience endpoints are named "audience/..." so that each gets the
// audience rate limit (60/min).
func addCastRoutes(rt *router) {
	rt.add(&endpoint{method: http.MethodPost, pattern: "/v2/bot/message/narrowcast", name: "narrowcast",
		retryable: true, json: true, status: http.StatusAccepted, handle: (*Server).narrowcast})
	rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/message/progress/narrowcast",
		name: "progress/narrowcast", status: http.StatusOK, handle: (*Server).progress})
	rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/insight/followers",
		name: "insight/followers", status: http.StatusOK, handle: (*Server).followers})
	rt.add(&endpoint{method: http.MethodGet, pattern: "/v2/bot/insight/message/event",
		name: "insight/message/event", status: http.StatusOK, handle: (*Server).messageEvent})
	for _, ep := range []*endpoint{
		{method: http.MethodPost, pattern: "/v2/bot/audienceGroup/upload", name: "audience/upload",
			json: true, handle: (*Server).createAudience},
		{method: http.MethodPut, pattern: "/v2/bot/audienceGroup/upload", name: "audience/add",
			json: true, handle: (*Server).addToAudience},
		{method: http.MethodPost, pattern: "/v2/bot/audienceGroup/upload/byFile", name: "audience/uploadByFile",
			maxBody: maxFileBody, handle: (*Server).createAudienceByFile},
		{method: http.MethodPut, pattern: "/v2/bot/audienceGroup/upload/byFile", name: "audience/addByFile",
			maxBody: maxFileBody, handle: (*Server).addToAudienceByFile},
		{method: http.MethodPost, pattern: "/v2/bot/audienceGroup/click", name: "audience/click",
			json: true, handle: (*Server).createClickAudience},
		{method: http.MethodPost, pattern: "/v2/bot/audienceGroup/imp", name: "audience/imp",
			json: true, handle: (*Server).createImpAudience},
		{method: http.MethodPut, pattern: "/v2/bot/audienceGroup/{id}/updateDescription",
			name: "audience/rename", json: true, handle: (*Server).renameAudience},
		{method: http.MethodGet, pattern: "/v2/bot/audienceGroup/list", name: "audience/list",
			handle: (*Server).listAudiences},
		{method: http.MethodGet, pattern: "/v2/bot/audienceGroup/{id}", name: "audience/get",
			handle: (*Server).getAudience},
		{method: http.MethodDelete, pattern: "/v2/bot/audienceGroup/{id}", name: "audience/delete",
			handle: (*Server).deleteAudience},
	} {
		rt.add(ep)
	}
}
