package rules

import (
	"fmt"
	"regexp"
	"unicode/utf16"
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
}

// MaxMessages is how many message objects one request may carry.
const MaxMessages = 5

var chatID = regexp.MustCompile(`^[UCR][0-9a-f]{32}$`)

// ChatID reports whether s is a well-formed user, group or room ID.
func ChatID(s string) bool { return chatID.MatchString(s) }

// Push checks a push request body: to, messages and the message objects.
func Push(body map[string]any) []Problem {
	var ps []Problem
	to, _ := body["to"].(string)
	switch {
	case to == "":
		ps = append(ps, Problem{"to", "Missing recipient", "May not be empty"})
	case !ChatID(to):
		ps = append(ps, Problem{"to", "Invalid recipient",
			"Must be a user ID (U + 32 hex digits), group ID (C...) or room ID (R...)"})
	}
	return append(ps, Messages(body["messages"])...)
}

// Messages checks a messages array as the validate endpoints do; paths
// start with "messages".
func Messages(messages any) []Problem {
	list, ok := messages.([]any)
	if !ok || len(list) < 1 || len(list) > MaxMessages {
		return []Problem{{"messages", "Wrong number of message objects", "Size must be between 1 and 5"}}
	}
	var ps []Problem
	for i, m := range list {
		ps = append(ps, message(fmt.Sprintf("messages[%d]", i), m)...)
	}
	return ps
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

func message(path string, m any) []Problem {
	obj, ok := m.(map[string]any)
	if !ok {
		return []Problem{{path, "Invalid message object", "Must be an object"}}
	}
	typ, _ := obj["type"].(string)
	var ps []Problem
	switch typ {
	case "text":
		ps = append(ps, text(path+".text", obj["text"], 5000)...)
	case "sticker":
		ps = append(ps, required(path+".packageId", obj["packageId"])...)
		ps = append(ps, required(path+".stickerId", obj["stickerId"])...)
	case "textV2", "image", "video", "audio", "location", "template", "imagemap", "flex":
		// Checked in full by the message-type rules; accepted here.
	default:
		return []Problem{{path + ".type", "Unknown message type",
			"Must be one of the following values: " + messageTypes}}
	}
	if q, ok := obj["quoteToken"]; ok && q != nil && !Quotable[typ] {
		ps = append(ps, Problem{path + ".quoteToken", "Quote token not allowed",
			fmt.Sprintf("A %s message cannot quote; only text, textV2 and sticker can", typ)})
	}
	return ps
}

func text(path string, v any, max int) []Problem {
	s, _ := v.(string)
	if s == "" {
		return []Problem{{path, "Empty text", "May not be empty"}}
	}
	if n := UTF16Len(s); n > max {
		return []Problem{{path, "Text too long",
			fmt.Sprintf("Length must be between 0 and %d", max)}}
	}
	return nil
}

func required(path string, v any) []Problem {
	if s, ok := v.(string); !ok || s == "" {
		return []Problem{{path, "Missing required value", "May not be empty"}}
	}
	return nil
}

// UTF16Len counts s in UTF-16 code units, as LINE counts text.
func UTF16Len(s string) int { return len(utf16.Encode([]rune(s))) }
