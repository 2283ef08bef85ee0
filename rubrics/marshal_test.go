package rubrics

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// parsedRubrics returns the default rubric and every valid test file.
func parsedRubrics(t *testing.T) map[string]*Rubric {
	t.Helper()
	out := make(map[string]*Rubric)
	def, _ := Default()
	out[DefaultFile] = def
	files, err := filepath.Glob("testdata/valid/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		out[f] = mustLoad(t, f)
	}
	return out
}

func TestMarshal_RoundTrip(t *testing.T) {
	for name, r := range parsedRubrics(t) {
		t.Run(name, func(t *testing.T) {
			data, err := Marshal(r)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			back, err := Parse("marshalled.yaml", data)
			if err != nil {
				t.Fatalf("Parse(Marshal(r)): %v\n%s", err, data)
			}
			if !reflect.DeepEqual(back, r) {
				t.Errorf("Parse(Marshal(r)) differs from r:\n%s", data)
			}
			again, err := Marshal(back)
			if err != nil || !bytes.Equal(again, data) {
				t.Errorf("Marshal is not stable across a round trip (err %v)", err)
			}
		})
	}
}

func TestMarshal_KeepsZeroBounds(t *testing.T) {
	def, _ := Default()
	data, err := Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	// main_revenue has "min: 0", which omitempty would silently drop.
	if !strings.Contains(string(data), "kind: number\n          min: 0\n") {
		t.Errorf("Marshal dropped an indicator's min: 0:\n%s", data)
	}
}

// TestMarshal_EditedRubric edits a rubric the way the office's web form
// does and checks the result validates and survives Marshal → Parse.
func TestMarshal_EditedRubric(t *testing.T) {
	r, _ := Default()
	before := r.Hash()
	apply := r.Stage("apply")
	// Move half a point between two criteria of the same group.
	apply.Criterion("A5.2").Max = MustDecimal("3.5")
	apply.Criterion("A5.3").Max = MustDecimal("4.5")
	apply.Criterion("A5.3").Guidance = "修改后的评分要点"
	apply.Aggregation.Method = MethodMedian
	apply.Weight = MustDecimal("25")
	r.Stage("select").Weight = MustDecimal("45")
	drop := 2
	r.Stage("select").Aggregation.Drop = &drop
	if problems := Validate(r); problems != nil {
		t.Fatalf("Validate(edited) = %v", problems)
	}
	data, err := Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("edited.yaml", data)
	if err != nil {
		t.Fatalf("Parse(Marshal(edited)): %v", err)
	}
	if !reflect.DeepEqual(back, r) {
		t.Errorf("the edited rubric did not survive Marshal → Parse")
	}
	if back.Hash() == before {
		t.Errorf("editing values kept the hash %s", before)
	}
}

func TestMarshal_Nil(t *testing.T) {
	if _, err := Marshal(nil); err == nil {
		t.Errorf("Marshal(nil) succeeded")
	}
}

// TestHash_IgnoresFormatting pins the decision documented in
// docs/RUBRICS.md: the hash covers values, not formatting.
func TestHash_IgnoresFormatting(t *testing.T) {
	plain := mustLoad(t, "testdata/valid/minimal.yaml")
	reformatted := mustLoad(t, "testdata/valid/minimal-reformatted.yaml")
	if plain.Hash() != reformatted.Hash() {
		t.Errorf("formatting-only differences changed the hash: %s vs %s", plain.Hash(), reformatted.Hash())
	}
	// The default file's comments are lost by Marshal; the hash must not move.
	def, _ := Default()
	data, err := Marshal(def)
	if err != nil {
		t.Fatal(err)
	}
	stripped, err := Parse("stripped.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if stripped.Hash() != def.Hash() {
		t.Errorf("dropping comments changed the hash")
	}
}

func TestHash_ChangesWithEveryValue(t *testing.T) {
	edits := map[string]func(r *Rubric){
		"criterion max": func(r *Rubric) { r.Stages[0].Groups[0].Criteria[3].Max = MustDecimal("7.5") },
		"step":          func(r *Rubric) { r.Stages[0].Groups[0].Criteria[3].Step = MustDecimal("0.25") },
		"name":          func(r *Rubric) { r.Stages[0].Groups[0].Criteria[3].Name = "地标特征（修订）" },
		"guidance":      func(r *Rubric) { r.Stages[1].Groups[0].Criteria[1].Guidance += "。" },
		"band":          func(r *Rubric) { r.Stages[0].Groups[0].Criteria[0].Bands[0].From = MustDecimal("150") },
		"blind review":  func(r *Rubric) { r.Stages[0].BlindReview = false },
		"tie-break":     func(r *Rubric) { tb := r.Final.TieBreak; tb[0], tb[1] = tb[1], tb[0] },
		"threshold":     func(r *Rubric) { r.Final.Selection.Threshold = MustDecimal("70.5") },
		"outliers":      func(r *Rubric) { r.Stages[2].Outliers.ModifiedZ = MustDecimal("3") },
		"version":       func(r *Rubric) { r.Version = "2026.2" },
		"requirement":   func(r *Rubric) { r.Stages[0].Requirements.Sections[0].MaxChars = 6000 },
	}
	base, _ := Default()
	seen := map[string]string{base.Hash(): "unchanged"}
	for name, edit := range edits {
		r, _ := Default()
		edit(r)
		h := r.Hash()
		if other, dup := seen[h]; dup {
			t.Errorf("edit %q gives the same hash as %q", name, other)
		}
		seen[h] = name
	}
}

// TestHash_Golden fixes the canonical form. If it fails, every hash stored
// with past scores would stop matching a re-computation: change the
// canonical form only deliberately, never by accident (e.g. by renaming a
// YAML key or changing how a Decimal is written).
func TestHash_Golden(t *testing.T) {
	const want = "sha256:25926df32f0a09a74f2c4c66048cbcd04aac35931215e940a3f5400d6e9f4e2b"
	r := mustLoad(t, "testdata/valid/minimal.yaml")
	if got := r.Hash(); got != want {
		t.Errorf("Hash(minimal.yaml) = %s; want %s", got, want)
	}
	if got := r.ShortHash(); got != want[len(HashPrefix):len(HashPrefix)+12] {
		t.Errorf("ShortHash = %s", got)
	}
}
