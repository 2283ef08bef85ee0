package app

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// resumeCookie holds the token of a form kept across an expired session.
const resumeCookie = "cj_resume"

// pendingFormTTL is how long a kept form waits for its owner to log in.
const pendingFormTTL = 24 * time.Hour

// keepExpiredForm saves the text fields of a form posted with an expired
// session, so that after logging in again the user can resubmit exactly what
// they typed. Only forms of the session's own user are kept, and only plain
// forms: an upload is not read at all (the file is still on the user's
// computer and is simply chosen again).
func (s *Server) keepExpiredForm(c echo.Context) error {
	owner, ok := c.Get(ctxExpiredOwner).(int64)
	req := c.Request()
	if !ok || req.Method != http.MethodPost || isAPI(c) {
		return nil
	}
	ct := req.Header.Get("Content-Type")
	if !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil
	}
	form, err := c.FormParams()
	if err != nil {
		return nil // nothing readable to keep
	}
	kept := url.Values{}
	for k, vs := range form {
		if k != "csrf" {
			kept[k] = vs
		}
	}
	token := randomToken(24)
	if err := s.store.SavePendingForm(req.Context(), token, owner, req.Method, req.URL.Path, kept, pendingFormTTL); err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{Name: resumeCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: isSecure(c), MaxAge: int(pendingFormTTL.Seconds())})
	setFlash(c, "warn", "登录已过期。您刚才填写的内容已保留，重新登录后可以继续提交。")
	return nil
}

// pendingFormFor returns the kept form of the logged-in user, if the browser
// holds one.
func (s *Server) pendingFormFor(c echo.Context, u *store.User) (*store.PendingForm, string) {
	ck, err := c.Cookie(resumeCookie)
	if err != nil || ck.Value == "" {
		return nil, ""
	}
	p, err := s.store.FindPendingForm(c.Request().Context(), ck.Value, u.ID)
	if err != nil {
		return nil, ""
	}
	return p, ck.Value
}

type resumePage struct {
	Path   string
	Fields []resumeField
}

type resumeField struct{ Name, Value string }

// handleResumePage shows the kept form as hidden fields with one button that
// resubmits it to where it was going, with a fresh CSRF token.
func (s *Server) handleResumePage(c echo.Context) error {
	p, _ := s.pendingFormFor(c, currentUser(c))
	if p == nil {
		return redirectWith(c, homePath(currentUser(c).Role), "", "没有需要继续提交的内容。")
	}
	page := resumePage{Path: p.Path}
	for name, vs := range p.Form() {
		for _, v := range vs {
			page.Fields = append(page.Fields, resumeField{Name: name, Value: v})
		}
	}
	return s.render(c, http.StatusOK, "resume.html", "继续提交", page)
}

// handleResumeDiscard drops the kept form.
func (s *Server) handleResumeDiscard(c echo.Context) error {
	if _, token := s.pendingFormFor(c, currentUser(c)); token != "" {
		if err := s.store.DeletePendingForm(c.Request().Context(), token); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	clearCookie(c, resumeCookie)
	return redirectWith(c, homePath(currentUser(c).Role), "", "已放弃保留的内容。")
}

// consumeResumeCookie forgets the kept form once it has been resubmitted.
func (s *Server) consumeResumeCookie(c echo.Context) {
	ck, err := c.Cookie(resumeCookie)
	if err != nil || ck.Value == "" {
		return
	}
	if p, err := s.store.FindPendingForm(c.Request().Context(), ck.Value, currentUser(c).ID); err == nil &&
		p.Path == c.Request().URL.Path {
		_ = s.store.DeletePendingForm(c.Request().Context(), ck.Value)
		clearCookie(c, resumeCookie)
	}
}
