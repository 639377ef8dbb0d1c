package rules

import (
	"fmt"
	"regexp"
)

// Problem is one broken rule.
type Problem struct {
	// Path is the JSON path as LINE writes it in details[].property:
	// "messages", "messages[0].text", "to".
	Path string
	// Summary is a short sentence-case title for lineup's diagnostics:
	// "Text too long".
	Summary string
	// Message is LINE's detail message: "Length must be between 0 and 5000".
	Message string
	// At, when set, is a more precise JSON path than Path for lineup's
	// diagnostics to point at: the first element over a limit.
	At string
	// Note, when set, is lineup's own sentence after Message, with what
	// LINE's message leaves out: "There are 14."; "It is 5012 long."
	Note string
}

// MaxMessages is how many message objects one request may carry.
const MaxMessages = 5

var chatID = regexp.MustCompile(`^[UCR][0-9a-f]{32}$`)

// ChatID reports whether s is a well-formed user, group or room ID.
func ChatID(s string) bool { return chatID.MatchString(s) }

// Push checks a push request body: to, messages and the message objects,
// and what depends on the destination: textV2 mentions need a group or
// room, a video's trackingId a user.
func Push(body map[string]any) []Problem {
	var ps []Problem
	to, _ := body["to"].(string)
	switch {
	case to == "":
		ps = append(ps, Problem{Path: "to", Summary: "Missing recipient", Message: "May not be empty"})
	case !ChatID(to):
		ps = append(ps, Problem{Path: "to", Summary: "Invalid recipient",
			Message: "Must be a user ID (U + 32 hex digits), group ID (C...) or room ID (R...)"})
	}
	ps = append(ps, Messages(body["messages"])...)
	ps = append(ps, AggregationUnits(body)...)
	if ChatID(to) {
		ps = append(ps, destination(to[0] == 'U', body["messages"])...)
	}
	return ps
}

var aggregationUnit = regexp.MustCompile(`^[a-zA-Z0-9_]{1,30}$`)

// AggregationUnits checks the customAggregationUnits of a push or
// multicast: at most one unit, of 1 to 30 letters, digits and
// underscores; null means absent, as the Go SDK sends it.
// https://developers.line.biz/en/reference/messaging-api/#send-push-message
func AggregationUnits(body map[string]any) []Problem {
	v, ok := body["customAggregationUnits"]
	if !ok || v == nil {
		return nil
	}
	units, ok := v.([]any)
	if !ok || len(units) > 1 {
		return []Problem{{Path: "customAggregationUnits", Summary: "Too many aggregation units", Message: "Size must be between 0 and 1"}}
	}
	var ps []Problem
	for i, u := range units {
		if s, ok := u.(string); !ok || !aggregationUnit.MatchString(s) {
			ps = append(ps, Problem{Path: fmt.Sprintf("customAggregationUnits[%d]", i), Summary: "Invalid aggregation unit",
				Message: "Must match the pattern ^[a-zA-Z0-9_]{1,30}$"})
		}
	}
	return ps
}

// Messages checks a messages array as the validate endpoints do; paths
// start with "messages". Rules that depend on the kind of send or the
// destination are checked by Push, Multicast and Broadcast.
func Messages(messages any) []Problem {
	list, ok := messages.([]any)
	if !ok || len(list) < 1 || len(list) > MaxMessages {
		return []Problem{{Path: "messages", Summary: "Wrong number of message objects", Message: "Size must be between 1 and 5"}}
	}
	r := &report{}
	for i, m := range list {
		r.message(fmt.Sprintf("messages[%d]", i), m)
	}
	return r.ps
}

// Quotable lists the message types that may carry a quoteToken.
var Quotable = map[string]bool{"text": true, "textV2": true, "sticker": true}

// ReturnsQuoteToken lists the message types whose sentMessages entry has a
// quoteToken.
var ReturnsQuoteToken = map[string]bool{
	"text": true, "textV2": true, "sticker": true, "image": true,
	"video": true, "template": true, "flex": true,
}

var messageTypes = "[text, textV2, image, video, audio, location, sticker, template, imagemap, flex]"

// messageRules holds the rules of each message type, by LINE type.
var messageRules = map[string]func(r *report, path string, obj map[string]any){
	"text":     (*report).textMessage,
	"textV2":   (*report).textV2Message,
	"sticker":  (*report).stickerMessage,
	"image":    (*report).imageMessage,
	"video":    (*report).videoMessage,
	"audio":    (*report).audioMessage,
	"location": (*report).locationMessage,
	"imagemap": (*report).imagemapMessage,
	"template": (*report).templateMessage,
	"flex":     (*report).flexMessage,
}

func (r *report) message(path string, m any) {
	obj, ok := m.(map[string]any)
	if !ok {
		r.add(path, "Invalid message object", "Must be an object")
		return
	}
	typ, _ := obj["type"].(string)
	check := messageRules[typ]
	if check == nil {
		r.add(path+".type", "Unknown message type", "Must be one of the following values: "+messageTypes)
		return
	}
	check(r, path, obj)
	if present(obj, "quoteToken") && !Quotable[typ] {
		r.add(path+".quoteToken", "Quote token not allowed",
			fmt.Sprintf("A %s message cannot quote; only text, textV2 and sticker can", typ))
	}
	r.quickReply(path, obj)
	r.sender(path, obj)
}
