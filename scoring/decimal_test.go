package scoring

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
	}{
		{"0", "0"},
		{"-0", "0"},
		{"9.5", "9.5"},
		{"-0.25", "-0.25"},
		{"007", ""},
		{"1e1", "10"},
		{"1.5E-1", "0.15"},
		{"2.675", "2.675"},
		{"123456.000001", "123456.000001"},
		{"1.0000000", "1"},
		{"1.0000001", ""},
		{"", ""},
		{".5", ""},
		{"5.", ""},
		{"+1", ""},
		{"1e", ""},
		{"0x10", ""},
		{"NaN", ""},
		{"1 ", ""},
	} {
		got, err := ParseDecimal(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("ParseDecimal(%q) = %s; want an error", c.in, got)
			}
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("ParseDecimal(%q) = %s, %v; want %s", c.in, got, err, c.want)
		}
	}
	if _, err := ParseDecimal("1e30"); !errors.Is(err, ErrOverflow) {
		t.Errorf("ParseDecimal(1e30) error = %v; want ErrOverflow", err)
	}
}

func TestDecimalRoundHalfUp(t *testing.T) {
	// The bug to avoid: fmt.Sprintf("%.2f", 2.675) prints 2.67.
	for _, c := range []struct {
		in       string
		decimals int
		want     string
	}{
		{"2.675", 2, "2.68"},
		{"2.665", 2, "2.67"},
		{"1.005", 2, "1.01"},
		{"-2.675", 2, "-2.68"},
		{"7.5", 0, "8"},
		{"6.5", 0, "7"},
		{"0.125", 2, "0.13"},
		{"9.994999", 2, "9.99"},
		{"7.5", 2, "7.50"},
		{"3", 3, "3.000"},
	} {
		if got := d(c.in).StringFixed(c.decimals); got != c.want {
			t.Errorf("%s.StringFixed(%d) = %s; want %s", c.in, c.decimals, got, c.want)
		}
	}
}

func TestDecimalMul(t *testing.T) {
	for _, c := range []struct {
		a, b     string
		decimals int
		want     string
	}{
		{"7.67", "2", 2, "15.34"},
		{"8.35", "0.3", 2, "2.51"},   // 2.505 → 2.51
		{"8.35", "-0.3", 2, "-2.51"}, // away from zero
		{"0.333333", "3", 6, "0.999999"},
		{"1000000", "1000000", 0, "1000000000000"},
	} {
		got, err := d(c.a).Mul(d(c.b), c.decimals)
		if err != nil || got.StringFixed(c.decimals) != c.want {
			t.Errorf("%s × %s at %d = %s, %v; want %s", c.a, c.b, c.decimals, got, err, c.want)
		}
	}
	if _, err := d("9000000").Mul(d("9000000"), 0); !errors.Is(err, ErrOverflow) {
		t.Errorf("huge product error = %v; want ErrOverflow", err)
	}
	if p, exact, _ := d("2.5").mulExact(d("0.3")); !exact || p.String() != "0.75" {
		t.Errorf("mulExact(2.5, 0.3) = %s, %v; want 0.75 exact", p, exact)
	}
	if p, exact, _ := d("0.000001").mulExact(d("0.5")); exact || p.String() != "0.000001" {
		t.Errorf("mulExact(0.000001, 0.5) = %s, %v; want 0.000001 inexact (0.0000005 rounded)", p, exact)
	}
}

func TestRoundFloat(t *testing.T) {
	for _, c := range []struct {
		f    float64
		dec  int
		want string
	}{
		{0.16574585635359115, 4, "0.1657"},
		{0.125, 2, "0.13"},
		{2.675, 2, "2.68"}, // shortest text "2.675", not the binary 2.67499…
		{-0.00005, 4, "-0.0001"},
		{1e-9, 4, "0"},
	} {
		got, err := RoundFloat(c.f, c.dec)
		if err != nil || got.String() != c.want {
			t.Errorf("RoundFloat(%v, %d) = %s, %v; want %s", c.f, c.dec, got, err, c.want)
		}
	}
}

func TestDecimalJSON(t *testing.T) {
	var v struct {
		A Decimal     `json:"a"`
		B NullDecimal `json:"b"`
		C NullDecimal `json:"c"`
	}
	if err := json.Unmarshal([]byte(`{"a": 2.675, "b": null, "c": 0}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A.String() != "2.675" || v.B.Valid || !v.C.Valid || !v.C.Decimal.IsZero() {
		t.Errorf("decoded %+v; want a=2.675, b absent, c present zero", v)
	}
	out, _ := json.Marshal(v)
	if string(out) != `{"a":2.675,"b":null,"c":0}` {
		t.Errorf("Marshal = %s", out)
	}
	if err := json.Unmarshal([]byte(`{"a": "1"}`), &v); err == nil {
		t.Error(`Unmarshal of a string into Decimal succeeded; want an error`)
	}
}

func TestRatio(t *testing.T) {
	r := newRatio(d("23"), 3)
	if r.String() != "23/3" || r.Round(2).String() != "7.67" || r.Round(0).String() != "8" {
		t.Errorf("23/3 = %s, %s, %s", r, r.Round(2), r.Round(0))
	}
	if _, ok := r.Exact(); ok {
		t.Error("23/3 reported exact")
	}
	if r.Cmp(newRatio(d("7.666667"), 1)) >= 0 || r.Cmp(newRatio(d("46"), 6)) != 0 {
		t.Error("Ratio.Cmp wrong")
	}
	// Half-up on an exact half reached through a quotient: 5.35/2 = 2.675.
	if got := newRatio(d("5.35"), 2).Round(2).String(); got != "2.68" {
		t.Errorf("5.35/2 at 2 = %s; want 2.68", got)
	}
}

// FuzzParseDecimal: parsing never panics, and whatever parses prints back to
// text that parses to the same value and agrees with float64 to its precision.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "-0.25", "2.675", "1e6", "1E-6", "999999999999.999999", "00", "1e99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDecimal(s)
		if err != nil {
			return
		}
		back, err := ParseDecimal(v.String())
		if err != nil || back != v {
			t.Fatalf("ParseDecimal(%q) = %s, which reads back as %s, %v", s, v, back, err)
		}
		if fixed, err := ParseDecimal(v.StringFixed(Scale)); err != nil || fixed != v {
			t.Fatalf("StringFixed(%s) = %q does not read back", v, v.StringFixed(Scale))
		}
	})
}
