package app

import (
	"fmt"
	"net/http"

	"chainjudge/app/files"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// noticePage is one notice with its list and, for a 公示, its objections.
type noticePage struct {
	Competition store.Competition
	Notice      store.Notice
	Entries     []store.NoticeEntry
	Objections  []objectionView
	Open        bool
	Ended       bool
	Published   bool
	Errors      FieldErrors
}

// objectionView is an objection with the dossier it concerns.
type objectionView struct {
	O       store.Objection
	Dossier string
}

// loadNotice returns the :id notice and its competition.
func (s *Server) loadNotice(c echo.Context) (*store.Notice, *store.Competition, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, nil, err
	}
	ctx := c.Request().Context()
	n, err := s.store.FindNoticeByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	comp, err := s.store.FindCompetitionByID(ctx, n.CompetitionID)
	if err != nil {
		return nil, nil, err
	}
	return n, comp, nil
}

// handleNoticeShow shows a notice to the office, with the objections and
// their handling forms.
func (s *Server) handleNoticeShow(c echo.Context) error {
	n, comp, err := s.loadNotice(c)
	if err != nil {
		return err
	}
	return s.noticePage(c, http.StatusOK, n, comp, nil)
}

func (s *Server) noticePage(c echo.Context, status int, n *store.Notice, comp *store.Competition, errs FieldErrors) error {
	ctx := c.Request().Context()
	entries, err := n.Entries()
	if err != nil {
		return err
	}
	p := noticePage{Competition: *comp, Notice: *n, Entries: entries, Open: n.OpenAt(s.now()), Ended: n.EndedAt(s.now()),
		Published: comp.Status == store.CompetitionPublished, Errors: errs}
	keys := map[int64]string{}
	for _, e := range entries {
		keys[e.DossierID] = e.Key + " " + e.Title
	}
	objs, err := s.store.FindObjections(ctx, store.ObjectionFilter{NoticeID: n.ID})
	if err != nil {
		return err
	}
	for _, o := range objs {
		p.Objections = append(p.Objections, objectionView{O: o, Dossier: keys[o.DossierID]})
	}
	return s.render(c, status, "office_notice.html", n.Title, p)
}

// handleNoticeWithdraw withdraws a standing 公示 with a reason.
func (s *Server) handleNoticeWithdraw(c echo.Context) error {
	n, _, err := s.loadNotice(c)
	if err != nil {
		return err
	}
	version, _ := formInt64(c, "version")
	if err := s.store.WithdrawNotice(c.Request().Context(), store.UserActor(currentUser(c)), n.ID, version, trimmed(c, "reason")); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d/notices", n.CompetitionID), "", "公示已撤回。")
}

// handleObjectionHandle records the office's decision on an objection.
func (s *Server) handleObjectionHandle(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	o, err := s.store.FindObjectionByID(ctx, id)
	if err != nil {
		return err
	}
	n, err := s.store.FindNoticeByID(ctx, o.NoticeID)
	if err != nil {
		return err
	}
	h := store.ObjectionHandling{Status: store.ObjectionStatus(c.FormValue("status")), Reason: trimmed(c, "reason"),
		ReReview: trimmed(c, "rereview")}
	h.Version, _ = formInt64(c, "version")
	field := fmt.Sprintf("objection.%d", o.ID)
	if h.Status != store.ObjectionAccepted && h.Status != store.ObjectionDismissed {
		comp, err := s.store.FindCompetitionByID(ctx, n.CompetitionID)
		if err != nil {
			return err
		}
		return s.noticePage(c, http.StatusUnprocessableEntity, n, comp, FieldErrors{field: "请选择异议是否成立"})
	}
	if h.Reason == "" {
		comp, err := s.store.FindCompetitionByID(ctx, n.CompetitionID)
		if err != nil {
			return err
		}
		return s.noticePage(c, http.StatusUnprocessableEntity, n, comp, FieldErrors{field: "请写明处理理由"})
	}
	if err := s.store.HandleObjection(ctx, store.UserActor(currentUser(c)), o.ID, h); err != nil {
		return err
	}
	msg := "异议处理结果已记录：" + h.Status.Label() + "。"
	if h.Status == store.ObjectionAccepted {
		msg += "如须取消相关申报的入选，请在最终排名页面取消并写明理由。"
	}
	return redirectWith(c, fmt.Sprintf("/office/notices/%d#o%d", n.ID, o.ID), "", msg)
}

// handleObjectionEvidence sends an objection's evidence file to the office.
func (s *Server) handleObjectionEvidence(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	o, err := s.store.FindObjectionByID(ctx, id)
	if err != nil {
		return err
	}
	if o.EvidenceSHA256 == nil {
		return errNotFound
	}
	data, err := s.store.Blobs().Get(ctx, *o.EvidenceSHA256)
	if err != nil {
		return err
	}
	if files.SHA256(data) != *o.EvidenceSHA256 {
		return fmt.Errorf("objection %d: stored evidence does not match its sha256", o.ID)
	}
	return sendDownload(c, o.EvidenceName, files.ContentType(rubrics.FileKind(o.EvidenceKind)), data)
}
