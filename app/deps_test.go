package app_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLeafPackagesStayPure enforces the dependency rule: the scoring maths,
// the rubric rules, the templates and the PDF reports know nothing of the
// database or HTTP, and only app/store imports gorm.
func TestLeafPackagesStayPure(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	forbidden := []string{"gorm.io/", "github.com/labstack/echo"}
	for _, pkg := range []string{"chainjudge/scoring", "chainjudge/rubrics", "chainjudge/templates", "chainjudge/reports"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			if strings.Contains(string(out), "no Go files") || strings.Contains(string(out), "cannot find package") || strings.Contains(string(out), "is not in std") {
				continue // package not written yet
			}
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s imports %s; it must stay free of the database and HTTP layers", pkg, dep)
				}
			}
		}
	}
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "chainjudge/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "chainjudge/app/store") {
			continue
		}
		for _, imp := range fields[1:] {
			if imp == "gorm.io/gorm" || strings.HasPrefix(imp, "gorm.io/driver/") {
				t.Errorf("%s imports %s; only app/store may", fields[0], imp)
			}
		}
	}
}
