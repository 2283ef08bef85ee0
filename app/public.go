package app

import (
	"net/http"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// publicIndexPage lists the standing 公示 and the published results.
type publicIndexPage struct {
	Publicity []publicNoticeRow
	Results   []publicNoticeRow
}

// publicNoticeRow is a notice with its competition's name.
type publicNoticeRow struct {
	Notice      store.Notice
	Competition string
	Open        bool
}

// handlePublicIndex lists, without login, the 公示 that stand (open for
// objections or awaiting the result) and the published results.
func (s *Server) handlePublicIndex(c echo.Context) error {
	ctx := c.Request().Context()
	notices, err := s.store.FindNotices(ctx, store.NoticeFilter{Status: store.NoticeActive})
	if err != nil {
		return err
	}
	names := map[int64]string{}
	comps, err := s.store.FindCompetitions(ctx)
	if err != nil {
		return err
	}
	published := map[int64]bool{}
	for _, comp := range comps {
		names[comp.ID] = comp.Name
		published[comp.ID] = comp.Status == store.CompetitionPublished
	}
	var p publicIndexPage
	now := s.now()
	for _, n := range notices {
		row := publicNoticeRow{Notice: n, Competition: names[n.CompetitionID], Open: n.OpenAt(now)}
		switch {
		case n.Kind == store.NoticeResult:
			p.Results = append(p.Results, row)
		case !published[n.CompetitionID] && !now.Before(n.StartsAt):
			p.Publicity = append(p.Publicity, row)
		}
	}
	return s.render(c, http.StatusOK, "public_index.html", "公示与结果", p)
}

// publicCompetitionPage is a competition's published result.
type publicCompetitionPage struct {
	Competition store.Competition
	Notice      store.Notice
	Entries     []store.NoticeEntry
}

// handlePublicCompetition shows a published competition's winners; an
// unpublished competition does not exist here.
func (s *Server) handlePublicCompetition(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	comp, err := s.store.FindCompetitionByID(ctx, id)
	if err != nil {
		return err
	}
	n, err := s.publishedNotice(c, comp)
	if err != nil {
		return err
	}
	entries, err := n.Entries()
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "public_competition.html", comp.Name+"结果",
		publicCompetitionPage{Competition: *comp, Notice: *n, Entries: entries})
}

// publishedNotice returns a published competition's result notice; for a
// competition not published it is not found.
func (s *Server) publishedNotice(c echo.Context, comp *store.Competition) (*store.Notice, error) {
	if comp.Status != store.CompetitionPublished {
		return nil, errNotFound
	}
	ns, err := s.store.FindNotices(c.Request().Context(), store.NoticeFilter{CompetitionID: comp.ID, Kind: store.NoticeResult,
		Status: store.NoticeActive})
	if err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, errNotFound
	}
	return &ns[0], nil
}
