package lang

// The table of message objects (docs/language.md, "Message objects"): which snake_case
// attributes and nested blocks each takes and the LINE JSON each becomes.
// Only the shape is decided here; LINE's limits are checked over the JSON
// by planner/rules.

// str, num, boolean and req build fieldSpecs briefly.
func str(name, key string) fieldSpec { return fieldSpec{name: name, key: key, kind: stringField} }
func num(name, key string) fieldSpec { return fieldSpec{name: name, key: key, kind: numberField} }
func boolean(name, key string) fieldSpec {
	return fieldSpec{name: name, key: key, kind: boolField}
}
func req(f fieldSpec) fieldSpec { f.required = true; return f }

// actionTypes translates the action types of the language to LINE's.
var actionTypes = map[string]string{"camera_roll": "cameraRoll", "richmenu_switch": "richmenuswitch"}

// actionFields are the fields of an action object, each key under prefix
// ("" for an action block, "action." for a quick reply item).
func actionFields(prefix string) []fieldSpec {
	fs := []fieldSpec{
		{name: "type", key: "type", kind: stringField, required: true, values: actionTypes},
		str("label", "label"),
		str("data", "data"),
		str("display_text", "displayText"),
		str("text", "text"),
		str("uri", "uri"),
		str("alt_uri_desktop", "altUri.desktop"),
		str("mode", "mode"),
		str("initial", "initial"),
		str("max", "max"),
		str("min", "min"),
		str("input_option", "inputOption"),
		str("fill_in_text", "fillInText"),
		str("clipboard_text", "clipboardText"),
	}
	for i := range fs {
		fs[i].key = prefix + fs[i].key
	}
	return fs
}

// actionSpec is an action block (action, default_action).
var actionSpec = &blockSpec{fields: actionFields("")}

// actionBlocks are the action blocks of a template or column.
func actionBlocks() []*childSpec {
	return []*childSpec{
		{block: "default_action", key: "defaultAction", kind: childOne, spec: actionSpec},
		{block: "action", key: "actions", kind: childList, spec: actionSpec},
	}
}

// quickReplySpec is quick_reply { item { ... } }: each item is an action
// block with an image_url.
var quickReplySpec = &blockSpec{blocks: []*childSpec{{
	block: "item", key: "items", kind: childList,
	spec: &blockSpec{
		fields:   append([]fieldSpec{str("image_url", "imageUrl")}, actionFields("action.")...),
		defaults: map[string]any{"type": "action"},
	},
}}}

var senderSpec = &blockSpec{fields: []fieldSpec{str("name", "name"), str("icon_url", "iconUrl")}}

// common adds the blocks every message object may hold.
func common(s *blockSpec) *blockSpec {
	s.blocks = append(s.blocks,
		&childSpec{block: "quick_reply", key: "quickReply", kind: childOne, spec: quickReplySpec},
		&childSpec{block: "sender", key: "sender", kind: childOne, spec: senderSpec},
	)
	return s
}

var areaSpec = &blockSpec{fields: []fieldSpec{
	req(num("x", "x")), req(num("y", "y")), req(num("width", "width")), req(num("height", "height")),
}}

func areaBlock() *childSpec {
	return &childSpec{block: "area", key: "area", kind: childOne, spec: areaSpec}
}

var imagemapActionSpec = &blockSpec{
	fields: []fieldSpec{
		req(str("type", "type")),
		str("label", "label"),
		str("link_uri", "linkUri"),
		str("text", "text"),
		str("clipboard_text", "clipboardText"),
	},
	blocks: []*childSpec{areaBlock()},
}

var imagemapVideoSpec = &blockSpec{
	fields: []fieldSpec{str("original_url", "originalContentUrl"), str("preview_url", "previewImageUrl")},
	blocks: []*childSpec{
		areaBlock(),
		{block: "external_link", key: "externalLink", kind: childOne, spec: &blockSpec{
			fields: []fieldSpec{str("link_uri", "linkUri"), str("label", "label")},
		}},
	},
}

var buttonsSpec = &blockSpec{
	fields: []fieldSpec{
		str("thumbnail_image_url", "thumbnailImageUrl"),
		str("image_aspect_ratio", "imageAspectRatio"),
		str("image_size", "imageSize"),
		str("image_background_color", "imageBackgroundColor"),
		str("title", "title"),
		str("text", "text"),
	},
	blocks:   actionBlocks(),
	defaults: map[string]any{"type": "buttons"},
}

var confirmSpec = &blockSpec{
	fields:   []fieldSpec{str("text", "text")},
	blocks:   []*childSpec{{block: "action", key: "actions", kind: childList, spec: actionSpec}},
	defaults: map[string]any{"type": "confirm"},
}

var carouselSpec = &blockSpec{
	fields: []fieldSpec{str("image_aspect_ratio", "imageAspectRatio"), str("image_size", "imageSize")},
	blocks: []*childSpec{{block: "column", key: "columns", kind: childList, spec: &blockSpec{
		fields: []fieldSpec{
			str("thumbnail_image_url", "thumbnailImageUrl"),
			str("image_background_color", "imageBackgroundColor"),
			str("title", "title"),
			str("text", "text"),
		},
		blocks: actionBlocks(),
	}}},
	defaults: map[string]any{"type": "carousel"},
}

var imageCarouselSpec = &blockSpec{
	blocks: []*childSpec{{block: "column", key: "columns", kind: childList, spec: &blockSpec{
		fields: []fieldSpec{str("image_url", "imageUrl")},
		blocks: []*childSpec{{block: "action", key: "action", kind: childOne, spec: actionSpec}},
	}}},
	defaults: map[string]any{"type": "image_carousel"},
}

var mentionSpec = &blockSpec{
	fields:   []fieldSpec{str("user_id", "mentionee.userId"), boolean("all", "_all")},
	defaults: map[string]any{"type": "mention"},
	finish:   finishMention,
}

var substitutionEmojiSpec = &blockSpec{
	fields:   []fieldSpec{req(str("product_id", "productId")), req(str("emoji_id", "emojiId"))},
	defaults: map[string]any{"type": "emoji"},
}

// messageSpecs lists every kind of message object, in the order of the
// language documentation.
var messageSpecs = []*messageSpec{
	{block: "text", jsonType: "text", returnsQuote: true, blockSpec: common(&blockSpec{
		fields: []fieldSpec{req(str("text", "text")), quoteTokenField},
		blocks: []*childSpec{{block: "emoji", key: "emojis", kind: childList, spec: &blockSpec{
			fields: []fieldSpec{req(str("product_id", "productId")), req(str("emoji_id", "emojiId")), num("index", "index")},
		}}},
		finish: assignEmojiIndexes,
	})},
	{block: "text_v2", jsonType: "textV2", returnsQuote: true, blockSpec: common(&blockSpec{
		fields: []fieldSpec{req(str("text", "text")), quoteTokenField},
		blocks: []*childSpec{
			{block: "mention", key: "substitution", kind: childLabeled, spec: mentionSpec},
			{block: "emoji", key: "substitution", kind: childLabeled, spec: substitutionEmojiSpec},
		},
	})},
	{block: "sticker", jsonType: "sticker", returnsQuote: true, blockSpec: common(&blockSpec{
		fields: []fieldSpec{req(str("package_id", "packageId")), req(str("sticker_id", "stickerId")), quoteTokenField},
	})},
	{block: "image", jsonType: "image", returnsQuote: true, blockSpec: common(&blockSpec{
		fields: []fieldSpec{req(str("original_url", "originalContentUrl")), req(str("preview_url", "previewImageUrl"))},
	})},
	{block: "video", jsonType: "video", returnsQuote: true, blockSpec: common(&blockSpec{
		fields: []fieldSpec{
			req(str("original_url", "originalContentUrl")), req(str("preview_url", "previewImageUrl")),
			str("tracking_id", "trackingId"),
		},
	})},
	{block: "audio", jsonType: "audio", blockSpec: common(&blockSpec{
		fields: []fieldSpec{req(str("original_url", "originalContentUrl")), req(num("duration_ms", "duration"))},
	})},
	{block: "location", jsonType: "location", blockSpec: common(&blockSpec{
		fields: []fieldSpec{
			req(str("title", "title")), req(str("address", "address")),
			req(num("latitude", "latitude")), req(num("longitude", "longitude")),
		},
	})},
	{block: "imagemap", jsonType: "imagemap", blockSpec: common(&blockSpec{
		fields: []fieldSpec{
			req(str("base_url", "baseUrl")), req(str("alt_text", "altText")),
			req(num("height", "baseSize.height")), num("width", "baseSize.width"),
		},
		blocks: []*childSpec{
			{block: "action", key: "actions", kind: childList, spec: imagemapActionSpec},
			{block: "video", key: "video", kind: childOne, spec: imagemapVideoSpec},
		},
		defaults: map[string]any{"baseSize.width": 1040},
	})},
	{block: "template", jsonType: "template", returnsQuote: true, blockSpec: common(&blockSpec{
		fields: []fieldSpec{req(str("alt_text", "altText"))},
		blocks: []*childSpec{
			{block: "buttons", key: "template", kind: childOne, spec: buttonsSpec},
			{block: "confirm", key: "template", kind: childOne, spec: confirmSpec},
			{block: "carousel", key: "template", kind: childOne, spec: carouselSpec},
			{block: "image_carousel", key: "template", kind: childOne, spec: imageCarouselSpec},
		},
		oneOf: []string{"buttons", "confirm", "carousel", "image_carousel"},
	})},
	{block: "flex", jsonType: "flex", returnsQuote: true, blockSpec: common(&blockSpec{
		fields: []fieldSpec{req(str("alt_text", "altText")), {name: "contents", key: "contents", kind: flexField, required: true}},
	})},
}

// BlockTypes are the types of every block the language accepts, at the
// top level and nested, sorted: what docs/language.md must show.
func BlockTypes() []string {
	names := map[string]bool{"channel": true, "backend": true, "validation": true, "click": true, "impression": true,
		"limit": true, "quiet_hours": true, "require_approval": true}
	for _, b := range fileSchema.Blocks {
		names[b.Type] = true
	}
	var walk func(s *blockSpec)
	walk = func(s *blockSpec) {
		for _, c := range s.blocks {
			if !names[c.block] {
				names[c.block] = true
				walk(c.spec)
			}
		}
	}
	for _, ms := range messageSpecs {
		names[ms.block] = true
		walk(ms.blockSpec)
	}
	return sortedKeys(names)
}
