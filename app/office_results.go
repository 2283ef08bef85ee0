package app

import (
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"chainjudge/app/results"
	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// resultsIndexPage lists competitions with links to their results.
type resultsIndexPage struct {
	Competitions []store.Competition
}

// handleResultsIndex lists the competitions, each leading to its results.
func (s *Server) handleResultsIndex(c echo.Context) error {
	comps, err := s.store.FindCompetitions(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "office_results_index.html", "结果与公示", resultsIndexPage{Competitions: comps})
}

// resultsStageRow is one stage on a competition's results hub.
type resultsStageRow struct {
	Stage  store.Stage
	Frozen *store.StageResultRecord
}

// resultsHubPage is a competition's results hub.
type resultsHubPage struct {
	Competition store.Competition
	Stages      []resultsStageRow
	AllFrozen   bool
	Winners     int
	Notices     []store.Notice
	// Funnel draws the dossiers from filing to selection.
	Funnel template.HTML
}

// handleResultsHub shows a competition's stages with their result state and
// the way on: verification, stage results, final ranking, 公示, exports.
func (s *Server) handleResultsHub(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	fr, err := s.store.LoadFrozenResults(ctx, comp.ID)
	if err != nil {
		return err
	}
	p := resultsHubPage{Competition: *comp, AllFrozen: fr.Complete()}
	for _, st := range fr.Stages {
		p.Stages = append(p.Stages, resultsStageRow{Stage: st, Frozen: fr.Records[st.ID]})
	}
	winners, err := s.store.FindWinners(ctx, comp.ID)
	if err != nil {
		return err
	}
	p.Winners = len(winners)
	if p.Funnel, err = s.competitionFunnel(ctx, comp, fr.Stages, p.Winners); err != nil {
		return err
	}
	if p.Notices, err = s.store.FindNotices(ctx, store.NoticeFilter{CompetitionID: comp.ID}); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "office_results.html", comp.Name+" · 结果", p)
}

// loadResultStage returns the stage named by the :id parameter and its competition.
func (s *Server) loadResultStage(c echo.Context) (*store.Stage, *store.Competition, error) {
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

// stageResultsPage is the results page of one stage.
type stageResultsPage struct {
	Competition store.Competition
	Stage       store.Stage
	View        *resultTable
	// Frozen is the frozen record; nil for a preview.
	Frozen *store.StageResultRecord
	// Hash identifies the preview the office confirms when freezing.
	Hash     string
	Severity bool
	Filter   resultFilter
	Options  resultFilterOptions
	Sorts    []resultSort
	// Problems say why the results cannot be frozen yet.
	Problems  []string
	CanFreeze bool
	Codes     []judgeCodeRow
	Message   string
	// Charts draw the judges' scores and leniency.
	Charts stageCharts
}

// judgeCodeRow maps a judge code to the expert (office only).
type judgeCodeRow struct {
	Code, Name, Organisation string
}

// handleStageResults shows a stage's results: the frozen ones once frozen,
// otherwise a preview computed from the current scores with what still
// stands in the way of freezing.
func (s *Server) handleStageResults(c echo.Context) error {
	st, comp, err := s.loadResultStage(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	p := stageResultsPage{Competition: *comp, Stage: *st, Filter: bindResultFilter(c), Sorts: resultSorts, Severity: c.QueryParam("severity") == "1"}
	var res *results.StageResult
	rec, err := s.store.FindStageResult(ctx, st.ID)
	switch {
	case err == nil:
		p.Frozen = rec
		p.Severity = rec.Severity
		if res, err = rec.Result(); err != nil {
			return err
		}
	case !errors.Is(err, store.ErrNotFound):
		return err
	case st.Status == store.StagePending:
		p.Message = "本阶段尚未开启，还没有评分。"
	default:
		res, p.Hash, err = s.store.ComputeStageResult(ctx, st, p.Severity)
		if err != nil {
			return err
		}
		if p.Problems, err = s.freezeProblems(c, st, res); err != nil {
			return err
		}
		p.CanFreeze = len(p.Problems) == 0
	}
	if res != nil {
		p.View = newResultTable(res, p.Filter)
		for i := range p.View.Rows {
			p.View.Rows[i].Chart = criterionChart(res, p.View.Rows[i].D, res.Decimals)
		}
		p.Charts = newStageCharts(res, p.View.Rows)
		p.Options = resultFilterOptionsOf(res.Dossiers)
		if p.Codes, err = s.judgeCodeRows(c, comp.ID); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, "office_result_stage.html", st.Name+" · 结果", p)
}

// freezeProblems lists what stands in the way of freezing a stage's results.
func (s *Server) freezeProblems(c echo.Context, st *store.Stage, res *results.StageResult) ([]string, error) {
	var out []string
	if st.Status != store.StageClosed {
		out = append(out, "阶段尚未关闭：请在竞赛页面关闭本阶段后再冻结结果。")
	}
	open, err := s.store.FindFlags(c.Request().Context(), store.FlagFilter{StageID: st.ID, Statuses: []store.FlagStatus{store.FlagOpen}})
	if err != nil {
		return nil, err
	}
	if len(open) > 0 {
		out = append(out, fmt.Sprintf("还有 %d 处畸高/畸低评分等待专家书面说明理由。", len(open)))
	}
	for _, p := range store.IncompleteDossiers(res) {
		out = append(out, "评分或核实不完整："+p+"。")
	}
	if len(res.Dossiers) == 0 {
		out = append(out, "本阶段没有参评的申报。")
	}
	return out, nil
}

// judgeCodeRows lists the competition's judge codes with the experts'
// names, for the office's eyes only.
func (s *Server) judgeCodeRows(c echo.Context, compID int64) ([]judgeCodeRow, error) {
	ctx := c.Request().Context()
	codes, err := s.store.FindJudgeCodes(ctx, compID)
	if err != nil {
		return nil, err
	}
	profiles, err := s.store.FindExpertProfiles(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]store.ExpertProfile{}
	for _, p := range profiles {
		byID[p.User.ID] = p
	}
	out := make([]judgeCodeRow, 0, len(codes))
	for _, jc := range codes {
		row := judgeCodeRow{Code: jc.Code}
		if p, ok := byID[jc.ExpertID]; ok {
			row.Name, row.Organisation = p.User.DisplayName, p.Expert.Organisation
		}
		out = append(out, row)
	}
	return out, nil
}

// handleStageFreeze freezes a closed stage's results as previewed, and
// enters the advancing dossiers in the next stage.
func (s *Server) handleStageFreeze(c echo.Context) error {
	st, _, err := s.loadResultStage(c)
	if err != nil {
		return err
	}
	rec, err := s.store.FreezeStageResult(c.Request().Context(), store.UserActor(currentUser(c)), store.FreezeRequest{
		StageID: st.ID, Severity: c.FormValue("severity") == "1", SeenHash: trimmed(c, "hash"), Reason: trimmed(c, "reason")})
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("“%s”的结果已冻结（细则 %s）。", st.Name, shortHashText(rec.RubricHash))
	if rec.Advancing > 0 {
		msg += fmt.Sprintf("%d 个申报已进入下一阶段。", rec.Advancing)
	}
	return redirectWith(c, fmt.Sprintf("/office/stages/%d/results", st.ID), "", msg)
}

// shortHashText shows the first 12 hex digits of a hash.
func shortHashText(h string) string {
	if len(h) > 19 {
		return h[7:19]
	}
	return h
}
