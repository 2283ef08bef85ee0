package scoring

import (
	"bytes"
	"encoding/json"
)

// NullDecimal is a score that may be absent: a judge who did not score an
// item. The zero value is absent, so a missing score can never turn into a
// zero by accident.
type NullDecimal struct {
	Decimal Decimal
	Valid   bool
}

// Scored returns the present score d.
func Scored(d Decimal) NullDecimal { return NullDecimal{Decimal: d, Valid: true} }

// String returns the score, or "—" when it is absent.
func (n NullDecimal) String() string {
	if !n.Valid {
		return "—"
	}
	return n.Decimal.String()
}

// MarshalJSON writes the score as a JSON number, or null when absent.
func (n NullDecimal) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return n.Decimal.MarshalJSON()
}

// UnmarshalJSON reads a JSON number exactly, or null as absent.
func (n *NullDecimal) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*n = NullDecimal{}
		return nil
	}
	var d Decimal
	if err := d.UnmarshalJSON(bytes.TrimSpace(b)); err != nil {
		return err
	}
	*n = Scored(d)
	return nil
}

// NullFloat is a statistic that may be undefined (too little data, or a zero
// denominator). It is reported as null, never as NaN.
type NullFloat struct {
	Float64 float64
	Valid   bool
}

// someFloat returns a valid NullFloat, or an invalid one for NaN and ±Inf.
func someFloat(f float64) NullFloat {
	if f != f || f > maxFinite || f < -maxFinite {
		return NullFloat{}
	}
	return NullFloat{Float64: f, Valid: true}
}

const maxFinite = 1.7976931348623157e308

// MarshalJSON writes the value, or null when undefined.
func (n NullFloat) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(n.Float64)
}
