package sandbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
)

// maxFileBody is how large a byFile request may be: 1,500,000 IDs of 36
// characters with CRLF, and the form around them.
const maxFileBody = 64 << 20

// fileForm is a byFile request's multipart form.
type fileForm struct {
	fields map[string]string
	// ids are the file's non-empty lines, each read as a user ID or an
	// IFA (16 bytes either way); users and ifas count the lines of each
	// kind, so a line that is neither leaves their sum short.
	ids         []uid
	users, ifas int
	hasFile     bool
}

// readFileForm parses a byFile request
// (https://developers.line.biz/en/reference/messaging-api/#create-upload-audience-group-by-file): form fields and one
// file of IDs, one per line, its part text/plain (or, unless
// Options.StrictFilePart, application/octet-stream as the Go SDK sends).
func (s *Server) readFileForm(ex *exchange) (fileForm, *reply) {
	ct := ex.req.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		rep := errorReply(http.StatusUnsupportedMediaType, fmt.Sprintf("The content type, %s, is not supported", ct))
		return fileForm{}, &rep
	}
	form := fileForm{fields: map[string]string{}}
	mr := multipart.NewReader(bytes.NewReader(ex.raw), params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			rep := errorReply(http.StatusBadRequest, "The request body could not be parsed as multipart/form-data")
			return fileForm{}, &rep
		}
		if rep := s.readPart(&form, part); rep != nil {
			return fileForm{}, rep
		}
	}
	if !form.hasFile {
		rep := reply{status: http.StatusBadRequest, body: errorBody{Message: "The request body has 1 error(s)",
			Details: []detail{{Message: "May not be empty", Property: "file"}}}}
		return fileForm{}, &rep
	}
	return form, nil
}

func (s *Server) readPart(form *fileForm, part *multipart.Part) *reply {
	defer part.Close()
	name := part.FormName()
	if name != "file" {
		data, _ := io.ReadAll(io.LimitReader(part, 4096))
		form.fields[name] = string(data)
		return nil
	}
	if form.hasFile {
		rep := errorReply(http.StatusBadRequest, "Only one file can be uploaded")
		return &rep
	}
	form.hasFile = true
	ct := part.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	if mt != "text/plain" && (s.opts.StrictFilePart || mt != "application/octet-stream") {
		rep := errorReply(http.StatusUnsupportedMediaType, fmt.Sprintf("The content type, %s, is not supported", ct))
		return &rep
	}
	sc := bufio.NewScanner(part)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if len(form.ids) == maxFileAudienceIDs {
			rep := tooManyIDs()
			return &rep
		}
		id, ok := parseUID(line, false)
		if ok {
			form.users++
		} else if id, ok = parseUID(line, true); ok {
			form.ifas++
		}
		form.ids = append(form.ids, id)
	}
	if sc.Err() != nil {
		rep := invalidIDFormat()
		return &rep
	}
	return nil
}

// fileIDs returns the file's IDs, sorted, when every line is a user ID
// or, with ifa, every line an IFA.
func fileIDs(form fileForm, ifa bool) ([]uid, *reply) {
	n := form.users
	if ifa {
		n = form.ifas
	}
	if n != len(form.ids) {
		rep := invalidIDFormat()
		return nil, &rep
	}
	return sortedUIDs(form.ids), nil
}

// createAudienceByFile answers POST /v2/bot/audienceGroup/upload/byFile.
func (s *Server) createAudienceByFile(ex *exchange) reply {
	form, rep := s.readFileForm(ex)
	if rep != nil {
		return *rep
	}
	desc, rep := checkDescription(form.fields["description"])
	if rep != nil {
		return *rep
	}
	jobDesc, rep := formUploadDescription(form)
	if rep != nil {
		return *rep
	}
	ifa := form.fields["isIfaAudience"] == "true"
	ids, rep := fileIDs(form, ifa)
	if rep != nil {
		return *rep
	}
	return s.newUploadAudience(ex, desc, ifa, jobDesc, ids)
}

func formUploadDescription(form fileForm) (*string, *reply) {
	v, ok := form.fields["uploadDescription"]
	if !ok {
		return nil, nil
	}
	return checkUploadDescription(v)
}

// addToAudienceByFile answers PUT /v2/bot/audienceGroup/upload/byFile.
func (s *Server) addToAudienceByFile(ex *exchange) reply {
	form, rep := s.readFileForm(ex)
	if rep != nil {
		return *rep
	}
	id, err := strconv.ParseInt(strings.TrimSpace(form.fields["audienceGroupId"]), 10, 64)
	if err != nil {
		return audienceNotFound()
	}
	jobDesc, rep := formUploadDescription(form)
	if rep != nil {
		return *rep
	}
	ifa, ok := s.audienceIsIfa(id)
	if !ok {
		return audienceNotFound()
	}
	if len(form.ids) == 0 {
		return audienceError(http.StatusBadRequest, "no valid audience ids",
			"UPLOAD_AUDIENCE_GROUP_NO_VALID_AUDIENCE_IDS")
	}
	ids, rep := fileIDs(form, ifa)
	if rep != nil {
		return *rep
	}
	return s.addJob(ex, id, jobDesc, ids)
}
