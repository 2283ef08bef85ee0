package app

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"chainjudge/app/store"
	"chainjudge/templates"

	"github.com/labstack/echo/v4"
)

// renderer holds one parsed template set per page (layout + partials + the
// page), built once at start-up so a broken template stops the server
// before it serves anything.
type renderer struct {
	pages map[string]*template.Template
}

func newRenderer() (*renderer, error) {
	files, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(templates.FS, "part_*.html")
	if err != nil {
		return nil, err
	}
	r := &renderer{pages: map[string]*template.Template{}}
	for _, f := range files {
		if f == "layout.html" || strings.HasPrefix(f, "part_") {
			continue
		}
		patterns := append([]string{"layout.html"}, partials...)
		patterns = append(patterns, f)
		t, err := template.New(f).Funcs(templates.Funcs()).ParseFS(templates.FS, patterns...)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", f, err)
		}
		r.pages[f] = t
	}
	return r, nil
}

// flash is a one-time message shown on the next page.
type flash struct {
	Kind    string // "" (success), "error", "warn"
	Message string
}

// navItem is one link of the top navigation.
type navItem struct {
	Href, Label string
	Active      bool
}

// page is what the layout renders: the common frame plus the page's own
// typed Data.
type page struct {
	Title string
	User  *store.User
	CSRF  string
	Flash *flash
	Nav   []navItem
	Data  any
}

// render executes a page into a buffer (so a template error never sends half
// a page) and writes it with status.
func (s *Server) render(c echo.Context, status int, name, title string, data any) error {
	t, ok := s.tpl.pages[name]
	if !ok {
		return fmt.Errorf("render: unknown template %q", name)
	}
	p := page{Title: title, User: currentUser(c), CSRF: csrfToken(c), Flash: takeFlash(c), Data: data}
	if p.User != nil {
		p.Nav = navFor(p.User.Role, c.Request().URL.Path)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}

// navFor is the top navigation of a role, with the current section marked.
func navFor(role store.Role, path string) []navItem {
	var items []navItem
	switch role {
	case store.RoleOffice:
		items = []navItem{
			{Href: "/office", Label: "工作台"},
			{Href: "/office/competitions", Label: "竞赛"},
			{Href: "/office/dossiers", Label: "申报审查"},
			{Href: "/office/users", Label: "账号"},
			{Href: "/office/experts", Label: "专家库"},
			{Href: "/office/panels", Label: "专家评审"},
			{Href: "/office/regions", Label: "地区"},
			{Href: "/office/chains", Label: "产业链"},
			{Href: "/office/results", Label: "结果与公示"},
			{Href: "/office/audit", Label: "审计日志"},
		}
	case store.RoleApplicant:
		items = []navItem{{Href: "/applicant", Label: "我的申报"}}
	case store.RoleExpert:
		items = []navItem{{Href: "/expert", Label: "我的评审"}}
	}
	path = officeSection(path)
	best := -1
	for i, it := range items {
		if path == it.Href || strings.HasPrefix(path, it.Href+"/") {
			if best < 0 || len(it.Href) > len(items[best].Href) {
				best = i
			}
		}
	}
	if best >= 0 {
		items[best].Active = true
	}
	return items
}

// officeSection maps office pages that live under another resource's path
// to the section they belong to: a stage's results, verification and PDFs,
// a competition's final ranking, notices and exports, and a notice with its
// objections are all 结果与公示.
func officeSection(path string) string {
	if strings.HasPrefix(path, "/office/stages/") || strings.HasPrefix(path, "/office/api-tokens") ||
		strings.HasPrefix(path, "/office/notices/") || strings.HasPrefix(path, "/office/objections/") {
		return "/office/results"
	}
	if strings.HasPrefix(path, "/office/competitions/") {
		for _, part := range []string{"/results", "/final", "/notices", "/exports"} {
			if strings.Contains(path, part) {
				return "/office/results"
			}
		}
	}
	return path
}

// setFlash stores a message for the next page in a short-lived cookie, so it
// survives the redirect and works on any app instance.
func setFlash(c echo.Context, kind, msg string) {
	c.SetCookie(&http.Cookie{Name: flashCookie, Value: kind + "|" + encodeCookieText(msg), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 60, Secure: isSecure(c)})
}

func takeFlash(c echo.Context) *flash {
	ck, err := c.Cookie(flashCookie)
	if err != nil || ck.Value == "" {
		return nil
	}
	c.SetCookie(&http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: isSecure(c)})
	kind, msg, _ := strings.Cut(ck.Value, "|")
	text, ok := decodeCookieText(msg)
	if !ok {
		return nil
	}
	return &flash{Kind: kind, Message: text}
}
