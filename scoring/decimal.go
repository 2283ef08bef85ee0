package scoring

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Scale is the number of fractional digits a Decimal keeps. Scores are given
// on 0.5 or 0.25 steps and weights with a few decimals, so six digits keep
// every product of a score and a weight exact.
const Scale = 6

// unit is the integer value of 1 at Scale.
const unit = 1_000_000

// pow10 holds 10^0 … 10^18, the powers that fit in an int64.
var pow10 = [19]int64{
	1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
	1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000,
	10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
	10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
}

// ErrOverflow reports a result outside the range a Decimal can hold.
var ErrOverflow = errors.New("数值超出可表示范围 (decimal overflow)")

// Decimal is an exact decimal number with Scale fractional digits, stored as
// an integer count of millionths. It exists so that scores never pass through
// binary floating point: 2.675 rounds half-up to 2.68, not to 2.67 as
// fmt.Sprintf("%.2f", 2.675) does. The zero value is 0.
//
// A Decimal holds about ±9.2×10^12. The scoring functions check their inputs
// against MaxAbsScore and MaxJudges so that sums and means cannot overflow.
type Decimal struct {
	micros int64
}

// DecimalFromInt returns the Decimal equal to i. It returns ErrOverflow when i
// is outside the representable range.
func DecimalFromInt(i int64) (Decimal, error) {
	if i > math.MaxInt64/unit || i < math.MinInt64/unit {
		return Decimal{}, ErrOverflow
	}
	return Decimal{i * unit}, nil
}

// NewDecimal returns units × 10^(−decimals), e.g. NewDecimal(2675, 3) is
// 2.675. decimals must lie in [0, Scale].
func NewDecimal(units int64, decimals int) (Decimal, error) {
	if decimals < 0 || decimals > Scale {
		return Decimal{}, fmt.Errorf("小数位数 %d 不在 0–%d 之间 (decimals out of range)", decimals, Scale)
	}
	f := pow10[Scale-decimals]
	if units > math.MaxInt64/f || units < math.MinInt64/f {
		return Decimal{}, ErrOverflow
	}
	return Decimal{units * f}, nil
}

// ParseDecimal reads a decimal number such as "9.5", "-0.25", "7" or "1e1"
// exactly, without going through float64. It accepts the JSON number grammar
// and refuses values with more than Scale significant fractional digits,
// so nothing is rounded silently.
func ParseDecimal(s string) (Decimal, error) {
	d, exact, err := parseRounded(s, Scale)
	if err != nil {
		return Decimal{}, err
	}
	if !exact {
		return Decimal{}, fmt.Errorf("%q 的小数位超过 %d 位 (more than %d decimal places)", s, Scale, Scale)
	}
	return d, nil
}

// MustDecimal is ParseDecimal for constants in code and tests; it panics on a
// malformed literal.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// RoundFloat converts a statistic computed in float64 to a Decimal rounded
// half-up at decimals, starting from the shortest decimal text that reads back
// as f (so 0.125 stays 0.125 and rounds to 0.13). It is meant for displaying
// agreement statistics, never for scores.
func RoundFloat(f float64, decimals int) (Decimal, error) {
	if decimals < 0 || decimals > Scale {
		return Decimal{}, fmt.Errorf("小数位数 %d 不在 0–%d 之间 (decimals out of range)", decimals, Scale)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Decimal{}, fmt.Errorf("%v 不是有限数 (not a finite number)", f)
	}
	d, _, err := parseRounded(strconv.FormatFloat(f, 'g', -1, 64), decimals)
	return d, err
}

// parseRounded parses the JSON number grammar and rounds half-up (away from
// zero) at decimals fractional digits. exact reports whether no non-zero digit
// was lost.
func parseRounded(s string, decimals int) (d Decimal, exact bool, err error) {
	bad := func() (Decimal, bool, error) {
		return Decimal{}, false, fmt.Errorf("%q 不是合法的数字 (not a valid number)", s)
	}
	i := 0
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intDigits := s[intStart:i]
	if intDigits == "" || (len(intDigits) > 1 && intDigits[0] == '0') {
		return bad()
	}
	fracDigits := ""
	if i < len(s) && s[i] == '.' {
		i++
		fracStart := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		fracDigits = s[fracStart:i]
		if fracDigits == "" {
			return bad()
		}
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		expNeg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			expNeg = s[i] == '-'
			i++
		}
		expStart := i
		for i < len(s) && isDigit(s[i]) {
			if exp < 10_000 {
				exp = exp*10 + int(s[i]-'0')
			}
			i++
		}
		if i == expStart {
			return bad()
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(s) {
		return bad()
	}
	// digits × 10^(point) is the value, with point counted from the right.
	digits := strings.TrimLeft(intDigits+fracDigits, "0")
	point := exp - len(fracDigits)
	if digits == "" {
		return Decimal{}, true, nil
	}
	// Keep the digits down to 10^(−decimals); the first dropped digit decides
	// the rounding and any later non-zero digit makes the parse inexact.
	keep := len(digits) + point + decimals
	var kept string
	var firstDropped byte = '0'
	exact = true
	if keep > 18 {
		return Decimal{}, false, ErrOverflow
	}
	switch {
	case keep >= len(digits):
		kept = digits + strings.Repeat("0", keep-len(digits))
	case keep < 0:
		exact = false
	default:
		kept = digits[:keep]
		firstDropped = digits[keep]
		exact = strings.Trim(digits[keep:], "0") == ""
	}
	var n int64
	for j := 0; j < len(kept); j++ {
		n = n*10 + int64(kept[j]-'0')
	}
	if firstDropped >= '5' {
		n++
	}
	f := pow10[Scale-decimals]
	if n > math.MaxInt64/f {
		return Decimal{}, false, ErrOverflow
	}
	n *= f
	if neg {
		n = -n
	}
	return Decimal{n}, exact, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Add returns d + e.
func (d Decimal) Add(e Decimal) Decimal { return Decimal{d.micros + e.micros} }

// addChecked returns d + e, or ErrOverflow.
func (d Decimal) addChecked(e Decimal) (Decimal, error) {
	r := d.micros + e.micros
	if (e.micros > 0 && r < d.micros) || (e.micros < 0 && r > d.micros) {
		return Decimal{}, ErrOverflow
	}
	return Decimal{r}, nil
}

// Sub returns d − e.
func (d Decimal) Sub(e Decimal) Decimal { return Decimal{d.micros - e.micros} }

// Neg returns −d.
func (d Decimal) Neg() Decimal { return Decimal{-d.micros} }

// Abs returns |d|.
func (d Decimal) Abs() Decimal {
	if d.micros < 0 {
		return Decimal{-d.micros}
	}
	return d
}

// Cmp returns −1, 0 or +1 as d is less than, equal to or greater than e.
func (d Decimal) Cmp(e Decimal) int {
	switch {
	case d.micros < e.micros:
		return -1
	case d.micros > e.micros:
		return 1
	}
	return 0
}

// Sign returns −1, 0 or +1 by the sign of d.
func (d Decimal) Sign() int { return d.Cmp(Decimal{}) }

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.micros == 0 }

// MulInt returns d × k, or ErrOverflow.
func (d Decimal) MulInt(k int64) (Decimal, error) {
	hi, lo := bits.Mul64(absU(d.micros), absU(k))
	if hi != 0 || lo > math.MaxInt64 {
		return Decimal{}, ErrOverflow
	}
	v := int64(lo)
	if (d.micros < 0) != (k < 0) {
		v = -v
	}
	return Decimal{v}, nil
}

// Mul returns the exact product d × e rounded half-up (away from zero) at
// decimals fractional digits, or ErrOverflow.
func (d Decimal) Mul(e Decimal, decimals int) (Decimal, error) {
	if decimals < 0 || decimals > Scale {
		return Decimal{}, fmt.Errorf("小数位数 %d 不在 0–%d 之间 (decimals out of range)", decimals, Scale)
	}
	hi, lo := bits.Mul64(absU(d.micros), absU(e.micros))
	// The product has 2·Scale fractional digits; keep `decimals` of them.
	div := uint64(pow10[2*Scale-decimals])
	if hi >= div {
		return Decimal{}, ErrOverflow
	}
	q, r := bits.Div64(hi, lo, div)
	if r >= div-r {
		q++
	}
	f := uint64(pow10[Scale-decimals])
	qh, ql := bits.Mul64(q, f)
	if qh != 0 || ql > math.MaxInt64 {
		return Decimal{}, ErrOverflow
	}
	v := int64(ql)
	if (d.micros < 0) != (e.micros < 0) {
		v = -v
	}
	return Decimal{v}, nil
}

// Round returns d rounded half-up (away from zero) at decimals fractional
// digits; decimals ≥ Scale returns d unchanged.
func (d Decimal) Round(decimals int) Decimal {
	if decimals >= Scale {
		return d
	}
	if decimals < 0 {
		decimals = 0
	}
	return Decimal{roundQuotient(d.micros, 1, decimals)}
}

// Float64 returns the nearest float64, for charts and statistics only.
func (d Decimal) Float64() float64 { return float64(d.micros) / unit }

// String formats d with as few fractional digits as it needs: "7.5", "10",
// "-0.25".
func (d Decimal) String() string {
	s := d.StringFixed(Scale)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// StringFixed formats d rounded half-up at exactly decimals fractional
// digits: MustDecimal("7.5").StringFixed(2) is "7.50".
func (d Decimal) StringFixed(decimals int) string {
	if decimals > Scale {
		decimals = Scale
	}
	r := d.Round(decimals)
	u := absU(r.micros)
	whole := u / unit
	frac := u % unit
	var b strings.Builder
	if r.micros < 0 {
		b.WriteByte('-')
	}
	b.WriteString(strconv.FormatUint(whole, 10))
	if decimals > 0 {
		fs := strconv.FormatUint(frac+unit, 10)[1:] // zero-padded to Scale digits
		b.WriteByte('.')
		b.WriteString(fs[:decimals])
	}
	return b.String()
}

// MarshalJSON writes d as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number exactly; strings, null and numbers with
// more than Scale fractional digits are refused.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// absU returns |v| as uint64, correct for math.MinInt64 too.
func absU(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}

// roundQuotient returns num / den rounded half-up (away from zero) at
// decimals fractional digits, where num is in millionths and den > 0; the
// result is in millionths again.
func roundQuotient(num, den int64, decimals int) int64 {
	div := absU(den) * uint64(pow10[Scale-decimals])
	u := absU(num)
	q, r := u/div, u%div
	if r >= div-r {
		q++
	}
	v := int64(q * uint64(pow10[Scale-decimals]))
	if num < 0 {
		v = -v
	}
	return v
}

// mulExact returns d × e at Scale decimals and whether that is the exact
// product (no digit beyond Scale was lost), so a calculation sheet can write
// "=" or "≈".
func (d Decimal) mulExact(e Decimal) (Decimal, bool, error) {
	p, err := d.Mul(e, Scale)
	if err != nil {
		return Decimal{}, false, err
	}
	// The product in units of 10^(−2·Scale) is (hi, lo); it is exact at Scale
	// when it is a multiple of 10^Scale. (hi mod u)·2^64 + lo ≡ hi·2^64 + lo.
	hi, lo := bits.Mul64(absU(d.micros), absU(e.micros))
	_, r := bits.Div64(hi%unit, lo, unit)
	return p, r == 0, nil
}
