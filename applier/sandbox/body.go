package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
)

// checkContentType accepts application/json with any parameters (the Go
// SDK sends charset=UTF-8) and answers 415 for anything else.
func checkContentType(ct string) (reply, bool) {
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		return reply{}, true
	}
	return errorReply(http.StatusUnsupportedMediaType,
		fmt.Sprintf("The content type, %s, is not supported", ct)), false
}

// parseObject decodes a JSON object body, answering LINE's 400 with the
// line and column of the first syntax error.
func parseObject(raw []byte) (map[string]any, reply, bool) {
	var v any
	err := json.Unmarshal(raw, &v)
	if err == nil {
		if obj, ok := v.(map[string]any); ok {
			return obj, reply{}, true
		}
		// Valid JSON, but not an object: LINE points at its start.
		err = &json.SyntaxError{Offset: int64(len(raw) - len(bytes.TrimLeft(raw, " \t\r\n")) + 1)}
	}
	offset := int64(len(raw))
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = se.Offset
	}
	line, col := position(raw, offset)
	return nil, errorReply(http.StatusBadRequest, fmt.Sprintf(
		"The request body could not be parsed as JSON (line: %d, column: %d)", line, col)), false
}

// position turns the count of bytes read before an error into a 1-based
// line and column.
func position(raw []byte, offset int64) (line, col int) {
	if offset < 1 {
		offset = 1
	}
	if offset > int64(len(raw)) {
		offset = int64(len(raw))
	}
	before := raw[:max(offset-1, 0)]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}
