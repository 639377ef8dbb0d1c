package state

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// MarshalRecord encodes one record as the state file writes it, for a
// backend that keeps one row per address.
func MarshalRecord(r *Record) ([]byte, error) {
	return json.Marshal(fromRecord(r))
}

// UnmarshalRecord decodes what MarshalRecord wrote, with the checks a
// state file's records get; where names the record in errors.
func UnmarshalRecord(data []byte, where string) (*Record, error) {
	var rv recordV1
	if err := strictUnmarshal(data, &rv); err != nil {
		return nil, fmt.Errorf("state %s: %w", where, err)
	}
	return rv.record(where)
}

// MarshalAudience encodes one audience as the state file writes it.
func MarshalAudience(a *Audience) ([]byte, error) {
	return json.Marshal(fromAudience(a))
}

// UnmarshalAudience decodes what MarshalAudience wrote.
func UnmarshalAudience(data []byte, where string) (*Audience, error) {
	var av audienceV1
	if err := strictUnmarshal(data, &av); err != nil {
		return nil, fmt.Errorf("state %s: %w", where, err)
	}
	return av.audience(where)
}

// MarshalReply encodes one reply rule as the state file writes it.
func MarshalReply(r *Reply) ([]byte, error) {
	return json.Marshal(fromReply(r))
}

// UnmarshalReply decodes what MarshalReply wrote, the rule of that name.
func UnmarshalReply(data []byte, name string) (*Reply, error) {
	var rv replyV1
	if err := strictUnmarshal(data, &rv); err != nil {
		return nil, fmt.Errorf("state replies[%q]: %w", name, err)
	}
	return rv.reply(name)
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	return nil
}
