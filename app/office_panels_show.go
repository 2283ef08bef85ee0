package app

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"chainjudge/app/draw"
	"chainjudge/app/review"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// panelPerson is one drawn expert on the draw page.
type panelPerson struct {
	ID            int64
	Name, Org     string
	Home          string
	Contact       string
	Load          int
	Rank          int
	Promoted      bool
	PromoteReason string
}

// panelAssignView is one expert on one dossier, with what became of it.
type panelAssignView struct {
	Expert       string
	Status       store.AssignmentStatus
	Replacement  bool
	RecuseReason string
}

type panelDossierRow struct {
	Label   string
	Experts []panelAssignView
	Active  int
	Short   bool
}

type panelOrderRow struct {
	Pos     int
	Name    string
	Org     string
	Outcome draw.Outcome
	Reason  string
}

type panelPage struct {
	Draw        store.PanelDraw
	Stage       store.Stage
	Competition store.Competition
	Constraints draw.Constraints
	PoolSize    int
	Members     []panelPerson
	Alternates  []panelPerson
	Dossiers    []panelDossierRow
	Order       []panelOrderRow
	Ineligible  []panelOrderRow
	Creator     string
	CanVoid     bool
	Visible     bool
}

// loadDraw reads the :id draw with its stage and competition.
func (s *Server) loadDraw(c echo.Context) (*store.PanelDraw, *store.Stage, *store.Competition, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, nil, nil, err
	}
	ctx := c.Request().Context()
	d, err := s.store.FindDrawByID(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := s.store.FindStageByID(ctx, d.StageID)
	if err != nil {
		return nil, nil, nil, err
	}
	comp, err := s.store.FindCompetitionByID(ctx, st.CompetitionID)
	if err != nil {
		return nil, nil, nil, err
	}
	return d, st, comp, nil
}

// handlePanelShow shows one draw: its record, panel, assignments and the
// replacements made since.
func (s *Server) handlePanelShow(c echo.Context) error {
	ctx := c.Request().Context()
	d, st, comp, err := s.loadDraw(c)
	if err != nil {
		return err
	}
	in, res, err := review.Recorded(d)
	if err != nil {
		return err
	}
	byID := map[int64]draw.Candidate{}
	var homeIDs []int64
	for _, cand := range in.Pool {
		byID[cand.ID] = cand
		homeIDs = append(homeIDs, cand.Home.Region)
	}
	homes, err := s.store.RegionsByID(ctx, homeIDs)
	if err != nil {
		return err
	}
	loads, err := s.store.StageLoads(ctx, st.ID)
	if err != nil {
		return err
	}
	person := func(id int64) panelPerson {
		cand := byID[id]
		p := panelPerson{ID: id, Name: cand.Name, Org: cand.Organisation, Home: "—", Load: loads[id]}
		if r := homes[cand.Home.Region]; r != nil {
			p.Home = r.Name
		}
		if u, err := s.store.FindUserByID(ctx, id); err == nil {
			p.Contact = strings.TrimSpace(u.Phone + " " + u.Email)
		}
		return p
	}
	p := panelPage{Draw: *d, Stage: *st, Competition: *comp, Constraints: in.Constraints, PoolSize: len(in.Pool),
		Visible: d.VisibleToExperts(st, s.now())}
	members, err := s.store.FindPanelMembers(ctx, d.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		pp := person(m.ExpertID)
		pp.Rank, pp.Promoted, pp.PromoteReason = m.Rank, m.PromotedAt != nil, m.PromoteReason
		if m.Role == store.RoleMember {
			p.Members = append(p.Members, pp)
		} else {
			p.Alternates = append(p.Alternates, pp)
		}
	}
	assigns, err := s.store.FindAssignments(ctx, store.AssignmentFilter{DrawID: d.ID})
	if err != nil {
		return err
	}
	rows := map[int64]*panelDossierRow{}
	for _, dd := range in.Dossiers {
		row := &panelDossierRow{Label: dd.Label}
		rows[dd.ID] = row
	}
	for _, a := range assigns {
		row := rows[a.DossierID]
		if row == nil {
			continue
		}
		row.Experts = append(row.Experts, panelAssignView{Expert: byID[a.ExpertID].Name, Status: a.Status,
			Replacement: a.Source == store.SourceReplacement, RecuseReason: a.RecuseReason})
		if a.Status == store.AssignmentActive {
			row.Active++
		}
	}
	for _, dd := range in.Dossiers {
		row := rows[dd.ID]
		row.Short = d.Status == store.DrawActive && row.Active < d.PerDossier
		p.Dossiers = append(p.Dossiers, *row)
	}
	for i, step := range res.Order {
		cand := byID[step.Expert]
		p.Order = append(p.Order, panelOrderRow{Pos: i + 1, Name: cand.Name, Org: cand.Organisation, Outcome: step.Outcome, Reason: step.Reason})
	}
	for _, step := range res.Ineligible {
		cand := byID[step.Expert]
		p.Ineligible = append(p.Ineligible, panelOrderRow{Name: cand.Name, Org: cand.Organisation, Outcome: step.Outcome, Reason: step.Reason})
	}
	if u, err := s.store.FindUserByID(ctx, d.CreatedBy); err == nil {
		p.Creator = u.DisplayName
	}
	sheets, err := s.store.FindSheets(ctx, store.SheetFilter{StageID: st.ID})
	if err != nil {
		return err
	}
	inDraw := map[int64]bool{}
	for _, a := range assigns {
		inDraw[a.ID] = true
	}
	p.CanVoid = d.Status == store.DrawActive
	for _, sh := range sheets {
		if inDraw[sh.AssignmentID] {
			p.CanVoid = false
		}
	}
	return s.render(c, http.StatusOK, "office_panel.html", st.Name+" · 抽取记录", p)
}

// handlePanelVerify re-runs the draw from its record and reports whether it
// reproduces the panel; the check is logged.
func (s *Server) handlePanelVerify(c echo.Context) error {
	d, _, _, err := s.loadDraw(c)
	if err != nil {
		return err
	}
	ok, detail, err := review.Verify(c.Request().Context(), s.store, d)
	if err != nil {
		return err
	}
	if err := s.store.RecordDrawVerification(c.Request().Context(), store.UserActor(currentUser(c)), d.ID, ok, detail); err != nil {
		return err
	}
	path := fmt.Sprintf("/office/panels/%d", d.ID)
	if !ok {
		return redirectWith(c, path, "error", "复核不一致："+detail+"。")
	}
	return redirectWith(c, path, "", "复核一致："+detail+"。")
}

// handlePanelUnseal makes a sealed draw visible to its experts.
func (s *Server) handlePanelUnseal(c echo.Context) error {
	d, _, _, err := s.loadDraw(c)
	if err != nil {
		return err
	}
	version, _ := formInt64(c, "version")
	if err := s.store.UnsealDraw(c.Request().Context(), store.UserActor(currentUser(c)), d.ID, version, trimmed(c, "reason")); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/panels/%d", d.ID), "", "已解除封存，专家现在可以看到分配给自己的申报。")
}

// handlePanelVoid withdraws a draw before any score was saved.
func (s *Server) handlePanelVoid(c echo.Context) error {
	d, st, _, err := s.loadDraw(c)
	if err != nil {
		return err
	}
	reason := trimmed(c, "reason")
	if reason == "" {
		return redirectWith(c, fmt.Sprintf("/office/panels/%d", d.ID), "error", "作废抽取必须写明理由。")
	}
	version, _ := formInt64(c, "version")
	if err := s.store.VoidDraw(c.Request().Context(), store.UserActor(currentUser(c)), d.ID, version, reason); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/panels/stages/%d", st.ID), "", "该次抽取已作废，范围内的申报可以重新抽取。")
}

// drawRecord is the downloadable record of a draw for auditors.
type drawRecord struct {
	Draw      int64       `json:"draw"`
	Stage     string      `json:"stage"`
	Scope     string      `json:"scope"`
	CreatedAt string      `json:"created_at"`
	InputHash string      `json:"input_hash"`
	Input     draw.Input  `json:"input"`
	Result    draw.Result `json:"result"`
	Note      string      `json:"note"`
}

// handlePanelRecord downloads the draw's input and result as JSON, so an
// auditor can re-run it with any implementation of the published procedure.
func (s *Server) handlePanelRecord(c echo.Context) error {
	d, st, _, err := s.loadDraw(c)
	if err != nil {
		return err
	}
	in, res, err := review.Recorded(d)
	if err != nil {
		return err
	}
	rec := drawRecord{Draw: d.ID, Stage: st.Name, Scope: d.ScopeLabel, CreatedAt: d.CreatedAt.UTC().Format("2006-01-02T15:04:05Z"),
		InputHash: d.InputHash, Input: in, Result: res,
		Note: "抽取程序见 " + draw.Algorithm + "：按 input 重新运行应得到完全相同的 result；input_hash 为规范化 input 的 SHA-256。"}
	b, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return fmt.Errorf("marshal draw record: %w", err)
	}
	name := fmt.Sprintf("draw-%d.json", d.ID)
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	return c.Blob(http.StatusOK, "application/json; charset=utf-8", b)
}
