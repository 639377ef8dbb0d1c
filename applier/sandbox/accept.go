package sandbox

// commitFunc applies a request to the world once the sandbox has decided
// to accept it. It runs under the world's lock, so it must be quick and
// must not block. It returns the answer's sentMessages, or a rejection;
// a rejecting commitFunc must leave the world unchanged.
type commitFunc func(w *world) ([]SentMessage, *reply)

// sentMessagesBody is the success body of push and reply.
type sentMessagesBody struct {
	SentMessages []SentMessage `json:"sentMessages"`
}

// accept is the single place where a send takes effect; every send
// endpoint (push, multicast, narrowcast, broadcast) ends here, and only
// they do. Under the world's lock it draws a fault (faults.go):
//
//   - a "before" fault answers at once, without accepting;
//   - otherwise commit runs: 409 for a retry key already accepted, 429
//     when the recipients, counted per person, would pass the monthly
//     limit, else the commit itself; when that succeeds the request is
//     accepted (ex.accepted), its recipients counted and its key consumed;
//   - an "after" fault then replaces the answer to an accepted request
//     (on a rejected one it is not played: the client gets the rejection).
//
// people is how many persons the send counts against the quota.
func (s *Server) accept(ex *exchange, people int, commit commitFunc) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	ex.fault = s.rollFault()
	if rep, ok := faultBefore(ex.fault); ok {
		return rep
	}
	rep := s.commit(ex, people, commit)
	if !ex.accepted {
		ex.fault = ""
		return rep
	}
	return faultAfter(ex.fault, rep)
}

// commit is accept without faults. The caller holds s.mu.
func (s *Server) commit(ex *exchange, people int, commit commitFunc) reply {
	s.settle(ex.now) // narrowcasts in flight reserve quota (progress.go)
	if a, ok := s.world.acceptedKey(ex.key, ex.now); ok {
		return conflictReply(a)
	}
	if s.overQuota(ex.now, people) {
		return monthlyLimitReply()
	}
	sent, rejected := commit(s.world)
	if rejected != nil {
		return *rejected
	}
	ex.accepted = true
	s.world.usage[month(ex.now)] += people
	if ex.key != "" {
		s.world.retryKeys[ex.key] = acceptance{
			RequestID:    ex.requestID,
			At:           ex.now,
			Endpoint:     ex.endpoint.name,
			SentMessages: sent,
		}
	}
	rep := reply{status: ex.endpoint.status, body: struct{}{}}
	if ex.endpoint.sentMessages {
		rep.body = sentMessagesBody{SentMessages: sent}
	}
	return rep
}
