package app

import (
	"context"
	"net/http"
	"time"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// handleHealthz answers 200 when the database answers, 503 otherwise.
func (s *Server) handleHealthz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "error", "error": "数据库不可达"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok", "db": string(s.store.Dialect())})
}

// handleHome sends users to their role's home and everyone else to login.
func (s *Server) handleHome(c echo.Context) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(http.StatusSeeOther, homePath(u.Role))
	}
	return c.Redirect(http.StatusSeeOther, "/login")
}

func (s *Server) handleHelp(c echo.Context) error {
	return s.render(c, http.StatusOK, "help.html", "使用帮助", nil)
}

// stageView is a stage with its competition, for lists.
type stageView struct {
	Stage       store.Stage
	Competition store.Competition
	OpenNow     bool
}

// openStageViews lists currently open stages with their competitions.
func (s *Server) openStageViews(ctx context.Context) ([]stageView, error) {
	stages, err := s.store.FindOpenStages(ctx)
	if err != nil {
		return nil, err
	}
	comps := map[int64]*store.Competition{}
	out := make([]stageView, 0, len(stages))
	for _, st := range stages {
		comp, ok := comps[st.CompetitionID]
		if !ok {
			comp, err = s.store.FindCompetitionByID(ctx, st.CompetitionID)
			if err != nil {
				return nil, err
			}
			comps[st.CompetitionID] = comp
		}
		out = append(out, stageView{Stage: st, Competition: *comp, OpenNow: st.AcceptsAt(s.now())})
	}
	return out, nil
}

type officeHomePage struct {
	Competitions []store.Competition
	OpenStages   []stageView
	Counts       map[string]int64
}

func (s *Server) handleOfficeHome(c echo.Context) error {
	ctx := c.Request().Context()
	comps, err := s.store.FindCompetitions(ctx)
	if err != nil {
		return err
	}
	open, err := s.openStageViews(ctx)
	if err != nil {
		return err
	}
	counts := map[string]int64{}
	for _, r := range store.Roles {
		if counts[string(r)], err = s.store.CountUsers(ctx, r); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "office_home.html", "工作台",
		officeHomePage{Competitions: comps, OpenStages: open, Counts: counts})
}
