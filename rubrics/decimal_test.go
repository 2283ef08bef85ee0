package rubrics

import (
	"encoding/json"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		in     string
		micros int64
		str    string
	}{
		{"10", 10_000_000, "10"},
		{"0.5", 500_000, "0.5"},
		{".25", 250_000, "0.25"},
		{"+3.", 3_000_000, "3"},
		{"-2.250", -2_250_000, "-2.25"},
		{"007", 7_000_000, "7"},
		{"0.000001", 1, "0.000001"},
		{"1.1234560000", 1_123_456, "1.123456"},
		{"1000000000", 1_000_000_000_000_000, "1000000000"},
		{"-0", 0, "0"},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if err != nil {
			t.Errorf("ParseDecimal(%q) error %v", tt.in, err)
			continue
		}
		if d.Micros() != tt.micros || d.String() != tt.str {
			t.Errorf("ParseDecimal(%q) = %d micros %q; want %d %q", tt.in, d.Micros(), d.String(), tt.micros, tt.str)
		}
	}
}

func TestParseDecimal_Errors(t *testing.T) {
	tests := map[string]string{
		"":                  "不是数字",
		".":                 "不是数字",
		"-":                 "不是数字",
		"1e2":               "不是数字",
		"1,000":             "不是数字",
		"0x10":              "不是数字",
		"1.2.3":             "不是数字",
		".inf":              "不是数字",
		" 1":                "不是数字",
		"1.0000001":         "小数位超过 6 位",
		"1000000000.000001": "超出允许范围",
		"99999999999":       "超出允许范围",
		"-1000000001":       "超出允许范围",
	}
	for in, want := range tests {
		_, err := ParseDecimal(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseDecimal(%q) error = %v; want one containing %q", in, err, want)
		}
	}
}

func TestDecimal_Arithmetic(t *testing.T) {
	a, b := MustDecimal("7.5"), MustDecimal("0.25")
	if got := a.Add(b).String(); got != "7.75" {
		t.Errorf("7.5 + 0.25 = %s", got)
	}
	if got := b.Sub(a).String(); got != "-7.25" {
		t.Errorf("0.25 − 7.5 = %s", got)
	}
	if a.Cmp(b) != 1 || b.Cmp(a) != -1 || a.Cmp(MustDecimal("7.50")) != 0 {
		t.Errorf("Cmp is not consistent")
	}
	if b.Sub(a).Sign() != -1 || (Decimal{}).Sign() != 0 || !(Decimal{}).IsZero() {
		t.Errorf("Sign/IsZero wrong")
	}
	// 0.1 + 0.2 must equal 0.3 exactly, unlike float64.
	if MustDecimal("0.1").Add(MustDecimal("0.2")) != MustDecimal("0.3") {
		t.Errorf("0.1 + 0.2 != 0.3")
	}
	if d, err := DecimalFromInt(42); err != nil || d.String() != "42" {
		t.Errorf("DecimalFromInt(42) = %v, %v", d, err)
	}
	if _, err := DecimalFromInt(MaxDecimal + 1); err == nil {
		t.Errorf("DecimalFromInt above the limit succeeded")
	}
}

func TestDecimal_IsMultipleOf(t *testing.T) {
	tests := []struct {
		d, step string
		want    bool
	}{
		{"10", "0.5", true},
		{"7.3", "0.5", false},
		{"7.25", "0.25", true},
		{"10", "0.3", false},
		{"9.9", "0.3", true}, // float64 9.9 mod 0.3 is not 0
		{"0", "0.5", true},
		{"-1.5", "0.5", true},
		{"1", "0", false},
		{"1", "-0.5", false},
	}
	for _, tt := range tests {
		if got := MustDecimal(tt.d).IsMultipleOf(MustDecimal(tt.step)); got != tt.want {
			t.Errorf("%s.IsMultipleOf(%s) = %v; want %v", tt.d, tt.step, got, tt.want)
		}
	}
}

func TestDecimal_Encoding(t *testing.T) {
	type doc struct {
		A Decimal  `yaml:"a" json:"a"`
		B *Decimal `yaml:"b" json:"b"`
	}
	half := MustDecimal("0.5")
	out, err := yaml.Marshal(doc{A: MustDecimal("10"), B: &half})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "a: 10\nb: 0.5\n" {
		t.Errorf("yaml = %q; want plain numbers", out)
	}
	js, err := json.Marshal(doc{A: MustDecimal("2.675")})
	if err != nil {
		t.Fatal(err)
	}
	if string(js) != `{"a":"2.675","b":null}` {
		t.Errorf("json = %s", js)
	}
	var back doc
	if err := json.Unmarshal(js, &back); err != nil || back.A != MustDecimal("2.675") {
		t.Errorf("json round trip = %v, %v", back.A, err)
	}
	if err := json.Unmarshal([]byte(`{"a":"x"}`), &back); err == nil {
		t.Errorf("json decoding of a bad number succeeded")
	}
}
