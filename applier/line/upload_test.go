package line

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The file upload is a multipart request whose file part is text/plain,
// one ID per line, with every ID in order.
func TestCreateAudienceFile(t *testing.T) {
	const n = 25000
	var fields map[string]string
	var partType string
	var lines []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, "/v2/bot/audienceGroup/upload/byFile", r.URL.Path)
		require.Equal(t, "Bearer tok", r.Header.Get("Authorization"))
		mr, err := r.MultipartReader()
		require.NoError(t, err)
		fields = map[string]string{}
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			require.NoError(t, err)
			data, err := io.ReadAll(p)
			require.NoError(t, err)
			if p.FormName() == "file" {
				partType = p.Header.Get("Content-Type")
				lines = strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
				continue
			}
			fields[p.FormName()] = string(data)
		}
		w.WriteHeader(http.StatusAccepted)
		_, _ = io.WriteString(w, `{"audienceGroupId":1234567890123,"type":"UPLOAD"}`)
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Token: "tok"})
	require.NoError(t, err)
	id, err := c.CreateAudienceFile(context.Background(), "VIP customers", func(emit func(string) error) error {
		for i := range n {
			if err := emit(fmt.Sprintf("U%032x", i)); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, int64(1234567890123), id)
	require.Equal(t, "text/plain", partType)
	require.Equal(t, "VIP customers", fields["description"])
	require.Len(t, lines, n)
	require.Equal(t, fmt.Sprintf("U%032x", n-1), lines[n-1])
}
