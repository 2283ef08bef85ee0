package rubrics

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// DecimalPlaces is the number of fractional digits a Decimal keeps. It matches
// the scoring engine's scale, so a rubric value converts to a score exactly.
const DecimalPlaces = 6

// microsPerUnit is the integer value of 1 in a Decimal.
const microsPerUnit = 1_000_000

// MaxDecimal bounds the magnitude of every number in a rubric: |x| ≤ 10^9.
// Far above any real maximum, weight or indicator band, and low enough that
// sums over every criterion of a stage cannot overflow.
const MaxDecimal = 1_000_000_000

// Decimal is an exact decimal number with up to DecimalPlaces fractional
// digits, stored as an integer count of millionths (the representation
// scoring.Decimal uses, see Micros). Steps like 0.5 or 0.25 and checks such as
// "the maximum is a multiple of the step" are integer arithmetic on it, never
// float modulo. The zero value is 0.
type Decimal struct {
	micros int64
}

// ParseDecimal reads a plain decimal number such as "10", "0.5", "-2.25" or
// "+3." exactly. It refuses exponents, more than DecimalPlaces significant
// fractional digits and magnitudes above MaxDecimal, so nothing is rounded or
// overflows silently.
func ParseDecimal(s string) (Decimal, error) {
	d, msg := parseDecimal(s)
	if msg != nil {
		return Decimal{}, fmt.Errorf("%s (%s)", msg.zh, msg.en)
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

// DecimalFromInt returns i as a Decimal, or an error when |i| > MaxDecimal.
func DecimalFromInt(i int64) (Decimal, error) {
	if i > MaxDecimal || i < -MaxDecimal {
		return Decimal{}, fmt.Errorf("%d 超出允许范围 ±%d (out of range)", i, MaxDecimal)
	}
	return Decimal{i * microsPerUnit}, nil
}

// parseDecimal is ParseDecimal returning a bilingual message.
func parseDecimal(s string) (Decimal, *message) {
	bad := func() (Decimal, *message) {
		return Decimal{}, msgf("“%s”不是数字", "%q is not a number", s)
	}
	text := s
	neg := false
	if text != "" && (text[0] == '-' || text[0] == '+') {
		neg = text[0] == '-'
		text = text[1:]
	}
	intPart, fracPart, _ := strings.Cut(text, ".")
	if intPart == "" && fracPart == "" || !allDigits(intPart) || !allDigits(fracPart) {
		return bad()
	}
	fracPart = strings.TrimRight(fracPart, "0")
	if len(fracPart) > DecimalPlaces {
		return Decimal{}, msgf("%s 的小数位超过 %d 位", "%s has more than %d decimal places", s, DecimalPlaces)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 10 {
		return Decimal{}, outOfRange(s)
	}
	var units int64
	for _, c := range intPart {
		units = units*10 + int64(c-'0')
	}
	if units > MaxDecimal {
		return Decimal{}, outOfRange(s)
	}
	frac := int64(0)
	for i := 0; i < DecimalPlaces; i++ {
		frac *= 10
		if i < len(fracPart) {
			frac += int64(fracPart[i] - '0')
		}
	}
	micros := units*microsPerUnit + frac
	if micros > MaxDecimal*microsPerUnit {
		return Decimal{}, outOfRange(s)
	}
	if neg {
		micros = -micros
	}
	return Decimal{micros}, nil
}

func outOfRange(s string) *message {
	return msgf("%s 超出允许范围 ±%d", "%s is outside ±%d", s, MaxDecimal)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Micros returns the value as an integer count of millionths, e.g. 2500000
// for 2.5. scoring.NewDecimal(d.Micros(), 6) converts it without loss.
func (d Decimal) Micros() int64 { return d.micros }

// Add returns d + e. Rubric values are bounded by MaxDecimal, so sums of a
// few thousand of them cannot overflow.
func (d Decimal) Add(e Decimal) Decimal { return Decimal{d.micros + e.micros} }

// Sub returns d − e.
func (d Decimal) Sub(e Decimal) Decimal { return Decimal{d.micros - e.micros} }

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

// Sign returns −1, 0 or +1 for a negative, zero or positive d.
func (d Decimal) Sign() int { return d.Cmp(Decimal{}) }

// IsZero reports whether d is 0. The YAML encoder uses it for omitempty.
func (d Decimal) IsZero() bool { return d.micros == 0 }

// IsMultipleOf reports whether d is an exact integer multiple of step; a
// non-positive step has no multiples.
func (d Decimal) IsMultipleOf(step Decimal) bool {
	return step.micros > 0 && d.micros%step.micros == 0
}

// String formats d in the shortest exact form: 10, 0.5, -2.25.
func (d Decimal) String() string {
	m := d.micros
	sign := ""
	if m < 0 {
		sign = "-"
		m = -m
	}
	intPart, frac := m/microsPerUnit, m%microsPerUnit
	if frac == 0 {
		return fmt.Sprintf("%s%d", sign, intPart)
	}
	digits := strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
	return fmt.Sprintf("%s%d.%s", sign, intPart, digits)
}

// MarshalText writes String, so JSON and form encoders get the exact value.
func (d Decimal) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a value written by MarshalText or typed in a form.
func (d *Decimal) UnmarshalText(b []byte) error {
	v, err := ParseDecimal(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalYAML writes d as a plain YAML number (10, 0.5), not a string.
func (d Decimal) MarshalYAML() (any, error) { return d.node(), nil }

// node is d as a YAML scalar tagged int or float so that it is written plain.
func (d Decimal) node() *yaml.Node {
	s := d.String()
	tag := "!!int"
	if strings.Contains(s, ".") {
		tag = "!!float"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

// setScalar decodes a YAML scalar into d.
func (d *Decimal) setScalar(value string) *message {
	v, msg := parseDecimal(value)
	if msg != nil {
		return msg
	}
	*d = v
	return nil
}
