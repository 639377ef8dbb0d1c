package state

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// TestEncodeIsEncodingJSON checks that Encode writes exactly what
// encoding/json's indenting encoder writes for the on-disk form, for
// states with every field present and with the optional ones absent.
func TestEncodeIsEncodingJSON(t *testing.T) {
	full := sample()
	full.LineupVersion = "v1.2.3"
	welcome := full.Sends["push.welcome"]
	welcome.Body = json.RawMessage(`{"to":"U4af4980629a1b2c3d4e5f60718293a4b","messages":[{"type":"text","text":"<b>&amp; ünïcode \u2028 \"quoted\"</b>"},{"type":"text","text":null}]}`)
	welcome.SensitiveDigests = map[string]string{"messages[1].text": "d1", "messages[0].altText": "d0"}
	full.Replies = map[string]*Reply{
		"hello": {Name: "hello", Digest: "r1", Body: map[string]any{"messages": []any{map[string]any{"type": "text", "text": "hi <there> & you"}}},
			SensitiveDigests: map[string]string{"messages[0].text": "x"}, Salt: "s", AppliedAt: t0},
		"bye": {Name: "bye", Digest: "r2", Body: map[string]any{}},
	}
	full.History = append(full.History, &Record{Address: "push.older", Status: Expired, ForgottenAt: t0})
	for i := range 300 {
		addr := fmt.Sprintf("push.n%03d", i)
		full.Sends[addr] = &Record{Address: addr, Status: Sent, RetryKey: fmt.Sprint(i), SentAt: t0}
	}

	for name, s := range map[string]*State{
		"full":  full,
		"empty": {Lineage: "0b7e0c6e-9d4f-4f7a-9a57-2b1f0e3c5d11"},
		"sends only": {Lineage: "l", Serial: 9, Sends: map[string]*Record{
			"push.a": {Address: "push.a", Status: Pending, RetryKey: "k"}}},
	} {
		t.Run(name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			require.NoError(t, enc.Encode(fromState(s)))
			got, err := Encode(s)
			require.NoError(t, err)
			if diff := cmp.Diff(want.String(), string(got)); diff != "" {
				t.Errorf("Encode differs from encoding/json (-want +got):\n%s", diff)
			}
		})
	}
}

// BenchmarkEncode encodes a state of 10,000 sent pushes, each with the
// body it sent and a quote token: what the end of a 10,000-push apply
// writes.
func BenchmarkEncode(b *testing.B) {
	s := sentPushes(10000)
	b.ReportAllocs()
	for b.Loop() {
		if err := EncodeTo(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead reads back what BenchmarkEncode writes, as every plan
// reads its state.
func BenchmarkRead(b *testing.B) {
	data, err := Encode(sentPushes(10000))
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// sentPushes is a state of n sent pushes.
func sentPushes(n int) *State {
	s := New()
	for i := range n {
		addr := fmt.Sprintf("push.p%05d", i)
		to := fmt.Sprintf("U%032d", i)
		s.Sends[addr] = &Record{Address: addr, Status: Sent, RetryKey: fmt.Sprintf("6f1c2b1e-0000-4000-8000-%012d", i),
			FirstAttempt: t0, Digest: fmt.Sprintf("%064d", i), To: to, RequestID: fmt.Sprintf("5b59509c-1111-4222-8333-%012d", i),
			Body: json.RawMessage(fmt.Sprintf(`{"to":%q,"messages":[{"type":"text","text":"message %d"}]}`, to, i)),
			Sent: []SentMessage{{ID: fmt.Sprint(500000000000000000 + i), QuoteToken: fmt.Sprintf("%0150d", i)}}, SentAt: t0}
	}
	return s
}

// FuzzIndent checks indent against json.Indent on compact JSON.
func FuzzIndent(f *testing.F) {
	for _, seed := range []string{`{}`, `[]`, `{"a":[]}`, `[{},[],{"b":{}}]`, `"x"`, `1.5e3`, `null`,
		`{"a":"q\"{[,:]}\\","b":[1,true,false,null,{"c":"\u2028<&>"}]}`, `{"":[[[[]]]]}`} {
		f.Add(seed, "  ")
	}
	f.Fuzz(func(t *testing.T, data, prefix string) {
		var compact bytes.Buffer
		if json.Compact(&compact, []byte(data)) != nil {
			t.Skip()
		}
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, compact.Bytes(), prefix, "  "))
		if got := indent(nil, compact.Bytes(), prefix); string(got) != want.String() {
			t.Errorf("indent(%q, %q) = %q, want %q", compact.Bytes(), prefix, got, want.String())
		}
	})
}
