package rubrics

import "gopkg.in/yaml.v3"

// SchemaVersion is the rubric file format this package reads and writes.
const SchemaVersion = 1

// StageTotal is the number of points every stage is scored out of: the
// maxima of a stage's 二级指标 add up to it (veto items carry no points).
const StageTotal = 100

// Rubric is one competition type's complete scoring rules. It is a plain
// value: the web form edits it, Marshal writes it back, Hash identifies it.
type Rubric struct {
	// Schema is the file format version; always SchemaVersion.
	Schema int `yaml:"schema"`
	// ID is a short machine name, e.g. "regional-excellent-chain".
	ID string `yaml:"id"`
	// Name is the rubric's title shown to everyone.
	Name string `yaml:"name"`
	// Version is the office's own label for this edition, e.g. "2026.1".
	Version string `yaml:"version"`
	// Description explains the rubric to applicants and experts.
	Description string `yaml:"description,omitempty"`
	// Final says how stage scores make the final score and who is selected.
	Final Final `yaml:"final"`
	// Stages are the competition's stages in order, e.g. 申报 → 考察 → 遴选.
	Stages []Stage `yaml:"stages"`
}

// Final is how the final result is formed. The final score is
// Σ weight × stage score ÷ (sum of weights) over the weighted stages, so it
// is on the same 0–100 scale as a stage score whether weights add to 1 or 100.
type Final struct {
	// Decimals is where the final score is rounded half-up.
	Decimals int `yaml:"decimals"`
	// Selection decides who is selected (入选) on the final score.
	Selection Advancement `yaml:"selection"`
	// TieBreak breaks ties on the final score, in order.
	TieBreak []TieBreak `yaml:"tie_break,omitempty"`
}

// Stage is one stage of the competition.
type Stage struct {
	// ID is the stage's machine name, e.g. "apply"; the store keys stages by it.
	ID string `yaml:"id"`
	// Name is the stage's Chinese name, e.g. "申报评审".
	Name string `yaml:"name"`
	// Description explains the stage.
	Description string `yaml:"description,omitempty"`
	// Mode says whether the stage score is weighted into the final score or
	// the stage only gates who goes on.
	Mode StageMode `yaml:"mode"`
	// Weight is the stage's weight in the final score (ModeWeighted only).
	Weight Decimal `yaml:"weight,omitempty"`
	// ExpertsPerDossier is the panel size: how many experts score each
	// dossier, and the minimum for the stage to be scored. 0 when the stage
	// has only objective criteria.
	ExpertsPerDossier int `yaml:"experts_per_dossier"`
	// BlindReview hides the applicant's identity from the experts.
	BlindReview bool `yaml:"blind_review"`
	// Aggregation combines the experts' scores of one criterion.
	Aggregation Aggregation `yaml:"aggregation"`
	// Outliers decides which expert scores demand a written reason (畸高/畸低).
	Outliers OutlierRule `yaml:"outliers"`
	// Advancement decides who goes on to the next stage; nil on the last stage.
	Advancement *Advancement `yaml:"advancement,omitempty"`
	// TieBreak breaks ties on the stage score, in order.
	TieBreak []TieBreak `yaml:"tie_break,omitempty"`
	// Requirements are what applicants must supply for this stage.
	Requirements Requirements `yaml:"requirements,omitempty"`
	// Groups are the 一级指标, each holding its 二级指标.
	Groups []Group `yaml:"groups"`
}

// Aggregation says how one criterion's expert scores are combined.
type Aggregation struct {
	// Method is one of the Methods.
	Method Method `yaml:"method"`
	// Drop is the number of scores dropped (trimmed_mean) or replaced
	// (winsorized_mean) at each end. Nil applies the panel-size rule
	// (PanelRuleText). It maps directly onto scoring.AggregateOptions.Trim.
	Drop *int `yaml:"drop,omitempty"`
	// Decimals is where aggregated criterion scores and the stage score are
	// rounded half-up.
	Decimals int `yaml:"decimals"`
}

// OutlierRule flags an expert's score as 畸高 or 畸低, which then needs a
// written reason before the panel report is signed (87号令 §64).
type OutlierRule struct {
	// ModifiedZ flags a score whose modified z-score
	// 0.6745·(x − median)/MAD exceeds it in absolute value.
	ModifiedZ Decimal `yaml:"modified_z"`
	// MADZeroShare applies when MAD is 0 (more than half the panel agree): a
	// score at least this share of the criterion's maximum away from the
	// median is flagged, e.g. 0.2 of 10 points = 2 points.
	MADZeroShare Decimal `yaml:"mad_zero_share"`
}

// Default outlier settings, filled in by Parse when a file leaves them out.
var (
	DefaultModifiedZ    = MustDecimal("3.5")
	DefaultMADZeroShare = MustDecimal("0.2")
)

// Advancement decides who goes on (or, under Final, who is selected). The
// rules apply in order: first the threshold, then at most TopNPerGroup per
// group, then at most TopN overall, each on the ranking after tie-breaks.
// A zero field is not used; at least one must be set.
type Advancement struct {
	// TopN keeps the best N.
	TopN int `yaml:"top_n,omitempty"`
	// Threshold keeps scores at or above it (0–100).
	Threshold Decimal `yaml:"threshold,omitempty"`
	// TopNPerGroup keeps at most N per group.
	TopNPerGroup int `yaml:"top_n_per_group,omitempty"`
	// GroupBy names the grouping for TopNPerGroup.
	GroupBy GroupBy `yaml:"group,omitempty"`
	// ExcludeBoundaryTies: when entries still share the last place after
	// every tie-break, none of them goes on. By default all of them do, so
	// more than TopN may go on (scoring.Gate.ExcludeBoundaryTies).
	ExcludeBoundaryTies bool `yaml:"exclude_boundary_ties,omitempty"`
}

// Requirements are what an applicant must supply in one stage.
type Requirements struct {
	// Indicators are the figures reported (and verified by the office).
	Indicators []Indicator `yaml:"indicators,omitempty"`
	// Sections are the narrative texts.
	Sections []Section `yaml:"sections,omitempty"`
	// LeadEnterprises bounds the length of the lead-enterprise (龙头企业) list;
	// nil when the stage asks for none.
	LeadEnterprises *CountRange `yaml:"lead_enterprises,omitempty"`
	// KeyProjects bounds the length of the key-project (重点项目) list.
	KeyProjects *CountRange `yaml:"key_projects,omitempty"`
	// Attachments are the files to upload.
	Attachments []Attachment `yaml:"attachments,omitempty"`
}

// Indicator is one figure the applicant reports, e.g. 主导产业营业收入 in 亿元.
type Indicator struct {
	// ID keys the applicant's value; unique among the stage's requirements.
	ID string `yaml:"id"`
	// Name is the indicator's Chinese name, e.g. 主导产业营业收入.
	Name string `yaml:"name"`
	// Unit is shown after the input, e.g. "亿元", "家", "%". Parse sets "%"
	// for percent indicators that leave it out.
	Unit string `yaml:"unit,omitempty"`
	// Kind is the type of the value.
	Kind IndicatorKind `yaml:"kind"`
	// Min and Max bound accepted values when set.
	Min *Decimal `yaml:"min,omitempty"`
	Max *Decimal `yaml:"max,omitempty"`
	// Required refuses a dossier without the figure.
	Required bool `yaml:"required"`
	// Help explains the definition and the source of the figure.
	Help string `yaml:"help,omitempty"`
}

// Section is one narrative text of the dossier.
type Section struct {
	// ID keys the text; unique among the stage's requirements.
	ID string `yaml:"id"`
	// Title heads the section in the dossier.
	Title string `yaml:"title"`
	// Guidance tells the applicant what to write.
	Guidance string `yaml:"guidance,omitempty"`
	// MinChars and MaxChars bound the length in characters as CharCount
	// counts them (whitespace not counted).
	MinChars int `yaml:"min_chars"`
	MaxChars int `yaml:"max_chars"`
	// Required refuses a dossier without the text.
	Required bool `yaml:"required"`
}

// CountRange bounds the number of entries in a list.
type CountRange struct {
	// Min and Max bound the number of entries, both inclusive.
	Min int `yaml:"min"`
	Max int `yaml:"max"`
}

// Attachment is one file the applicant uploads.
type Attachment struct {
	// ID keys the upload; unique among the stage's requirements.
	ID string `yaml:"id"`
	// Name says what the file is, e.g. 申报书（盖章扫描件）.
	Name string `yaml:"name"`
	// Required refuses a dossier without the file.
	Required bool `yaml:"required"`
	// Kinds are the accepted file kinds.
	Kinds []FileKind `yaml:"kinds"`
	// Help explains what the file must contain.
	Help string `yaml:"help,omitempty"`
}

// Group is a 一级指标: a heading with a maximum that its 二级指标 share.
type Group struct {
	// ID is unique across the rubric, e.g. "A1".
	ID string `yaml:"id"`
	// Name is the 一级指标's name, e.g. 龙头企业引领.
	Name string `yaml:"name"`
	// Guidance explains the group to experts.
	Guidance string `yaml:"guidance,omitempty"`
	// Max equals the sum of its criteria's maxima (0 for a veto-only group).
	Max Decimal `yaml:"max,omitempty"`
	// Criteria are the group's 二级指标.
	Criteria []Criterion `yaml:"criteria"`
}

// Criterion is a 二级指标, the unit that is scored.
type Criterion struct {
	// ID is unique across the rubric, e.g. "A2.4"; scores are keyed by it.
	ID string `yaml:"id"`
	// Name is the 二级指标's name.
	Name string `yaml:"name"`
	// Kind is how the criterion is scored.
	Kind Kind `yaml:"kind"`
	// Guidance is the 评分要点 shown to experts.
	Guidance string `yaml:"guidance,omitempty"`
	// Max is the most points the criterion gives (not for veto).
	Max Decimal `yaml:"max,omitempty"`
	// Step is the granularity of an expert's points (points and grades).
	Step Decimal `yaml:"step,omitempty"`
	// Grades are the grade bands (grades only).
	Grades []Grade `yaml:"grades,omitempty"`
	// Indicator is the id of the stage indicator an objective criterion is
	// computed from.
	Indicator string `yaml:"indicator,omitempty"`
	// Bands compute objective points by steps; exclusive with Linear.
	Bands []Band `yaml:"bands,omitempty"`
	// Linear computes objective points by a straight line; exclusive with Bands.
	Linear *Linear `yaml:"linear,omitempty"`
}

// Grade is one grade an expert can pick, e.g. 优 for 9–10 points.
type Grade struct {
	// Label is what the expert picks, e.g. 优.
	Label string `yaml:"label"`
	// Min and Max bound the points of the grade, both inclusive.
	Min Decimal `yaml:"min"`
	Max Decimal `yaml:"max"`
}

// Band gives Points to an indicator value at or above From (and below the
// next band's From). Values below the first band give 0.
type Band struct {
	// From is the lowest indicator value of the band.
	From Decimal `yaml:"from"`
	// Points are awarded for values in the band.
	Points Decimal `yaml:"points"`
}

// Linear gives 0 points at ZeroAt and the criterion's maximum at FullAt,
// proportionally in between and capped at both ends. ZeroAt may be above
// FullAt for indicators where less is better.
type Linear struct {
	// ZeroAt is the indicator value that gives 0 points.
	ZeroAt Decimal `yaml:"zero_at"`
	// FullAt is the indicator value that gives the maximum.
	FullAt Decimal `yaml:"full_at"`
	// Decimals is where the computed points are rounded half-up.
	Decimals int `yaml:"decimals"`
}

// indicatorYAML mirrors Indicator for encoding. The YAML encoder treats a
// non-nil *Decimal pointing at 0 as empty (Decimal implements IsZero) and
// would drop "min: 0"; a *yaml.Node is only empty when nil.
type indicatorYAML struct {
	ID       string        `yaml:"id"`
	Name     string        `yaml:"name"`
	Unit     string        `yaml:"unit,omitempty"`
	Kind     IndicatorKind `yaml:"kind"`
	Min      *yaml.Node    `yaml:"min,omitempty"`
	Max      *yaml.Node    `yaml:"max,omitempty"`
	Required bool          `yaml:"required"`
	Help     string        `yaml:"help,omitempty"`
}

// MarshalYAML writes the indicator, keeping a bound of 0.
func (ind Indicator) MarshalYAML() (any, error) {
	bound := func(d *Decimal) *yaml.Node {
		if d == nil {
			return nil
		}
		return d.node()
	}
	return indicatorYAML{ID: ind.ID, Name: ind.Name, Unit: ind.Unit, Kind: ind.Kind, Min: bound(ind.Min),
		Max: bound(ind.Max), Required: ind.Required, Help: ind.Help}, nil
}
