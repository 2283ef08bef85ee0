package results

import (
	"chainjudge/rubrics"
	"chainjudge/scoring"
)

// Dossier is one entrant of a stage, as the results show it.
type Dossier struct {
	// Key is the published identifier, the dossier number (申报编号); it is
	// unique within a competition and is what exports and tie notes name.
	Key string `json:"key"`
	// ID is the application's own id, carried through untouched.
	ID int64 `json:"id"`
	// Title is the dossier's title, e.g. 无锡市物联网产业链.
	Title string `json:"title"`
	// Chain, Cluster and City name the chain, its cluster and the core
	// region's 设区市; the results page filters by them and the per-group
	// quotas count by Cluster or City.
	Chain   string `json:"chain"`
	Cluster string `json:"cluster"`
	City    string `json:"city"`
	// Panel names the expert panel that scored the dossier (e.g. the draw's
	// scope); agreement statistics are computed per panel. Empty puts every
	// dossier in one panel.
	Panel string `json:"panel,omitempty"`
}

// Score is one expert's submitted answer to one criterion.
type Score struct {
	// Dossier is the dossier's Key.
	Dossier string
	// Judge is the expert's anonymised code, stable within a competition.
	Judge string
	// Criterion is the rubric criterion id.
	Criterion string
	// Points is the score as the rubric checked it (points and grades
	// criteria); empty for a veto criterion.
	Points string
	// Veto is true when the expert answered yes to a veto criterion, with
	// VetoReason.
	Veto       bool
	VetoReason string
}

// FlagReason is an expert's written reason for a 畸高/畸低 score.
type FlagReason struct {
	Dossier, Judge, Criterion string
	Reason                    string
}

// Veto is a veto the office confirmed: the dossier is disqualified.
type Veto struct {
	// Criterion is the veto criterion's id.
	Criterion string `json:"criterion"`
	// Reason is shown wherever the dossier appears.
	Reason string `json:"reason"`
}

// StageInput is everything needed to compute one stage's results.
type StageInput struct {
	// Rubric is the frozen rubric (the stage's snapshot) and StageID the
	// stage within it.
	Rubric  *rubrics.Rubric
	StageID string
	// RubricHash is recorded with the result.
	RubricHash string
	// Dossiers are the stage's entrants.
	Dossiers []Dossier
	// Scores are the submitted scores of the stage; scores of dossiers not
	// listed are an error.
	Scores []Score
	// FlagReasons are the experts' written reasons for flagged scores.
	FlagReasons []FlagReason
	// Indicators holds the verified indicator values by dossier key and
	// indicator id; an objective criterion without a verified value leaves
	// the dossier incomplete.
	Indicators map[string]map[string]rubrics.Decimal
	// Vetoes holds the confirmed vetoes by dossier key.
	Vetoes map[string]Veto
	// PriorScores holds earlier stages' scores by stage id and dossier key,
	// for stage:ID tie-breaks.
	PriorScores map[string]map[string]scoring.Decimal
	// Severity also fits the judge severity correction, shown beside the raw
	// result and never instead of it.
	Severity bool
}

// toScoring converts a rubric decimal (same scale) into a scoring decimal.
func toScoring(d rubrics.Decimal) scoring.Decimal {
	v, err := scoring.NewDecimal(d.Micros(), rubrics.DecimalPlaces)
	if err != nil {
		// Both packages keep six decimals in an int64 of millionths: the
		// conversion is the identity and cannot fail.
		panic("results: decimal conversion: " + err.Error())
	}
	return v
}
