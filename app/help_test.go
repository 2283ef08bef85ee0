package app_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"chainjudge/app/apptest"
)

// The help page carries the user guides of docs/ (the app does not read
// docs/ at run time): every section of each guide is a heading of the
// page, and every screenshot a guide shows is a PNG in docs/img.
func TestHelp_CarriesTheUserGuides(t *testing.T) {
	env := apptest.New(t)
	page := env.Client().Get("/help")
	apptest.Check(t, page, http.StatusOK, "", []string{`href="#applicant"`, `href="#expert"`, `href="#office"`, `id="public"`}, nil)
	heading := regexp.MustCompile(`(?m)^(#{1,2}) (.+)$`)
	image := regexp.MustCompile(`!\[[^\]]*\]\((img/[^)]+)\)`)
	for _, g := range []struct{ file, anchor, home string }{
		{"guide-applicant.md", "applicant", "img/guide-applicant-home.png"},
		{"guide-expert.md", "expert", "img/guide-expert-home.png"},
		{"guide-office.md", "office", "img/guide-office-home.png"},
	} {
		t.Run(g.anchor, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("..", "docs", g.file))
			if err != nil {
				t.Fatal(err)
			}
			section := page.Body[strings.Index(page.Body, `id="`+g.anchor+`"`):]
			if end := strings.Index(section, "</section>"); end >= 0 {
				section = section[:end]
			}
			for _, m := range heading.FindAllStringSubmatch(string(text), -1) {
				tag := "h3"
				if m[1] == "#" {
					tag = "h2"
				}
				if want := fmt.Sprintf("<%s>%s</%s>", tag, m[2], tag); !strings.Contains(section, want) {
					t.Errorf("the help page's %s section lacks %s from %s", g.anchor, want, g.file)
				}
			}
			images := image.FindAllStringSubmatch(string(text), -1)
			seen := map[string]bool{}
			for _, m := range images {
				seen[m[1]] = true
				data, err := os.ReadFile(filepath.Join("..", "docs", m[1]))
				if err != nil {
					t.Errorf("%s shows %s: %v", g.file, m[1], err)
					continue
				}
				if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
					t.Errorf("%s is not a PNG", m[1])
				}
			}
			if !seen[g.home] {
				t.Errorf("%s does not show the role's main page (%s)", g.file, g.home)
			}
		})
	}
	apptest.Check(t, env.Client().Get("/login"), http.StatusOK, "", []string{`<a href="/help">使用帮助</a>`}, nil)
}
