package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// MaxTextLength is the longest text of a text or textV2 message, in
// UTF-16 code units.
const MaxTextLength = 5000

// textMessage checks a text message
// (https://developers.line.biz/en/reference/messaging-api/#text-message).
func (r *report) textMessage(path string, obj map[string]any) {
	s, _ := r.text(obj, "text", path+".text", "text", true, 0, MaxTextLength, false)
	emojis, ok := r.size(obj, "emojis", path+".emojis", "emojis", false, 0, 20)
	if !ok {
		return
	}
	dollars := map[int]bool{}
	for _, off := range dollarOffsets(s) {
		dollars[off] = true
	}
	for i, e := range emojis {
		p := fmt.Sprintf("%s.emojis[%d]", path, i)
		obj, ok := object(e)
		if !ok {
			r.add(p, "Invalid emoji", "Must be an object")
			continue
		}
		r.text(obj, "productId", p+".productId", "product ID", true, 0, 100, false)
		r.text(obj, "emojiId", p+".emojiId", "emoji ID", true, 0, 100, false)
		idx, ok := r.integer(obj, "index", p+".index", "emoji index", true, 0, MaxTextLength)
		if ok && !dollars[int(idx)] {
			r.add(p+".index", "Emoji index not at a $", fmt.Sprintf("Must point at a $ character of the text; there is none at %d", int(idx)))
		}
	}
}

// dollarOffsets returns the UTF-16 offsets of the "$" characters of s.
func dollarOffsets(s string) []int {
	var out []int
	off := 0
	for _, c := range s {
		if c == '$' {
			out = append(out, off)
		}
		off += UTF16Len(string(c))
	}
	return out
}

var substitutionKey = regexp.MustCompile(`^[0-9a-zA-Z_]{1,20}$`)

// maxSubstitutions is how many mentions, and how many emojis, a textV2
// message may hold.
const maxSubstitutions = 20

// textV2Message checks a textV2 message
// (https://developers.line.biz/en/reference/messaging-api/#text-message-v2). That mentions need
// a group or room and a push or reply is checked by Push and the others.
func (r *report) textV2Message(path string, obj map[string]any) {
	s, _ := r.text(obj, "text", path+".text", "text", true, 0, MaxTextLength, false)
	keys, err := placeholders(s)
	if err != "" {
		r.add(path+".text", "Unbalanced braces", err)
	}
	subs := map[string]any{}
	if present(obj, "substitution") {
		subs = r.mustObject(obj, "substitution", path+".substitution", "substitution", false)
	}
	if len(subs) > 100 {
		r.ps = append(r.ps, Problem{Path: path + ".substitution", Summary: "Too many substitutions",
			Message: "Size must be between 0 and 100", Note: fmt.Sprintf("There are %d.", len(subs))})
	}
	for _, k := range keys {
		if _, ok := subs[k]; !ok {
			r.add(path+".text", "Missing substitution", fmt.Sprintf("The placeholder {%s} has no substitution", k))
		}
	}
	used := map[string]bool{}
	for _, k := range keys {
		used[k] = true
	}
	mentions, emojis := 0, 0
	var overMentions, overEmojis string // the first substitution over the limit
	for _, k := range sortedKeys(subs) {
		p := path + ".substitution." + k
		if !substitutionKey.MatchString(k) {
			r.add(p, "Invalid substitution key", "Must match the pattern ^[0-9a-zA-Z_]{1,20}$")
		}
		if !used[k] {
			r.add(p, "Unused substitution", fmt.Sprintf("The text has no placeholder {%s}", k))
		}
		switch r.substitution(p, subs[k]) {
		case "mention":
			if mentions++; mentions == maxSubstitutions+1 {
				overMentions = p
			}
		case "emoji":
			if emojis++; emojis == maxSubstitutions+1 {
				overEmojis = p
			}
		}
	}
	if mentions > maxSubstitutions {
		r.tooMany(path+".substitution", overMentions, "Too many mentions",
			"The number of mentions must be between 0 and 20", mentions, maxSubstitutions)
	}
	if emojis > maxSubstitutions {
		r.tooMany(path+".substitution", overEmojis, "Too many emojis",
			"The number of emojis must be between 0 and 20", emojis, maxSubstitutions)
	}
}

// substitution checks one substitution object and returns its type.
func (r *report) substitution(p string, v any) string {
	obj, ok := object(v)
	if !ok {
		r.add(p, "Invalid substitution", "Must be an object")
		return ""
	}
	typ, ok := r.enum(obj, "type", p+".type", "substitution type", true, "mention", "emoji")
	if !ok {
		return ""
	}
	if typ == "emoji" {
		r.text(obj, "productId", p+".productId", "product ID", true, 0, 100, false)
		r.text(obj, "emojiId", p+".emojiId", "emoji ID", true, 0, 100, false)
		return typ
	}
	m := r.mustObject(obj, "mentionee", p+".mentionee", "mentionee", true)
	if m == nil {
		return typ
	}
	mt, ok := r.enum(m, "type", p+".mentionee.type", "mentionee type", true, "user", "all")
	if ok && mt == "user" {
		if id, ok := r.text(m, "userId", p+".mentionee.userId", "user ID", true, 0, 100, false); ok && id != "" && !userID.MatchString(id) {
			r.add(p+".mentionee.userId", "Invalid user ID", "Must be a user ID (U + 32 hex digits)")
		}
	}
	return typ
}

// placeholders returns the {key} placeholders of a textV2 text, in order
// and without repeats, or a message saying where braces do not pair.
func placeholders(s string) ([]string, string) {
	var keys []string
	seen := map[string]bool{}
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "{{") || strings.HasPrefix(s[i:], "}}"):
			i++
		case s[i] == '}':
			return keys, "A } must close a placeholder or be written }}"
		case s[i] == '{':
			end := strings.IndexAny(s[i+1:], "{}")
			if end < 0 || s[i+1+end] != '}' {
				return keys, "A { must open a placeholder {key} or be written {{"
			}
			k := s[i+1 : i+1+end]
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
			i += end + 1
		}
	}
	return keys, ""
}

func sortedKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// destination checks the rules of message objects that depend on where
// a push goes: mentions only to groups and rooms, trackingId only to
// users.
func destination(toUser bool, messages any) []Problem {
	r := &report{}
	list, _ := messages.([]any)
	for i, m := range list {
		obj, _ := object(m)
		path := fmt.Sprintf("messages[%d]", i)
		switch obj["type"] {
		case "textV2":
			if toUser {
				for _, k := range mentionKeys(obj) {
					r.add(path+".substitution."+k, "Mention in a one-to-one chat",
						"Mentions can be sent only to a group or room")
				}
			}
		case "video":
			if !toUser && present(obj, "trackingId") {
				r.add(path+".trackingId", "Tracking ID to a group or room",
					"trackingId cannot be used when sending to a group or room")
			}
		}
	}
	return r.ps
}

// mentionKeys returns the keys of the mention substitutions of a textV2
// message object, sorted.
func mentionKeys(obj map[string]any) []string {
	subs, _ := object(obj["substitution"])
	var out []string
	for _, k := range sortedKeys(subs) {
		if s, _ := object(subs[k]); s != nil && s["type"] == "mention" {
			out = append(out, k)
		}
	}
	return out
}

// NoMentions reports mentions in a send that is neither a reply nor a
// push: only those two may mention.
func NoMentions(messages any) []Problem {
	r := &report{}
	list, _ := messages.([]any)
	for i, m := range list {
		obj, _ := object(m)
		if obj["type"] != "textV2" {
			continue
		}
		for _, k := range mentionKeys(obj) {
			r.add(fmt.Sprintf("messages[%d].substitution.%s", i, k), "Mention not allowed",
				"Mentions can be sent only by reply and push")
		}
	}
	return r.ps
}
