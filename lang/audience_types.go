package lang

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// Audience is an audience block: an audience group lineup manages on LINE.
//
// Exactly one of UserIDs, Click and Impression is set. Its after-apply
// value audience.NAME.id (the audienceGroupId) is Result.AudienceID.
type Audience struct {
	Name      string
	DeclRange hcl.Range
	// Description is the audience's name on LINE (1 to 120 characters).
	Description string
	// UserIDs are the members of an upload audience.
	UserIDs *IDSet
	// Click and Impression build an audience from a narrowcast's or
	// broadcast's request ID.
	Click      *Retarget
	Impression *Retarget
	// DependsOn lists, sorted, the sends whose after-apply values the
	// audience uses (the request ID of a click or impression audience).
	DependsOn []string
	// Ranges maps the audience's fields ("description", "user_ids",
	// "click.request_id", "click.url") to source ranges.
	Ranges map[string]hcl.Range
}

// Address is the audience's address, for example "audience.vip".
func (a *Audience) Address() string { return "audience." + a.Name }

// Retarget is the click or impression block of an audience.
type Retarget struct {
	// RequestID is a string, or Unknown until the send it comes from is
	// sent.
	RequestID any
	// URL is a click audience's clickUrl; "" for any URL.
	URL string
}

// IDSet is a set of user IDs described by its digest and count, so a
// plan never holds 1,500,000 IDs. The IDs themselves are read again only
// when they are uploaded.
type IDSet struct {
	// Count is the number of IDs.
	Count int
	// Digest is the hex SHA-256 of the IDs in order, each followed by a
	// newline: computed streaming, so a reordered file counts as a change.
	Digest string
	// File, when set, is the file (relative to the configuration
	// directory) the IDs come from, one per line as file_lines reads it;
	// IDs is then nil.
	File string
	// IDs are the IDs when they come from an expression other than a
	// single file_lines call.
	IDs []string
}

// Each calls fn with every ID in order, reading File (relative to dir)
// line by line when the IDs come from a file: trimmed, skipping empty lines
// and lines starting with "#", as file_lines does.
func (s *IDSet) Each(dir string, fn func(id string) error) error {
	if s.File == "" {
		for _, id := range s.IDs {
			if err := fn(id); err != nil {
				return err
			}
		}
		return nil
	}
	return eachLine(filepath.Join(dir, s.File), fn)
}

// eachLine calls fn with every trimmed, non-empty line of path that does
// not start with "#".
func eachLine(path string, fn func(line string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := fn(line); err != nil {
			return err
		}
	}
	return sc.Err()
}
