package app

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"chainjudge/app/dossier"
	"chainjudge/app/store"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

// decisionOption is one decision with whether it applies now.
type decisionOption struct {
	Decision store.Decision
	Allowed  bool
}

// decisionForm is the office's formal-check form as typed.
type decisionForm struct {
	Decision string
	Reason   string
	Due      string
}

type officeDossierPage struct {
	Ctx       *dossierCtx
	View      dossier.View
	Reviews   []store.FormalReview
	Options   []decisionOption
	CanDecide bool
	Blocked   string
	Form      decisionForm
	Errors    FieldErrors
	HashNow   string
	Conflicts []conflictView
}

// officeDossier loads the dossier named in the URL.
func (s *Server) officeDossier(c echo.Context) (*dossierCtx, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, err
	}
	d, err := s.store.FindDossierByID(c.Request().Context(), id)
	if err != nil {
		return nil, err
	}
	return s.loadDossierCtx(c.Request().Context(), d)
}

func (s *Server) officeDossierPage(c echo.Context, status int, dc *dossierCtx, p officeDossierPage) error {
	ctx := c.Request().Context()
	var err error
	if p.Reviews, err = s.store.FindFormalReviews(ctx, dc.D.ID); err != nil {
		return err
	}
	if p.Conflicts, err = s.competitionConflicts(ctx, dc.D.CompetitionID, dc.D.ID); err != nil {
		return err
	}
	p.Ctx = dc
	p.View = dc.View(false, officeDossierPath(dc.D.ID, "/attachments/"))
	if dc.D.ContentHash != "" {
		p.HashNow = dossier.Hash(dc.submission())
	}
	for _, d := range store.Decisions {
		opt := decisionOption{Decision: d, Allowed: d.AllowedFrom(dc.D.Status)}
		p.CanDecide = p.CanDecide || opt.Allowed
		p.Options = append(p.Options, opt)
	}
	if dc.Stage.Status != store.StageOpen {
		p.CanDecide, p.Blocked = false, "“"+dc.Stage.Name+"”阶段"+dc.Stage.Status.Label()+"，不能再作形式审查决定。"
	}
	if p.Form.Due == "" {
		p.Form.Due = templates.FormatInputTime(defaultCorrectionDue(s.now()))
	}
	title := "形式审查"
	if n := dc.D.NumberString(); n != "" {
		title += " " + n
	}
	return s.render(c, status, "office_dossier.html", title, p)
}

// defaultCorrectionDue is five days from now at 17:00 China Standard Time.
func defaultCorrectionDue(now time.Time) time.Time {
	t := now.In(templates.Location()).AddDate(0, 0, 5)
	return time.Date(t.Year(), t.Month(), t.Day(), 17, 0, 0, 0, templates.Location())
}

// handleOfficeDossierShow shows a dossier to the office: content, files,
// areas and their conflicts, the decisions so far and the decision form.
func (s *Server) handleOfficeDossierShow(c echo.Context) error {
	dc, err := s.officeDossier(c)
	if err != nil {
		return err
	}
	return s.officeDossierPage(c, http.StatusOK, dc, officeDossierPage{})
}

// handleOfficeDossierDecision records a formal-check decision: pass, return
// for correction with reasons and a deadline, or reject with reasons.
func (s *Server) handleOfficeDossierDecision(c echo.Context) error {
	dc, err := s.officeDossier(c)
	if err != nil {
		return err
	}
	f := decisionForm{Decision: trimmed(c, "decision"), Reason: trimmed(c, "reason"), Due: trimmed(c, "correction_due")}
	errs := FieldErrors{}
	decision := store.Decision(f.Decision)
	if decision.Status() == "" {
		errs.Add("decision", "请选择审查决定")
	} else if !decision.AllowedFrom(dc.D.Status) {
		errs.Add("decision", fmt.Sprintf("申报书当前状态为“%s”，不能“%s”", dc.D.Status.Label(), decision.Label()))
	}
	changing := dc.D.Status != store.DossierSubmitted
	switch n := utf8.RuneCountInString(f.Reason); {
	case n == 0 && (decision == store.DecisionReturn || decision == store.DecisionReject):
		errs.Add("reason", "请写明"+decision.Label()+"的理由，申报单位会看到")
	case n == 0 && changing && decision.Status() != "":
		errs.Add("reason", "改变已作出的决定须写明理由")
	case n > maxReasonChars:
		errs.Add("reason", fmt.Sprintf("理由不能超过 %d 字", maxReasonChars))
	}
	var due *time.Time
	if decision == store.DecisionReturn {
		due = parseWindowTime(c, "correction_due", errs, "补正期限")
		if due == nil {
			errs.Add("correction_due", "请设定补正期限")
		} else if !due.After(s.now()) {
			errs.Add("correction_due", "补正期限须晚于当前时间")
		}
	}
	if errs.Any() {
		return s.formError(c, errs, func() error {
			return s.officeDossierPage(c, http.StatusUnprocessableEntity, dc, officeDossierPage{Form: f, Errors: errs})
		})
	}
	version, _ := formInt64(c, "version")
	err = s.store.DecideFormalCheck(c.Request().Context(), store.UserActor(currentUser(c)), dc.D.ID,
		store.FormalDecision{Version: version, Decision: decision, Reason: f.Reason, CorrectionDue: due})
	if err != nil {
		return err
	}
	label := dc.D.NumberString()
	if label == "" {
		label = dc.D.Title
	}
	next := "/office/dossiers?competition=" + strconv.FormatInt(dc.D.CompetitionID, 10)
	return redirectWith(c, next, "", "申报书 "+label+" 形式审查："+decision.Label()+"。")
}

// handleOfficeAttachment downloads one of a dossier's files for the office.
func (s *Server) handleOfficeAttachment(c echo.Context) error {
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.store.FindDossierByID(c.Request().Context(), id); err != nil {
		return err
	}
	return s.serveAttachment(c, id)
}
