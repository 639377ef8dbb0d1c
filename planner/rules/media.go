package rules

import "regexp"

// MaxURLLength is the longest URL of an image, video or audio file.
const MaxURLLength = 2000

// stickerMessage checks a sticker message
// (https://developers.line.biz/en/reference/messaging-api/#sticker-message).
func (r *report) stickerMessage(path string, obj map[string]any) {
	r.text(obj, "packageId", path+".packageId", "package ID", true, 0, 100, false)
	r.text(obj, "stickerId", path+".stickerId", "sticker ID", true, 0, 100, false)
}

// imageMessage checks an image message
// (https://developers.line.biz/en/reference/messaging-api/#image-message).
func (r *report) imageMessage(path string, obj map[string]any) {
	r.url(obj, "originalContentUrl", path+".originalContentUrl", "original content URL", true, MaxURLLength, httpsSchemes)
	r.url(obj, "previewImageUrl", path+".previewImageUrl", "preview image URL", true, MaxURLLength, httpsSchemes)
}

var trackingID = regexp.MustCompile(`^[a-zA-Z0-9\-.=,+*()%$&;:@{}!?<>\[\]]+$`)

// videoMessage checks a video message
// (https://developers.line.biz/en/reference/messaging-api/#video-message). That trackingId is
// only for users is checked by Push.
func (r *report) videoMessage(path string, obj map[string]any) {
	r.imageMessage(path, obj)
	if s, ok := r.text(obj, "trackingId", path+".trackingId", "tracking ID", false, 1, 100, false); ok && s != "" && !trackingID.MatchString(s) {
		r.add(path+".trackingId", "Invalid tracking ID",
			"Must consist of a-z, A-Z, 0-9 and the symbols -.=,+*()%$&;:@{}!?<>[]")
	}
}

// audioMessage checks an audio message
// (https://developers.line.biz/en/reference/messaging-api/#audio-message).
func (r *report) audioMessage(path string, obj map[string]any) {
	r.url(obj, "originalContentUrl", path+".originalContentUrl", "original content URL", true, MaxURLLength, httpsSchemes)
	r.integer(obj, "duration", path+".duration", "duration", true, 1, 1<<31-1)
}

// locationMessage checks a location message
// (https://developers.line.biz/en/reference/messaging-api/#location-message).
func (r *report) locationMessage(path string, obj map[string]any) {
	r.text(obj, "title", path+".title", "title", true, 0, 100, false)
	r.text(obj, "address", path+".address", "address", true, 0, 100, false)
	r.coordinate(obj, "latitude", path+".latitude", 90)
	r.coordinate(obj, "longitude", path+".longitude", 180)
}

func (r *report) coordinate(obj map[string]any, key, path string, limit float64) {
	v, ok := obj[key]
	if !ok || v == nil {
		r.add(path, "Missing "+key, "May not be empty")
		return
	}
	f, ok := Number(v)
	if !ok || f < -limit || f > limit {
		r.add(path, "Invalid "+key, "Must be a number between -"+fmtNum(limit)+" and "+fmtNum(limit))
	}
}
