package lang

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// outline writes a view as names only: attributes bare, blocks as
// name{...} with their label, so a test states the names by hand.
func outline(ns []Named) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.Name
		if n.Label != "" {
			parts[i] += fmt.Sprintf("(%s)", n.Label)
		}
		if n.IsBlock {
			parts[i] += "{" + outline(n.Body) + "}"
		}
	}
	return strings.Join(parts, " ")
}

func TestSendNames(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"text with emojis, quick reply and sender", `{"to": "U1", "messages": [{"type": "text", "text": "$ hi",
			"quoteToken": "q", "emojis": [{"productId": "p", "emojiId": "001", "index": 0}],
			"quickReply": {"items": [{"type": "action", "imageUrl": "https://x/i.png",
				"action": {"type": "cameraRoll", "label": "Photo"}},
				{"type": "action", "action": {"type": "uri", "label": "Go", "uri": "https://x", "altUri": {"desktop": "https://d"}}}]},
			"sender": {"name": "Cafe", "iconUrl": "https://x/s.png"}}],
			"notificationDisabled": true, "customAggregationUnits": ["spring"]}`,
			"to text{text quote_token emoji{product_id emoji_id index} quick_reply{item{image_url type label} " +
				"item{type label uri alt_uri_desktop}} sender{name icon_url}} notification_disabled aggregation_unit"},
		{"text_v2", `{"messages": [{"type": "textV2", "text": "{a} {b} {c}", "substitution": {
			"a": {"type": "mention", "mentionee": {"type": "user", "userId": "U1"}},
			"b": {"type": "mention", "mentionee": {"type": "all"}},
			"c": {"type": "emoji", "productId": "p", "emojiId": "002"}}}]}`,
			"text_v2{text mention(a){user_id} mention(b){all} emoji(c){product_id emoji_id}}"},
		{"media", `{"messages": [{"type": "sticker", "packageId": "446", "stickerId": "1988"},
			{"type": "image", "originalContentUrl": "https://x/o.jpg", "previewImageUrl": "https://x/p.jpg"},
			{"type": "video", "originalContentUrl": "https://x/o.mp4", "previewImageUrl": "https://x/p.jpg", "trackingId": "t"},
			{"type": "audio", "originalContentUrl": "https://x/o.m4a", "duration": 6000},
			{"type": "location", "title": "Cafe", "address": "Tokyo", "latitude": 35.6, "longitude": 139.7}]}`,
			"sticker{package_id sticker_id} image{original_url preview_url} video{original_url preview_url tracking_id} " +
				"audio{original_url duration_ms} location{title address latitude longitude}"},
		{"imagemap", `{"messages": [{"type": "imagemap", "baseUrl": "https://x/m", "altText": "Map",
			"baseSize": {"width": 1040, "height": 700},
			"actions": [{"type": "uri", "linkUri": "https://x", "area": {"x": 0, "y": 0, "width": 520, "height": 700}},
				{"type": "message", "text": "hi", "area": {"x": 520, "y": 0, "width": 520, "height": 700}}],
			"video": {"originalContentUrl": "https://x/v.mp4", "previewImageUrl": "https://x/v.jpg",
				"area": {"x": 0, "y": 0, "width": 1040, "height": 585}, "externalLink": {"linkUri": "https://x", "label": "More"}}}]}`,
			"imagemap{base_url alt_text height width action{type link_uri area{x y width height}} " +
				"action{type text area{x y width height}} video{original_url preview_url area{x y width height} external_link{link_uri label}}}"},
		{"templates", `{"messages": [
			{"type": "template", "altText": "B", "template": {"type": "buttons", "thumbnailImageUrl": "https://x/t.jpg",
				"title": "T", "text": "t", "defaultAction": {"type": "uri", "label": "Open", "uri": "https://x"},
				"actions": [{"type": "postback", "label": "Buy", "data": "buy", "displayText": "Buy it"}]}},
			{"type": "template", "altText": "C", "template": {"type": "confirm", "text": "Sure?",
				"actions": [{"type": "message", "label": "Yes", "text": "yes"}, {"type": "message", "label": "No", "text": "no"}]}},
			{"type": "template", "altText": "K", "template": {"type": "carousel", "imageAspectRatio": "square",
				"columns": [{"title": "A", "text": "a", "actions": [{"type": "datetimepicker", "label": "When", "data": "d", "mode": "date"}]}]}},
			{"type": "template", "altText": "I", "template": {"type": "image_carousel",
				"columns": [{"imageUrl": "https://x/1.jpg", "action": {"type": "postback", "data": "d"}}]}}]}`,
			"template{alt_text buttons{thumbnail_image_url title text default_action{type label uri} action{type label data display_text}}} " +
				"template{alt_text confirm{text action{type label text} action{type label text}}} " +
				"template{alt_text carousel{image_aspect_ratio column{title text action{type label data mode}}}} " +
				"template{alt_text image_carousel{column{image_url action{type data}}}}"},
		{"flex", `{"messages": [{"type": "flex", "altText": "F", "contents": {"type": "bubble",
			"body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "hi", "offsetTop": "2px"}]}}}]}`,
			"flex{alt_text contents}"},
		{"narrowcast", `{"messages": [{"type": "text", "text": "hi"}], "recipient": {"type": "audience", "audienceGroupId": 1},
			"filter": {"demographic": {"type": "age", "gte": "age_20"}}, "limit": {"max": 100, "upToRemainingQuota": true,
			"forbidPartialDelivery": true}}`,
			"text{text} recipient filter limit{max up_to_remaining_quota forbid_partial_delivery}"},
		{"values in place of blocks", `{"messages": [{"type": "text", "text": "$$", "emojis": [{"productId": "p", "emojiId": "001"}, "masked"],
			"sender": "masked"}]}`,
			"text{text emoji{product_id emoji_id} emoji sender}"},
		{"reply rule", `{"match": "(?i)hours", "messages": [{"type": "text", "text": "Nine to nine."}], "quote": true,
			"notificationDisabled": false}`,
			"match text{text} quote notification_disabled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body map[string]any
			if err := json.Unmarshal([]byte(tc.body), &body); err != nil {
				t.Fatal(err)
			}
			before := tc.body
			if got := outline(SendNames(body)); got != tc.want {
				t.Errorf("names:\n got %s\nwant %s", got, tc.want)
			}
			again, _ := json.Marshal(body)
			var orig map[string]any
			_ = json.Unmarshal([]byte(before), &orig)
			origJSON, _ := json.Marshal(orig)
			if string(again) != string(origJSON) {
				t.Errorf("SendNames changed the body:\n%s\nwas\n%s", again, origJSON)
			}
		})
	}
}

// TestSendNamesValues checks the values the view translates back or keeps.
func TestSendNamesValues(t *testing.T) {
	var body map[string]any
	_ = json.Unmarshal([]byte(`{"messages": [{"type": "text", "text": "hi", "quickReply": {"items": [
		{"type": "action", "action": {"type": "cameraRoll", "label": "Photo"}}]}},
		{"type": "flex", "altText": "F", "contents": {"type": "bubble", "body": {"type": "box", "layout": "vertical",
			"contents": [], "paddingAll": "4px"}}}],
		"customAggregationUnits": ["spring"], "filter": {"demographic": {"type": "age"}}}`), &body)
	ns := SendNames(body)
	item := ns[0].Body[1].Body[0]
	if item.Body[0].Name != "type" || item.Body[0].Value != "camera_roll" {
		t.Errorf("quick reply action type = %s %v, want type camera_roll", item.Body[0].Name, item.Body[0].Value)
	}
	contents := ns[1].Body[1].Value.(map[string]any)["body"].(map[string]any)
	if contents["paddingAll"] != "4px" {
		t.Errorf("flex contents changed: %v, want paddingAll kept as written", contents)
	}
	if ns[2].Name != "filter" || ns[2].Value.(map[string]any)["type"] != "age" {
		t.Errorf("filter = %v, want the demographic condition", ns[2].Value)
	}
	if ns[3].Name != "aggregation_unit" || ns[3].Value != "spring" {
		t.Errorf("aggregation unit = %s %v, want aggregation_unit spring", ns[3].Name, ns[3].Value)
	}
}
