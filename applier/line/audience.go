package line

import (
	"context"
	"fmt"

	"github.com/line/line-bot-sdk-go/v8/linebot/manage_audience"
)

// MaxJSONAudienceIDs is how many IDs one JSON upload request may carry;
// larger sets go through the file endpoints.
const MaxJSONAudienceIDs = 10000

func (c *Client) audience(ctx context.Context) (*manage_audience.ManageAudienceAPI, error) {
	api, err := manage_audience.NewManageAudienceAPI(c.token,
		manage_audience.WithEndpoint(c.endpoint),
		manage_audience.WithHTTPClient(c.http))
	if err != nil {
		return nil, err
	}
	return api.WithContext(ctx), nil
}

func audiences(ids []string) []manage_audience.Audience {
	out := make([]manage_audience.Audience, len(ids))
	for i, id := range ids {
		out[i] = manage_audience.Audience{Id: id}
	}
	return out
}

// CreateAudience creates an upload audience with up to MaxJSONAudienceIDs
// IDs and returns its audienceGroupId.
func (c *Client) CreateAudience(ctx context.Context, description string, ids []string) (int64, error) {
	api, err := c.audience(ctx)
	if err != nil {
		return 0, err
	}
	res, out, err := api.CreateAudienceGroupWithHttpInfo(&manage_audience.CreateAudienceGroupRequest{
		Description: description, Audiences: audiences(ids),
	})
	if err != nil {
		return 0, apiError(res, err)
	}
	return out.AudienceGroupId, nil
}

// AddToAudience adds up to MaxJSONAudienceIDs IDs to an upload audience.
func (c *Client) AddToAudience(ctx context.Context, id int64, ids []string) error {
	api, err := c.audience(ctx)
	if err != nil {
		return err
	}
	res, _, err := api.AddAudienceToAudienceGroupWithHttpInfo(&manage_audience.AddAudienceToAudienceGroupRequest{
		AudienceGroupId: id, Audiences: audiences(ids),
	})
	if err != nil {
		return apiError(res, err)
	}
	return nil
}

// CreateClickAudience creates an audience of the users who clicked a URL
// (any URL when url is "") in the narrowcast or broadcast requestID.
func (c *Client) CreateClickAudience(ctx context.Context, description, requestID, url string) (int64, error) {
	api, err := c.audience(ctx)
	if err != nil {
		return 0, err
	}
	res, out, err := api.CreateClickBasedAudienceGroupWithHttpInfo(&manage_audience.CreateClickBasedAudienceGroupRequest{
		Description: description, RequestId: requestID, ClickUrl: url,
	})
	if err != nil {
		return 0, apiError(res, err)
	}
	return out.AudienceGroupId, nil
}

// CreateImpressionAudience creates an audience of the users who saw the
// narrowcast or broadcast requestID.
func (c *Client) CreateImpressionAudience(ctx context.Context, description, requestID string) (int64, error) {
	api, err := c.audience(ctx)
	if err != nil {
		return 0, err
	}
	res, out, err := api.CreateImpBasedAudienceGroupWithHttpInfo(&manage_audience.CreateImpBasedAudienceGroupRequest{
		Description: description, RequestId: requestID,
	})
	if err != nil {
		return 0, apiError(res, err)
	}
	return out.AudienceGroupId, nil
}

// RenameAudience changes an audience's description.
func (c *Client) RenameAudience(ctx context.Context, id int64, description string) error {
	api, err := c.audience(ctx)
	if err != nil {
		return err
	}
	res, _, err := api.UpdateAudienceGroupDescriptionWithHttpInfo(id,
		&manage_audience.UpdateAudienceGroupDescriptionRequest{Description: description})
	if err != nil {
		return apiError(res, err)
	}
	return nil
}

// DeleteAudience deletes an audience.
func (c *Client) DeleteAudience(ctx context.Context, id int64) error {
	api, err := c.audience(ctx)
	if err != nil {
		return err
	}
	res, _, err := api.DeleteAudienceGroupWithHttpInfo(id)
	if err != nil {
		return apiError(res, err)
	}
	return nil
}

// AudienceStatus is where an audience stands on LINE.
type AudienceStatus struct {
	// Status is IN_PROGRESS, READY, FAILED, EXPIRED, INACTIVE or ACTIVATING.
	Status     string
	FailedType string
	Count      int64
}

// Audience reads an audience's status.
func (c *Client) Audience(ctx context.Context, id int64) (*AudienceStatus, error) {
	api, err := c.audience(ctx)
	if err != nil {
		return nil, err
	}
	res, out, err := api.GetAudienceDataWithHttpInfo(id)
	if err != nil {
		return nil, apiError(res, err)
	}
	if out.AudienceGroup == nil {
		return nil, fmt.Errorf("audience %d: LINE's answer has no audienceGroup", id)
	}
	g := out.AudienceGroup
	return &AudienceStatus{Status: string(g.Status), FailedType: string(g.FailedType), Count: g.AudienceCount}, nil
}
