package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

// expertTask is one dossier an expert scores.
type expertTask struct {
	Path      string
	Label     string
	Chain     string
	Status    string
	Submitted bool
	Started   bool
	OpenFlags int
}

// expertStageTasks are an expert's dossiers in one stage.
type expertStageTasks struct {
	Competition store.Competition
	Stage       store.Stage
	ReviewNow   bool
	Deadline    string
	Blind       bool
	Tasks       []expertTask
	Done        int
}

type expertHomePage struct {
	Profile    *store.ExpertProfile
	Stages     []expertStageTasks
	OpenFlags  int
	OpenStages []stageView
}

// handleExpertHome lists the expert's dossiers by stage with what is left
// to do, and the flags waiting for a reason.
func (s *Server) handleExpertHome(c echo.Context) error {
	ctx := c.Request().Context()
	u := currentUser(c)
	p, err := s.store.FindExpertProfile(ctx, u.ID)
	if err != nil {
		return err
	}
	stages, err := s.expertTasks(ctx, u.ID)
	if err != nil {
		return err
	}
	open, err := s.openStageViews(ctx)
	if err != nil {
		return err
	}
	page := expertHomePage{Profile: p, Stages: stages, OpenStages: open}
	for _, st := range stages {
		for _, t := range st.Tasks {
			page.OpenFlags += t.OpenFlags
		}
	}
	return s.render(c, http.StatusOK, "expert_home.html", "我的评审", page)
}

// expertTasks gathers the expert's standing assignments the expert may see
// now, grouped by stage.
func (s *Server) expertTasks(ctx context.Context, expertID int64) ([]expertStageTasks, error) {
	assigns, err := s.store.FindAssignments(ctx, store.AssignmentFilter{ExpertID: expertID,
		Statuses: []store.AssignmentStatus{store.AssignmentActive}})
	if err != nil || len(assigns) == 0 {
		return nil, err
	}
	sheets, err := s.store.FindSheets(ctx, store.SheetFilter{ExpertID: expertID})
	if err != nil {
		return nil, err
	}
	sheetOf := map[int64]store.ScoreSheet{}
	for _, sh := range sheets {
		sheetOf[sh.AssignmentID] = sh
	}
	flags, err := s.store.FindFlags(ctx, store.FlagFilter{ExpertID: expertID, Statuses: []store.FlagStatus{store.FlagOpen}})
	if err != nil {
		return nil, err
	}
	flagCount := map[[2]int64]int{}
	for _, f := range flags {
		flagCount[[2]int64{f.StageID, f.DossierID}]++
	}
	var dossierIDs, drawIDs []int64
	for _, a := range assigns {
		dossierIDs, drawIDs = append(dossierIDs, a.DossierID), append(drawIDs, a.DrawID)
	}
	dossiers, err := s.store.FindDossiers(ctx, store.DossierFilter{IDs: dossierIDs})
	if err != nil {
		return nil, err
	}
	infos, err := review.LoadDossierInfos(ctx, s.store, dossiers)
	if err != nil {
		return nil, err
	}
	draws, err := s.store.FindDraws(ctx, store.DrawFilter{IDs: drawIDs})
	if err != nil {
		return nil, err
	}
	drawByID := map[int64]*store.PanelDraw{}
	for i := range draws {
		drawByID[draws[i].ID] = &draws[i]
	}
	now := s.now()
	var out []expertStageTasks
	at := map[int64]int{}
	for _, a := range assigns {
		i, ok := at[a.StageID]
		if !ok {
			g, err := s.expertStageGroup(ctx, a.StageID, now)
			if err != nil {
				return nil, err
			}
			i = len(out)
			at[a.StageID] = i
			out = append(out, g)
		}
		g := &out[i]
		d, info := drawByID[a.DrawID], infos[a.DossierID]
		if d == nil || info == nil || !d.VisibleToExperts(&g.Stage, now) {
			continue
		}
		t := expertTask{Path: fmt.Sprintf("/expert/stages/%d/dossiers/%d", a.StageID, a.DossierID), Label: info.BlindLabel(),
			Chain: info.Chain, Status: "未开始", OpenFlags: flagCount[[2]int64{a.StageID, a.DossierID}]}
		if !g.Blind {
			t.Label = info.Dossier.Title
		}
		if sh, ok := sheetOf[a.ID]; ok {
			t.Started, t.Status = true, "草稿（"+timeShort(sh.UpdatedAt)+" 保存）"
			if sh.Status == store.SheetSubmitted {
				t.Submitted, t.Status = true, "已签名提交"
				g.Done++
			}
		}
		g.Tasks = append(g.Tasks, t)
	}
	var visible []expertStageTasks
	for _, g := range out {
		if len(g.Tasks) > 0 {
			visible = append(visible, g)
		}
	}
	return visible, nil
}

// expertStageGroup heads one stage of the expert's list.
func (s *Server) expertStageGroup(ctx context.Context, stageID int64, now time.Time) (expertStageTasks, error) {
	st, err := s.store.FindStageByID(ctx, stageID)
	if err != nil {
		return expertStageTasks{}, err
	}
	comp, err := s.store.FindCompetitionByID(ctx, st.CompetitionID)
	if err != nil {
		return expertStageTasks{}, err
	}
	g := expertStageTasks{Competition: *comp, Stage: *st, ReviewNow: st.ReviewsAt(now), Deadline: deadlineText(st, now)}
	rules, err := review.StageRules(ctx, s.store, st)
	if err != nil {
		return g, err
	}
	g.Blind = rules.BlindReview
	return g, nil
}

// timeShort shows a time as "3月2日 09:00" in China Standard Time.
func timeShort(t time.Time) string {
	t = t.In(templates.Location())
	return fmt.Sprintf("%d月%d日 %02d:%02d", int(t.Month()), t.Day(), t.Hour(), t.Minute())
}
