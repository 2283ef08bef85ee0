package app

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"chainjudge/app/store"
	"chainjudge/rubrics"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

type competitionsPage struct {
	Competitions []store.Competition
}

func (s *Server) handleCompetitionsList(c echo.Context) error {
	comps, err := s.store.FindCompetitions(c.Request().Context())
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, "office_competitions.html", "竞赛", competitionsPage{Competitions: comps})
}

// competitionForm is the create/edit form of a competition.
type competitionForm struct {
	Name        string
	Year        int
	Description string
	ChainIDs    map[int64]bool
	Version     int64
}

type competitionNewPage struct {
	Form     competitionForm
	Clusters []store.Cluster
	Chains   []store.Chain
	Errors   FieldErrors
	Problems rubrics.Problems
}

func (s *Server) competitionNewPage(c echo.Context, status int, p competitionNewPage) error {
	ctx := c.Request().Context()
	var err error
	if p.Clusters, err = s.store.FindClusters(ctx); err != nil {
		return err
	}
	if p.Chains, err = s.store.FindChains(ctx, store.ChainFilter{ActiveOnly: true}); err != nil {
		return err
	}
	return s.render(c, status, "office_competition_new.html", "创建竞赛", p)
}

func (s *Server) handleCompetitionNewPage(c echo.Context) error {
	ctx := c.Request().Context()
	chains, err := s.store.FindChains(ctx, store.ChainFilter{ActiveOnly: true})
	if err != nil {
		return err
	}
	// Preselect the ten excellence chains: they are what the competition is for.
	selected := map[int64]bool{}
	for _, ch := range chains {
		if ch.Tier == "excellence" {
			selected[ch.ID] = true
		}
	}
	year := s.now().In(templates.Location()).Year()
	return s.competitionNewPage(c, http.StatusOK, competitionNewPage{Form: competitionForm{
		Name: fmt.Sprintf("%d年度江苏省区域卓越产业链竞赛", year), Year: year, ChainIDs: selected}})
}

// bindCompetitionForm reads and checks the common competition fields.
func bindCompetitionForm(c echo.Context) (competitionForm, FieldErrors) {
	errs := FieldErrors{}
	f := competitionForm{Name: trimmed(c, "name"), Description: trimmed(c, "description"), ChainIDs: map[int64]bool{}}
	year, err := strconv.Atoi(trimmed(c, "year"))
	if err != nil || year < 2000 || year > 2100 {
		errs.Add("year", "请填写四位年份，例如 2026")
	}
	f.Year = year
	if f.Name == "" {
		errs.Add("name", "请填写竞赛名称")
	} else if len([]rune(f.Name)) > 200 {
		errs.Add("name", "竞赛名称不能超过 200 字")
	}
	ids, ok := formInt64s(c, "chain")
	if !ok {
		errs.Add("chain", "产业链选择有误")
	}
	for _, id := range ids {
		f.ChainIDs[id] = true
	}
	if len(ids) == 0 {
		errs.Add("chain", "请至少选择一条参赛产业链")
	}
	f.Version, _ = formInt64(c, "version")
	return f, errs
}

func chainIDList(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for id, on := range m {
		if on {
			out = append(out, id)
		}
	}
	return out
}

// stageDefs lists a rubric's stages for the store.
func stageDefs(r *rubrics.Rubric) []store.StageDef {
	out := make([]store.StageDef, 0, len(r.Stages))
	for _, st := range r.Stages {
		out = append(out, store.StageDef{Key: st.ID, Name: st.Name})
	}
	return out
}

// handleCompetitionCreate creates a competition on the shipped default
// rubric or on an uploaded rubric file.
func (s *Server) handleCompetitionCreate(c echo.Context) error {
	ctx := c.Request().Context()
	f, errs := bindCompetitionForm(c)
	rubric, yamlText := rubrics.Default()
	source := "default"
	fh, err := c.FormFile("rubric")
	if tooLarge(err) {
		return errTooLarge
	}
	if err == nil && fh.Size > 0 {
		data, err := readUpload(fh, rubrics.MaxFileSize)
		if err != nil {
			errs.Add("rubric", err.Error())
		} else if r, err := rubrics.Parse(fh.Filename, data); err != nil {
			var probs rubrics.Problems
			if !errors.As(err, &probs) {
				return err
			}
			return s.competitionNewPage(c, http.StatusUnprocessableEntity, competitionNewPage{Form: f, Errors: errs, Problems: probs})
		} else {
			rubric, yamlText, source = r, data, "upload"
		}
	}
	if errs.Any() {
		return s.competitionNewPage(c, http.StatusUnprocessableEntity, competitionNewPage{Form: f, Errors: errs})
	}
	nc := store.NewCompetition{Name: f.Name, Year: f.Year, Description: f.Description, RubricYAML: string(yamlText),
		RubricHash: rubric.Hash(), RubricSource: source, ChainIDs: chainIDList(f.ChainIDs)}
	for i, d := range stageDefs(rubric) {
		nc.Stages = append(nc.Stages, store.Stage{Key: d.Key, Name: d.Name, Seq: i + 1})
	}
	comp, err := s.store.CreateCompetition(ctx, store.UserActor(currentUser(c)), nc)
	if err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d", comp.ID), "", "竞赛已创建。请设定各阶段的申报和评审时间。")
}

type stageRow struct {
	Stage     store.Stage
	Rubric    *rubrics.Stage
	CanOpen   bool
	CanClose  bool
	FilingNow bool
	ReviewNow bool
}

type competitionPage struct {
	Competition  store.Competition
	Rubric       *rubrics.Rubric
	Stages       []stageRow
	Clusters     []store.Cluster
	Chains       []store.Chain
	Selected     map[int64]bool
	Errors       FieldErrors
	RubricFrozen bool
}

// loadCompetition returns a competition and its parsed rubric.
func (s *Server) loadCompetition(c echo.Context) (*store.Competition, *rubrics.Rubric, error) {
	id, err := paramID(c, "id")
	if err != nil {
		return nil, nil, err
	}
	comp, err := s.store.FindCompetitionByID(c.Request().Context(), id)
	if err != nil {
		return nil, nil, err
	}
	r, err := rubrics.Parse("competition.yaml", []byte(comp.RubricYAML))
	if err != nil {
		return nil, nil, fmt.Errorf("stored rubric of competition %d does not parse: %w", comp.ID, err)
	}
	return comp, r, nil
}

func (s *Server) competitionPage(c echo.Context, status int, comp *store.Competition, r *rubrics.Rubric, p competitionPage) error {
	ctx := c.Request().Context()
	stages, err := s.store.FindStages(ctx, comp.ID)
	if err != nil {
		return err
	}
	now := s.now()
	for _, st := range stages {
		row := stageRow{Stage: st, Rubric: r.Stage(st.Key), FilingNow: st.AcceptsAt(now), ReviewNow: st.ReviewsAt(now)}
		row.CanOpen = st.Status == store.StagePending && !st.OpensAt.IsZero() && st.OpensAt.Before(st.ClosesAt)
		row.CanClose = st.Status == store.StageOpen
		if st.Status != store.StagePending {
			p.RubricFrozen = true
		}
		p.Stages = append(p.Stages, row)
	}
	if p.Clusters, err = s.store.FindClusters(ctx); err != nil {
		return err
	}
	if p.Chains, err = s.store.FindChains(ctx, store.ChainFilter{}); err != nil {
		return err
	}
	if p.Selected == nil {
		ids, err := s.store.CompetitionChainIDs(ctx, comp.ID)
		if err != nil {
			return err
		}
		p.Selected = map[int64]bool{}
		for _, id := range ids {
			p.Selected[id] = true
		}
	}
	p.Competition, p.Rubric = *comp, r
	return s.render(c, status, "office_competition.html", comp.Name, p)
}

func (s *Server) handleCompetitionShow(c echo.Context) error {
	comp, r, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	return s.competitionPage(c, http.StatusOK, comp, r, competitionPage{})
}

func (s *Server) handleCompetitionUpdate(c echo.Context) error {
	comp, r, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	f, errs := bindCompetitionForm(c)
	if errs.Any() {
		comp.Name, comp.Year, comp.Description = f.Name, f.Year, f.Description
		return s.competitionPage(c, http.StatusUnprocessableEntity, comp, r, competitionPage{Errors: errs, Selected: f.ChainIDs})
	}
	err = s.store.UpdateCompetition(c.Request().Context(), store.UserActor(currentUser(c)), comp.ID, store.CompetitionUpdate{
		Version: f.Version, Name: f.Name, Year: f.Year, Description: f.Description, ChainIDs: chainIDList(f.ChainIDs)})
	if err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d", comp.ID), "", "竞赛信息已保存。")
}

// parseWindowTime reads an optional datetime-local field.
func parseWindowTime(c echo.Context, name string, errs FieldErrors, label string) *time.Time {
	v := trimmed(c, name)
	if v == "" {
		return nil
	}
	t, err := templates.ParseInputTime(v)
	if err != nil {
		errs.Add(name, label+"格式有误")
		return nil
	}
	return &t
}

// handleStageTimes sets a stage's filing and review windows.
func (s *Server) handleStageTimes(c echo.Context) error {
	ctx := c.Request().Context()
	st, _, err := s.loadStage(c)
	if err != nil {
		return err
	}
	id := st.ID
	errs := FieldErrors{}
	opens := parseWindowTime(c, "opens_at", errs, "申报开始时间")
	closes := parseWindowTime(c, "closes_at", errs, "申报截止时间")
	rOpens := parseWindowTime(c, "review_opens_at", errs, "评审开始时间")
	rCloses := parseWindowTime(c, "review_closes_at", errs, "评审截止时间")
	if (opens == nil) != (closes == nil) {
		errs.Add("closes_at", "申报开始和截止时间须同时填写")
	} else if opens != nil && !opens.Before(*closes) {
		errs.Add("closes_at", "申报截止时间须晚于开始时间")
	}
	if (rOpens == nil) != (rCloses == nil) {
		errs.Add("review_closes_at", "评审开始和截止时间须同时填写")
	} else if rOpens != nil && !rOpens.Before(*rCloses) {
		errs.Add("review_closes_at", "评审截止时间须晚于开始时间")
	}
	if opens == nil && rOpens == nil {
		errs.Add("opens_at", "请至少填写申报时间或评审时间")
	}
	if errs.Any() {
		return stageTimesError(c, st, errs)
	}
	w := store.StageWindow{ReviewOpensAt: rOpens, ReviewClosesAt: rCloses}
	if opens != nil {
		w.OpensAt, w.ClosesAt = *opens, *closes
	} else if rOpens != nil {
		// A stage without filing (e.g. the on-site inspection) still needs a
		// window for the stage as a whole; the review window serves.
		w.OpensAt, w.ClosesAt = *rOpens, *rCloses
	}
	version, _ := formInt64(c, "version")
	if err := s.store.SetStageTimes(ctx, store.UserActor(currentUser(c)), id, version, w, trimmed(c, "reason")); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d", st.CompetitionID), "", "阶段“"+st.Name+"”的时间已保存。")
}

func stageTimesError(c echo.Context, st *store.Stage, errs FieldErrors) error {
	setFlash(c, "error", "阶段“"+st.Name+"”的时间未保存："+joinMessages(errs))
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/office/competitions/%d", st.CompetitionID))
}

func joinMessages(errs FieldErrors) string {
	out := ""
	for i, m := range errs.Sorted() {
		if i > 0 {
			out += "；"
		}
		out += m
	}
	return out
}

func (s *Server) handleStageOpen(c echo.Context) error {
	ctx := c.Request().Context()
	st, _, err := s.loadStage(c)
	if err != nil {
		return err
	}
	id := st.ID
	if st.OpensAt.IsZero() || !st.OpensAt.Before(st.ClosesAt) {
		return stageTimesError(c, st, FieldErrors{"opens_at": "开启阶段前请先设定时间"})
	}
	chains, err := s.store.CompetitionChainIDs(ctx, st.CompetitionID)
	if err != nil {
		return err
	}
	if len(chains) == 0 {
		return stageTimesError(c, st, FieldErrors{"chain": "开启阶段前请先选择参赛产业链"})
	}
	version, _ := formInt64(c, "version")
	if err := s.store.OpenStage(ctx, store.UserActor(currentUser(c)), id, version); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d", st.CompetitionID), "",
		"阶段“"+st.Name+"”已开启，评分细则已冻结。")
}

func (s *Server) handleStageClose(c echo.Context) error {
	ctx := c.Request().Context()
	st, _, err := s.loadStage(c)
	if err != nil {
		return err
	}
	id := st.ID
	version, _ := formInt64(c, "version")
	if err := s.store.CloseStage(ctx, store.UserActor(currentUser(c)), id, version, trimmed(c, "reason")); err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d", st.CompetitionID), "", "阶段“"+st.Name+"”已关闭。")
}
