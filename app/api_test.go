package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"chainjudge/app/apptest"
	"chainjudge/app/results"
)

var tokenSecret = regexp.MustCompile(`cjt_[A-Za-z0-9_-]{43}`)

// apiGet sends a GET with an optional bearer token.
func apiGet(c *apptest.Client, path, token string) *apptest.Response {
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return c.Do(req)
}

func TestAPI_PublicDataAndOfficeTokens(t *testing.T) {
	r := newResultsEnv(t)
	r.throughSelect(t)
	anon := r.env.Client()

	var list struct {
		Competitions []struct {
			ID        int64  `json:"id"`
			Name      string `json:"name"`
			Published bool   `json:"published"`
		} `json:"competitions"`
	}
	res := apiGet(anon, "/api/v1/competitions", "")
	apptest.Check(t, res, http.StatusOK, "", nil, nil)
	decodeJSON(t, res, &list)
	if len(list.Competitions) != 1 || list.Competitions[0].ID != r.comp.ID || list.Competitions[0].Published {
		t.Errorf("competitions = %+v", list.Competitions)
	}
	apptest.Check(t, apiGet(anon, r.path("/api/v1/competitions/%d", r.comp.ID), ""), http.StatusOK, "",
		[]string{`"key":"apply"`, `"frozen":true`}, nil)
	apptest.Check(t, apiGet(anon, r.path("/api/v1/competitions/%d/results", r.comp.ID), ""), http.StatusNotFound, "",
		[]string{`"error"`}, nil)

	scoresPath := r.path("/api/v1/competitions/%d/scores", r.comp.ID)
	apptest.Check(t, apiGet(anon, scoresPath, ""), http.StatusUnauthorized, "", []string{"Bearer"}, nil)
	apptest.Check(t, apiGet(anon, scoresPath, "cjt_forged"), http.StatusUnauthorized, "", nil, nil)

	// The office creates a token; its secret shows once.
	page := r.office.PostForm("/office/api-tokens", url.Values{"name": {"省大数据中心"}})
	apptest.Check(t, page, http.StatusCreated, "", []string{"请立即复制保存"}, nil)
	secret := tokenSecret.FindString(page.Body)
	if secret == "" {
		t.Fatal("no token shown")
	}
	apptest.Check(t, r.office.Get("/office/api-tokens"), http.StatusOK, "", []string{"省大数据中心", secret[:10]}, []string{secret})
	apptest.Check(t, r.office.PostForm("/office/api-tokens", url.Values{"name": {""}}), http.StatusUnprocessableEntity, "",
		[]string{"请填写令牌用途"}, nil)

	var scores struct {
		Scores []results.RawScore `json:"scores"`
	}
	res = apiGet(anon, scoresPath, secret)
	apptest.Check(t, res, http.StatusOK, "", nil, []string{"judge0", "judge1"})
	decodeJSON(t, res, &scores)
	// Stage apply: 4 dossiers × 2 criteria × 5 judges; select: 2 × 1 × 3.
	if len(scores.Scores) != 46 || scores.Scores[0].Judge[0] != 'E' {
		t.Errorf("scores = %d rows, first %+v", len(scores.Scores), scores.Scores[0])
	}
	res = apiGet(anon, r.path("/api/v1/competitions/%d/stages/apply/results", r.comp.ID), secret)
	apptest.Check(t, res, http.StatusOK, "", []string{`"stage_id":"apply"`, `"advance_reason"`}, nil)
	apptest.Check(t, apiGet(anon, r.path("/api/v1/competitions/%d/stages/nope/results", r.comp.ID), secret),
		http.StatusNotFound, "", nil, nil)

	// A bearer request needs no CSRF token, and the API is read-only.
	req, _ := http.NewRequest(http.MethodPost, "/api/v1/competitions", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	if got := anon.Do(req); got.Code != http.StatusMethodNotAllowed && got.Code != http.StatusNotFound {
		t.Errorf("POST to the API: %d; want it refused", got.Code)
	}

	tokens, _ := r.env.Store.FindAPITokens(t.Context())
	apptest.Check(t, r.office.PostForm(r.path("/office/api-tokens/%d/revoke", tokens[0].ID), nil), http.StatusSeeOther, "", nil, nil)
	apptest.Check(t, apiGet(anon, scoresPath, secret), http.StatusUnauthorized, "", nil, nil)
	apptest.Check(t, r.office.PostForm(r.path("/office/api-tokens/%d/revoke", tokens[0].ID), nil), http.StatusConflict, "",
		[]string{"已吊销"}, nil)
	expert := r.env.Login("judge0")
	apptest.Check(t, expert.Get("/office/api-tokens"), http.StatusForbidden, "", nil, nil)
}
