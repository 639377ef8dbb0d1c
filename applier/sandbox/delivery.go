package sandbox

import (
	"encoding/json"
	"slices"
	"time"
)

// Delivery is one accepted send (push, multicast, broadcast; a narrowcast
// when its sending phase ends, with its recipients in To), as listed
// by GET /_sandbox/deliveries and Server.Deliveries. It keeps the message
// objects once, however many people received them.
type Delivery struct {
	// RequestID is the X-Line-Request-Id of the request that sent it.
	RequestID string    `json:"request_id"`
	Endpoint  string    `json:"endpoint"`
	At        time.Time `json:"at"`
	// To is who received the messages: the chat of a push, each distinct
	// user of a multicast once; empty for a broadcast (every friend).
	To []string `json:"to,omitempty"`
	// People is how many persons the send counted against the quota;
	// Reached how many it reached: the same, but for a reply, which
	// reaches its chat and counts no one. Users who blocked the account
	// or are not friends are neither reached nor counted (reach.go).
	People  int `json:"people"`
	Reached int `json:"reached"`
	// Messages are the message objects as received.
	Messages []json.RawMessage `json:"messages"`
}

// record adds an accepted send to the world's deliveries: people
// counted, reached reached. The caller holds the lock.
func (w *world) record(ex *exchange, to []string, people, reached int, objects []json.RawMessage) {
	w.deliveries = append(w.deliveries, Delivery{
		RequestID: ex.requestID, Endpoint: ex.endpoint.name, At: ex.now,
		To: to, People: people, Reached: reached, Messages: objects,
	})
}

// Deliveries returns a copy of the accepted sends, oldest first.
func (s *Server) Deliveries() []Delivery {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(now)
	out := slices.Clone(s.world.deliveries)
	if out == nil {
		out = []Delivery{}
	}
	return out
}

// DeliveredTo counts the accepted sends that reached user: broadcasts,
// when user is a friend who did not block the account; narrowcasts that
// chose user; and pushes, replies and multicasts to user when it reached
// them (reach.go).
func (s *Server) DeliveredTo(user string) int {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle(now)
	n := 0
	for _, d := range s.world.deliveries {
		switch {
		case d.Endpoint == "broadcast":
			if i, ok := s.pop.byID[user]; ok && !s.pop.friends[i].Blocked {
				n++
			}
		case !slices.Contains(d.To, user):
		case d.Endpoint == "narrowcast" || s.userReached(user, d.At):
			n++
		}
	}
	return n
}
