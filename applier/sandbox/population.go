package sandbox

import (
	"encoding/hex"
	"fmt"
	"math/rand"
	"net/http"
	"slices"
)

// Friend is one friend of the sandbox's channel, with the attributes a
// narrowcast's demographic filter reads. An attribute LINE does not know
// is empty ("") or 0.
type Friend struct {
	UserID string `json:"userId"`
	// Gender is "male", "female" or "".
	Gender string `json:"gender,omitempty"`
	// Age in years, 0 when unknown.
	Age int `json:"age,omitempty"`
	// AppType is "ios", "android" or "".
	AppType string `json:"appType,omitempty"`
	// Area is an area code (jp_01..jp_47, tw_01..tw_22, th_01..th_08) or "".
	Area string `json:"area,omitempty"`
	// FriendDays is how many days the user has been a friend.
	FriendDays int `json:"friendDays"`
	// Blocked users blocked the account: no send reaches or counts them.
	Blocked bool `json:"blocked,omitempty"`
}

// Chat is a group (C...) or room (R...) the bot is in, with its members
// (the bot excluded).
type Chat struct {
	ID      string   `json:"id"`
	Members []string `json:"members"`
}

// Defaults of the generated population (Options.Friends, Options.Groups,
// Options.Rooms, Options.PopulationSeed).
const (
	DefaultGroups         = 3
	DefaultRooms          = 2
	DefaultPopulationSeed = 1
)

// A generated group or room has between minChatMembers and
// maxChatMembers members besides the bot, drawn from the friends.
const (
	minChatMembers = 3
	maxChatMembers = 12
	// chatSeed sets the chats' random source apart from the friends'.
	chatSeed = 0x6c696e65
)

// population is the sandbox's friends, groups and rooms. It is fixed when
// the Server is made and never changes, so it needs no lock.
type population struct {
	params  *populationParams // nil for a population given in Options
	friends []Friend
	byID    map[string]int
	groups  []Chat
	rooms   []Chat
	reach   int // friends who did not block the account
}

// populationParams are what a generated population is made from; the
// world file keeps them, so a reloaded world has the same friends.
type populationParams struct {
	Seed    int64 `json:"seed"`
	Friends int   `json:"friends"`
	Groups  int   `json:"groups"`
	Rooms   int   `json:"rooms"`
}

// newPopulation makes the population: Options.Population when given,
// else generated from the world's saved parameters, else from Options.
func newPopulation(opts Options, saved *populationParams) *population {
	if opts.Population != nil {
		return indexPopulation(&population{friends: slices.Clone(opts.Population)})
	}
	p := saved
	if p == nil {
		p = &populationParams{Seed: opts.PopulationSeed, Friends: opts.Friends,
			Groups: opts.Groups, Rooms: opts.Rooms}
		if p.Seed == 0 {
			p.Seed = DefaultPopulationSeed
		}
		if p.Friends <= 0 {
			p.Friends = DefaultFriends
		}
		if p.Groups == 0 {
			p.Groups = DefaultGroups
		}
		if p.Rooms == 0 {
			p.Rooms = DefaultRooms
		}
	}
	return indexPopulation(generate(*p))
}

func indexPopulation(pop *population) *population {
	pop.byID = make(map[string]int, len(pop.friends))
	for i, f := range pop.friends {
		pop.byID[f.UserID] = i
		if !f.Blocked {
			pop.reach++
		}
	}
	return pop
}

// generate makes a population from p, the same for the same p: exactly
// one friend in 20 (rounded down) blocked the account.
func generate(p populationParams) *population {
	rng := rand.New(rand.NewSource(p.Seed))
	pop := &population{params: &p, friends: make([]Friend, p.Friends)}
	for i := range pop.friends {
		pop.friends[i] = randomFriend(rng)
	}
	for _, i := range rng.Perm(p.Friends)[:p.Friends/20] {
		pop.friends[i].Blocked = true
	}
	// The chats draw from a source of their own, so that their IDs depend
	// on the seed alone: the default world's are in docs/sandbox.md.
	chatRng := rand.New(rand.NewSource(p.Seed ^ chatSeed))
	chat := func(prefix byte) Chat {
		c := Chat{ID: string(prefix) + randomHexOf(chatRng), Members: []string{}}
		size := minChatMembers + chatRng.Intn(maxChatMembers-minChatMembers+1)
		for _, i := range chatRng.Perm(p.Friends)[:min(size, p.Friends)] {
			c.Members = append(c.Members, pop.friends[i].UserID)
		}
		return c
	}
	for range max(p.Groups, 0) {
		pop.groups = append(pop.groups, chat('C'))
	}
	for range max(p.Rooms, 0) {
		pop.rooms = append(pop.rooms, chat('R'))
	}
	return pop
}

func randomHexOf(rng *rand.Rand) string {
	b := make([]byte, 16)
	_, _ = rng.Read(b) // math/rand's Read never fails.
	return hex.EncodeToString(b)
}

// friendDayBands spread friendships from new to years old.
var friendDayBands = []struct{ lo, hi int }{{0, 7}, {7, 30}, {30, 90}, {90, 180}, {180, 365}, {365, 2000}}

func randomFriend(rng *rand.Rand) Friend {
	f := Friend{UserID: "U" + randomHexOf(rng)}
	switch r := rng.Float64(); {
	case r < 0.47:
		f.Gender = "male"
	case r < 0.95:
		f.Gender = "female"
	}
	if rng.Float64() >= 0.04 {
		f.Age = 13 + rng.Intn(60)
	}
	switch r := rng.Float64(); {
	case r < 0.55:
		f.AppType = "ios"
	case r < 0.98:
		f.AppType = "android"
	}
	switch r := rng.Float64(); {
	case r < 0.12: // the big cities and the two prefectures of LINE's example
		f.Area = []string{"jp_13", "jp_14", "jp_27", "jp_23", "jp_05", "jp_40"}[rng.Intn(6)]
	case r < 0.72:
		f.Area = fmt.Sprintf("jp_%02d", 1+rng.Intn(47))
	case r < 0.84:
		f.Area = fmt.Sprintf("tw_%02d", 1+rng.Intn(22))
	case r < 0.95:
		f.Area = fmt.Sprintf("th_%02d", 1+rng.Intn(8))
	}
	band := friendDayBands[rng.Intn(len(friendDayBands))]
	f.FriendDays = band.lo + rng.Intn(band.hi-band.lo)
	return f
}

// Population returns a copy of the sandbox's friends, in a fixed order.
func (s *Server) Population() []Friend { return slices.Clone(s.pop.friends) }

// Groups returns the groups and rooms the bot is in, with their members.
func (s *Server) Groups() []Chat {
	out := slices.Clone(s.pop.groups)
	return append(out, s.pop.rooms...)
}

// TargetReach is how many friends did not block the account: whom a
// broadcast reaches, and the "target reach" of narrowcast rules.
func (s *Server) TargetReach() int { return s.pop.reach }

// populationBody is the answer of GET /_sandbox/population.
type populationBody struct {
	Seed        *int64   `json:"seed,omitempty"`
	TargetReach int      `json:"targetReach"`
	Friends     []Friend `json:"friends"`
	Groups      []Chat   `json:"groups"`
	Rooms       []Chat   `json:"rooms"`
}

func (s *Server) servePopulation() reply {
	b := populationBody{TargetReach: s.pop.reach, Friends: s.pop.friends,
		Groups: nonNil(s.pop.groups), Rooms: nonNil(s.pop.rooms)}
	if s.pop.params != nil {
		b.Seed = &s.pop.params.Seed
	}
	return reply{status: http.StatusOK, body: b}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
