package rubrics

import (
	"strings"
	"unicode/utf8"
)

// InputError is a value an expert or applicant entered that the rubric does
// not accept. Message is the Chinese sentence to show beside the input.
type InputError struct {
	// Field is the id of the criterion, indicator, section or attachment.
	Field string
	// Message is the Chinese sentence, e.g. "分值 7.3 不在步长 0.5 上".
	Message string
	// English is the same sentence in English.
	English string
}

// Error returns "Message (English)", prefixed by the field when known.
func (e *InputError) Error() string {
	s := e.Message + " (" + e.English + ")"
	if e.Field != "" {
		return e.Field + ": " + s
	}
	return s
}

func inputErr(field string, m *message) *InputError {
	return &InputError{Field: field, Message: m.zh, English: m.en}
}

// Input is one expert's answer to one criterion, as typed in the form.
type Input struct {
	// Points is the score: for points criteria the number given, for grades
	// criteria the number within the chosen grade's band (may be left empty
	// when the band is a single value).
	Points string
	// Grade is the chosen grade label (grades criteria).
	Grade string
	// Veto is "yes" or "no" (also 是/否) for a veto criterion.
	Veto string
	// Reason is required when Veto is yes.
	Reason string
}

// Mark is an expert's checked answer to one criterion.
type Mark struct {
	// Points awarded; 0 for a veto criterion.
	Points Decimal
	// Grade is the chosen grade (grades criteria).
	Grade string
	// Vetoed is true when the expert answered yes to a veto criterion.
	Vetoed bool
	// Reason is the written reason of a veto (trimmed).
	Reason string
}

// CheckInput checks one expert input against the criterion: points within
// [0, max] and on the step; a known grade with points in its band; a yes/no
// veto with a reason when yes. Objective criteria take no expert input.
// The error is an *InputError with a Chinese message.
func (c *Criterion) CheckInput(in Input) (Mark, error) {
	switch c.Kind {
	case KindPoints:
		p, err := c.checkPoints(in.Points, Decimal{}, c.Max)
		return Mark{Points: p}, err
	case KindGrades:
		return c.checkGrade(in)
	case KindVeto:
		return c.checkVeto(in)
	case KindObjective:
		return Mark{}, inputErr(c.ID, msgf("客观指标由办公室根据核实数据计算，专家不评分", "objective criteria are computed from verified data, not scored by experts"))
	}
	return Mark{}, inputErr(c.ID, msgf("未知的指标类型“%s”", "unknown criterion kind %q", c.Kind))
}

// CheckPoints checks a number of points given for a points criterion.
func (c *Criterion) CheckPoints(p Decimal) error {
	_, err := c.checkPoints(p.String(), Decimal{}, c.Max)
	return err
}

// checkPoints parses text and checks it lies in [lo, hi] and on the step.
func (c *Criterion) checkPoints(text string, lo, hi Decimal) (Decimal, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Decimal{}, inputErr(c.ID, msgf("请填写分值（%s–%s）", "enter the points (%s–%s)", lo, hi))
	}
	p, m := parseDecimal(text)
	if m != nil {
		return Decimal{}, inputErr(c.ID, m)
	}
	if p.Cmp(lo) < 0 || p.Cmp(hi) > 0 {
		return Decimal{}, inputErr(c.ID, msgf("分值 %s 不在 %s–%s 之内", "%s lies outside %s–%s", p, lo, hi))
	}
	if !p.IsMultipleOf(c.Step) {
		return Decimal{}, inputErr(c.ID, msgf("分值 %s 不在步长 %s 上", "%s is not on the step %s", p, c.Step))
	}
	return p, nil
}

func (c *Criterion) checkGrade(in Input) (Mark, error) {
	label := strings.TrimSpace(in.Grade)
	if label == "" {
		return Mark{}, inputErr(c.ID, msgf("请选择等级（%s）", "choose a grade (%s)", c.gradeLabels()))
	}
	g := c.Grade(label)
	if g == nil {
		return Mark{}, inputErr(c.ID, msgf("没有等级“%s”，可选 %s", "there is no grade %q; choose %s", label, c.gradeLabels()))
	}
	if strings.TrimSpace(in.Points) == "" && g.Min == g.Max {
		return Mark{Points: g.Min, Grade: g.Label}, nil
	}
	p, err := c.checkPoints(in.Points, g.Min, g.Max)
	if err != nil {
		ie := err.(*InputError)
		ie.Message = "等级“" + g.Label + "”：" + ie.Message
		ie.English = "grade " + g.Label + ": " + ie.English
		return Mark{}, ie
	}
	return Mark{Points: p, Grade: g.Label}, nil
}

func (c *Criterion) gradeLabels() string {
	labels := make([]string, len(c.Grades))
	for i, g := range c.Grades {
		labels[i] = g.Label
	}
	return strings.Join(labels, "、")
}

func (c *Criterion) checkVeto(in Input) (Mark, error) {
	var vetoed bool
	switch strings.ToLower(strings.TrimSpace(in.Veto)) {
	case "yes", "是", "true":
		vetoed = true
	case "no", "否", "false":
		return Mark{}, nil
	case "":
		return Mark{}, inputErr(c.ID, msgf("请选择是否存在否决情形", "answer whether the veto applies"))
	default:
		return Mark{}, inputErr(c.ID, msgf("“%s”无效，请选择“是”或“否”", "%q is invalid; answer yes or no", in.Veto))
	}
	reason := strings.TrimSpace(in.Reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		return Mark{}, inputErr(c.ID, msgf("触发否决项必须写明理由", "a veto needs a written reason"))
	case n > MaxTextChars:
		return Mark{}, inputErr(c.ID, msgf("理由长度为 %d 个字符，上限 %d", "the reason has %d characters; the limit is %d", n, MaxTextChars))
	}
	return Mark{Vetoed: vetoed, Reason: reason}, nil
}
