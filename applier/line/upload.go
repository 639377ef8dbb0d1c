package line

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strconv"

	"github.com/line/line-bot-sdk-go/v8/linebot"
)

// IDs streams user IDs to emit, in order.
type IDs func(emit func(id string) error) error

// CreateAudienceFile creates an upload audience from up to 1,500,000 IDs
// through the file endpoint and returns its audienceGroupId.
//
// The request is built here rather than with the SDK's blob client, which
// labels the file part application/octet-stream; LINE wants text/plain.
// The IDs are streamed, never held as one buffer.
func (c *Client) CreateAudienceFile(ctx context.Context, description string, ids IDs) (int64, error) {
	res, err := c.upload(ctx, http.MethodPost, map[string]string{
		"description": description, "isIfaAudience": "false", "uploadDescription": "lineup",
	}, ids)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var out struct {
		AudienceGroupID int64 `json:"audienceGroupId"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return 0, fmt.Errorf("reading LINE's answer: %w", err)
	}
	return out.AudienceGroupID, nil
}

// AddToAudienceFile adds up to 1,500,000 IDs to an upload audience through
// the file endpoint.
func (c *Client) AddToAudienceFile(ctx context.Context, id int64, ids IDs) error {
	res, err := c.upload(ctx, http.MethodPut, map[string]string{
		"audienceGroupId": strconv.FormatInt(id, 10), "uploadDescription": "lineup",
	}, ids)
	if err != nil {
		return err
	}
	return res.Body.Close()
}

// upload sends a multipart request to the byFile endpoint with the given
// form fields and a text/plain file part of one ID per line.
func (c *Client) upload(ctx context.Context, method string, fields map[string]string, ids IDs) (*http.Response, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() { pw.CloseWithError(writeForm(mw, fields, ids)) }()
	req, err := http.NewRequestWithContext(ctx, method, c.dataEndpoint+"/v2/bot/audienceGroup/upload/byFile", pr)
	if err != nil {
		pr.Close()
		return nil, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("User-Agent", "LINE-BotSDK-Go/"+linebot.GetVersion())
	res, err := c.http.Do(req)
	if err != nil {
		pr.Close()
		return nil, &NetworkError{Err: err}
	}
	if res.StatusCode/100 != 2 {
		defer res.Body.Close()
		return nil, readError(res)
	}
	return res, nil
}

// writeForm writes the form fields (in a fixed order) and the file part.
func writeForm(mw *multipart.Writer, fields map[string]string, ids IDs) error {
	for _, name := range []string{"description", "audienceGroupId", "isIfaAudience", "uploadDescription"} {
		if v, ok := fields[name]; ok {
			if err := mw.WriteField(name, v); err != nil {
				return err
			}
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="audience.txt"`)
	h.Set("Content-Type", "text/plain")
	part, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	buf := make([]byte, 0, 64<<10)
	err = ids(func(id string) error {
		buf = append(append(buf, id...), '\n')
		if len(buf) >= 60<<10 {
			_, err := part.Write(buf)
			buf = buf[:0]
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := part.Write(buf); err != nil {
		return err
	}
	return mw.Close()
}
