package scoring

import "fmt"

// Input limits. They are far beyond any real competition and guarantee that no
// sum, mean or weighted total inside the engine can overflow a Decimal.
const (
	// MaxAbsScore bounds every score, maximum, cap and outlier threshold:
	// |x| ≤ 10^6.
	MaxAbsScore = 1_000_000
	// MaxWeight bounds criterion and stage weights.
	MaxWeight = 1_000
	// MaxAbsTotal bounds totals handed back to the engine: stage scores,
	// gate thresholds and severity observations. A stage total is at most
	// MaxCriteria × MaxAbsScore × MaxWeight, which a Decimal holds.
	MaxAbsTotal = 1_000_000_000
	// MaxJudges bounds the number of judges on one panel.
	MaxJudges = 1000
	// MaxCriteria bounds the number of criteria in one stage.
	MaxCriteria = 1000
	// MaxDecimals is the largest number of decimals a rule may round to.
	MaxDecimals = Scale
)

var (
	maxAbsScore = Decimal{MaxAbsScore * unit}
	maxWeight   = Decimal{MaxWeight * unit}
	maxAbsTotal = Decimal{MaxAbsTotal * unit}
)

// checkMagnitude refuses a value outside ±MaxAbsScore.
func checkMagnitude(what string, d Decimal) error {
	if d.Abs().Cmp(maxAbsScore) > 0 {
		return fmt.Errorf("%s %s 超出允许范围 ±%d (value out of range)", what, d, MaxAbsScore)
	}
	return nil
}

// checkTotal refuses a total outside ±MaxAbsTotal.
func checkTotal(what string, d Decimal) error {
	if d.Abs().Cmp(maxAbsTotal) > 0 {
		return fmt.Errorf("%s %s 超出允许范围 ±%d (value out of range)", what, d, MaxAbsTotal)
	}
	return nil
}

// checkWeight refuses a weight outside [0, MaxWeight] (or (0, MaxWeight]
// when positive is set).
func checkWeight(what string, w Decimal, positive bool) error {
	if w.Sign() < 0 || (positive && w.IsZero()) || w.Cmp(maxWeight) > 0 {
		return fmt.Errorf("%s %s 应为不超过 %d 的正数 (weight out of range)", what, w, MaxWeight)
	}
	return nil
}

// checkDecimals refuses a rounding position outside [0, MaxDecimals].
func checkDecimals(what string, p *int) error {
	if p != nil && (*p < 0 || *p > MaxDecimals) {
		return fmt.Errorf("%s %d 应在 0–%d 之间 (decimals out of range)", what, *p, MaxDecimals)
	}
	return nil
}

// checkJudgeScore is checkMagnitude for one judge's score; it builds the
// message only on failure because it runs for every score.
func checkJudgeScore(judge string, d Decimal) error {
	if d.micros > maxAbsScore.micros || d.micros < -maxAbsScore.micros {
		return checkMagnitude("评委 "+judge+" 的评分", d)
	}
	return nil
}
