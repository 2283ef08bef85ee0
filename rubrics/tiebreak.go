package rubrics

import (
	"strings"
)

// TieBreakKind is what a tie-break rule compares.
type TieBreakKind string

// The tie-break kinds.
const (
	// TieCriterion compares the aggregated score of one 二级指标.
	TieCriterion TieBreakKind = "criterion"
	// TieGroup compares the subtotal of one 一级指标.
	TieGroup TieBreakKind = "group"
	// TieStage compares the score of an earlier (or, in Final, any) stage.
	TieStage TieBreakKind = "stage"
	// TieMedian compares the median of the experts' total scores.
	TieMedian TieBreakKind = "median"
)

// TieBreak is one rule of a tie-break chain, written in a file as
// "criterion:A4.1", "group:A4", "stage:apply" or "median". Higher wins.
type TieBreak struct {
	Kind TieBreakKind
	// Ref is the referenced criterion, group or stage id; empty for median.
	Ref string
}

// ParseTieBreak reads the text form of a tie-break rule.
func ParseTieBreak(s string) (TieBreak, error) {
	var t TieBreak
	if m := t.setScalar(s); m != nil {
		return TieBreak{}, &InputError{Message: m.zh, English: m.en}
	}
	return t, nil
}

// String returns the text form, e.g. "group:A4".
func (t TieBreak) String() string {
	if t.Ref == "" {
		return string(t.Kind)
	}
	return string(t.Kind) + ":" + t.Ref
}

// Label describes the rule in Chinese for summaries and calculation sheets.
func (t TieBreak) Label() string {
	switch t.Kind {
	case TieCriterion:
		return "二级指标 " + t.Ref + " 得分"
	case TieGroup:
		return "一级指标 " + t.Ref + " 小计"
	case TieStage:
		return "阶段 " + t.Ref + " 得分"
	case TieMedian:
		return "专家总分中位数"
	}
	return t.String()
}

// MarshalYAML writes the text form.
func (t TieBreak) MarshalYAML() (any, error) { return t.String(), nil }

// MarshalText writes the text form.
func (t TieBreak) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// setScalar decodes the text form; references are checked by Validate.
func (t *TieBreak) setScalar(value string) *message {
	kind, ref, hasRef := strings.Cut(strings.TrimSpace(value), ":")
	switch TieBreakKind(kind) {
	case TieMedian:
		if hasRef {
			return msgf("“%s”有误：median 后面不带编号", "%q: median takes no id", value)
		}
	case TieCriterion, TieGroup, TieStage:
		if strings.TrimSpace(ref) == "" {
			return msgf("“%s”缺少编号，应写作 %s:编号", "%q lacks an id; write %s:ID", value, kind)
		}
	default:
		return msgf("无法识别的同分规则“%s”，应为 criterion:编号、group:编号、stage:编号 或 median",
			"unknown tie-break rule %q; use criterion:ID, group:ID, stage:ID or median", value)
	}
	*t = TieBreak{Kind: TieBreakKind(kind), Ref: strings.TrimSpace(ref)}
	return nil
}
