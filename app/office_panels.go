package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"chainjudge/app/draw"
	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// panelStageRow is one stage on the panels overview.
type panelStageRow struct {
	Competition store.Competition
	Stage       store.Stage
	Dossiers    int
	Assigned    int
	Draws       int
	ReviewNow   bool
}

type panelsPage struct {
	Rows []panelStageRow
}

// handlePanelsOverview lists every stage with its dossiers and panels, the
// way into drawing and progress.
func (s *Server) handlePanelsOverview(c echo.Context) error {
	ctx := c.Request().Context()
	comps, err := s.store.FindCompetitions(ctx)
	if err != nil {
		return err
	}
	var p panelsPage
	for _, comp := range comps {
		stages, err := s.store.FindStages(ctx, comp.ID)
		if err != nil {
			return err
		}
		for _, st := range stages {
			row, err := s.panelStageRow(ctx, comp, st)
			if err != nil {
				return err
			}
			p.Rows = append(p.Rows, row)
		}
	}
	return s.render(c, http.StatusOK, "office_panels.html", "专家评审", p)
}

func (s *Server) panelStageRow(ctx context.Context, comp store.Competition, st store.Stage) (panelStageRow, error) {
	row := panelStageRow{Competition: comp, Stage: st, ReviewNow: st.ReviewsAt(s.now())}
	ds, err := s.store.FindDossiers(ctx, store.DossierFilter{StageID: st.ID})
	if err != nil {
		return row, err
	}
	assigned, err := s.store.AssignedDossierIDs(ctx, st.ID)
	if err != nil {
		return row, err
	}
	draws, err := s.store.FindDraws(ctx, store.DrawFilter{StageID: st.ID, Status: store.DrawActive})
	if err != nil {
		return row, err
	}
	row.Dossiers, row.Assigned, row.Draws = len(ds), len(assigned), len(draws)
	return row, nil
}

// drawForm is the draw request as typed.
type drawForm struct {
	ClusterID      int64
	Supplement     bool
	Members        string
	Alternates     string
	MaxPerOrg      string
	MaxLoad        string
	MatchExpertise bool
	Seed           string
	Sealed         bool
}

// scopeOption is a cluster with dossiers still to draw for.
type scopeOption struct {
	ClusterID int64
	Name      string
	Dossiers  int
}

type panelStagePage struct {
	Competition store.Competition
	Stage       store.Stage
	Rules       *rubrics.Stage
	Draws       []store.PanelDraw
	Dossiers    int
	Unassigned  int
	Short       int // dossiers left short of experts
	Scopes      []scopeOption
	Form        drawForm
	Errors      FieldErrors
	CanDraw     bool
	ReviewNow   bool
}

// loadStage reads the :id stage with its competition.
func (s *Server) loadStage(c echo.Context) (*store.Stage, *store.Competition, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, nil, err
	}
	ctx := c.Request().Context()
	st, err := s.store.FindStageByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	comp, err := s.store.FindCompetitionByID(ctx, st.CompetitionID)
	if err != nil {
		return nil, nil, err
	}
	return st, comp, nil
}

func (s *Server) panelStagePage(c echo.Context, status int, st *store.Stage, comp *store.Competition, form *drawForm, errs FieldErrors) error {
	ctx := c.Request().Context()
	p := panelStagePage{Competition: *comp, Stage: *st, Errors: errs, ReviewNow: st.ReviewsAt(s.now())}
	if st.RubricHash != "" {
		rules, err := review.StageRules(ctx, s.store, st)
		if err != nil {
			return err
		}
		p.Rules = rules
	}
	p.CanDraw = st.Status == store.StageOpen && p.Rules != nil && p.Rules.ExpertsPerDossier > 0
	var err error
	if p.Draws, err = s.store.FindDraws(ctx, store.DrawFilter{StageID: st.ID}); err != nil {
		return err
	}
	all, err := s.store.FindDossiers(ctx, store.DossierFilter{StageID: st.ID})
	if err != nil {
		return err
	}
	open, infos, err := review.DrawScope(ctx, s.store, st, 0)
	if err != nil {
		return err
	}
	p.Dossiers, p.Unassigned = len(all), len(open)
	if p.Rules != nil {
		_, _, need, _, err := review.ShortDossiers(ctx, s.store, st, p.Rules.ExpertsPerDossier)
		if err != nil {
			return err
		}
		p.Short = len(need)
	}
	at := map[int64]int{}
	for _, d := range open {
		info := infos[d.ID]
		i, ok := at[info.ClusterID]
		if !ok {
			i = len(p.Scopes)
			at[info.ClusterID] = i
			p.Scopes = append(p.Scopes, scopeOption{ClusterID: info.ClusterID, Name: info.Cluster})
		}
		p.Scopes[i].Dossiers++
	}
	if form != nil {
		p.Form = *form
	} else {
		per := 0
		if p.Rules != nil {
			per = p.Rules.ExpertsPerDossier
		}
		p.Form = drawForm{Members: strconv.Itoa(per + 2), Alternates: "3", MaxPerOrg: "2", MaxLoad: "",
			MatchExpertise: true, Sealed: true}
	}
	return s.render(c, status, "office_panel_stage.html", st.Name+" · 专家抽取", p)
}

// handlePanelStage shows a stage's draws and the draw form.
func (s *Server) handlePanelStage(c echo.Context) error {
	st, comp, err := s.loadStage(c)
	if err != nil {
		return err
	}
	return s.panelStagePage(c, http.StatusOK, st, comp, nil, nil)
}

// bindDrawForm reads the draw form; per is the rubric's experts per dossier.
func bindDrawForm(c echo.Context, per int) (drawForm, review.DrawRequest, FieldErrors) {
	f := drawForm{Members: trimmed(c, "members"), Alternates: trimmed(c, "alternates"), MaxPerOrg: trimmed(c, "max_per_org"),
		MaxLoad: trimmed(c, "max_load"), MatchExpertise: c.FormValue("match_expertise") == "1",
		Seed: trimmed(c, "seed"), Sealed: c.FormValue("sealed") == "1"}
	errs := FieldErrors{}
	if trimmed(c, "cluster") == "short" {
		f.Supplement = true
	} else {
		f.ClusterID, _ = formInt64(c, "cluster")
	}
	num := func(field, text, label string, min int, optional bool) int {
		if text == "" && optional {
			return 0
		}
		n, err := strconv.Atoi(text)
		if err != nil || n < min || n > 500 {
			errs.Add(field, fmt.Sprintf("%s应为 %d–500 的整数", label, min))
		}
		return n
	}
	req := review.DrawRequest{ClusterID: f.ClusterID, Supplement: f.Supplement, Seed: f.Seed, Sealed: f.Sealed, Constraints: draw.Constraints{
		PerDossier:     per,
		Members:        num("members", f.Members, "抽取人数", 1, false),
		Alternates:     num("alternates", f.Alternates, "备选人数", 0, true),
		MaxPerOrg:      num("max_per_org", f.MaxPerOrg, "同一单位人数上限", 0, true),
		MaxLoad:        num("max_load", f.MaxLoad, "每人评审份数上限", 0, true),
		MatchExpertise: f.MatchExpertise,
	}}
	if len([]rune(f.Seed)) > 64 {
		errs.Add("seed", "随机种子不能超过 64 个字符")
	}
	return f, req, errs
}

// handlePanelDraw runs a draw for the stage.
func (s *Server) handlePanelDraw(c echo.Context) error {
	ctx := c.Request().Context()
	st, comp, err := s.loadStage(c)
	if err != nil {
		return err
	}
	if st.Status != store.StageOpen {
		return fmt.Errorf("阶段“%s”%s，不能抽取专家: %w", st.Name, st.Status.Label(), store.ErrConflict)
	}
	rules, err := review.StageRules(ctx, s.store, st)
	if err != nil {
		return err
	}
	if rules.ExpertsPerDossier == 0 {
		return fmt.Errorf("阶段“%s”只有客观指标，不需要专家评审: %w", st.Name, store.ErrConflict)
	}
	f, req, errs := bindDrawForm(c, rules.ExpertsPerDossier)
	if errs.Any() {
		return s.panelStagePage(c, http.StatusUnprocessableEntity, st, comp, &f, errs)
	}
	u := currentUser(c)
	d, err := review.RunDraw(ctx, s.store, store.UserActor(u), u.ID, st, req)
	var de *draw.Error
	if errors.As(err, &de) {
		field := de.Field
		if field == "" || field == "per_dossier" {
			field = "draw"
		}
		return s.panelStagePage(c, http.StatusUnprocessableEntity, st, comp, &f, FieldErrors{field: de.Message})
	}
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("已抽取 %d 位专家和 %d 位备选，随机种子 %s。", d.Members, d.Alternates, d.Seed)
	if d.Sealed {
		msg += "结果已封存，评审开始前专家看不到。"
	}
	return redirectWith(c, fmt.Sprintf("/office/panels/%d", d.ID), "", msg)
}
