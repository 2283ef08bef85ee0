package rubrics

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse. It must never panic; a failure
// must be Problems, each located and explained in both languages; a success
// must be a valid rubric that survives Marshal → Parse with the same hash.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	files = append(files, DefaultFile)
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "{}", "[]", "schema: 1", "a: &x [*x]", "stages: [{groups: [{criteria: [{}]}]}]", "\xff\xfe", "- - - -"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("fuzz.yaml", data)
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("Parse error %v (%T) is not a non-empty Problems", err, err)
			}
			if r != nil {
				t.Fatalf("Parse returned a rubric together with problems")
			}
			for _, p := range ps {
				if p.File != "fuzz.yaml" || p.Line < 1 || p.Column < 1 || p.Message == "" || p.English == "" {
					t.Fatalf("badly formed problem %+v", p)
				}
			}
			return
		}
		if problems := Validate(r); problems != nil {
			t.Fatalf("Parse accepted a rubric Validate rejects: %v", problems)
		}
		out, err := Marshal(r)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := Parse("fuzz-marshalled.yaml", out)
		if err != nil {
			t.Fatalf("Parse(Marshal(r)): %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back, r) || back.Hash() != r.Hash() {
			t.Fatalf("Marshal → Parse changed the rubric:\n%s", out)
		}
		_ = r.Summary()
	})
}
