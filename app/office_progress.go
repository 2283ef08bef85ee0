package app

import (
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"time"

	"chainjudge/app/review"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// progressExpert is one expert's tally in a stage.
type progressExpert struct {
	ID         int64
	Name, Org  string
	Assigned   int
	Submitted  int
	Drafts     int
	NotStarted int
	Recused    int
	OpenFlags  int
	Overdue    bool
}

// progressCell is one expert on one dossier.
type progressCell struct {
	Expert      string
	Status      string
	Kind        string // "done", "draft", "todo"
	SheetID     int64
	Version     int64
	Reopens     int
	Replacement bool
}

type progressDossier struct {
	Label    string
	Cells    []progressCell
	Active   int
	Needed   int
	Signed   int
	Short    bool
	Complete bool
}

// progressFlag is a flag with names.
type progressFlag struct {
	Flag      store.ScoreFlag
	Dossier   string
	Expert    string
	Criterion string
}

// progressConflict is a declared conflict.
type progressConflict struct {
	Dossier     string
	Expert      string
	Reason      string
	At          *time.Time
	Replacement string
}

type progressPage struct {
	Competition store.Competition
	Stage       store.Stage
	Rules       *rubrics.Stage
	Closed      bool // the review window has passed
	Experts     []progressExpert
	Dossiers    []progressDossier
	OpenFlags   []progressFlag
	Resolved    []progressFlag
	Conflicts   []progressConflict
	Unassigned  int
	Sheets      int
	Signed      int
	// Chart draws each expert's sheets.
	Chart template.HTML
}

// handleProgress shows a stage's review progress: who has scored what,
// overdue experts, flags waiting for reasons and declared conflicts.
func (s *Server) handleProgress(c echo.Context) error {
	ctx := c.Request().Context()
	st, comp, err := s.loadStage(c)
	if err != nil {
		return err
	}
	p := progressPage{Competition: *comp, Stage: *st}
	if st.RubricHash != "" {
		if p.Rules, err = review.StageRules(ctx, s.store, st); err != nil {
			return err
		}
	}
	now := s.now()
	p.Closed = st.ReviewClosesAt != nil && !now.Before(*st.ReviewClosesAt)
	all, err := s.store.FindDossiers(ctx, store.DossierFilter{StageID: st.ID})
	if err != nil {
		return err
	}
	infos, err := review.LoadDossierInfos(ctx, s.store, all)
	if err != nil {
		return err
	}
	assigns, err := s.store.FindAssignments(ctx, store.AssignmentFilter{StageID: st.ID,
		Statuses: []store.AssignmentStatus{store.AssignmentActive, store.AssignmentRecused}})
	if err != nil {
		return err
	}
	sheets, err := s.store.FindSheets(ctx, store.SheetFilter{StageID: st.ID})
	if err != nil {
		return err
	}
	flags, err := s.store.FindFlags(ctx, store.FlagFilter{StageID: st.ID,
		Statuses: []store.FlagStatus{store.FlagOpen, store.FlagJustified, store.FlagRevised}})
	if err != nil {
		return err
	}
	profiles, err := s.store.FindExpertProfiles(ctx)
	if err != nil {
		return err
	}
	names := map[int64]store.ExpertProfile{}
	for _, pr := range profiles {
		names[pr.User.ID] = pr
	}
	sheetOf := map[int64]store.ScoreSheet{}
	for _, sh := range sheets {
		sheetOf[sh.AssignmentID] = sh
	}
	experts := map[int64]*progressExpert{}
	expert := func(id int64) *progressExpert {
		if e := experts[id]; e != nil {
			return e
		}
		pr := names[id]
		e := &progressExpert{ID: id, Name: pr.User.DisplayName, Org: pr.Expert.Organisation}
		experts[id] = e
		return e
	}
	rows := map[int64]*progressDossier{}
	needed := 0
	if p.Rules != nil {
		needed = p.Rules.ExpertsPerDossier
	}
	// Who took over each recused assignment.
	takeover := map[int64]string{}
	for _, a := range assigns {
		if a.ReplacesID != nil {
			takeover[*a.ReplacesID] = names[a.ExpertID].User.DisplayName
		}
	}
	assigned := map[int64]bool{}
	for _, a := range assigns {
		assigned[a.DossierID] = true
		info := infos[a.DossierID]
		if info == nil {
			continue
		}
		row := rows[a.DossierID]
		if row == nil {
			row = &progressDossier{Label: info.Label(), Needed: needed}
			rows[a.DossierID] = row
		}
		e := expert(a.ExpertID)
		if a.Status == store.AssignmentRecused {
			e.Recused++
			pc := progressConflict{Dossier: info.Label(), Expert: e.Name, Reason: a.RecuseReason, At: a.RecusedAt,
				Replacement: takeover[a.ID]}
			if pc.Replacement == "" {
				pc.Replacement = "无人接替，请在专家抽取页补充抽取"
			}
			p.Conflicts = append(p.Conflicts, pc)
			continue
		}
		e.Assigned++
		row.Active++
		cell := progressCell{Expert: e.Name, Status: "未开始", Kind: "todo", Replacement: a.Source == store.SourceReplacement}
		if sh, ok := sheetOf[a.ID]; ok {
			cell.SheetID, cell.Version, cell.Reopens = sh.ID, sh.Version, sh.ReopenCount
			p.Sheets++
			if sh.Status == store.SheetSubmitted {
				e.Submitted++
				row.Signed++
				p.Signed++
				cell.Status, cell.Kind = "已提交 "+timeShort(*sh.SubmittedAt), "done"
			} else {
				e.Drafts++
				cell.Status, cell.Kind = "草稿", "draft"
			}
		} else {
			e.NotStarted++
		}
		row.Cells = append(row.Cells, cell)
	}
	for _, f := range flags {
		pf := progressFlag{Flag: f, Expert: names[f.ExpertID].User.DisplayName}
		if info := infos[f.DossierID]; info != nil {
			pf.Dossier = info.Label()
		}
		if p.Rules != nil {
			if cr := p.Rules.Criterion(f.CriterionID); cr != nil {
				pf.Criterion = cr.ID + " " + cr.Name
			}
		}
		if f.Status == store.FlagOpen {
			expert(f.ExpertID).OpenFlags++
			p.OpenFlags = append(p.OpenFlags, pf)
		} else {
			p.Resolved = append(p.Resolved, pf)
		}
	}
	for _, d := range all {
		if !assigned[d.ID] {
			p.Unassigned++
			continue
		}
		if row := rows[d.ID]; row != nil {
			row.Short = row.Active < row.Needed
			row.Complete = row.Active > 0 && row.Signed == row.Active
			p.Dossiers = append(p.Dossiers, *row)
		}
	}
	for _, e := range experts {
		e.Overdue = p.Closed && e.Assigned > e.Submitted
		p.Experts = append(p.Experts, *e)
	}
	sort.Slice(p.Experts, func(i, j int) bool {
		a, b := p.Experts[i], p.Experts[j]
		if a.Overdue != b.Overdue {
			return a.Overdue
		}
		if a.Assigned-a.Submitted != b.Assigned-b.Submitted {
			return a.Assigned-a.Submitted > b.Assigned-b.Submitted
		}
		return a.ID < b.ID
	})
	p.Chart = progressChart(p.Experts)
	return s.render(c, http.StatusOK, "office_progress.html", st.Name+" · 评审进度", p)
}

// handleSheetReopen lets the office unlock a signed sheet, with a reason.
func (s *Server) handleSheetReopen(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := paramID(c, "id")
	if err != nil {
		return err
	}
	sh, err := s.store.FindSheetByID(ctx, id)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/office/panels/stages/%d/progress", sh.StageID)
	reason := trimmed(c, "reason")
	if reason == "" {
		return redirectWith(c, back, "error", "重新开启评分表必须写明理由。")
	}
	version, _ := formInt64(c, "version")
	if err := s.store.ReopenSheet(ctx, store.UserActor(currentUser(c)), id, version, reason); err != nil {
		return err
	}
	return redirectWith(c, back, "", "评分表已重新开启，专家修改后需重新签名提交；原评分记录全部保留。")
}
