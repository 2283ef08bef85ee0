package rubrics

import "testing"

// The application parses a competition's rubric on every request that
// needs it and hashes it when a stage opens; these show the costs.

func BenchmarkParseDefault(b *testing.B) {
	_, data := Default()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(DefaultFile, data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateDefault(b *testing.B) {
	r, _ := Default()
	for b.Loop() {
		if problems := Validate(r); problems != nil {
			b.Fatal(problems)
		}
	}
}

func BenchmarkHashDefault(b *testing.B) {
	r, _ := Default()
	for b.Loop() {
		if r.Hash() == "" {
			b.Fatal("empty hash")
		}
	}
}

func BenchmarkCheckInput(b *testing.B) {
	r, _ := Default()
	c := r.Stage("apply").Criterion("A2.4")
	in := Input{Grade: "良", Points: "5"}
	for b.Loop() {
		if _, err := c.CheckInput(in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkObjectivePointsLinear(b *testing.B) {
	r, _ := Default()
	c := r.Stage("apply").Criterion("A4.3")
	v := MustDecimal("60")
	for b.Loop() {
		if _, err := c.ObjectivePoints(v); err != nil {
			b.Fatal(err)
		}
	}
}
