package app

import (
	"fmt"
	"net/http"

	"chainjudge/app/results"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// vetoRows lists every veto criterion some expert answered yes for, with the
// experts' reasons and the office's decision.
func (s *Server) vetoRows(c echo.Context, st *store.Stage, rs *rubrics.Stage, dossiers []results.Dossier) ([]vetoRow, error) {
	ctx := c.Request().Context()
	rows, err := s.store.SubmittedScores(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	decisions, err := s.store.FindVetoDecisions(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	decided := map[string]*store.VetoDecision{}
	for i := range decisions {
		decided[cellKey(decisions[i].DossierID, decisions[i].CriterionID)] = &decisions[i]
	}
	byID := map[int64]results.Dossier{}
	for _, d := range dossiers {
		byID[d.ID] = d
	}
	var experts []int64
	for _, r := range rows {
		experts = append(experts, r.ExpertID)
	}
	codes, err := s.store.JudgeCodes(ctx, st.CompetitionID, experts)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	var out []vetoRow
	for _, r := range rows {
		d, ok := byID[r.DossierID]
		if !r.Vetoed || !ok {
			continue
		}
		key := cellKey(r.DossierID, r.CriterionID)
		i, seen := index[key]
		if !seen {
			name := r.CriterionID
			if cr := rs.Criterion(r.CriterionID); cr != nil {
				name = cr.Name
			}
			out = append(out, vetoRow{DossierID: d.ID, DossierKey: d.Key, Title: d.Title, CriterionID: r.CriterionID,
				Criterion: name, Decision: decided[key]})
			i = len(out) - 1
			index[key] = i
		}
		out[i].Proposals = append(out[i].Proposals, vetoProposal{Expert: codes[r.ExpertID], Reason: r.VetoReason})
	}
	return out, nil
}

// handleVetoDecide confirms or dismisses experts' veto on a dossier.
func (s *Server) handleVetoDecide(c echo.Context) error {
	st, comp, err := s.loadResultStage(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	dossierID, _ := formInt64(c, "dossier")
	d, err := s.store.FindDossierByID(ctx, dossierID)
	if err != nil || d.CompetitionID != comp.ID {
		return errNotFound
	}
	r, err := s.store.StageRubric(ctx, st)
	if err != nil {
		return err
	}
	cr := r.Stage(st.Key).Criterion(trimmed(c, "criterion"))
	if cr == nil || cr.Kind != rubrics.KindVeto {
		return errNotFound
	}
	ruling := store.VetoRuling{StageID: st.ID, DossierID: d.ID, CriterionID: cr.ID,
		Decision: store.VetoDecisionKind(c.FormValue("decision")), Reason: trimmed(c, "reason")}
	ruling.Version, _ = formInt64(c, "version")
	key := cellKey(d.ID, cr.ID)
	if ruling.Reason == "" {
		return s.verifyPage(c, http.StatusUnprocessableEntity, st, comp,
			FieldErrors{"veto." + key: "请写明理由：确认否决时，理由将随结果一并显示"}, nil)
	}
	if err := s.store.DecideVeto(ctx, store.UserActor(currentUser(c)), ruling); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/stages/%d/verify#vetoes", st.ID), "",
		fmt.Sprintf("%s 的否决项“%s”：%s。", store.DossierKey(d), cr.Name, ruling.Decision.Label()))
}
