package app

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"chainjudge/app/store"

	"github.com/labstack/echo/v4"
)

// Cookie names.
const (
	sessionCookie = "cj_session"
	csrfCookie    = "cj_csrf"
	flashCookie   = "cj_flash"
)

// Context keys.
const (
	ctxUser    = "user"
	ctxSession = "session"
	ctxCSRF    = "csrf"
	// ctxExpiredOwner is the user id of an expired session the request
	// still carried: a form it posts is kept for that user (see resume.go).
	ctxExpiredOwner = "expiredOwner"
)

// securityHeaders sets the headers every response carries: no framing, no
// MIME sniffing, no inline script, and a referrer policy that keeps URLs
// inside the site.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		if isSecure(c) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return next(c)
	}
}

// isSecure reports whether the request came over TLS (directly, or via a
// proxy that says so) — cookies are then marked Secure.
func isSecure(c echo.Context) bool {
	if c.Request().TLS != nil {
		return true
	}
	if v, ok := c.Get("secureCookies").(bool); ok && v {
		return true
	}
	return strings.EqualFold(c.Request().Header.Get("X-Forwarded-Proto"), "https")
}

// loadSession attaches the logged-in user, if any, to the request.
func (s *Server) loadSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set("secureCookies", s.cfg.SecureCookies)
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		ctx := c.Request().Context()
		sess, u, err := s.store.FindSession(ctx, ck.Value)
		switch {
		case errors.Is(err, store.ErrNotFound):
			clearCookie(c, sessionCookie)
			if owner, err := s.store.FindSessionOwner(ctx, ck.Value); err == nil {
				c.Set(ctxExpiredOwner, owner)
			}
			return next(c)
		case err != nil:
			return err
		}
		if err := s.store.TouchSession(ctx, sess, s.cfg.SessionIdle, s.cfg.SessionMax); err != nil {
			s.log.Warn("touch session", "err", err)
		}
		c.Set(ctxUser, u)
		c.Set(ctxSession, sess)
		return next(c)
	}
}

// currentUser is the logged-in user or nil.
func currentUser(c echo.Context) *store.User {
	u, _ := c.Get(ctxUser).(*store.User)
	return u
}

// requireRole lets only logged-in users with one of the roles through.
// Anonymous browsers are sent to the login page and come back afterwards;
// a user who must change an office-issued password is sent there first.
func (s *Server) requireRole(roles ...store.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil {
				if err := s.keepExpiredForm(c); err != nil {
					return err
				}
				return s.needLogin(c)
			}
			if u.MustChangePassword && c.Request().URL.Path != "/account/password" {
				setFlash(c, "warn", "请先修改办公室发放的初始密码。")
				return c.Redirect(http.StatusSeeOther, "/account/password")
			}
			allowed := len(roles) == 0
			for _, r := range roles {
				allowed = allowed || u.Role == r
			}
			if !allowed {
				return errForbidden
			}
			if c.Request().Method == http.MethodPost {
				s.consumeResumeCookie(c)
			}
			return next(c)
		}
	}
}

// needLogin answers a request that needs a session it does not have.
func (s *Server) needLogin(c echo.Context) error {
	if isAPI(c) || wantsJSON(c) {
		return echo.NewHTTPError(http.StatusUnauthorized, "请先登录")
	}
	next := c.Request().URL.RequestURI()
	if c.Request().Method != http.MethodGet {
		next = refererPath(c)
	}
	return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(next))
}

// refererPath is the same-site path the browser came from, or "/".
func refererPath(c echo.Context) string {
	ref, err := url.Parse(c.Request().Referer())
	if err != nil || ref.Path == "" || ref.Host != c.Request().Host {
		return "/"
	}
	return ref.RequestURI()
}

// safeNext keeps a post-login redirect inside the site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}

// csrfProtect implements double-submit CSRF protection: a random token lives
// in an HttpOnly, SameSite cookie and every state-changing request must echo
// it in the form field "csrf" or the X-CSRF-Token header. Nothing is kept in
// server memory, so any instance can check any request. Multipart forms carry
// the token in the query string so the check runs before the body is read.
func (s *Server) csrfProtect(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		token := ""
		if ck, err := c.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 {
			token = ck.Value
		} else {
			token = randomToken(32)
			c.SetCookie(&http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true,
				SameSite: http.SameSiteLaxMode, Secure: isSecure(c), MaxAge: 7 * 24 * 3600})
		}
		c.Set(ctxCSRF, token)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if isAPI(c) && strings.HasPrefix(c.Request().Header.Get("Authorization"), "Bearer ") {
			return next(c) // token-authenticated API clients send no cookies to forge
		}
		sent := c.Request().Header.Get("X-CSRF-Token")
		if sent == "" {
			sent = c.QueryParam("csrf")
		}
		if sent == "" && !strings.HasPrefix(c.Request().Header.Get("Content-Type"), "multipart/") {
			if err := c.Request().ParseForm(); tooLarge(err) {
				return errTooLarge
			}
			sent = c.FormValue("csrf")
		}
		if sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
			return errCSRF
		}
		return next(c)
	}
}

// csrfToken is the token to embed in forms.
func csrfToken(c echo.Context) string {
	t, _ := c.Get(ctxCSRF).(string)
	return t
}

func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func clearCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: isSecure(c)})
}

// isAPI reports whether the request is for the JSON API.
func isAPI(c echo.Context) bool {
	return strings.HasPrefix(c.Request().URL.Path, "/api/")
}

// wantsJSON reports whether a page request came from the autosave script.
func wantsJSON(c echo.Context) bool {
	return c.Request().Header.Get("X-Requested-With") == "fetch" ||
		strings.Contains(c.Request().Header.Get("Accept"), "application/json")
}

// encodeCookieText makes arbitrary text safe for a cookie value.
func encodeCookieText(s string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

func decodeCookieText(s string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return string(b), err == nil
}
