package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Message is one message object the sandbox delivered, as listed by
// GET /_sandbox/messages and Server.Messages.
type Message struct {
	// Chat is the user, group or room ID the message went to.
	Chat string `json:"chat"`
	// ID is the message ID answered in sentMessages.
	ID   string `json:"id"`
	Type string `json:"type"`
	// QuoteToken is the token issued for the message, if its type has one.
	QuoteToken string `json:"quote_token,omitempty"`
	// RequestID is the X-Line-Request-Id of the request that sent it.
	RequestID string    `json:"request_id"`
	Endpoint  string    `json:"endpoint"`
	At        time.Time `json:"at"`
	// Object is the message object as received.
	Object json.RawMessage `json:"object"`
}

// quoted is what a quote token points at.
type quoted struct {
	Chat      string
	MessageID string
}

// world is everything the sandbox remembers; Server.mu guards it.
type world struct {
	nextMessageID uint64
	retryKeys     map[string]acceptance
	quoteTokens   map[string]quoted
	messages      []Message
	requests      []LoggedRequest
	deliveries    []Delivery
	// usage counts the people sent to, by quota month ("2026-11").
	usage map[string]int
	// contacts are the users who wrote to the bot 1:1, with when they
	// last did; chats are the groups and rooms besides the population's
	// that users wrote in, with those users as members (reach.go).
	contacts map[string]time.Time
	chats    map[string][]string
	// casts holds narrowcasts, audiences and the population's
	// parameters (audience_world.go).
	casts
}

func newWorld() *world {
	return &world{
		nextMessageID: firstMessageID,
		retryKeys:     map[string]acceptance{},
		quoteTokens:   map[string]quoted{},
		usage:         map[string]int{},
		contacts:      map[string]time.Time{},
		chats:         map[string][]string{},
		casts:         newCasts(),
	}
}

// worldFileName is the world's file inside Options.Dir.
const worldFileName = "world.json"

// worldVersion is the version of the world file this package writes.
const worldVersion = 1

// worldFile is the on-disk form of a world: maps as slices sorted by key.
type worldFile struct {
	Version       int              `json:"version"`
	NextMessageID uint64           `json:"next_message_id"`
	RetryKeys     []retryKeyFile   `json:"retry_keys"`
	QuoteTokens   []quoteTokenFile `json:"quote_tokens"`
	Messages      []Message        `json:"messages"`
	Requests      []LoggedRequest  `json:"requests"`
	// Deliveries and Usage were added within version 1; older files
	// lack them, which reads as none.
	Deliveries []Delivery     `json:"deliveries,omitempty"`
	Usage      map[string]int `json:"usage,omitempty"`
	// Contacts and Chats were added within version 1 too.
	Contacts map[string]time.Time `json:"contacts,omitempty"`
	Chats    []Chat               `json:"chats,omitempty"`
	// castsFile adds narrowcasts, audiences and the population, also
	// within version 1 (audience_world.go).
	castsFile
}

type retryKeyFile struct {
	Key          string        `json:"key"`
	RequestID    string        `json:"request_id"`
	At           time.Time     `json:"at"`
	Endpoint     string        `json:"endpoint"`
	SentMessages []SentMessage `json:"sent_messages,omitempty"`
}

type quoteTokenFile struct {
	Token     string `json:"token"`
	Chat      string `json:"chat"`
	MessageID string `json:"message_id"`
}

// loadWorld reads dir's world file; a missing dir or file is a new world.
func loadWorld(dir string) (*world, error) {
	if dir == "" {
		return newWorld(), nil
	}
	path := filepath.Join(dir, worldFileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return newWorld(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the sandbox world: %w", err)
	}
	w, err := decodeWorld(data)
	if err != nil {
		return nil, fmt.Errorf("reading the sandbox world %s: %w", path, err)
	}
	return w, nil
}

func decodeWorld(data []byte) (*world, error) {
	var head struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("not a world file: %w", err)
	}
	if head.Version == nil {
		return nil, errors.New(`not a world file: no "version"`)
	}
	if *head.Version != worldVersion {
		return nil, fmt.Errorf("unsupported world version %d; this lineup reads version %d",
			*head.Version, worldVersion)
	}
	var f worldFile
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("corrupt world file: %w", err)
	}
	w := newWorld()
	if f.NextMessageID > w.nextMessageID {
		w.nextMessageID = f.NextMessageID
	}
	for _, k := range f.RetryKeys {
		w.retryKeys[k.Key] = acceptance{RequestID: k.RequestID, At: k.At,
			Endpoint: k.Endpoint, SentMessages: k.SentMessages}
	}
	for _, q := range f.QuoteTokens {
		w.quoteTokens[q.Token] = quoted{Chat: q.Chat, MessageID: q.MessageID}
	}
	w.messages, w.requests, w.deliveries = f.Messages, f.Requests, f.Deliveries
	for m, n := range f.Usage {
		w.usage[m] = n
	}
	for u, at := range f.Contacts {
		w.contacts[u] = at
	}
	for _, c := range f.Chats {
		w.chats[c.ID] = c.Members
	}
	if err := w.loadCasts(f.castsFile); err != nil {
		return nil, err
	}
	return w, nil
}

// file is the on-disk form of w, forgetting retry keys expired at now.
// The caller holds the lock; the result shares no mutable state with w.
func (w *world) file(now time.Time) worldFile {
	f := worldFile{
		Version:       worldVersion,
		NextMessageID: w.nextMessageID,
		RetryKeys:     []retryKeyFile{},
		QuoteTokens:   make([]quoteTokenFile, 0, len(w.quoteTokens)),
		Messages:      slices.Clone(w.messages),
		Requests:      slices.Clone(w.requests),
		Deliveries:    slices.Clone(w.deliveries),
		Usage:         maps.Clone(w.usage),
		Contacts:      maps.Clone(w.contacts),
		castsFile:     w.casts.castsFile(),
	}
	for k, a := range w.retryKeys {
		if now.Sub(a.At) >= retryKeyTTL {
			continue
		}
		f.RetryKeys = append(f.RetryKeys, retryKeyFile{Key: k, RequestID: a.RequestID,
			At: a.At, Endpoint: a.Endpoint, SentMessages: a.SentMessages})
	}
	for t, q := range w.quoteTokens {
		f.QuoteTokens = append(f.QuoteTokens, quoteTokenFile{Token: t, Chat: q.Chat, MessageID: q.MessageID})
	}
	for id, members := range w.chats {
		f.Chats = append(f.Chats, Chat{ID: id, Members: slices.Clone(members)})
	}
	slices.SortFunc(f.Chats, func(a, b Chat) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(f.RetryKeys, func(a, b retryKeyFile) int { return strings.Compare(a.Key, b.Key) })
	slices.SortFunc(f.QuoteTokens, func(a, b quoteTokenFile) int { return strings.Compare(a.Token, b.Token) })
	if f.Messages == nil {
		f.Messages = []Message{}
	}
	if f.Requests == nil {
		f.Requests = []LoggedRequest{}
	}
	return f
}

// Save writes the world to opts.Dir (no-op without a Dir), creating the
// directory if needed. The write is atomic: a temporary file in the same
// directory, synced, then renamed over world.json.
func (s *Server) Save() error {
	if s.opts.Dir == "" {
		return nil
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.mu.Lock()
	f := s.world.file(s.now())
	s.mu.Unlock()
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("saving the sandbox world: %w", err)
	}
	if err := writeAtomic(s.opts.Dir, worldFileName, append(data, '\n')); err != nil {
		return fmt.Errorf("saving the sandbox world: %w", err)
	}
	return nil
}

func writeAtomic(dir, name string, data []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+name+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}
