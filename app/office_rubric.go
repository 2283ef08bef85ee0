package app

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// rubricField is one editable value of a rubric in the office's form. Path
// is the rubric path (e.g. "stages[0].groups[1].criteria[2].max"), which is
// also the input's name and what rubrics.Validate names in its problems, so
// every problem lands next to its input.
type rubricField struct {
	Path    string
	Label   string
	Type    string // text | textarea | number | checkbox | select
	Value   string
	Options []rubricOption
	Help    string
	Error   string
	set     func(v string) string // applies v; returns a Chinese error or ""
}

type rubricOption struct{ Value, Label string }

// rubricFieldset is a heading with its fields (the rubric, a stage, a 一级指标).
type rubricFieldset struct {
	Title  string
	Level  int
	Fields []*rubricField
}

func decimalSetter(dst *rubrics.Decimal) func(string) string {
	return func(v string) string {
		d, err := rubrics.ParseDecimal(strings.TrimSpace(v))
		if err != nil {
			return "请填写数字，例如 10 或 2.5"
		}
		*dst = d
		return ""
	}
}

func intSetter(dst *int) func(string) string {
	return func(v string) string {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return "请填写整数"
		}
		*dst = n
		return ""
	}
}

func textSetter(dst *string) func(string) string {
	return func(v string) string { *dst = strings.TrimSpace(v); return "" }
}

// rubricForm lists the editable fields of r, bound to r.
func rubricForm(r *rubrics.Rubric) []rubricFieldset {
	sets := []rubricFieldset{{Title: "细则", Level: 1, Fields: []*rubricField{
		{Path: "name", Label: "细则名称", Type: "text", Value: r.Name, set: textSetter(&r.Name)},
		{Path: "version", Label: "版本", Type: "text", Value: r.Version, set: textSetter(&r.Version)},
	}}}
	methods := make([]rubricOption, 0, len(rubrics.Methods))
	for _, m := range rubrics.Methods {
		methods = append(methods, rubricOption{Value: string(m), Label: m.Label()})
	}
	for i := range r.Stages {
		st := &r.Stages[i]
		p := fmt.Sprintf("stages[%d]", i)
		drop := ""
		if st.Aggregation.Drop != nil {
			drop = strconv.Itoa(*st.Aggregation.Drop)
		}
		fs := rubricFieldset{Title: "阶段：" + st.Name, Level: 1, Fields: []*rubricField{
			{Path: p + ".name", Label: "阶段名称", Type: "text", Value: st.Name, set: textSetter(&st.Name)},
			{Path: p + ".experts_per_dossier", Label: "每份申报书的评审专家人数", Type: "number",
				Value: strconv.Itoa(st.ExpertsPerDossier), set: intSetter(&st.ExpertsPerDossier)},
			{Path: p + ".blind_review", Label: "盲评（专家看不到申报地区和企业名称）", Type: "checkbox",
				Value: strconv.FormatBool(st.BlindReview), set: func(v string) string { st.BlindReview = v == "on" || v == "true"; return "" }},
			{Path: p + ".aggregation.method", Label: "专家分汇总方法", Type: "select", Value: string(st.Aggregation.Method),
				Options: methods, set: func(v string) string { st.Aggregation.Method = rubrics.Method(v); return "" }},
			{Path: p + ".aggregation.drop", Label: "每端去掉的分数个数", Type: "number", Value: drop,
				Help: "留空则按专家人数自动确定：" + rubrics.PanelRuleText,
				set: func(v string) string {
					v = strings.TrimSpace(v)
					if v == "" {
						st.Aggregation.Drop = nil
						return ""
					}
					n, err := strconv.Atoi(v)
					if err != nil {
						return "请填写整数，或留空"
					}
					st.Aggregation.Drop = &n
					return ""
				}},
			{Path: p + ".aggregation.decimals", Label: "保留小数位数（四舍五入）", Type: "number",
				Value: strconv.Itoa(st.Aggregation.Decimals), set: intSetter(&st.Aggregation.Decimals)},
			{Path: p + ".outliers.modified_z", Label: "畸高畸低判定阈值（修正 z 分数）", Type: "text",
				Value: st.Outliers.ModifiedZ.String(), set: decimalSetter(&st.Outliers.ModifiedZ)},
			{Path: p + ".outliers.mad_zero_share", Label: "多数专家同分时的偏离比例（占该项满分）", Type: "text",
				Value: st.Outliers.MADZeroShare.String(), set: decimalSetter(&st.Outliers.MADZeroShare)},
		}}
		if st.Weighted() {
			fs.Fields = append(fs.Fields, &rubricField{Path: p + ".weight", Label: "本阶段在总分中的权重", Type: "text",
				Value: st.Weight.String(), set: decimalSetter(&st.Weight)})
		}
		sets = append(sets, fs)
		for j := range st.Groups {
			g := &st.Groups[j]
			gp := fmt.Sprintf("%s.groups[%d]", p, j)
			gs := rubricFieldset{Title: st.Name + " · 一级指标：" + g.Name, Level: 2, Fields: []*rubricField{
				{Path: gp + ".name", Label: "一级指标名称", Type: "text", Value: g.Name, set: textSetter(&g.Name)},
				{Path: gp + ".max", Label: "一级指标分值", Type: "text", Value: g.Max.String(), set: decimalSetter(&g.Max)},
			}}
			for k := range g.Criteria {
				cr := &g.Criteria[k]
				cp := fmt.Sprintf("%s.criteria[%d]", gp, k)
				gs.Fields = append(gs.Fields,
					&rubricField{Path: cp + ".name", Label: fmt.Sprintf("二级指标 %s（%s）", cr.ID, cr.Kind.Label()), Type: "text",
						Value: cr.Name, set: textSetter(&cr.Name)},
					&rubricField{Path: cp + ".guidance", Label: "评分要点", Type: "textarea", Value: cr.Guidance, set: textSetter(&cr.Guidance)})
				if cr.Kind != rubrics.KindVeto {
					gs.Fields = append(gs.Fields, &rubricField{Path: cp + ".max", Label: "最高分", Type: "text",
						Value: cr.Max.String(), set: decimalSetter(&cr.Max)})
				}
				if cr.Kind == rubrics.KindPoints || cr.Kind == rubrics.KindGrades {
					gs.Fields = append(gs.Fields, &rubricField{Path: cp + ".step", Label: "打分步长", Type: "text",
						Value: cr.Step.String(), set: decimalSetter(&cr.Step)})
				}
			}
			sets = append(sets, gs)
		}
	}
	return sets
}

type rubricPage struct {
	Competition store.Competition
	Rubric      *rubrics.Rubric
	Fieldsets   []rubricFieldset
	Frozen      bool
	Problems    rubrics.Problems // upload problems, with file:line:column
	FormErrors  int
	YAMLError   string
}

func (s *Server) rubricFrozen(c echo.Context, compID int64) (bool, error) {
	stages, err := s.store.FindStages(c.Request().Context(), compID)
	if err != nil {
		return false, err
	}
	for _, st := range stages {
		if st.Status != store.StagePending {
			return true, nil
		}
	}
	return false, nil
}

func (s *Server) rubricPage(c echo.Context, status int, comp *store.Competition, r *rubrics.Rubric, p rubricPage) error {
	frozen, err := s.rubricFrozen(c, comp.ID)
	if err != nil {
		return err
	}
	p.Competition, p.Rubric, p.Frozen = *comp, r, frozen
	if p.Fieldsets == nil {
		p.Fieldsets = rubricForm(r)
	}
	return s.render(c, status, "office_rubric.html", "评分细则："+comp.Name, p)
}

func (s *Server) handleRubricPage(c echo.Context) error {
	comp, r, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	return s.rubricPage(c, http.StatusOK, comp, r, rubricPage{})
}

// handleRubricDownload serves the competition's rubric file as stored.
func (s *Server) handleRubricDownload(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rubric-%d.yaml"`, comp.ID))
	return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", []byte(comp.RubricYAML))
}

// saveRubric stores a new rubric for the competition.
func (s *Server) saveRubric(c echo.Context, comp *store.Competition, r *rubrics.Rubric, yamlText []byte, source, note string) error {
	version, ok := formInt64(c, "version")
	if !ok || version == 0 {
		version = comp.Version
	}
	err := s.store.SetCompetitionRubric(c.Request().Context(), store.UserActor(currentUser(c)), comp.ID, store.RubricChange{
		Version: version, YAML: string(yamlText), Hash: r.Hash(), Source: source, Reason: trimmed(c, "reason"), Stages: stageDefs(r)})
	if err != nil {
		return err
	}
	return redirectWith(c, fmt.Sprintf("/office/competitions/%d/rubric", comp.ID), "", note)
}

// handleRubricUpload replaces the rubric with an uploaded YAML file; its
// problems are listed with file:line:column.
func (s *Server) handleRubricUpload(c echo.Context) error {
	comp, current, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	fh, err := c.FormFile("rubric")
	if tooLarge(err) {
		return errTooLarge
	}
	if err != nil {
		return s.rubricPage(c, http.StatusUnprocessableEntity, comp, current, rubricPage{YAMLError: "请选择要上传的评分细则 YAML 文件"})
	}
	data, err := readUpload(fh, rubrics.MaxFileSize)
	if err != nil {
		return s.rubricPage(c, http.StatusUnprocessableEntity, comp, current, rubricPage{YAMLError: err.Error()})
	}
	r, err := rubrics.Parse(fh.Filename, data)
	var probs rubrics.Problems
	if errors.As(err, &probs) {
		return s.rubricPage(c, http.StatusUnprocessableEntity, comp, current, rubricPage{Problems: probs})
	}
	if err != nil {
		return err
	}
	return s.saveRubric(c, comp, r, data, "upload", "评分细则已替换为上传的文件。")
}

// handleRubricFormSave applies the office's form edits to the rubric,
// validates the result with the same rules as a file, and stores it as YAML.
func (s *Server) handleRubricFormSave(c echo.Context) error {
	comp, r, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	if err := c.Request().ParseForm(); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "表单无法解析")
	}
	sets := rubricForm(r)
	bad := 0
	for _, fs := range sets {
		for _, f := range fs.Fields {
			v, present := c.Request().PostForm[f.Path]
			value := ""
			if present && len(v) > 0 {
				value = v[0]
			}
			if !present && f.Type != "checkbox" {
				continue // a field the form did not send keeps its value
			}
			f.Value = value
			if msg := f.set(value); msg != "" {
				f.Error = msg
				bad++
			}
		}
	}
	if bad == 0 {
		for _, p := range rubrics.Validate(r) {
			if f := findField(sets, p.Path); f != nil {
				f.Error = p.Message
			} else {
				sets[0].Fields[0].Error += p.Path + "：" + p.Message + " "
			}
			bad++
		}
	}
	if bad > 0 {
		return s.rubricPage(c, http.StatusUnprocessableEntity, comp, r, rubricPage{Fieldsets: sets, FormErrors: bad})
	}
	data, err := rubrics.Marshal(r)
	if err != nil {
		return err
	}
	return s.saveRubric(c, comp, r, data, "form", "评分细则已保存。")
}

// findField returns the field for a problem path, or for its nearest
// parent that has a field.
func findField(sets []rubricFieldset, path string) *rubricField {
	for path != "" {
		for _, fs := range sets {
			for _, f := range fs.Fields {
				if f.Path == path {
					return f
				}
			}
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return nil
}

// handleRubricReset goes back to the shipped default rubric.
func (s *Server) handleRubricReset(c echo.Context) error {
	comp, _, err := s.loadCompetition(c)
	if err != nil {
		return err
	}
	r, data := rubrics.Default()
	return s.saveRubric(c, comp, r, data, "default", "已恢复为系统默认评分细则。")
}
