package app_test

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"chainjudge/app/apptest"
)

// The user guides (docs/guide-*.md) and their screenshots. The screenshots
// exist once, embedded with the static files (templates/static/guide/): the
// guides link to the files, the help page to the same files as served.
const guideImages = "../templates/static/guide/"

var (
	guideHeading = regexp.MustCompile(`^(#{1,2}) (.+)$`)
	guideImage   = regexp.MustCompile(`^!\[([^\]]*)\]\(([^)]+)\)`)
	helpImg      = regexp.MustCompile(`<img\b[^>]*>`)
	imgSrc       = regexp.MustCompile(`\bsrc="([^"]*)"`)
	imgAlt       = regexp.MustCompile(`\balt="([^"]+)"`)
	pngLink      = regexp.MustCompile(`\bhref="([^"]+\.png)"`)
)

// shot is a screenshot a guide shows under a heading.
type shot struct{ heading, alt, file string }

// guideShots reads a guide's headings and the screenshots under them.
func guideShots(t *testing.T, file string) (headings []string, shots []shot) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "docs", file))
	if err != nil {
		t.Fatal(err)
	}
	var heading string
	for line := range strings.Lines(string(text)) {
		line = strings.TrimRight(line, "\n")
		if m := guideHeading.FindStringSubmatch(line); m != nil {
			tag := "h3"
			if m[1] == "#" {
				tag = "h2"
			}
			heading = fmt.Sprintf("<%s>%s</%s>", tag, m[2], tag)
			headings = append(headings, heading)
		} else if m := guideImage.FindStringSubmatch(line); m != nil {
			shots = append(shots, shot{heading, m[1], m[2]})
		}
	}
	return headings, shots
}

// The help page carries the user guides of docs/ (the app does not read
// docs/ at run time): every section of each guide is a heading of the
// page, and every screenshot a guide shows under a heading the page shows
// under the same heading, with the same text, from the one copy embedded
// with the static files.
func TestHelp_CarriesTheUserGuides(t *testing.T) {
	env := apptest.New(t)
	page := env.Client().Get("/help")
	apptest.Check(t, page, http.StatusOK, "", []string{`href="#applicant"`, `href="#expert"`, `href="#office"`, `id="public"`}, nil)
	for _, g := range []struct{ file, anchor, home string }{
		{"guide-applicant.md", "applicant", "applicant-home.png"},
		{"guide-expert.md", "expert", "expert-home.png"},
		{"guide-office.md", "office", "office-home.png"},
	} {
		t.Run(g.anchor, func(t *testing.T) {
			section := page.Body[strings.Index(page.Body, `id="`+g.anchor+`"`):]
			if end := strings.Index(section, "</section>"); end >= 0 {
				section = section[:end]
			}
			headings, shots := guideShots(t, g.file)
			for _, h := range headings {
				if !strings.Contains(section, h) {
					t.Errorf("the help page's %s section lacks %s from %s", g.anchor, h, g.file)
				}
			}
			seen := map[string]bool{}
			for _, s := range shots {
				name, ok := strings.CutPrefix(s.file, guideImages)
				if !ok || strings.Contains(name, "/") {
					t.Errorf("%s shows %s; the guides' screenshots are in %s", g.file, s.file, guideImages)
					continue
				}
				seen[name] = true
				// The part of the page under the guide's heading, up to the next one.
				under := section[strings.Index(section, s.heading)+len(s.heading):]
				if next := strings.Index(under, "<h3>"); next >= 0 {
					under = under[:next]
				}
				want := fmt.Sprintf(`<a href="/static/guide/%s"><img src="/static/guide/%s" alt="%s"`, name, name, s.alt)
				if !strings.Contains(under, want) {
					t.Errorf("the help page does not show %s (%q) under %s as %s does", name, s.alt, s.heading, g.file)
				}
			}
			if !seen[g.home] {
				t.Errorf("%s does not show the role's main page (%s)", g.file, g.home)
			}
		})
	}
	apptest.Check(t, env.Client().Get("/login"), http.StatusOK, "", []string{`<a href="/help">使用帮助</a>`}, nil)
}

// Every image the help page shows is served with it (no CDN, no file
// outside the embedded ones), as a PNG.
func TestHelp_ServesEveryScreenshotItShows(t *testing.T) {
	env := apptest.New(t)
	c := env.Client()
	page := c.Get("/help")
	var refs []string
	for _, img := range helpImg.FindAllString(page.Body, -1) {
		src := imgSrc.FindStringSubmatch(img)
		if src == nil {
			t.Errorf("an image without src: %s", img)
			continue
		}
		if !imgAlt.MatchString(img) {
			t.Errorf("%s has no alt text", src[1])
		}
		refs = append(refs, src[1])
	}
	if len(refs) == 0 {
		t.Fatal("the help page shows no screenshots")
	}
	for _, m := range pngLink.FindAllStringSubmatch(page.Body, -1) {
		refs = append(refs, m[1]) // the full-size image each screenshot links to
	}
	for _, ref := range refs {
		if !strings.HasPrefix(ref, "/static/") {
			t.Errorf("the help page shows %s, which is not one of the app's static files", ref)
			continue
		}
		res := c.Get(ref)
		if res.Code != http.StatusOK || res.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(res.Body, "\x89PNG\r\n\x1a\n") {
			t.Errorf("GET %s = %d %q, %d bytes; want 200 image/png", ref, res.Code, res.Header.Get("Content-Type"), len(res.Body))
		}
	}
}

// Every image link of the guides resolves to a file in the repository, and
// every screenshot kept for the guides is shown by one (so there is no
// stale copy, in docs/img or elsewhere).
func TestHelp_GuideImagesResolve(t *testing.T) {
	guides, err := filepath.Glob(filepath.Join("..", "docs", "guide-*.md"))
	if err != nil || len(guides) == 0 {
		t.Fatalf("no guides in docs/: %v", err)
	}
	shown := map[string]bool{}
	for _, g := range guides {
		_, shots := guideShots(t, filepath.Base(g))
		for _, s := range shots {
			file := filepath.Join("..", "docs", filepath.FromSlash(s.file))
			data, err := os.ReadFile(file)
			if err != nil {
				t.Errorf("%s shows %s: %v", filepath.Base(g), s.file, err)
				continue
			}
			if !strings.HasPrefix(string(data), "\x89PNG\r\n\x1a\n") {
				t.Errorf("%s shows %s, which is not a PNG", filepath.Base(g), s.file)
			}
			shown[path.Base(s.file)] = true
		}
	}
	kept, err := filepath.Glob(filepath.Join("..", "templates", "static", "guide", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range kept {
		if !shown[filepath.Base(f)] {
			t.Errorf("%s is shown by no guide", f)
		}
	}
	if old, _ := filepath.Glob(filepath.Join("..", "docs", "img", "guide-*.png")); len(old) > 0 {
		t.Errorf("guide screenshots are also in docs/img: %v; their one copy is templates/static/guide/", old)
	}
}
