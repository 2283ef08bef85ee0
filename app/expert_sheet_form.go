package app

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"chainjudge/app/dossier"
	"chainjudge/app/store"
	"chainjudge/rubrics"

	"github.com/labstack/echo/v4"
)

// Form field names of the score sheet: one set per criterion id.
func pointsField(id string) string  { return "points:" + id }
func gradeField(id string) string   { return "grade:" + id }
func vetoField(id string) string    { return "veto:" + id }
func reasonField(id string) string  { return "reason:" + id }
func commentField(id string) string { return "comment:" + id }

// overallField is the overall comment.
const overallField = "overall"

// maxCommentChars bounds a comment.
const maxCommentChars = rubrics.MaxTextChars

// bindSheet reads the score sheet form. Each value is checked against its
// criterion (points on the step within [0, max], a known grade with points
// in its band, a veto answer with a reason when yes). An invalid answer is
// reported and its previously saved answer kept (so the rest of the sheet
// still saves); typed holds exactly what was typed, to show it again.
func bindSheet(c echo.Context, rules *rubrics.Stage, current map[string]store.SheetValue) (values []store.SheetValue, typed map[string]store.SheetValue, errs FieldErrors) {
	errs = FieldErrors{}
	typed = map[string]store.SheetValue{}
	for _, cr := range rules.ExpertCriteria() {
		id := cr.ID
		in := store.SheetValue{CriterionID: id, Points: trimmed(c, pointsField(id)), Grade: trimmed(c, gradeField(id)),
			Veto: trimmed(c, vetoField(id)), VetoReason: strings.TrimSpace(c.FormValue(reasonField(id))),
			Comment: strings.TrimSpace(c.FormValue(commentField(id)))}
		typed[id] = in
		old := current[id]
		old.CriterionID = id
		v := store.SheetValue{CriterionID: id, Comment: in.Comment}
		if utf8.RuneCountInString(in.Comment) > maxCommentChars {
			errs.Add(commentField(id), fmt.Sprintf("意见不能超过 %d 字", maxCommentChars))
			v.Comment = old.Comment
		}
		switch cr.Kind {
		case rubrics.KindPoints:
			if in.Points == "" {
				break
			}
			if m, err := cr.CheckInput(rubrics.Input{Points: in.Points}); err != nil {
				errs.Add(pointsField(id), inputMessage(err))
				v.Points = old.Points
			} else {
				v.Points = m.Points.String()
			}
		case rubrics.KindGrades:
			switch {
			case in.Grade == "" && in.Points == "":
			case in.Grade == "":
				errs.Add(gradeField(id), "请先选择等级，再填写该等级范围内的分值")
				v.Points, v.Grade = old.Points, old.Grade
			case in.Points == "" && cr.Grade(in.Grade) != nil && cr.Grade(in.Grade).Min != cr.Grade(in.Grade).Max:
				v.Grade = in.Grade // chosen first; the points follow
			default:
				if m, err := cr.CheckInput(rubrics.Input{Points: in.Points, Grade: in.Grade}); err != nil {
					errs.Add(pointsField(id), inputMessage(err))
					v.Points, v.Grade = old.Points, old.Grade
				} else {
					v.Points, v.Grade = m.Points.String(), m.Grade
				}
			}
		case rubrics.KindVeto:
			if in.Veto == "" {
				break
			}
			if m, err := cr.CheckInput(rubrics.Input{Veto: in.Veto, Reason: in.VetoReason}); err != nil {
				errs.Add(vetoField(id), inputMessage(err))
				v.Veto, v.VetoReason = old.Veto, old.VetoReason
			} else if m.Vetoed {
				v.Veto, v.VetoReason = "yes", m.Reason
			} else {
				v.Veto = "no"
			}
		}
		values = append(values, v)
	}
	overall := strings.TrimSpace(c.FormValue(overallField))
	typed[store.OverallCriterion] = store.SheetValue{Comment: overall}
	if utf8.RuneCountInString(overall) > maxCommentChars {
		errs.Add(overallField, fmt.Sprintf("总体意见不能超过 %d 字", maxCommentChars))
		overall = current[store.OverallCriterion].Comment
	}
	values = append(values, store.SheetValue{CriterionID: store.OverallCriterion, Comment: overall})
	return values, typed, errs
}

// inputMessage is the Chinese sentence of a rubric input error.
func inputMessage(err error) string {
	if ie, ok := err.(*rubrics.InputError); ok {
		return ie.Message
	}
	return "填写有误"
}

// missingAnswers lists the criteria still without an answer, by field.
func missingAnswers(rules *rubrics.Stage, values map[string]store.SheetValue) FieldErrors {
	errs := FieldErrors{}
	for _, cr := range rules.ExpertCriteria() {
		v := values[cr.ID]
		switch cr.Kind {
		case rubrics.KindPoints:
			if v.Points == "" {
				errs.Add(pointsField(cr.ID), "请评分")
			}
		case rubrics.KindGrades:
			if v.Grade == "" {
				errs.Add(gradeField(cr.ID), "请选择等级")
			} else if v.Points == "" {
				errs.Add(pointsField(cr.ID), "请填写所选等级范围内的分值")
			}
		case rubrics.KindVeto:
			if v.Veto == "" {
				errs.Add(vetoField(cr.ID), "请选择是否存在否决情形")
			}
		}
	}
	return errs
}

// sheetTotal adds the points of the answered expert criteria, and the most
// they can give.
func sheetTotal(rules *rubrics.Stage, values map[string]store.SheetValue) (total, max rubrics.Decimal) {
	for _, cr := range rules.ExpertCriteria() {
		if cr.Kind == rubrics.KindVeto {
			continue
		}
		max = max.Add(cr.Max)
		if p, err := rubrics.ParseDecimal(values[cr.ID].Points); err == nil {
			total = total.Add(p)
		}
	}
	return total, max
}

// gradeOption is one grade choice of a grades criterion.
type gradeOption struct {
	Label   string
	Range   string
	Fixed   string // the points when the band is a single value
	Min     string
	Max     string
	Checked bool
}

// criterionRow is one criterion of the score sheet as shown.
type criterionRow struct {
	Criterion     *rubrics.Criterion
	GroupName     string
	GroupGuidance string
	GroupMax      string
	NewGroup      bool
	Value         store.SheetValue
	Grades        []gradeOption
	// Objective is the computed points of an objective criterion ("" when
	// the applicant's figure is missing) and the figure it comes from.
	Objective     string
	ObjectiveFrom string
	Flag          *store.ScoreFlag
}

// IsPoints, IsGrades, IsVeto and IsObjective tell the template the kind.
func (r criterionRow) IsPoints() bool    { return r.Criterion.Kind == rubrics.KindPoints }
func (r criterionRow) IsGrades() bool    { return r.Criterion.Kind == rubrics.KindGrades }
func (r criterionRow) IsVeto() bool      { return r.Criterion.Kind == rubrics.KindVeto }
func (r criterionRow) IsObjective() bool { return r.Criterion.Kind == rubrics.KindObjective }

// Field names for the template.
func (r criterionRow) PointsName() string  { return pointsField(r.Criterion.ID) }
func (r criterionRow) GradeName() string   { return gradeField(r.Criterion.ID) }
func (r criterionRow) VetoName() string    { return vetoField(r.Criterion.ID) }
func (r criterionRow) ReasonName() string  { return reasonField(r.Criterion.ID) }
func (r criterionRow) CommentName() string { return commentField(r.Criterion.ID) }

// criterionRows lays the stage's criteria out for the sheet with the given
// values, computing objective criteria from the applicant's figures.
func criterionRows(rules *rubrics.Stage, values map[string]store.SheetValue, content dossier.Content, flags []store.ScoreFlag) []criterionRow {
	var out []criterionRow
	for gi := range rules.Groups {
		g := &rules.Groups[gi]
		for ci := range g.Criteria {
			cr := &g.Criteria[ci]
			row := criterionRow{Criterion: cr, GroupName: g.Name, GroupGuidance: g.Guidance, NewGroup: ci == 0, Value: values[cr.ID]}
			if !g.Max.IsZero() {
				row.GroupMax = g.Max.String()
			}
			for _, gr := range cr.Grades {
				opt := gradeOption{Label: gr.Label, Range: gr.Min.String() + "–" + gr.Max.String(), Min: gr.Min.String(),
					Max: gr.Max.String(), Checked: row.Value.Grade == gr.Label}
				if gr.Min == gr.Max {
					opt.Range, opt.Fixed = gr.Min.String(), gr.Min.String()
				}
				row.Grades = append(row.Grades, opt)
			}
			if cr.Kind == rubrics.KindObjective {
				row.Objective, row.ObjectiveFrom = objectivePoints(rules, cr, content)
			}
			for i := range flags {
				if flags[i].CriterionID == cr.ID {
					row.Flag = &flags[i]
				}
			}
			out = append(out, row)
		}
	}
	return out
}

// objectivePoints computes an objective criterion from the applicant's
// figure as filed; the office's verified figure is what finally counts.
func objectivePoints(rules *rubrics.Stage, cr *rubrics.Criterion, content dossier.Content) (points, from string) {
	ind := rules.Indicator(cr.Indicator)
	if ind == nil {
		return "", ""
	}
	text := content.Indicator(ind.ID)
	v, err := ind.CheckValue(text)
	if err != nil || v == nil {
		return "", ind.Name + "：未填写"
	}
	p, err := cr.ObjectivePoints(*v)
	if err != nil {
		return "", ind.Name + "：" + inputMessage(err)
	}
	return p.String(), fmt.Sprintf("%s %s%s", ind.Name, v.String(), ind.Unit)
}
