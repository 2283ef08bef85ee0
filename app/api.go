package app

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"chainjudge/app/results"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// ctxAPIToken holds the request's authenticated API token.
const ctxAPIToken = "apiToken"

// errAPIToken answers a request that needs an office token.
var errAPIToken = echo.NewHTTPError(http.StatusUnauthorized, "需要有效的办公室接口令牌：请求头 Authorization: Bearer <令牌>")

// apiAuth authenticates an optional bearer token; an invalid one is refused
// rather than ignored, so a client learns its token stopped working.
func (s *Server) apiAuth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Cache-Control", "no-store")
		h := c.Request().Header.Get("Authorization")
		if h == "" {
			return next(c)
		}
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return errAPIToken
		}
		t, err := s.store.AuthenticateAPIToken(c.Request().Context(), strings.TrimSpace(secret))
		if errors.Is(err, store.ErrNotFound) {
			return errAPIToken
		}
		if err != nil {
			return err
		}
		c.Set(ctxAPIToken, t)
		return next(c)
	}
}

// requireOfficeToken lets only requests with an office token through.
func requireOfficeToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if t, ok := c.Get(ctxAPIToken).(*store.APIToken); !ok || t.Scope != store.ScopeOffice {
			return errAPIToken
		}
		return next(c)
	}
}

// apiStage is a stage in the API.
type apiStage struct {
	ID     int64  `json:"id"`
	Key    string `json:"key"`
	Name   string `json:"name"`
	Status string `json:"status"`
	// Frozen says the stage's results are frozen; RubricHash is the rubric
	// they were computed under.
	Frozen     bool   `json:"frozen"`
	RubricHash string `json:"rubric_hash,omitempty"`
}

// apiCompetition is a competition in the API.
type apiCompetition struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Year       int        `json:"year"`
	Status     string     `json:"status"`
	RubricHash string     `json:"rubric_hash"`
	Published  bool       `json:"published"`
	Stages     []apiStage `json:"stages,omitempty"`
}

// handleAPICompetitions lists the competitions that have left the draft.
func (s *Server) handleAPICompetitions(c echo.Context) error {
	comps, err := s.store.FindCompetitions(c.Request().Context())
	if err != nil {
		return err
	}
	out := []apiCompetition{}
	for _, comp := range comps {
		if comp.Status == store.CompetitionDraft {
			continue
		}
		out = append(out, apiCompetition{ID: comp.ID, Name: comp.Name, Year: comp.Year, Status: string(comp.Status),
			RubricHash: comp.RubricHash, Published: comp.Status == store.CompetitionPublished})
	}
	return c.JSON(http.StatusOK, map[string]any{"competitions": out})
}

// apiLoadCompetition returns the :id competition unless it is a draft.
func (s *Server) apiLoadCompetition(c echo.Context) (*store.Competition, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, err
	}
	comp, err := s.store.FindCompetitionByID(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	if comp.Status == store.CompetitionDraft {
		return nil, errNotFound
	}
	return comp, nil
}

// handleAPICompetition describes one competition with its stages.
func (s *Server) handleAPICompetition(c echo.Context) error {
	comp, err := s.apiLoadCompetition(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	stages, err := s.store.FindStages(ctx, comp.ID)
	if err != nil {
		return err
	}
	recs, err := s.store.FindStageResults(ctx, comp.ID)
	if err != nil {
		return err
	}
	out := apiCompetition{ID: comp.ID, Name: comp.Name, Year: comp.Year, Status: string(comp.Status),
		RubricHash: comp.RubricHash, Published: comp.Status == store.CompetitionPublished}
	for _, st := range stages {
		as := apiStage{ID: st.ID, Key: st.Key, Name: st.Name, Status: string(st.Status)}
		if rec, ok := recs[st.ID]; ok {
			as.Frozen, as.RubricHash = true, rec.RubricHash
		}
		out.Stages = append(out.Stages, as)
	}
	return c.JSON(http.StatusOK, out)
}

// apiPublished is a competition's published result.
type apiPublished struct {
	Competition string              `json:"competition"`
	DocNumber   string              `json:"doc_number"`
	Title       string              `json:"title"`
	Issuer      string              `json:"issuer"`
	PublishedAt time.Time           `json:"published_at"`
	Winners     []store.NoticeEntry `json:"winners"`
	// Final is the final ranking of every finalist, with stage scores.
	Final *results.FinalResult `json:"final"`
}

// handleAPIResults returns a published competition's winners and final
// ranking; an unpublished competition has none (404).
func (s *Server) handleAPIResults(c echo.Context) error {
	comp, err := s.apiLoadCompetition(c)
	if err != nil {
		return err
	}
	n, err := s.publishedNotice(c, comp)
	if err != nil {
		return err
	}
	winners, err := n.Entries()
	if err != nil {
		return err
	}
	final, _, err := s.store.ComputeFinalResult(c.Request().Context(), comp.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, apiPublished{Competition: comp.Name, DocNumber: n.DocNumber, Title: n.Title,
		Issuer: n.Issuer, PublishedAt: n.CreatedAt, Winners: winners, Final: final})
}

// handleAPIStageResults returns a frozen stage result in full (office token).
func (s *Server) handleAPIStageResults(c echo.Context) error {
	comp, err := s.apiLoadCompetition(c)
	if err != nil {
		return err
	}
	fr, err := s.store.LoadFrozenResults(c.Request().Context(), comp.ID)
	if err != nil {
		return err
	}
	res, ok := fr.ByKey[c.Param("stage")]
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "该阶段不存在或结果尚未冻结")
	}
	return c.JSON(http.StatusOK, res)
}

// handleAPIScores returns the raw scores of the frozen stages under judge
// codes (office token), optionally of one stage (?stage=key).
func (s *Server) handleAPIScores(c echo.Context) error {
	comp, err := s.apiLoadCompetition(c)
	if err != nil {
		return err
	}
	fr, err := s.store.LoadFrozenResults(c.Request().Context(), comp.ID)
	if err != nil {
		return err
	}
	want := c.QueryParam("stage")
	rows := []results.RawScore{}
	for _, st := range fr.Stages {
		res, ok := fr.ByKey[st.Key]
		if !ok || (want != "" && want != st.Key) {
			continue
		}
		rows = append(rows, results.RawScores(res)...)
	}
	return c.JSON(http.StatusOK, map[string]any{"competition": comp.ID, "scores": rows})
}

// apiNotice is a public notice in the API.
type apiNotice struct {
	ID          int64               `json:"id"`
	Competition int64               `json:"competition"`
	Kind        string              `json:"kind"`
	Title       string              `json:"title"`
	DocNumber   string              `json:"doc_number,omitempty"`
	StartsAt    time.Time           `json:"starts_at"`
	EndsAt      time.Time           `json:"ends_at"`
	Open        bool                `json:"open"`
	Entries     []store.NoticeEntry `json:"entries"`
}

// handleAPINotices lists the standing notices the public sees.
func (s *Server) handleAPINotices(c echo.Context) error {
	ns, err := s.store.FindNotices(c.Request().Context(), store.NoticeFilter{Status: store.NoticeActive})
	if err != nil {
		return err
	}
	now := s.now()
	out := []apiNotice{}
	for _, n := range ns {
		if n.Kind == store.NoticePublicity && now.Before(n.StartsAt) {
			continue
		}
		entries, err := n.Entries()
		if err != nil {
			return err
		}
		out = append(out, apiNotice{ID: n.ID, Competition: n.CompetitionID, Kind: string(n.Kind), Title: n.Title,
			DocNumber: n.DocNumber, StartsAt: n.StartsAt, EndsAt: n.EndsAt, Open: n.OpenAt(now), Entries: entries})
	}
	return c.JSON(http.StatusOK, map[string]any{"notices": out})
}
