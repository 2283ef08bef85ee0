package rubrics

import (
	"math/big"
)

// ObjectivePoints computes an objective criterion's points from the verified
// indicator value. Bands: the points of the last band whose From is at or
// below the value (0 below the first band). Linear: max × (value − ZeroAt) ÷
// (FullAt − ZeroAt), capped to [0, max] and rounded half-up at
// Linear.Decimals. The arithmetic is exact.
func (c *Criterion) ObjectivePoints(value Decimal) (Decimal, error) {
	if c.Kind != KindObjective {
		return Decimal{}, inputErr(c.ID, msgf("%s 不是客观指标", "%s is not an objective criterion", c.ID))
	}
	switch {
	case len(c.Bands) > 0:
		points := Decimal{}
		for _, b := range c.Bands {
			if value.Cmp(b.From) >= 0 {
				points = b.Points
			}
		}
		return points, nil
	case c.Linear != nil:
		return c.Linear.points(value, c.Max)
	}
	return Decimal{}, inputErr(c.ID, msgf("客观指标 %s 没有计分规则", "objective criterion %s has no formula", c.ID))
}

// points evaluates the linear formula for a criterion maximum.
func (l *Linear) points(value, max Decimal) (Decimal, error) {
	if l.Decimals < 0 || l.Decimals > DecimalPlaces {
		return Decimal{}, inputErr("", msgf("小数位数 %d 应在 0–%d 之间", "decimals %d must be 0–%d", l.Decimals, DecimalPlaces))
	}
	span := l.FullAt.Sub(l.ZeroAt).micros
	if span == 0 {
		return Decimal{}, inputErr("", msgf("full_at 与 zero_at 相同，无法计算", "full_at equals zero_at"))
	}
	// ratio = (value − ZeroAt) / span, as a fraction num/den with den > 0.
	num := big.NewInt(value.Sub(l.ZeroAt).micros)
	den := big.NewInt(span)
	if den.Sign() < 0 {
		num.Neg(num)
		den.Neg(den)
	}
	if num.Sign() <= 0 {
		return Decimal{}, nil
	}
	if num.Cmp(den) >= 0 {
		return max, nil
	}
	// micros = max.micros × num / den, rounded half-up to a multiple of
	// 10^(DecimalPlaces − Decimals): q = floor((2·max·num + d) / (2·d)),
	// d = den × quantum.
	quantum := big.NewInt(1)
	for i := l.Decimals; i < DecimalPlaces; i++ {
		quantum.Mul(quantum, big.NewInt(10))
	}
	d := new(big.Int).Mul(den, quantum)
	n := new(big.Int).Mul(big.NewInt(max.micros), num)
	n.Mul(n, big.NewInt(2)).Add(n, d)
	q := n.Quo(n, d.Mul(d, big.NewInt(2)))
	q.Mul(q, quantum)
	return Decimal{q.Int64()}, nil
}
