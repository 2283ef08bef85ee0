package app

import (
	"fmt"
	"net/http"

	"chainjudge/app/dossier"
	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// verifyPage is where the office verifies a stage's reported indicators and
// decides on experts' vetoes.
type verifyPage struct {
	Competition store.Competition
	Stage       store.Stage
	Frozen      bool
	// Indicators are the stage's indicators objective criteria use.
	Indicators []verifyIndicator
	Rows       []verifyRow
	Vetoes     []vetoRow
	// Errors and Typed hold a refused entry, keyed by cellKey.
	Errors FieldErrors
	Typed  map[string]string
}

// verifyIndicator is an indicator with the criterion computed from it.
type verifyIndicator struct {
	Indicator *rubrics.Indicator
	Criterion *rubrics.Criterion
	Rule      string
}

// verifyRow is one dossier with its indicators.
type verifyRow struct {
	DossierID int64
	Key       string
	Title     string
	Cells     []verifyCell
}

// verifyCell is one reported indicator of one dossier.
type verifyCell struct {
	Key          string
	Indicator    *rubrics.Indicator
	Reported     string
	Verification *store.IndicatorVerification
	// Points are the objective points computed from the verified value.
	Points string
}

// vetoRow is one veto criterion some expert answered yes for one dossier.
type vetoRow struct {
	DossierID   int64
	DossierKey  string
	Title       string
	CriterionID string
	Criterion   string
	Proposals   []vetoProposal
	Decision    *store.VetoDecision
}

// vetoProposal is one expert's yes with the reason.
type vetoProposal struct{ Expert, Reason string }

// cellKey names one dossier's indicator in forms and errors.
func cellKey(dossierID int64, indicator string) string {
	return fmt.Sprintf("%d/%s", dossierID, indicator)
}

// handleVerifyPage shows the verification page of a stage.
func (s *Server) handleVerifyPage(c echo.Context) error {
	st, comp, err := s.loadResultStage(c)
	if err != nil {
		return err
	}
	return s.verifyPage(c, http.StatusOK, st, comp, nil, nil)
}

func (s *Server) verifyPage(c echo.Context, status int, st *store.Stage, comp *store.Competition, errs FieldErrors, typed map[string]string) error {
	ctx := c.Request().Context()
	r, err := s.store.StageRubric(ctx, st)
	if err != nil {
		return err
	}
	rs := r.Stage(st.Key)
	if rs == nil {
		return fmt.Errorf("stage %s is not in its rubric", st.Key)
	}
	p := verifyPage{Competition: *comp, Stage: *st, Errors: errs, Typed: typed}
	if p.Frozen, err = s.store.StageResultFrozen(ctx, st.ID); err != nil {
		return err
	}
	for _, cr := range rs.ObjectiveCriteria() {
		if ind := rs.Indicator(cr.Indicator); ind != nil {
			p.Indicators = append(p.Indicators, verifyIndicator{Indicator: ind, Criterion: cr, Rule: results.ObjectiveRule(cr)})
		}
	}
	dossiers, err := s.store.ResultDossiers(ctx, st)
	if err != nil {
		return err
	}
	vers, err := s.store.FindVerifications(ctx, st.ID, 0)
	if err != nil {
		return err
	}
	verified := map[string]*store.IndicatorVerification{}
	for i := range vers {
		verified[cellKey(vers[i].DossierID, vers[i].IndicatorID)] = &vers[i]
	}
	for _, d := range dossiers {
		row := verifyRow{DossierID: d.ID, Key: d.Key, Title: d.Title}
		full, err := s.store.FindDossierByID(ctx, d.ID)
		if err != nil {
			return err
		}
		content, err := dossier.Parse(full.Content)
		if err != nil {
			return err
		}
		for _, vi := range p.Indicators {
			cell := verifyCell{Key: cellKey(d.ID, vi.Indicator.ID), Indicator: vi.Indicator,
				Reported: content.Indicator(vi.Indicator.ID), Verification: verified[cellKey(d.ID, vi.Indicator.ID)]}
			if v := cell.Verification; v != nil {
				if val, err := rubrics.ParseDecimal(v.Value); err == nil {
					if pts, err := vi.Criterion.ObjectivePoints(val); err == nil {
						cell.Points = pts.String()
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		p.Rows = append(p.Rows, row)
	}
	if p.Vetoes, err = s.vetoRows(c, st, rs, dossiers); err != nil {
		return err
	}
	return s.render(c, status, "office_verify.html", st.Name+" · 核实", p)
}

// handleVerifyIndicator accepts a reported indicator as it is, or corrects
// it with a note.
func (s *Server) handleVerifyIndicator(c echo.Context) error {
	st, comp, err := s.loadResultStage(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := s.store.StageRubric(ctx, st)
	if err != nil {
		return err
	}
	dossierID, _ := formInt64(c, "dossier")
	d, err := s.store.FindDossierByID(ctx, dossierID)
	if err != nil || d.CompetitionID != comp.ID {
		return errNotFound
	}
	content, err := dossier.Parse(d.Content)
	if err != nil {
		return err
	}
	if c.FormValue("action") == "accept_all" {
		return s.verifyAllReported(c, st, comp, r.Stage(st.Key), d, content)
	}
	ind := r.Stage(st.Key).Indicator(trimmed(c, "indicator"))
	if ind == nil {
		return errNotFound
	}
	key := cellKey(d.ID, ind.ID)
	chk := store.IndicatorCheck{StageID: st.ID, DossierID: d.ID, IndicatorID: ind.ID, Reported: content.Indicator(ind.ID),
		Status: store.VerifyAccepted, Note: trimmed(c, "note")}
	chk.Version, _ = formInt64(c, "version")
	text := chk.Reported
	if c.FormValue("action") == "correct" {
		chk.Status, text = store.VerifyCorrected, trimmed(c, "value")
		if chk.Note == "" {
			return s.verifyPage(c, http.StatusUnprocessableEntity, st, comp, FieldErrors{key: "更正数据须写明依据（如统计部门出具的证明）"},
				map[string]string{key: text})
		}
	}
	v, err := ind.CheckValue(text)
	if err == nil && v == nil {
		err = fmt.Errorf("没有可采用的数值")
	}
	if err != nil {
		msg := rubricInputMessage(err)
		if chk.Status == store.VerifyAccepted {
			msg = "申报值无法直接采用（" + msg + "），请填写更正值并说明依据"
		}
		return s.verifyPage(c, http.StatusUnprocessableEntity, st, comp, FieldErrors{key: msg}, map[string]string{key: text})
	}
	chk.Value = v.String()
	if _, err := s.store.VerifyIndicator(ctx, store.UserActor(currentUser(c)), chk); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/stages/%d/verify#d%d", st.ID, d.ID), "",
		fmt.Sprintf("%s 的“%s”已%s：%s%s。", store.DossierKey(d), ind.Name, chk.Status.Label(), chk.Value, ind.Unit))
}

// verifyAllReported accepts every reported indicator of a dossier that is
// not verified yet. If any reported value cannot be taken as it is, nothing
// is recorded and the page says which to correct.
func (s *Server) verifyAllReported(c echo.Context, st *store.Stage, comp *store.Competition, rs *rubrics.Stage, d *store.Dossier, content dossier.Content) error {
	ctx := c.Request().Context()
	vers, err := s.store.FindVerifications(ctx, st.ID, d.ID)
	if err != nil {
		return err
	}
	done := map[string]bool{}
	for _, v := range vers {
		done[v.IndicatorID] = true
	}
	var checks []store.IndicatorCheck
	errs := FieldErrors{}
	for _, cr := range rs.ObjectiveCriteria() {
		ind := rs.Indicator(cr.Indicator)
		if ind == nil || done[ind.ID] {
			continue
		}
		done[ind.ID] = true
		reported := content.Indicator(ind.ID)
		v, err := ind.CheckValue(reported)
		if err == nil && v == nil {
			err = fmt.Errorf("未填报")
		}
		if err != nil {
			errs.Add(cellKey(d.ID, ind.ID), "申报值无法直接采用（"+rubricInputMessage(err)+"），请填写更正值并说明依据")
			continue
		}
		checks = append(checks, store.IndicatorCheck{StageID: st.ID, DossierID: d.ID, IndicatorID: ind.ID,
			Reported: reported, Value: v.String(), Status: store.VerifyAccepted})
	}
	if errs.Any() {
		return s.verifyPage(c, http.StatusUnprocessableEntity, st, comp, errs, nil)
	}
	actor := store.UserActor(currentUser(c))
	err = s.store.Tx(ctx, func(tx *store.Store) error {
		for _, chk := range checks {
			if _, err := tx.VerifyIndicator(ctx, actor, chk); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/stages/%d/verify#d%d", st.ID, d.ID), "",
		fmt.Sprintf("%s 的 %d 项申报指标已核实无误。", store.DossierKey(d), len(checks)))
}

// rubricInputMessage is the Chinese sentence of a rubric input error.
func rubricInputMessage(err error) string {
	if ie, ok := err.(*rubrics.InputError); ok {
		return ie.Message
	}
	return err.Error()
}
