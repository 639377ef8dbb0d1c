package sandbox

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// contactWindow is how long after a user who is not a friend last wrote
// to the bot in their 1:1 chat a push still reaches them
// (https://developers.line.biz/en/reference/messaging-api/#send-push-message).
const contactWindow = 7 * 24 * time.Hour

// userReached reports whether a send to user at now reaches, and counts,
// a person: a friend who did not block the account, or someone who wrote
// to the bot 1:1 within contactWindow. LINE answers 200 for everyone
// else and delivers nothing. The caller holds s.mu.
func (s *Server) userReached(user string, now time.Time) bool {
	if i, ok := s.pop.byID[user]; ok {
		return !s.pop.friends[i].Blocked
	}
	at, ok := s.world.contacts[user]
	return ok && now.Sub(at) < contactWindow
}

// chatMembers returns the members of a group or room the bot is in: one
// of the population's, or one a simulated user wrote in (the bot gets a
// group's messages only as a member). ok is false for any other chat.
// The caller holds s.mu.
func (s *Server) chatMembers(chat string) (members []string, ok bool) {
	if c, ok := s.pop.chat(chat); ok {
		return c.Members, true
	}
	members, ok = s.world.chats[chat]
	return members, ok
}

// chat returns the population's group or room of that ID.
func (p *population) chat(id string) (Chat, bool) {
	for _, list := range [][]Chat{p.groups, p.rooms} {
		for _, c := range list {
			if c.ID == id {
				return c, true
			}
		}
	}
	return Chat{}, false
}

// pushReach is how many people a push to chat at now reaches and counts:
// 1 or 0 for a user (userReached), the members of a group or room. A
// group or room the bot is not in gets LINE's 400, and ok false.
func (s *Server) pushReach(chat string, now time.Time) (people int, rep reply, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.HasPrefix(chat, "U") {
		if s.userReached(chat, now) {
			return 1, reply{}, true
		}
		return 0, reply{}, true
	}
	members, in := s.chatMembers(chat)
	if !in {
		return 0, errorReply(http.StatusBadRequest, "Failed to send messages"), false
	}
	return len(members), reply{}, true
}

// usersReached counts the users of a multicast that it reaches.
func (s *Server) usersReached(users []string, now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, u := range users {
		if s.userReached(u, now) {
			n++
		}
	}
	return n
}

// noteWriter records that user wrote in chat at now: a 1:1 chat makes the
// user a contact for contactWindow; a group or room the bot was not known
// to be in joins the world's chats, with the writer as a member. The
// caller holds s.mu.
func (s *Server) noteWriter(user, chat string, now time.Time) {
	if chat == user {
		s.world.contacts[user] = now
		return
	}
	if _, ok := s.pop.chat(chat); ok {
		return // the population's chats keep their members
	}
	if !slices.Contains(s.world.chats[chat], user) {
		s.world.chats[chat] = append(s.world.chats[chat], user)
	}
}
