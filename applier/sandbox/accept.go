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

// accept is the single place where a request takes effect. Under the
// world's lock it answers 409 when the request's retry key was already
// accepted, else runs commit and, when commit succeeds, consumes the key.
//
// Fault injection hooks in here: "before" faults (drop, 500) answer
// without calling commit; "after" faults (500, drop, timeout) call commit
// and then replace the answer.
func (s *Server) accept(ex *exchange, commit commitFunc) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.world.acceptedKey(ex.key, ex.now); ok {
		return conflictReply(a)
	}
	sent, rejected := commit(s.world)
	if rejected != nil {
		return *rejected
	}
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
