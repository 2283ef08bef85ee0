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
	if err != nil {
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
	now := s.now()
	var out []expertStageTasks
	at := map[int64]int{}
	draws := map[int64]*store.PanelDraw{}
	for _, a := range assigns {
		i, ok := at[a.StageID]
		if !ok {
			st, err := s.store.FindStageByID(ctx, a.StageID)
			if err != nil {
				return nil, err
			}
			comp, err := s.store.FindCompetitionByID(ctx, st.CompetitionID)
			if err != nil {
				return nil, err
			}
			g := expertStageTasks{Competition: *comp, Stage: *st, ReviewNow: st.ReviewsAt(now), Deadline: deadlineText(st, now)}
			if rules, err := review.StageRules(ctx, s.store, st); err == nil {
				g.Blind = rules.BlindReview
			}
			i = len(out)
			at[a.StageID] = i
			out = append(out, g)
		}
		g := &out[i]
		d, ok := draws[a.DrawID]
		if !ok {
			if d, err = s.store.FindDrawByID(ctx, a.DrawID); err != nil {
				return nil, err
			}
			draws[a.DrawID] = d
		}
		if !d.VisibleToExperts(&g.Stage, now) {
			continue
		}
		task, err := s.expertTask(ctx, g, a, sheetOf, flagCount)
		if err != nil {
			return nil, err
		}
		if task.Submitted {
			g.Done++
		}
		g.Tasks = append(g.Tasks, task)
	}
	var visible []expertStageTasks
	for _, g := range out {
		if len(g.Tasks) > 0 {
			visible = append(visible, g)
		}
	}
	return visible, nil
}

func (s *Server) expertTask(ctx context.Context, g *expertStageTasks, a store.Assignment, sheetOf map[int64]store.ScoreSheet,
	flagCount map[[2]int64]int) (expertTask, error) {
	d, err := s.store.FindDossierByID(ctx, a.DossierID)
	if err != nil {
		return expertTask{}, err
	}
	infos, err := review.LoadDossierInfos(ctx, s.store, []store.Dossier{*d})
	if err != nil {
		return expertTask{}, err
	}
	info := infos[d.ID]
	t := expertTask{Path: fmt.Sprintf("/expert/stages/%d/dossiers/%d", a.StageID, a.DossierID), Label: info.BlindLabel(),
		Chain: info.Chain, Status: "未开始", OpenFlags: flagCount[[2]int64{a.StageID, a.DossierID}]}
	if !g.Blind {
		t.Label = d.Title
	}
	if sh, ok := sheetOf[a.ID]; ok {
		t.Started = true
		t.Status = "草稿（" + timeShort(sh.UpdatedAt) + " 保存）"
		if sh.Status == store.SheetSubmitted {
			t.Submitted, t.Status = true, "已签名提交"
		}
	}
	return t, nil
}

// timeShort shows a time as "3月2日 09:00" in China Standard Time.
func timeShort(t time.Time) string {
	t = t.In(templates.Location())
	return fmt.Sprintf("%d月%d日 %02d:%02d", int(t.Month()), t.Day(), t.Hour(), t.Minute())
}
