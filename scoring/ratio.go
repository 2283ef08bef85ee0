package scoring

import (
	"math/bits"
	"strconv"
)

// Ratio is an exact quotient: a Decimal sum over a positive whole-number
// divisor, such as (6 + 8 + 9) / 3. Aggregates are kept as a Ratio so that
// the value is rounded exactly once, at the point the rule names.
type Ratio struct {
	num Decimal
	den int64
}

// newRatio returns num / den; den must be positive.
func newRatio(num Decimal, den int64) Ratio { return Ratio{num: num, den: den} }

// RatioOf returns the Ratio d / 1.
func RatioOf(d Decimal) Ratio { return Ratio{num: d, den: 1} }

// Num returns the dividend.
func (r Ratio) Num() Decimal { return r.num }

// Den returns the divisor (1 for the zero Ratio).
func (r Ratio) Den() int64 {
	if r.den == 0 {
		return 1
	}
	return r.den
}

// Round returns the quotient rounded half-up (away from zero) at decimals
// fractional digits (at most Scale).
func (r Ratio) Round(decimals int) Decimal {
	if decimals > Scale {
		decimals = Scale
	}
	if decimals < 0 {
		decimals = 0
	}
	return Decimal{roundQuotient(r.num.micros, r.Den(), decimals)}
}

// Exact returns the quotient as a Decimal and true when it needs no more than
// Scale fractional digits.
func (r Ratio) Exact() (Decimal, bool) {
	den := r.Den()
	if r.num.micros%den != 0 {
		return Decimal{}, false
	}
	return Decimal{r.num.micros / den}, true
}

// Sign returns −1, 0 or +1 by the sign of the quotient.
func (r Ratio) Sign() int { return r.num.Sign() }

// Float64 returns the nearest float64 of the quotient, for statistics only.
func (r Ratio) Float64() float64 { return r.num.Float64() / float64(r.Den()) }

// Cmp compares two quotients exactly.
func (r Ratio) Cmp(s Ratio) int {
	// a/b vs c/d with b, d > 0  ⇔  a·d vs c·b, in 128 bits.
	return cmpProducts(r.num.micros, s.Den(), s.num.micros, r.Den())
}

// String shows the quotient as the calculation sheet writes it: "23/3", or
// just "7.5" when the divisor is 1.
func (r Ratio) String() string {
	if r.Den() == 1 {
		return r.num.String()
	}
	return r.num.String() + "/" + strconv.FormatInt(r.Den(), 10)
}

// cmpProducts compares a·b with c·d exactly for signed 64-bit operands.
func cmpProducts(a, b, c, d int64) int {
	sl := sign64(a) * sign64(b)
	sr := sign64(c) * sign64(d)
	if sl != sr {
		if sl < sr {
			return -1
		}
		return 1
	}
	if sl == 0 {
		return 0
	}
	lh, ll := bits.Mul64(absU(a), absU(b))
	rh, rl := bits.Mul64(absU(c), absU(d))
	m := cmpU128(lh, ll, rh, rl)
	if sl < 0 {
		m = -m
	}
	return m
}

// cmpU128 compares the unsigned 128-bit numbers (ah, al) and (bh, bl).
func cmpU128(ah, al, bh, bl uint64) int {
	switch {
	case ah < bh:
		return -1
	case ah > bh:
		return 1
	case al < bl:
		return -1
	case al > bl:
		return 1
	}
	return 0
}

func sign64(v int64) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}
