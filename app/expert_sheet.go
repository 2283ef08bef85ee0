package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"chainjudge/app/dossier"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// sheetContext is one expert's task: the assignment with its stage, rules,
// dossier and sheet.
type sheetContext struct {
	Stage      *store.Stage
	Comp       *store.Competition
	Rules      *rubrics.Stage
	Assignment *store.Assignment
	Dossier    *store.Dossier
	Info       *review.DossierInfo
	Sheet      *store.ScoreSheet // nil until the first save
	Values     map[string]store.SheetValue
}

// Path is the sheet's URL.
func (sc *sheetContext) Path() string {
	return fmt.Sprintf("/expert/stages/%d/dossiers/%d", sc.Stage.ID, sc.Dossier.ID)
}

// Version is the sheet version the form sends back (0 before the first save).
func (sc *sheetContext) Version() int64 {
	if sc.Sheet == nil {
		return 0
	}
	return sc.Sheet.Version
}

// loadSheet finds the logged-in expert's standing assignment to the :dossier
// of the :stage. Anything else — not assigned, recused (回避), a voided or
// still sealed draw — is 404: the expert may not open the dossier.
func (s *Server) loadSheet(c echo.Context) (*sheetContext, error) {
	stageID, err := paramID(c, "stage")
	if err != nil {
		return nil, err
	}
	dossierID, err := paramID(c, "dossier")
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	u := currentUser(c)
	a, err := s.store.FindActiveAssignment(ctx, stageID, dossierID, u.ID)
	if err != nil {
		return nil, err
	}
	st, err := s.store.FindStageByID(ctx, stageID)
	if err != nil {
		return nil, err
	}
	d, err := s.store.FindDrawHeader(ctx, a.DrawID)
	if err != nil {
		return nil, err
	}
	if !d.VisibleToExperts(st, s.now()) {
		return nil, store.ErrNotFound
	}
	sc := &sheetContext{Stage: st, Assignment: a}
	if sc.Rules, err = review.StageRules(ctx, s.store, st); err != nil {
		return nil, err
	}
	if sc.Dossier, err = s.store.FindDossierByID(ctx, dossierID); err != nil {
		return nil, err
	}
	sc.Values = map[string]store.SheetValue{}
	sheet, err := s.store.FindSheetByAssignment(ctx, a.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return nil, err
	default:
		sc.Sheet = sheet
		if sc.Values, err = sheet.Values(); err != nil {
			return nil, err
		}
	}
	return sc, nil
}

// describeSheet loads what only the pages and messages show — the
// competition and the dossier's names — which the autosave, the busiest
// request of a review, does without.
func (s *Server) describeSheet(ctx context.Context, sc *sheetContext) error {
	if sc.Info != nil {
		return nil
	}
	var err error
	if sc.Comp, err = s.store.FindCompetitionByID(ctx, sc.Stage.CompetitionID); err != nil {
		return err
	}
	infos, err := review.LoadDossierInfos(ctx, s.store, []store.Dossier{*sc.Dossier})
	if err != nil {
		return err
	}
	sc.Info = infos[sc.Dossier.ID]
	return nil
}

// sheetPage is the score sheet.
type sheetPage struct {
	Path        string
	Stage       store.Stage
	Competition store.Competition
	Rules       *rubrics.Stage
	Info        *review.DossierInfo
	View        dossier.View
	Blind       bool
	Rows        []criterionRow
	Overall     string
	Sheet       *store.ScoreSheet
	Version     int64
	Editable    bool
	Submitted   bool
	ReviewNow   bool
	CanRecuse   bool
	Total, Max  string
	Errors      FieldErrors
	OpenFlags   int
	RecuseError string
	RecuseText  string
	// Notice heads the form when it comes back with problems.
	Notice string
}

// renderSheet shows the sheet with values (typed ones when re-showing a
// form with errors).
func (s *Server) renderSheet(c echo.Context, status int, sc *sheetContext, values map[string]store.SheetValue, errs FieldErrors, notice string) error {
	ctx := c.Request().Context()
	if err := s.describeSheet(ctx, sc); err != nil {
		return err
	}
	view, content, err := s.reviewerView(ctx, sc)
	if err != nil {
		return err
	}
	var flags []store.ScoreFlag
	if sc.Sheet != nil {
		if flags, err = s.store.FindFlags(ctx, store.FlagFilter{StageID: sc.Stage.ID, DossierID: sc.Dossier.ID,
			ExpertID: currentUser(c).ID, Statuses: []store.FlagStatus{store.FlagOpen, store.FlagJustified}}); err != nil {
			return err
		}
	}
	now := s.now()
	p := sheetPage{Path: sc.Path(), Stage: *sc.Stage, Competition: *sc.Comp, Rules: sc.Rules, Info: sc.Info, View: view,
		Blind: sc.Rules.BlindReview, Rows: criterionRows(sc.Rules, values, content, flags),
		Overall: values[store.OverallCriterion].Comment, Sheet: sc.Sheet, Version: sc.Version(), Errors: errs,
		ReviewNow: sc.Stage.ReviewsAt(now), Submitted: sc.Sheet != nil && sc.Sheet.Status == store.SheetSubmitted,
		Notice: notice}
	p.Editable = p.ReviewNow && !p.Submitted
	p.CanRecuse = sc.Stage.Status == store.StageOpen && !p.Submitted
	for _, f := range flags {
		if f.Status == store.FlagOpen {
			p.OpenFlags++
		}
	}
	total, max := sheetTotal(sc.Rules, values)
	p.Total, p.Max = total.String(), max.String()
	if errs != nil {
		p.RecuseError = errs["recuse_reason"]
		p.RecuseText = c.FormValue("recuse_reason")
	}
	title := sc.Info.BlindLabel()
	if !sc.Rules.BlindReview {
		title = sc.Dossier.Title
	}
	return s.render(c, status, "expert_sheet.html", title, p)
}

// handleSheetShow shows the expert's score sheet for one dossier.
func (s *Server) handleSheetShow(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	return s.renderSheet(c, http.StatusOK, sc, sc.Values, nil, "")
}

// saveSheetForm binds the form and appends what changed. It returns the
// typed values and the per-field problems (the valid answers are saved
// regardless).
func (s *Server) saveSheetForm(c echo.Context, sc *sheetContext) (map[string]store.SheetValue, FieldErrors, error) {
	if !sc.Stage.ReviewsAt(s.now()) {
		return nil, nil, reviewClosed(sc.Stage)
	}
	values, typed, errs := bindSheet(c, sc.Rules, sc.Values)
	version, _ := formInt64(c, "version")
	sheet, _, err := s.store.SaveSheet(c.Request().Context(), store.UserActor(currentUser(c)), store.SheetSave{
		AssignmentID: sc.Assignment.ID, Version: version, RubricHash: sc.Stage.RubricHash, Values: values})
	if err != nil {
		return nil, nil, err
	}
	sc.Sheet = sheet
	if sc.Values, err = sheet.Values(); err != nil {
		return nil, nil, err
	}
	// Show what was typed where it was refused, the saved value elsewhere.
	shown := map[string]store.SheetValue{}
	for id, v := range sc.Values {
		shown[id] = v
	}
	for field := range errs {
		for id, v := range typed {
			if field == pointsField(id) || field == gradeField(id) || field == vetoField(id) || field == commentField(id) ||
				(id == store.OverallCriterion && field == overallField) {
				shown[id] = v
			}
		}
	}
	return shown, errs, nil
}

// autosaveReply is the JSON answer to the autosave script.
type autosaveReply struct {
	Message string      `json:"message,omitempty"`
	Error   string      `json:"error,omitempty"`
	Fields  FieldErrors `json:"fields,omitempty"`
	Version int64       `json:"version"`
	Total   string      `json:"total"`
}

// handleSheetDraft saves the sheet as a draft: from the page (redirect, or
// the page again with 422 and the refused values) or from the autosave
// script (JSON).
func (s *Server) handleSheetDraft(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	shown, errs, err := s.saveSheetForm(c, sc)
	if err != nil {
		return err
	}
	if wantsJSON(c) {
		total, _ := sheetTotal(sc.Rules, sc.Values)
		reply := autosaveReply{Version: sc.Sheet.Version, Total: total.String()}
		if errs.Any() {
			reply.Error = fmt.Sprintf("其余内容已保存；%d 处未保存：%s", len(errs), joinMessages(errs))
			reply.Fields = errs
			return c.JSON(http.StatusUnprocessableEntity, reply)
		}
		reply.Message = "草稿已自动保存（" + timeShort(s.now()) + "）"
		return c.JSON(http.StatusOK, reply)
	}
	if errs.Any() {
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, shown, errs,
			fmt.Sprintf("有 %d 处需要修改，其余内容已保存。", len(errs)))
	}
	return redirectWith(c, sc.Path(), "", "草稿已保存。")
}

// handleSheetSubmit saves the sheet and, when every criterion is answered,
// goes on to the signing page.
func (s *Server) handleSheetSubmit(c echo.Context) error {
	sc, err := s.loadSheet(c)
	if err != nil {
		return err
	}
	shown, errs, err := s.saveSheetForm(c, sc)
	if err != nil {
		return err
	}
	if errs.Any() {
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, shown, errs,
			fmt.Sprintf("有 %d 处需要修改，其余内容已保存；修改后才能签名提交。", len(errs)))
	}
	if missing := missingAnswers(sc.Rules, sc.Values); missing.Any() {
		return s.renderSheet(c, http.StatusUnprocessableEntity, sc, shown, missing,
			fmt.Sprintf("还有 %d 项未评，填写完整后才能签名提交；已填内容已保存。", len(missing)))
	}
	return c.Redirect(http.StatusSeeOther, sc.Path()+"/sign")
}

// deadlineText says how long the review window still runs.
func deadlineText(st *store.Stage, now time.Time) string {
	if st.ReviewClosesAt == nil {
		return ""
	}
	left := st.ReviewClosesAt.Sub(now)
	switch {
	case left <= 0:
		return "评审已截止"
	case left < 48*time.Hour:
		return fmt.Sprintf("距评审截止还有 %d 小时", int(left.Hours())+1)
	}
	return fmt.Sprintf("距评审截止还有 %d 天", int(left.Hours()/24))
}
