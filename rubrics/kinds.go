package rubrics

import (
	"path"
	"strings"
)

// Kind is how a criterion is scored.
type Kind string

// The criterion kinds.
const (
	// KindPoints: an expert gives a number in [0, max] on the step.
	KindPoints Kind = "points"
	// KindGrades: an expert picks a grade (优/良/中/差 …) and points within
	// its band.
	KindGrades Kind = "grades"
	// KindVeto: an expert answers yes or no (否决项); yes disqualifies the
	// dossier and needs a written reason. No points.
	KindVeto Kind = "veto"
	// KindObjective: computed once from a verified indicator; experts do not
	// score it.
	KindObjective Kind = "objective"
)

// Kinds lists every criterion kind.
var Kinds = []Kind{KindPoints, KindGrades, KindVeto, KindObjective}

// Label returns the kind's Chinese name.
func (k Kind) Label() string {
	switch k {
	case KindPoints:
		return "专家打分"
	case KindGrades:
		return "专家评等"
	case KindVeto:
		return "否决项"
	case KindObjective:
		return "客观计分"
	}
	return string(k)
}

// ScoredByExperts reports whether experts enter a value for the kind.
func (k Kind) ScoredByExperts() bool { return k == KindPoints || k == KindGrades || k == KindVeto }

// StageMode says what a stage's score is used for.
type StageMode string

// The stage modes.
const (
	// ModeWeighted: the stage score enters the final score with the stage's
	// weight (and the stage may still gate through its advancement rule).
	ModeWeighted StageMode = "weighted"
	// ModeGate: the stage only decides who goes on; its score is not carried.
	ModeGate StageMode = "gate"
)

// Label returns the mode's Chinese name.
func (m StageMode) Label() string {
	switch m {
	case ModeWeighted:
		return "计入总分"
	case ModeGate:
		return "仅作晋级门槛"
	}
	return string(m)
}

// Method names how one criterion's expert scores are combined. The names are
// the scoring engine's (scoring.Method).
type Method string

// The aggregation methods.
const (
	// MethodMean is the arithmetic mean of every score.
	MethodMean Method = "mean"
	// MethodMedian is the middle score, or the mean of the two middle ones.
	MethodMedian Method = "median"
	// MethodTrimmedMean drops k scores at each end, then averages.
	MethodTrimmedMean Method = "trimmed_mean"
	// MethodWinsorizedMean replaces k scores at each end by their neighbour,
	// then averages.
	MethodWinsorizedMean Method = "winsorized_mean"
)

// Methods lists every aggregation method.
var Methods = []Method{MethodMean, MethodMedian, MethodTrimmedMean, MethodWinsorizedMean}

// Label returns the method's Chinese name.
func (m Method) Label() string {
	switch m {
	case MethodMean:
		return "算术平均"
	case MethodMedian:
		return "中位数"
	case MethodTrimmedMean:
		return "去掉最高最低分后平均"
	case MethodWinsorizedMean:
		return "缩尾平均"
	}
	return string(m)
}

// Drops reports whether the method drops or replaces scores at each end, so
// that a drop count applies.
func (m Method) Drops() bool { return m == MethodTrimmedMean || m == MethodWinsorizedMean }

// PanelRuleText states the default drop count, applied when Aggregation.Drop
// is nil; it is the scoring engine's panel-size rule.
const PanelRuleText = "评委 2 人及以下取算术平均；3–9 人每端去掉 1 个；10–14 人每端 2 个；15 人及以上每端 3 个"

// IndicatorKind is the type of an indicator value.
type IndicatorKind string

// The indicator kinds.
const (
	// IndicatorNumber is any decimal number.
	IndicatorNumber IndicatorKind = "number"
	// IndicatorInteger is a whole number, e.g. a count of firms.
	IndicatorInteger IndicatorKind = "integer"
	// IndicatorPercent is a percentage written without the % sign (3.2 for
	// 3.2%).
	IndicatorPercent IndicatorKind = "percent"
)

// IndicatorKinds lists every indicator kind.
var IndicatorKinds = []IndicatorKind{IndicatorNumber, IndicatorInteger, IndicatorPercent}

// FileKind is an accepted attachment type.
type FileKind string

// The attachment kinds.
const (
	FilePDF  FileKind = "pdf"  // PDF document
	FileJPEG FileKind = "jpeg" // JPEG image (.jpg or .jpeg)
	FilePNG  FileKind = "png"  // PNG image
	FileXLSX FileKind = "xlsx" // Excel workbook
	FileDOCX FileKind = "docx" // Word document
)

// FileKinds lists every attachment kind.
var FileKinds = []FileKind{FilePDF, FileJPEG, FilePNG, FileXLSX, FileDOCX}

// FileKindOf returns the kind a file name's extension claims (".jpg" and
// ".jpeg" are both FileJPEG), and false for any other extension. The
// application still checks the content.
func FileKindOf(name string) (FileKind, bool) {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	if ext == "jpg" {
		ext = "jpeg"
	}
	for _, k := range FileKinds {
		if string(k) == ext {
			return k, true
		}
	}
	return "", false
}

// GroupBy names what a per-group advancement quota counts by.
type GroupBy string

// The groupings.
const (
	// GroupCluster counts per advanced-manufacturing cluster (先进制造业集群).
	GroupCluster GroupBy = "cluster"
	// GroupCity counts per 设区市 of the applicant.
	GroupCity GroupBy = "city"
)

// GroupBys lists every grouping.
var GroupBys = []GroupBy{GroupCluster, GroupCity}

// Label returns the grouping's Chinese name.
func (g GroupBy) Label() string {
	switch g {
	case GroupCluster:
		return "产业集群"
	case GroupCity:
		return "设区市"
	}
	return string(g)
}

// oneOf reports whether v is among the allowed values.
func oneOf[T ~string](v T, allowed []T) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// quoted lists allowed values for a message: "mean"、"median".
func quoted[T ~string](allowed []T) string {
	parts := make([]string, len(allowed))
	for i, a := range allowed {
		parts[i] = `"` + string(a) + `"`
	}
	return strings.Join(parts, ", ")
}
